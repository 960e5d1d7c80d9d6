// bench_items_panel.cpp: the benchmarks' panel (see bench_items_panel.h).
#include "app/bench_items_panel.h"

#include <time.h>

#include <cstdio>

#include "hooks/hook_engine.h"
#include "hooks/route_api.h"
#include "imgui.h"
#include "imgui_guard/test_engine_hooks.h"
#include "imgui_internal.h"

namespace imhost {

namespace {

std::int64_t thread_cpu_ns() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

}  // namespace

BenchItemsPanel::BenchItemsPanel(int items, bool animate, std::function<void()> wake)
    : items_(items), animate_(animate), wake_(std::move(wake)) {
    ImGuiContextHook hook;
    hook.Type = ImGuiContextHookType_NewFramePre;
    hook.Callback = &BenchItemsPanel::on_new_frame;
    hook.UserData = this;
    ImGui::AddContextHook(ImGui::GetCurrentContext(), &hook);
}

void BenchItemsPanel::on_new_frame(ImGuiContext*, ImGuiContextHook* hook) {
    static_cast<BenchItemsPanel*>(hook->UserData)->frame_start_ns_ = thread_cpu_ns();
}

// Called by the renderer backend for the first command of the background draw list, i.e. after
// Render() and the hooks' end-of-frame work, before the GL draw calls.
void BenchItemsPanel::on_draw_start(const ImDrawList*, const ImDrawCmd* cmd) {
    auto* self = static_cast<BenchItemsPanel*>(cmd->UserCallbackData);
    if (self->frame_start_ns_ < 0) return;
    const std::int64_t cpu_ns = thread_cpu_ns() - self->frame_start_ns_;
    self->frame_cpu_ns_ += cpu_ns;
    ++self->timed_frames_;
    if (imgui_guard::installed_item_sink(*ImGui::GetCurrentContext())) {  // the registry's
        self->registry_cpu_ns_ += cpu_ns;
        ++self->registry_frames_;
    }
    self->frame_start_ns_ = -1;
}

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
    hooks.bind_value("bench_frame_cpu", {[this] {
                                             return nlohmann::json{
                                                 {"frames", timed_frames_},
                                                 {"cpu_ns", frame_cpu_ns_},
                                                 {"registry_frames", registry_frames_},
                                                 {"registry_cpu_ns", registry_cpu_ns_}};
                                         },
                                         {}});
}

void BenchItemsPanel::draw() {
    ImGui::GetBackgroundDrawList()->AddCallback(&BenchItemsPanel::on_draw_start, this);
    ImGui::SetNextWindowPos(ImVec2(400, 20), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(860, 760), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowBgAlpha(1.0f);  // its screenshots show only itself (bench: actions)
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
