// assert_handler.cpp: where IM_ASSERT and IM_ASSERT_USER_ERROR land (see imgui_guard_config.h).
// Foundation version: report and continue. The guard issue replaces this with records, stacks,
// guarded scopes and recovery.
#include <cstdio>

#include "imgui_guard/imgui_guard_config.h"

namespace imgui_guard::detail {

void on_assert(const char* expr, const char* file, int line, const char* function) {
    std::fprintf(stderr, "imgui_guard: assertion failed: %s (%s:%d in %s)\n", expr, file, line,
                 function);
}

void on_user_error(const char* expr, const char* message, const char* file, int line,
                   const char* function) {
    std::fprintf(stderr, "imgui_guard: user error: %s [%s] (%s:%d in %s)\n", message, expr, file,
                 line, function);
}

}  // namespace imgui_guard::detail
