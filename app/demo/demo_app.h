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
// item's own flags (GET /api/items/value). The workbench is not built in this mode. While the
// demo window is closed (its title bar's close button), a small "Demo closed" window offers
// "Reopen it" (id btn_demo_reopen), so a user is never left with an empty window.
#pragma once

namespace hooks {
class HookEngine;
}

namespace imhost {

class DemoApp {
  public:
    static constexpr const char* kPanel = "Dear ImGui Demo";  // the guarded panel and its window

    // The window size `--demo` opens with when --window-size is not given: it holds the demo
    // window and every tool and example window its menus open, at their default places.
    // Measured through GET /api/windows with all of them open (1.92.2b, default font): the demo
    // window ends at x 1200, y 700 (it opens at (650, 20), 550x680); the others open at (60, 60)
    // and the widest ends at x 860 (Assets Browser), the tallest at y 981 (Documents, which sizes
    // itself to its contents). imhost's own collapsed Faults window (--enable-fault-injection)
    // ends at x 1280. The one exception is the Style Editor, whose contents are 1583 px tall:
    // ImGui clamps a window that sizes itself to the display's height, so it scrolls at any size
    // a screen can hold. tests/live/demo/demo_live_test.cpp checks all of this.
    static constexpr int kWindowWidth = 1280;
    static constexpr int kWindowHeight = 1000;

    // Registers the reset hook: POST /api/reset reopens the demo window if it was closed, puts
    // it back where and as large as it opens, scrolled to the top, with every header and tree
    // node of the demo window closed. The tool windows its menus opened stay open (their flags
    // are private to imgui_demo.cpp), and so do the values of its widgets.
    explicit DemoApp(hooks::HookEngine& hooks);

    void draw();  // GUI thread, inside a frame: the guarded panel kPanel
    bool demo_window_open() const { return open_; }

  private:
    void reset();               // GUI thread, inside a frame (the reset hook)
    void draw_closed_notice();  // while the demo window is closed: a way to reopen it

    bool open_ = true;  // the demo window's close button clears it (GUI thread only)
};

}  // namespace imhost
