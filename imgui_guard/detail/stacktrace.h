// stacktrace.h: stacks captured with GCC's libbacktrace (internal to imgui_guard).
//
// One libbacktrace state for the process, created once (warm_up() or the first capture) and
// shared by all threads. A capture walks the stack and symbolizes every frame, inlined ones
// included: function (demangled), file, line. No -rdynamic needed; static functions have names.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "imgui_guard/guard.h"

struct backtrace_state;

namespace imgui_guard::stacktrace {

inline constexpr int kMaxFrames = 48;

backtrace_state* state();  // created on first use; nullptr if libbacktrace cannot work here

// Reads the debug info now (the first symbolization's cost, ~100 ms for imhost), on the calling
// thread, under the lock every symbolization takes: a capture made meanwhile waits for it.
// warming() is true during it: the crash handler, which cannot take the lock, polls it and
// symbolizes once the warm-up is done.
void warm();
bool warming();  // async-signal-safe
inline constexpr const char* kWarmUpRole =
    "symbolizer warm-up";  // the thread warm_up_in_background() starts

// The calling thread's stack, symbolized. Leading frames inside imgui_guard's own machinery
// (capture, record building) are dropped, so frame 0 is where the failure happened.
std::vector<StackFrame> capture();

// Raw program counters of the calling thread (~2 us), for symbolizing later.
int capture_pcs(std::uintptr_t* pcs, int max);
std::vector<StackFrame> symbolize(const std::uintptr_t* pcs, int count);
StackFrame symbolize_address(std::uintptr_t address);  // a function's entry point, say

std::string demangle(const char* name);       // a symbol ("_Z..."); as is if not mangled
std::string demangle_type(const char* name);  // a type_info name ("Z4mainEUlvE_")
std::string format(const std::vector<StackFrame>& stack);  // "#0  fn at file:line\n..."

}  // namespace imgui_guard::stacktrace
