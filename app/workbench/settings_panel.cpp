// settings_panel.cpp: the project's model settings.
#include "app/workbench/panels.h"
#include "app/workbench/workbench.h"
#include "imgui.h"

namespace imhost {

void draw_settings_panel(Workbench& wb) {
    PanelInputs& in = wb.inputs();
    if (ImGui::Begin("Settings")) {
        Settings s = wb.project().settings;
        bool changed = false;
        if (ImGui::InputText("Model##input_settings_model", in.model, sizeof in.model) &&
            in.model[0] != 0) {
            s.model = in.model;
            changed = true;
        }
        float temperature = static_cast<float>(s.temperature);
        if (ImGui::SliderFloat("Temperature##slider_settings_temperature", &temperature, 0.0f,
                               static_cast<float>(kMaxTemperature), "%.2f")) {
            s.temperature = temperature;
            changed = true;
        }
        int max_tokens = s.max_tokens;
        if (ImGui::InputInt("Max tokens##input_settings_max_tokens", &max_tokens, 64, 1024)) {
            s.max_tokens = std::clamp(max_tokens, 1, kMaxTokensLimit);
            changed = true;
        }
        changed |= ImGui::Checkbox("Stream##chk_settings_stream", &s.stream);
        if (changed) {
            if (auto failed = wb.set_settings(s); !failed.empty()) wb.set_status(failed);
        }
        ImGui::TextDisabled("Saved with the project (autosave).");
    }
    ImGui::End();
}

}  // namespace imhost
