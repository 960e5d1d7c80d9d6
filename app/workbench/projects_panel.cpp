// projects_panel.cpp: the workspace's projects: switch, new (automated or named), rename,
// delete with confirmation, save.
#include <cstdio>

#include "app/workbench/panels.h"
#include "app/workbench/workbench.h"
#include "imgui.h"

namespace imhost {

void draw_projects_panel(Workbench& wb) {
    PanelInputs& in = wb.inputs();
    if (ImGui::Begin("Projects")) {
        if (!wb.ready()) ImGui::TextDisabled("Opening the workspace...");
        ImGui::Text("Open: %s%s", wb.project().name.c_str(), wb.dirty() ? " (unsaved)" : "");
        if (ImGui::Button("Save##btn_project_save")) wb.save();
        ImGui::SameLine();
        if (ImGui::Button("New automated##btn_project_new_automated")) {
            if (auto failed = wb.new_project(""); !failed.empty()) wb.set_status(failed);
        }
        ImGui::SameLine();
        if (ImGui::Button("New...##btn_project_new"))
            ImGui::OpenPopup("New project##popup_project_new");
        if (ImGui::BeginPopup("New project##popup_project_new")) {
            ImGui::InputText("Name##input_project_name", in.project_name, sizeof in.project_name);
            if (ImGui::Button("Create##btn_project_create")) {
                if (auto failed = wb.new_project(in.project_name); !failed.empty())
                    wb.set_status(failed);
                else
                    in.project_name[0] = 0, ImGui::CloseCurrentPopup();
            }
            ImGui::SameLine();
            if (ImGui::Button("Cancel##btn_project_new_cancel")) ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
        }
        ImGui::SetNextItemWidth(160);
        ImGui::InputText("##input_project_rename", in.rename_to, sizeof in.rename_to);
        ImGui::SameLine();
        if (ImGui::Button("Rename##btn_project_rename")) {
            if (auto failed = wb.rename_project(in.rename_to); !failed.empty())
                wb.set_status(failed);
            else
                in.rename_to[0] = 0;
        }
        if (!wb.status().empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.4f, 1.0f));
            ImGui::TextWrapped("%s", wb.status().c_str());
            ImGui::PopStyleColor();
        }
        ImGui::Separator();
        if (ImGui::BeginChild("##projects_list", ImVec2(0, 0), ImGuiChildFlags_None)) {
            for (const WorkspaceEntry& e : wb.entries()) {
                ImGui::PushID(e.name.c_str());
                const bool current = e.name == wb.project().name;
                if (!e.error.empty()) {
                    ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s (corrupt, not opened)",
                                       e.name.c_str());
                    ImGui::SetItemTooltip("%s", e.error.c_str());
                } else if (ImGui::Selectable(e.name.c_str(), current, 0,
                                             ImVec2(ImGui::GetContentRegionAvail().x - 60, 0)) &&
                           !current) {
                    wb.switch_project(e.name);
                }
                if (!current) {
                    ImGui::SameLine();
                    if (ImGui::SmallButton("Delete")) {
                        in.delete_candidate = e.name;
                        ImGui::OpenPopup("Delete project?");
                    }
                }
                if (ImGui::BeginPopupModal("Delete project?", nullptr,
                                           ImGuiWindowFlags_AlwaysAutoResize)) {
                    ImGui::Text("Delete '%s' and its file? This cannot be undone.",
                                in.delete_candidate.c_str());
                    if (ImGui::Button("Delete##btn_project_delete_confirm")) {
                        if (auto failed = wb.delete_project(in.delete_candidate); !failed.empty())
                            wb.set_status(failed);
                        ImGui::CloseCurrentPopup();
                    }
                    ImGui::SameLine();
                    if (ImGui::Button("Cancel##btn_project_delete_cancel"))
                        ImGui::CloseCurrentPopup();
                    ImGui::EndPopup();
                }
                ImGui::PopID();
            }
        }
        ImGui::EndChild();
    }
    ImGui::End();
}

}  // namespace imhost
