// frame_guard_test.cpp: the frame-level guard finishes frames after failures outside any panel,
// and reports a fatal outcome once ImGui can no longer make frames.
#include <gtest/gtest.h>

#include <stdexcept>

#include "imgui.h"
#include "imgui_guard/guard.h"
#include "imgui_internal.h"
#include "tests/unit/imgui_guard/headless_imgui.h"

namespace {

class FrameGuard : public ::testing::Test {
  protected:
    void SetUp() override { imgui_guard::clear_errors(); }
    guard_test::HeadlessImGui imgui;
    guard_test::HealthyPanel healthy;
};

[[gnu::noinline]] void frame_code_that_throws() {
    ImGui::Begin("Half done");
    throw std::logic_error("thrown outside any panel");
}

TEST_F(FrameGuard, AnExceptionOutsidePanelsIsRecordedAndTheFrameStillRenders) {
    const auto recoveries = imgui_guard::snapshot().recoveries;
    const auto outcome = imgui.frame([&] {
        healthy.draw();
        frame_code_that_throws();
    });
    EXPECT_TRUE(outcome.rendered);
    EXPECT_FALSE(outcome.fatal);
    const auto snap = imgui_guard::snapshot();
    ASSERT_TRUE(snap.last_error.has_value());
    EXPECT_EQ(snap.last_error->kind, imgui_guard::RecordKind::exception);
    EXPECT_NE(snap.last_error->message.find("std::logic_error: thrown outside any panel"),
              std::string::npos)
        << snap.last_error->message;
    EXPECT_EQ(snap.last_error->panel, "");
    // The stack is the throw's, not the catch's.
    ASSERT_FALSE(snap.last_error->stack.empty());
    EXPECT_NE(snap.last_error->stack.front().function.find("frame_code_that_throws"),
              std::string::npos)
        << snap.last_error->stacktrace;
    EXPECT_GT(snap.recoveries, recoveries);

    for (int i = 0; i < 10; ++i) {
        const auto next = imgui.frame([&] { healthy.draw(); });
        ASSERT_TRUE(next.rendered && !next.fatal) << next.reason;
    }
    EXPECT_EQ(healthy.nested_draws, 0);
    EXPECT_EQ(imgui_guard::snapshot().last_seq, snap.last_seq);
}

TEST_F(FrameGuard, AHardAssertOutsidePanelsIsCaughtByTheFrameGuard) {
    const auto outcome = imgui.frame([] {
        ImGui::Begin("Assert window");
        IM_ASSERT(1 + 1 == 3 && "frame-level assert");
        ImGui::End();
    });
    EXPECT_TRUE(outcome.rendered);
    const auto snap = imgui_guard::snapshot();
    ASSERT_TRUE(snap.last_assert.has_value());
    EXPECT_EQ(snap.last_assert->kind, imgui_guard::RecordKind::assert_failure);
    EXPECT_EQ(snap.last_assert->message, "frame-level assert");
    EXPECT_EQ(snap.last_assert->window, "Assert window");
    EXPECT_TRUE(imgui.frame([&] { healthy.draw(); }).rendered);
}

void throw_in_end_frame(ImGuiContext*, ImGuiContextHook*) {
    throw std::runtime_error("EndFrame hook failed");
}

TEST_F(FrameGuard, AFrameThatCannotBeFinishedIsFatalAndSoIsEveryNewFrameAfterIt) {
    ASSERT_TRUE(imgui.frame([&] { healthy.draw(); }).rendered);
    ImGuiContextHook hook;
    hook.Type = ImGuiContextHookType_EndFramePre;
    hook.Callback = &throw_in_end_frame;
    const ImGuiID hook_id = ImGui::AddContextHook(ImGui::GetCurrentContext(), &hook);

    const auto outcome = imgui.frame([&] { healthy.draw(); });
    EXPECT_FALSE(outcome.rendered);
    EXPECT_TRUE(outcome.fatal);
    EXPECT_NE(outcome.reason.find("cannot finish the frame"), std::string::npos) << outcome.reason;
    EXPECT_NE(outcome.reason.find("EndFrame hook failed"), std::string::npos) << outcome.reason;

    // Even without the hook, ImGui refuses the next frame: "Forgot to call Render()".
    ImGui::RemoveContextHook(ImGui::GetCurrentContext(), hook_id);
    const auto after = imgui.frame([&] { healthy.draw(); });
    EXPECT_TRUE(after.fatal);
    EXPECT_NE(after.reason.find("cannot start a frame"), std::string::npos) << after.reason;
    EXPECT_NE(after.reason.find("Forgot to call Render()"), std::string::npos) << after.reason;
}

}  // namespace
