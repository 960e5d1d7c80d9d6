// discussion_panel.cpp: the message log (a list clipper, so long logs stay cheap) and the input.
#include <ctime>

#include "app/workbench/panels.h"
#include "app/workbench/workbench.h"
#include "imgui.h"

namespace imhost {

void draw_discussion_panel(Workbench& wb) {
    PanelInputs& in = wb.inputs();
    if (ImGui::Begin("Discussion")) {
        const auto& log = wb.project().discussion;
        ImGui::Text("%zu messages", log.size());
        const float input_height = ImGui::GetFrameHeightWithSpacing() + 4;
        if (ImGui::BeginChild("##discussion_log", ImVec2(0, -input_height), ImGuiChildFlags_Borders,
                              ImGuiWindowFlags_HorizontalScrollbar)) {
            const bool at_bottom = ImGui::GetScrollY() >= ImGui::GetScrollMaxY();
            ImGuiListClipper clipper;
            clipper.Begin(static_cast<int>(log.size()));
            while (clipper.Step()) {
                for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                    const Message& m = log[static_cast<std::size_t>(i)];
                    char when[16] = "";
                    std::tm tm{};
                    const std::time_t t = static_cast<std::time_t>(m.time);
                    localtime_r(&t, &tm);
                    std::strftime(when, sizeof when, "%H:%M:%S", &tm);
                    ImGui::TextDisabled("%s", when);
                    ImGui::SameLine();
                    ImGui::TextColored(ImVec4(0.55f, 0.8f, 1.0f, 1.0f), "%s:", m.author.c_str());
                    ImGui::SameLine();
                    ImGui::TextUnformatted(m.text.c_str());
                }
            }
            clipper.End();
            if (at_bottom) ImGui::SetScrollHereY(1.0f);  // follow new messages
        }
        ImGui::EndChild();
        ImGui::SetNextItemWidth(-70);
        const bool enter =
            ImGui::InputText("##input_discussion_message", in.message, sizeof in.message,
                             ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::SameLine();
        if (ImGui::Button("Send##btn_discussion_send") || enter) {
            if (auto failed = wb.send_message(in.message); !failed.empty())
                wb.set_status(failed);
            else
                in.message[0] = 0;
        }
    }
    ImGui::End();
}

}  // namespace imhost
