// recovery.h: what the panel and frame guards do after a failure (internal to imgui_guard):
// record a caught exception with the stack of its throw, and bring ImGui's stacks back to a
// stored state with asserts off, reporting what had to be closed.
#pragma once

#include <exception>
#include <string>
#include <vector>

#include "imgui_guard/guard.h"

struct ImGuiErrorRecoveryState;

namespace imgui_guard::detail {

// Records the exception being handled (call from a catch block). `e` may be nullptr for a
// non-std exception. The stack is the one at the throw when the guard saw it.
void record_caught_exception(const std::exception* e, const char* where);

// Closes whatever ImGui scopes were opened since `state` (windows, IDs, style pushes...),
// never throwing. Returns ImGui's own messages for what it closed ("Missing End()", ...).
std::vector<std::string> recover_to(const ImGuiErrorRecoveryState& state);

}  // namespace imgui_guard::detail
