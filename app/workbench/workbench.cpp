// workbench.cpp: the app's panels.
#include "app/workbench/workbench.h"

#include "imgui.h"

namespace imhost {

void Workbench::draw() {
    ImGui::SetNextWindowPos(ImVec2(20, 20), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(360, 160), ImGuiCond_FirstUseEver);
    if (ImGui::Begin("imhost")) {
        ImGui::TextUnformatted("A Dear ImGui host, driven over HTTP.");
        if (ImGui::Button("Click me##btn_demo")) ++clicks_;
        ImGui::Text("clicks: %d", clicks_);
    }
    ImGui::End();
}

}  // namespace imhost
