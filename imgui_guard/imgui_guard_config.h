// imgui_guard_config.h: the IMGUI_USER_CONFIG of every imhost build of Dear ImGui.
//
// Dear ImGui reads this header first (imconfig.h mechanism). It routes ImGui's two assertion
// macros to imgui_guard, so that a failed assertion is recorded with its stack and recovered
// from instead of aborting the process:
//   IM_ASSERT             a hard assertion. Recorded; inside a guarded scope it then throws
//                         imgui_guard::AssertionFailure, elsewhere it returns.
//   IM_ASSERT_USER_ERROR  a recoverable API misuse (Begin/End, PushID/PopID...). Recorded and
//                         returns: ImGui's error recovery repairs the state by itself.
// Neither rests on assert(), so NDEBUG (RelWithDebInfo, Release) does not switch them off.
//   IM_DEBUG_BREAK        ImGui's "break in the debugger here" (the Item Picker of Tools >
//                         Metrics, the ID Stack Tool's and Metrics' break buttons). A trap with
//                         no debugger attached kills the process by SIGTRAP, as ImGui warns;
//                         here it traps only when a debugger is attached, and is otherwise
//                         said on stderr and ignored: a person clicking through the demo, or
//                         a test driving it, must not end the system under test.
#pragma once

namespace imgui_guard::detail {
void on_assert(const char* expr, const char* file, int line, const char* function);
void on_user_error(const char* expr, const char* message, const char* file, int line,
                   const char* function);
void on_debug_break(const char* file, int line, const char* function);
}  // namespace imgui_guard::detail

// An expression, like assert(), because ImGui uses IM_ASSERT in expression position too.
#define IM_ASSERT(_EXPR) \
    ((_EXPR) ? (void)0 : ::imgui_guard::detail::on_assert(#_EXPR, __FILE__, __LINE__, __func__))

#define IM_ASSERT_USER_ERROR(_EXPR, _MSG)                                                     \
    do {                                                                                      \
        if (!(_EXPR))                                                                         \
            ::imgui_guard::detail::on_user_error(#_EXPR, _MSG, __FILE__, __LINE__, __func__); \
    } while (0)

#define IM_DEBUG_BREAK() ::imgui_guard::detail::on_debug_break(__FILE__, __LINE__, __func__)
