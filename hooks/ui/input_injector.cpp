// input_injector.cpp: staged input events, flushed into ImGui at the start of NewFrame().
#include "hooks/ui/input_injector.h"

#include <algorithm>

#include "imgui_internal.h"

namespace hooks {

void InputInjector::install(ImGuiContext& ctx) {
    if (hook_id_ != 0) return;
    ImGuiContextHook hook;
    hook.Type = ImGuiContextHookType_NewFramePre;
    hook.Callback = &InputInjector::on_new_frame_pre;
    hook.UserData = this;
    hook_id_ = ImGui::AddContextHook(&ctx, &hook);
}

void InputInjector::uninstall(ImGuiContext& ctx) {
    if (hook_id_ != 0) ImGui::RemoveContextHook(&ctx, hook_id_);
    hook_id_ = 0;
}

void InputInjector::on_new_frame_pre(ImGuiContext* ctx, ImGuiContextHook* hook) {
    static_cast<InputInjector*>(hook->UserData)->flush(ctx->IO);
}

void InputInjector::flush(ImGuiIO& io) {
    if (pinned_) io.AddMousePosEvent(pinned_->x, pinned_->y);
    for (auto& event : staged_) event(io);
    staged_.clear();
}

void InputInjector::pin_mouse(float x, float y) {
    pinned_ = ImVec2(x, y);
    staged_.push_back([x, y](ImGuiIO& io) { io.AddMousePosEvent(x, y); });
}

void InputInjector::unpin_mouse() { pinned_.reset(); }

void InputInjector::mouse_button(int button, bool down) {
    auto it = std::find(buttons_down_.begin(), buttons_down_.end(), button);
    if (down && it == buttons_down_.end()) buttons_down_.push_back(button);
    if (!down && it != buttons_down_.end()) buttons_down_.erase(it);
    staged_.push_back([button, down](ImGuiIO& io) { io.AddMouseButtonEvent(button, down); });
}

void InputInjector::key(ImGuiKey key, bool down) {
    auto it = std::find(keys_down_.begin(), keys_down_.end(), key);
    if (down && it == keys_down_.end()) keys_down_.push_back(key);
    if (!down && it != keys_down_.end()) keys_down_.erase(it);
    staged_.push_back([key, down](ImGuiIO& io) { io.AddKeyEvent(key, down); });
}

void InputInjector::text(const std::string& utf8) {
    staged_.push_back([utf8](ImGuiIO& io) { io.AddInputCharactersUTF8(utf8.c_str()); });
}

void InputInjector::release_all() {
    for (int button : std::vector<int>(buttons_down_)) mouse_button(button, false);
    for (ImGuiKey k : std::vector<ImGuiKey>(keys_down_)) key(k, false);
    unpin_mouse();
}

}  // namespace hooks
