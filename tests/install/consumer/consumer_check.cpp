// consumer_check.cpp: a project's own Dear ImGui, built through IMHOST_IMGUI_TARGET, has the
// guard: a failed IM_ASSERT in this file is recorded (not an abort), and the hook server, built
// against that same ImGui, starts and answers for it. Headless: no window, no backend.
#include <cstdio>
#include <string>

#include "hooks/hook_engine.h"
#include "imgui.h"
#include "imgui_guard/guard.h"

int main() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(800, 600);
    io.DeltaTime = 1.0f / 60.0f;
    io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;  // 1.92: no renderer needed
    io.Fonts->AddFontDefault();

    int failures = 0;
    {
        hooks::HookEngine engine({.server = {.port = 0, .token = hooks::random_token()}});
        if (const std::string error = engine.start(); !error.empty()) {
            std::printf("FAIL: the hook server did not start: %s\n", error.c_str());
            return 1;
        }
        ImGui::NewFrame();
        const bool clean = imgui_guard::guarded("Consumer panel", [] {
            ImGui::Begin("Consumer");
            IM_ASSERT(false && "the consumer's own failing assertion");
            ImGui::End();
        });
        ImGui::Render();
        engine.frame_rendered();  // a frame was made: health can judge it
        const imgui_guard::GuardSnapshot seen = imgui_guard::snapshot();
        if (clean) {
            ++failures;
            std::printf("FAIL: guarded() did not see the assertion\n");
        }
        if (!seen.last_assert ||
            seen.last_assert->file.find("consumer_check.cpp") == std::string::npos) {
            ++failures;
            std::printf("FAIL: no assert record naming consumer_check.cpp\n");
        } else {
            std::printf("recorded: %s (%s:%d, panel %s)\n", seen.last_assert->message.c_str(),
                        seen.last_assert->file.c_str(), seen.last_assert->line,
                        seen.last_assert->panel.c_str());
        }
        const std::string status = engine.health().value("status", std::string());
        if (status != "warn") {  // an assert was recorded and recovered from
            ++failures;
            std::printf("FAIL: health is '%s', not warn:\n%s\n", status.c_str(),
                        engine.health().dump(2).c_str());
        }
        engine.stop();
    }
    ImGui::DestroyContext();
    std::printf(failures ? "consumer_check: FAILED\n" : "consumer_check: OK\n");
    return failures ? 1 : 0;
}
