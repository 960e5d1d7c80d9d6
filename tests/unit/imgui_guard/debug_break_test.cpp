// debug_break_test.cpp: IM_DEBUG_BREAK() (imgui_guard_config.h) with no debugger attached, as in
// a test run: it returns, and says so on stderr, where ImGui's own would trap (SIGTRAP).
#include <gtest/gtest.h>

#include <string>

#include "imgui.h"
#include "imgui_internal.h"  // IM_DEBUG_BREAK, ImGui's item picker
#include "tests/unit/imgui_guard/headless_imgui.h"

namespace {

TEST(DebugBreak, WithoutADebuggerItReturnsAndSaysWhere) {
    ::testing::internal::CaptureStderr();
    IM_DEBUG_BREAK();
    const std::string said = ::testing::internal::GetCapturedStderr();
    EXPECT_NE(said.find("IM_DEBUG_BREAK() in"), std::string::npos) << said;
    EXPECT_NE(said.find("debug_break_test.cpp:"), std::string::npos) << said;
    EXPECT_NE(said.find("no debugger attached: ignored"), std::string::npos) << said;
}

// ImGui's Item Picker (Tools > Metrics, the demo's Tools menu) breaks when the picked item is
// submitted: the frame goes on, and the next frames too.
TEST(DebugBreak, TheItemPickersBreakLetsTheFrameGoOn) {
    guard_test::HeadlessImGui imgui;
    ImVec2 button_center;
    bool picked = false;  // as the picker leaves it after a click: NewFrame() clears it otherwise
    const auto draw = [&] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::Begin("Picker");
        if (picked) ImGui::GetCurrentContext()->DebugItemPickerBreakId = ImGui::GetID("pick me");
        ImGui::Button("pick me");
        button_center = (ImGui::GetItemRectMin() + ImGui::GetItemRectMax()) * 0.5f;
        ImGui::End();
    };
    ASSERT_TRUE(imgui.frame(draw).rendered);
    ImGui::GetIO().AddMousePosEvent(button_center.x, button_center.y);  // the break needs a hover
    ASSERT_TRUE(imgui.frame(draw).rendered);
    picked = true;
    ::testing::internal::CaptureStderr();
    const auto frame = imgui.frame(draw);
    const std::string said = ::testing::internal::GetCapturedStderr();
    EXPECT_TRUE(frame.rendered && !frame.fatal) << frame.reason;
    EXPECT_NE(said.find("IM_DEBUG_BREAK() in ItemHoverable"), std::string::npos) << said;
    picked = false;
    EXPECT_TRUE(imgui.frame(draw).rendered);
}

}  // namespace
