// headless_imgui.cpp: context setup and one guarded frame, without a backend.
#include "tests/unit/imgui_guard/headless_imgui.h"

#include "imgui.h"
#include "imgui_internal.h"

namespace guard_test {

HeadlessImGui::HeadlessImGui() {
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(800, 600);
    io.DeltaTime = 1.0f / 60.0f;
    // 1.92: a renderer that handles textures itself; none is needed for draw lists.
    io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;
    io.Fonts->AddFontDefault();
}

HeadlessImGui::~HeadlessImGui() { ImGui::DestroyContext(context_); }

imgui_guard::FrameOutcome HeadlessImGui::frame(const std::function<void()>& draw) {
    imgui_guard::set_frame_index(++frames_);
    return imgui_guard::guarded_frame(
        [] {
            ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
            ImGui::NewFrame();
        },
        draw);
}

void HealthyPanel::draw() {
    ++draws;
    // Debug##Default (ImGui's implicit window) is the only window around a top-level panel.
    if (ImGui::GetCurrentContext()->CurrentWindowStack.Size != 1) ++nested_draws;
    ImGui::Begin(name.c_str());
    ImGui::PushID("row");
    ImGui::Text("draws: %d", draws);
    ImGui::Button("OK");
    ImGui::PopID();
    ImGui::End();
}

FaultFrame fault_frame(HeadlessImGui& imgui, HealthyPanel& healthy, const char* panel,
                       const std::function<void()>& draw) {
    for (int i = 0; i < 3; ++i)
        EXPECT_TRUE(imgui.frame([&] { imgui_guard::guarded("Healthy", [&] { healthy.draw(); }); })
                        .rendered);
    const std::uint64_t seq = imgui_guard::snapshot().last_seq;
    FaultFrame out;
    out.outcome = imgui.frame([&] {
        imgui_guard::guarded("Healthy", [&] { healthy.draw(); });
        out.returned = imgui_guard::guarded(panel, draw);
        imgui_guard::guarded("Healthy", [&] { healthy.draw(); });
    });
    out.records = imgui_guard::records_since(seq);
    return out;
}

std::vector<imgui_guard::Record> healthy_frames(HeadlessImGui& imgui, HealthyPanel& healthy,
                                                int frames) {
    const std::uint64_t seq = imgui_guard::snapshot().last_seq;
    for (int i = 0; i < frames; ++i) {
        const auto next =
            imgui.frame([&] { imgui_guard::guarded("Healthy", [&] { healthy.draw(); }); });
        EXPECT_TRUE(next.rendered && !next.fatal) << "frame " << i << ": " << next.reason;
    }
    return imgui_guard::records_since(seq);
}

}  // namespace guard_test
