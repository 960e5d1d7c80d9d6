// frame_loop.h: the event-driven frame loop of the GUI thread.
//
// Each iteration: draw one ImGui frame (the app's draw callback; the hooks bound to ImGui's
// context beat the heartbeat and run their queued commands inside NewFrame()), render, tell the
// hooks the frame is rendered (they read it back for a screenshot), present. Then
// sleep in glfwWaitEventsTimeout() until input, a command (the hooks wake the loop), or a timer.
// An idle app draws about one frame a second.
//
// The frame runs inside imgui_guard's frame guard (imgui_guard::guarded_frame). If ImGui can no
// longer make frames, the loop stops cleanly: health's phase becomes `crashed` (commands fail
// at once), the on_fatal callback runs, and the process stays alive serving the hooks until a
// stop is asked (POST /api/shutdown, SIGTERM/SIGINT, window close): run() then returns kExitOk,
// the stop being orderly (the crash is in health and the records). If --linger seconds pass
// first, run() returns kExitCrashed: the process ends by itself because of the crash.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "app/app_options.h"

namespace hooks {
class HookEngine;
}

namespace imhost {

class GlfwHost;

class FrameLoop {
  public:
    FrameLoop(GlfwHost& host, hooks::HookEngine& hooks, const AppOptions& options);

    void set_draw(std::function<void()> draw);  // the app's UI, once per frame
    // Called once, on the GUI thread, when the frame loop cannot go on (e.g. to degrade the IO
    // pool). The hook server keeps answering afterwards.
    void set_on_fatal(std::function<void(const std::string& reason)> on_fatal);

    int run();  // until the window closes or shutdown is requested; returns the exit code

  private:
    int die(const std::string& reason);  // the frame loop cannot go on: see above
    bool commands_pending() const;       // a hook command waits for the next frame

    GlfwHost& host_;
    hooks::HookEngine& hooks_;
    const AppOptions& options_;
    std::function<void()> draw_;
    std::function<void(const std::string&)> on_fatal_;
    std::chrono::steady_clock::time_point last_present_{};  // the last frame drawn on screen
};

}  // namespace imhost
