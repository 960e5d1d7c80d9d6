// input_injector.h: real mouse and keyboard input, fed to ImGui as if a user made it.
//
// GUI thread only. Events staged here are added to ImGui's input queue (io.AddMousePosEvent,
// AddMouseButtonEvent, AddKeyEvent, AddInputCharactersUTF8) from a NewFramePre context hook, that
// is after the platform backend queued its own events for the frame. That order matters: the
// GLFW backend re-sends the OS cursor position every frame while the window is focused, and a
// position staged before it would be overwritten. While the mouse is pinned, the pinned position
// is re-sent every frame for the same reason. ImGui's trickle queue then spreads the events over
// frames the way real input arrives (a press and its release never land in the same frame).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "imgui.h"

struct ImGuiContextHook;

namespace hooks {

class InputInjector {
  public:
    void install(ImGuiContext& ctx);    // adds the NewFramePre hook; once per context
    void uninstall(ImGuiContext& ctx);  // removes it (the context frees it when destroyed)
    bool installed() const { return hook_id_ != 0; }

    void pin_mouse(float x, float y);  // the mouse sits here until unpin_mouse()
    void unpin_mouse();
    void mouse_button(int button, bool down);  // 0 left, 1 right, 2 middle
    void key(ImGuiKey key, bool down);         // ImGuiKey_A, ImGuiMod_Ctrl, ImGuiKey_Enter...
    void text(const std::string& utf8);        // characters typed
    void release_all();                        // buttons and keys this injector holds go up

  private:
    static void on_new_frame_pre(ImGuiContext* ctx, ImGuiContextHook* hook);
    void flush(ImGuiIO& io);

    unsigned hook_id_ = 0;
    std::optional<ImVec2> pinned_;
    std::vector<std::function<void(ImGuiIO&)>> staged_;
    std::vector<int> buttons_down_;
    std::vector<ImGuiKey> keys_down_;
};

}  // namespace hooks
