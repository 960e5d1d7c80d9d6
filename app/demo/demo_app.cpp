// demo_app.cpp: the hosted demo: one guarded panel around ImGui::ShowDemoWindow(), and its reset.
#include "app/demo/demo_app.h"

#include "hooks/hook_engine.h"
#include "imgui.h"
#include "imgui_guard/guard.h"
#include "imgui_internal.h"

namespace imhost {

namespace {

// Where and how large imgui_demo.cpp opens its window (ShowDemoWindow(), ImGuiCond_FirstUseEver),
// relative to the main viewport's work area.
constexpr ImVec2 kDemoWindowPos{650, 20};
constexpr ImVec2 kDemoWindowSize{550, 680};

}  // namespace

DemoApp::DemoApp(hooks::HookEngine& hooks) {
    hooks.set_reset_hook([this] { reset(); });
}

void DemoApp::draw() {
    imgui_guard::guarded(kPanel, [this] {
        if (open_)
            ImGui::ShowDemoWindow(&open_);
        else
            draw_closed_notice();
    });
}

void DemoApp::draw_closed_notice() {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(viewport->WorkPos.x + kDemoWindowPos.x, viewport->WorkPos.y + kDemoWindowPos.y),
        ImGuiCond_Appearing);
    ImGui::Begin("Demo closed", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::TextUnformatted("The Dear ImGui Demo window is closed.");
    if (ImGui::Button("Reopen it##btn_demo_reopen")) open_ = true;
    ImGui::End();
}

void DemoApp::reset() {
    open_ = true;
    ImGuiWindow* window = ImGui::FindWindowByName(kPanel);
    if (!window) return;  // not drawn yet: it opens as imgui_demo.cpp places it
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetWindowPos(
        window,
        ImVec2(viewport->WorkPos.x + kDemoWindowPos.x, viewport->WorkPos.y + kDemoWindowPos.y),
        ImGuiCond_Always);
    ImGui::SetWindowSize(window, kDemoWindowSize, ImGuiCond_Always);
    ImGui::SetWindowCollapsed(window, false, ImGuiCond_Always);
    ImGui::SetScrollY(window, 0);
    // The open state of the window's headers and tree nodes (CollapsingHeader, TreeNode) lives
    // in its state storage, keyed by item ID: emptied, every one of them draws closed again.
    window->StateStorage.Clear();
}

}  // namespace imhost
