// frame_guard.cpp: guarded_frame(), the last line of defence: the frame always finishes, or the
// caller learns that ImGui can no longer make frames.
#include <cxxabi.h>

#include "imgui.h"
#include "imgui_guard/detail/guard_context.h"
#include "imgui_guard/detail/recovery.h"
#include "imgui_internal.h"

namespace imgui_guard {

namespace {

using detail::GuardedScope;
using detail::ThreadScope;

// Runs `step` inside a guarded scope (IM_ASSERT throws). Returns "" or what went wrong; the
// failure is recorded either way (asserts where they fire, exceptions here).
std::string run_step(ThreadScope& scope, const char* what, const std::function<void()>& step) {
    GuardedScope guard(scope, nullptr);
    try {
        step();
        return {};
    } catch (const abi::__forced_unwind&) {
        throw;
    } catch (const AssertionFailure& e) {
        return std::string(what) + " asserted: " + e.what();
    } catch (const std::exception& e) {
        detail::record_caught_exception(&e, what);
        return std::string(what) + " threw: " + e.what();
    } catch (...) {
        detail::record_caught_exception(nullptr, what);
        return std::string(what) + " threw a non-std exception";
    }
}

bool frame_finished(const ImGuiContext& g) {
    return g.FrameCountEnded == g.FrameCount && g.FrameCountRendered == g.FrameCount;
}

}  // namespace

FrameOutcome guarded_frame(const std::function<void()>& new_frame,
                           const std::function<void()>& draw) {
    ThreadScope& scope = detail::thread_scope();
    FrameOutcome out;
    ImGuiContext* g = ImGui::GetCurrentContext();
    if (g == nullptr) return {false, true, "no current ImGui context"};

    // A NewFrame() that fails leaves ImGui without a frame: every later one fails the same way
    // ("Forgot to call Render()"), so there is nothing to retry.
    if (std::string failure = run_step(scope, "NewFrame()", new_frame); !failure.empty())
        return {false, true, "ImGui cannot start a frame: " + failure};

    ImGuiErrorRecoveryState after_new_frame;
    ImGui::ErrorRecoveryStoreState(&after_new_frame);
    if (!run_step(scope, "the frame", draw).empty()) detail::recover_to(after_new_frame);

    std::string render_failure = run_step(scope, "Render()", [] { ImGui::Render(); });
    if (!render_failure.empty()) {
        // Once more with asserts off: they are recorded but no longer interrupt Render().
        detail::RecoveringScope asserts_off(scope);
        const std::string retry = run_step(scope, "Render() retried", [] { ImGui::Render(); });
        if (!retry.empty()) render_failure += "; " + retry;
    }
    if (!frame_finished(*g)) {
        out.rendered = false;
        out.fatal = true;
        out.reason = "ImGui cannot finish the frame (" + render_failure +
                     "); the next NewFrame() would fail with \"Forgot to call Render()\"";
    }
    return out;
}

}  // namespace imgui_guard
