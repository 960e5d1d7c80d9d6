// console_panel.cpp: tool output and the app log, with a filter and copy.
#include <string>

#include "app/workbench/panels.h"
#include "app/workbench/workbench.h"
#include "imgui.h"

namespace imhost {

void draw_console_panel(Workbench& wb) {
    PanelInputs& in = wb.inputs();
    ConsoleLog& console = wb.console();
    if (ImGui::Begin("Console")) {
        ImGui::SetNextItemWidth(200);
        ImGui::InputTextWithHint("##input_console_filter", "filter", in.console_filter,
                                 sizeof in.console_filter);
        ImGui::SameLine();
        if (ImGui::Button("Copy##btn_console_copy"))
            ImGui::SetClipboardText(console.joined(in.console_filter).c_str());
        ImGui::SameLine();
        if (ImGui::Button("Clear##btn_console_clear")) console.clear();
        ImGui::SameLine();
        ImGui::TextDisabled("%zu lines", console.size());
        if (ImGui::BeginChild("##console_lines", ImVec2(0, 0), ImGuiChildFlags_Borders,
                              ImGuiWindowFlags_HorizontalScrollbar)) {
            const bool at_bottom = ImGui::GetScrollY() >= ImGui::GetScrollMaxY();
            const std::string filter = in.console_filter;
            if (filter.empty()) {
                ImGuiListClipper clipper;
                clipper.Begin(static_cast<int>(console.size()));
                while (clipper.Step())
                    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
                        ImGui::TextUnformatted(console.line(static_cast<std::size_t>(i)).c_str());
                clipper.End();
            } else {
                for (std::size_t i = 0; i < console.size(); ++i)
                    if (console.line(i).find(filter) != std::string::npos)
                        ImGui::TextUnformatted(console.line(i).c_str());
            }
            if (at_bottom) ImGui::SetScrollHereY(1.0f);
        }
        ImGui::EndChild();
    }
    ImGui::End();
}

}  // namespace imhost
