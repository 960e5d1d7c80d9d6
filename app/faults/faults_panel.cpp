// faults_panel.cpp: the "Faults" panel: an Inject menu with every kind, a small form to aim a
// fault at another panel, and what was injected. Faults aimed at no panel run here.
#include "app/faults/fault_injector.h"
#include "imgui.h"
#include "imgui_guard/guard.h"

namespace imhost::faults {

void FaultInjector::draw_panel() {
    imgui_guard::guarded(kFaultsPanel, [this] { draw_window(); });
}

void FaultInjector::draw_window() {
    // The workbench's default layout fills the window below a 22 px strip; the Faults window
    // starts collapsed in that strip, so it covers no panel until someone opens it.
    ImGui::SetNextWindowPos(ImVec2(940, 0), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(340, 260), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowCollapsed(true, ImGuiCond_FirstUseEver);
    const bool open = ImGui::Begin(kFaultsPanel, nullptr, ImGuiWindowFlags_MenuBar);
    const auto kinds = this->kinds();
    auto inject = [&](const std::string& kind) {
        FaultRequest request{kind, target_panel_, std::nullopt};
        if (kind == "hang") request.ms = hang_ms_;
        arm(request);
        injected_.push_back(kind + " -> " + target_panel_);
        if (injected_.size() > 8) injected_.erase(injected_.begin());
    };
    if (open && ImGui::BeginMenuBar()) {
        if (ImGui::BeginMenu("Inject")) {
            for (const auto& [name, description] : kinds) {
                if (ImGui::MenuItem(name.c_str())) inject(name);
                ImGui::SetItemTooltip("%s", description.c_str());
            }
            ImGui::EndMenu();
        }
        ImGui::EndMenuBar();
    }
    if (open) {
        ImGui::TextWrapped("Deliberate failures, for testing the guard. Pick a kind and a panel.");
        if (selected_kind_ >= static_cast<int>(kinds.size())) selected_kind_ = 0;
        const char* preview = kinds.empty() ? "" : kinds[selected_kind_].first.c_str();
        if (ImGui::BeginCombo("kind", preview)) {
            for (int i = 0; i < static_cast<int>(kinds.size()); ++i)
                if (ImGui::Selectable(kinds[i].first.c_str(), i == selected_kind_))
                    selected_kind_ = i;
            ImGui::EndCombo();
        }
        if (ImGui::BeginCombo("panel", target_panel_.c_str())) {
            for (const std::string& panel : imgui_guard::panels_drawn_recently())
                if (ImGui::Selectable(panel.c_str(), panel == target_panel_)) target_panel_ = panel;
            ImGui::EndCombo();
        }
        ImGui::InputInt("hang ms", &hang_ms_);
        if (ImGui::Button("Inject##fault") && !kinds.empty()) inject(kinds[selected_kind_].first);
        ImGui::Separator();
        for (auto it = injected_.rbegin(); it != injected_.rend(); ++it)
            ImGui::BulletText("%s", it->c_str());
    }
    ImGui::End();
}

}  // namespace imhost::faults
