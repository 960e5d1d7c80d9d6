// recorder_window.cpp: the Recorder window (recorder_window.h).
#include "app/record/recorder_window.h"

#include <imgui.h>

#include <string>

#include "hooks/hook_engine.h"
#include "hooks/record/step_code.h"
#include "hooks/record/step_recorder.h"

namespace imhost {

namespace {

// "menu Tools/Style Editor", "click {"id":"btn_save"}": one line per step.
std::string summary(const nlohmann::json& step) {
    std::string line = step.value("action", "?");
    for (const char* field : {"path", "target", "window", "condition"})
        if (step.contains(field))
            line += " " +
                    (step[field].is_string() ? step[field].get<std::string>() : step[field].dump());
    for (const char* field : {"value", "item", "open", "keys"})
        if (step.contains(field)) line += " = " + step[field].dump();
    return line;
}

}  // namespace

void RecorderWindow::draw() {
    if (ImGui::IsKeyPressed(ImGuiKey_F9, false)) open_ = !open_;
    if (!open_) return;
    ImGui::SetNextWindowSize(ImVec2(460, 320), ImGuiCond_FirstUseEver);
    if (ImGui::Begin(hooks::kRecorderWindow, &open_)) {
        const nlohmann::json doc = hooks_.recorded();
        const nlohmann::json& steps = doc["steps"];
        if (!doc["recording"].get<bool>()) {
            if (ImGui::Button("Start##btn_record_start")) hooks_.record_start();
        } else if (ImGui::Button("Stop##btn_record_stop")) {
            hooks_.record_stop();
        }
        ImGui::SameLine();
        if (ImGui::Button("Copy as pytest##btn_record_copy_pytest"))
            ImGui::SetClipboardText(
                hooks::step_code(steps, doc["app"], hooks::CodeFormat::pytest).c_str());
        ImGui::SameLine();
        ImGui::Text("%s, %zu steps", doc["recording"].get<bool>() ? "recording" : "stopped",
                    steps.size());
        if (ImGui::BeginChild("##record_steps")) {
            for (const nlohmann::json& step : steps) ImGui::TextUnformatted(summary(step).c_str());
            if (doc["recording"].get<bool>() && ImGui::GetScrollY() >= ImGui::GetScrollMaxY())
                ImGui::SetScrollHereY(1.0f);  // follow the newest step
        }
        ImGui::EndChild();
    }
    ImGui::End();
}

}  // namespace imhost
