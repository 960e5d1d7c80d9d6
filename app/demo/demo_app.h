// demo_app.h: Dear ImGui's own demo (imgui_demo.cpp) as the system under test (`imhost --demo`).
//
//   DemoApp demo(hooks);                     // before hooks.start(): the reset hook
//   loop.set_draw([&] { demo.draw(); });     // once per frame, instead of the workbench
//
// ImGui::ShowDemoWindow() draws the "Dear ImGui Demo" window and every example and tool window
// its menus open (Style Editor, About, Metrics/Debugger, Console, Custom rendering, ...). All of
// it runs inside one guarded panel named like the window, kPanel: a misuse anywhere in that code
// is a record naming "Dear ImGui Demo", ImGui is recovered, and the demo draws on. Fault
// injection aims at it with {"kind": "missing_end", "panel": "Dear ImGui Demo"}.
//
// Nobody here wrote that code, so the hooks see it as a user's app: no value bindings, no state
// provider (no GET /api/state), no app routes; items are found by their labels
// ({"label": "Help", "window": "Dear ImGui Demo"}), checkboxes and tree nodes read through the
// item's own flags (GET /api/items/value). The workbench is not built in this mode.
#pragma once

namespace hooks {
class HookEngine;
}

namespace imhost {

class DemoApp {
  public:
    static constexpr const char* kPanel = "Dear ImGui Demo";  // the guarded panel and its window

    // The window size `--demo` opens with when --window-size is not given. The demo window opens
    // at (650, 20), 550x680 (its right edge at 1200, its bottom at 700); of the tool and example
    // windows its menus open at their default places, the lowest reaches y 808 (measured through
    // GET /api/windows, see README "Dear ImGui's demo"). The window fits them all, with a margin.
    static constexpr int kWindowWidth = 1280;
    static constexpr int kWindowHeight = 840;

    // Registers the reset hook: POST /api/reset reopens the demo window if it was closed, puts
    // it back where and as large as it opens, scrolled to the top, with every header and tree
    // node of the demo window closed. The tool windows its menus opened stay open (their flags
    // are private to imgui_demo.cpp), and so do the values of its widgets.
    explicit DemoApp(hooks::HookEngine& hooks);

    void draw();  // GUI thread, inside a frame: the guarded panel kPanel
    bool demo_window_open() const { return open_; }

  private:
    void reset();                // GUI thread, inside a frame (the reset hook)
    void draw_closed_notice();   // while the demo window is closed: a way to reopen it

    bool open_ = true;  // the demo window's close button clears it (GUI thread only)
};

}  // namespace imhost
