// tools_panel.cpp: named commands, each with a run button (btn_tool_run_<name>) and a cancel.
#include <string>

#include "app/workbench/panels.h"
#include "app/workbench/workbench.h"
#include "imgui.h"

namespace imhost {

void draw_tools_panel(Workbench& wb) {
    PanelInputs& in = wb.inputs();
    if (ImGui::Begin("Tools")) {
        ImGui::SetNextItemWidth(100);
        ImGui::InputTextWithHint("##input_tool_name", "name", in.tool_name, sizeof in.tool_name);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-110);
        ImGui::InputTextWithHint("##input_tool_command", "command", in.tool_command,
                                 sizeof in.tool_command);
        ImGui::SameLine();
        ImGui::Checkbox("sh##chk_tool_shell", &in.tool_shell);
        ImGui::SetItemTooltip("Run through /bin/sh -c (pipes, globs, variables)");
        ImGui::SameLine();
        if (ImGui::Button("Add##btn_tool_add")) {
            if (auto failed = wb.add_tool(in.tool_name, in.tool_command, in.tool_shell);
                !failed.empty())
                wb.set_status(failed);
            else
                in.tool_name[0] = in.tool_command[0] = 0;
        }
        std::string remove;
        if (ImGui::BeginTable("##tools_table", 4,
                              ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
            for (const Tool& tool : wb.project().tools) {
                ImGui::PushID(tool.name.c_str());
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                const bool running = wb.tool_running(tool.name);
                if (running) {
                    if (ImGui::Button(("Cancel##btn_tool_cancel_" + tool.name).c_str()))
                        wb.cancel_tool(tool.name);
                } else if (ImGui::Button(("Run##btn_tool_run_" + tool.name).c_str())) {
                    if (auto failed = wb.run_tool(tool.name); !failed.empty())
                        wb.set_status(failed);
                }
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(tool.name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextDisabled("%s%s", tool.shell ? "sh: " : "", tool.command.c_str());
                ImGui::TableNextColumn();
                if (running)
                    ImGui::TextUnformatted("running");
                else if (tool.last_exit_code)
                    ImGui::Text("exit %d", *tool.last_exit_code);
                else
                    ImGui::TextDisabled("not run");
                ImGui::SameLine();
                if (!running && ImGui::SmallButton("x")) remove = tool.name;
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
        if (!remove.empty()) wb.remove_tool(remove);
    }
    ImGui::End();
}

}  // namespace imhost
