// health_panel.cpp: what /api/gui_health says, for people: status and reasons, the guard's
// records with copyable stack traces, the IO pool's figures, the hook URL, quarantined panels
// with re-enable, and "Clear errors" (btn_errors_clear).
#include <nlohmann/json.hpp>
#include <string>

#include "app/workbench/panels.h"
#include "app/workbench/workbench.h"
#include "hooks/hook_engine.h"
#include "imgui.h"
#include "imgui_guard/guard.h"

namespace imhost {

namespace {

ImVec4 status_colour(const std::string& status) {
    if (status == "pass") return ImVec4(0.4f, 0.9f, 0.4f, 1);
    if (status == "warn") return ImVec4(1.0f, 0.8f, 0.3f, 1);
    return ImVec4(1.0f, 0.4f, 0.4f, 1);
}

}  // namespace

void draw_health_panel(Workbench& wb) {
    if (!ImGui::Begin("Health")) {
        ImGui::End();
        return;
    }
    hooks::HookEngine& hooks = wb.hooks();
    const nlohmann::json body = hooks.health();
    const std::string status = body.value("status", "?");
    ImGui::TextColored(status_colour(status), "Status: %s", status.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("phase %s", body.value("phase", "?").c_str());
    if (auto it = body.find("degraded_reasons"); it != body.end() && it->is_array())
        for (const auto& reason : *it)
            if (reason.is_string()) ImGui::BulletText("%s", reason.get<std::string>().c_str());
    ImGui::Text("Hook URL: %s", hooks.url().c_str());

    const hooks::IoPoolFigures pool = wb.pool().figures();
    ImGui::SeparatorText("IO pool");
    ImGui::TextColored(status_colour(pool.state == "running"    ? "pass"
                                     : pool.state == "degraded" ? "warn"
                                                                : "fail"),
                       "%s", pool.state.c_str());
    ImGui::SameLine();
    ImGui::Text("workers %d  queued %llu  active %llu  completed %llu  failed %llu  rejected %llu",
                pool.workers, static_cast<unsigned long long>(pool.queued),
                static_cast<unsigned long long>(pool.active),
                static_cast<unsigned long long>(pool.completed),
                static_cast<unsigned long long>(pool.failed),
                static_cast<unsigned long long>(pool.rejected));
    if (!pool.last_error.empty()) ImGui::TextWrapped("last error: %s", pool.last_error.c_str());

    const imgui_guard::GuardSnapshot guard = imgui_guard::snapshot();
    ImGui::SeparatorText("Guard");
    ImGui::Text("asserts %llu  user errors %llu  scope leaks %llu  exceptions %llu  io errors %llu",
                static_cast<unsigned long long>(guard.asserts),
                static_cast<unsigned long long>(guard.user_errors),
                static_cast<unsigned long long>(guard.scope_leaks),
                static_cast<unsigned long long>(guard.exceptions),
                static_cast<unsigned long long>(guard.io_errors));
    if (ImGui::Button("Clear errors##btn_errors_clear")) {
        imgui_guard::clear_errors();
        wb.pool().clear_degraded();
        wb.set_status("");
    }
    for (const std::string& panel : guard.quarantined_panels) {
        ImGui::PushID(panel.c_str());
        ImGui::TextColored(ImVec4(1, 0.5f, 0.3f, 1), "quarantined: %s", panel.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton(("Re-enable##btn_reenable_" + panel).c_str()))
            imgui_guard::reenable_panel(panel);
        ImGui::PopID();
    }
    if (ImGui::BeginChild("##guard_records", ImVec2(0, -ImGui::GetFrameHeightWithSpacing()),
                          ImGuiChildFlags_Borders)) {
        const auto records = imgui_guard::records_since(0);
        for (auto it = records.rbegin(); it != records.rend(); ++it) {
            const imgui_guard::Record& r = *it;
            ImGui::PushID(static_cast<int>(r.seq));
            const bool open = ImGui::TreeNode(
                "##record", "[%s] x%llu %s%s%s", imgui_guard::kind_name(r.kind),
                static_cast<unsigned long long>(r.count), r.panel.empty() ? "" : r.panel.c_str(),
                r.panel.empty() ? "" : ": ", r.message.c_str());
            if (open) {
                if (ImGui::SmallButton("Copy stack")) ImGui::SetClipboardText(r.stacktrace.c_str());
                ImGui::TextUnformatted(r.stacktrace.empty() ? "(no stack)" : r.stacktrace.c_str());
                ImGui::TreePop();
            }
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
    // The foundation's demo button, kept for the hooks' live tests.
    if (ImGui::SmallButton("Ping##btn_demo")) ++wb.inputs().demo_clicks;
    ImGui::SameLine();
    ImGui::TextDisabled("clicks: %d", wb.inputs().demo_clicks);
    ImGui::End();
}

}  // namespace imhost
