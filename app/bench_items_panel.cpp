// bench_items_panel.cpp: the benchmarks' panel (see bench_items_panel.h).
#include "app/bench_items_panel.h"

#include <cstdio>

#include "hooks/api_error.h"
#include "hooks/hook_engine.h"
#include "imgui.h"

namespace imhost {

BenchItemsPanel::BenchItemsPanel(int items, bool animate, std::function<void()> wake)
    : items_(items), animate_(animate), wake_(std::move(wake)) {}

void BenchItemsPanel::bind_values(hooks::HookEngine& hooks) {
    hooks.bind_value("bench_clicks", {[this] { return nlohmann::json(clicks_); }, {}});
    hooks.bind_value("bench_value", {[this] { return nlohmann::json(value_); },
                                     [this](const nlohmann::json& v) {
                                         if (!v.is_number_integer())
                                             throw hooks::ApiError(
                                                 hooks::ErrorCode::invalid_argument,
                                                 "bench_value takes an integer");
                                         value_ = v.get<long long>();
                                     }});
}

void BenchItemsPanel::draw() {
    ImGui::SetNextWindowPos(ImVec2(400, 20), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(860, 760), ImGuiCond_FirstUseEver);
    if (ImGui::Begin("Bench")) {
        if (ImGui::Button("Bump##btn_bench_bump")) ++clicks_;
        ImGui::SameLine();
        ImGui::Text("clicks: %d  value: %lld  items: %d", clicks_, value_, items_);
        if (ImGui::BeginChild("bench_items", ImVec2(0, 0), ImGuiChildFlags_Borders)) {
            char label[48];
            for (int i = 0; i < items_; ++i) {
                std::snprintf(label, sizeof label, "item %d##bench_item_%d", i, i);
                if (i % 12 != 0) ImGui::SameLine();
                ImGui::SmallButton(label);
            }
        }
        ImGui::EndChild();
    }
    ImGui::End();
    if (animate_ && wake_) wake_();
}

}  // namespace imhost
