// recorder_window.h: the Recorder window, for a person at the screen: F9 shows or hides it;
// Start, Stop, the steps so far (live), and "Copy as pytest" (to the clipboard).
//
//   RecorderWindow recorder(hooks);
//   loop.set_draw([&] { ...; recorder.draw(); });   // once per frame, GUI thread
//
// The window is named hooks::kRecorderWindow, whose items the recorder never records; F9 itself
// is never recorded either (hooks::kRecorderKey). It drives the same recorder as
// POST /api/record/start|stop.
#pragma once

namespace hooks {
class HookEngine;
}

namespace imhost {

class RecorderWindow {
  public:
    explicit RecorderWindow(hooks::HookEngine& hooks) : hooks_(hooks) {}
    void draw();

  private:
    hooks::HookEngine& hooks_;
    bool open_ = false;
};

}  // namespace imhost
