// null_deref_recovery.h (internal): the panel guard's side and the crash handler's side of the
// null-dereference recovery (the public header says when and why).
#pragma once

#include <setjmp.h>
#include <signal.h>

#include <cstdint>
#include <vector>

#include "imgui_guard/detail/stacktrace.h"
#include "imgui_guard/null_deref_recovery.h"

namespace imgui_guard::detail {

// What the handler saw, for the record made after the jump.
struct NullDeref {
    int signal = 0;
    std::uintptr_t address = 0;  // si_addr
    std::uintptr_t pc = 0;       // where it faulted
    std::uintptr_t pcs[stacktrace::kMaxFrames] = {};
    int count = 0;
};

// One guarded() scope's jump target. Armed (registered for this thread) while it lives; the
// guard calls sigsetjmp(point.target(), 1) itself, in its own frame.
class RecoveryPoint {
  public:
    RecoveryPoint();
    ~RecoveryPoint();
    RecoveryPoint(const RecoveryPoint&) = delete;
    RecoveryPoint& operator=(const RecoveryPoint&) = delete;
    sigjmp_buf& target() { return target_; }
    // After the jump came back here: what the handler saw, with the handlers put back (the
    // crash handler's SA_RESETHAND removed them for this signal).
    const NullDeref& fault() const;

  private:
    sigjmp_buf target_;
    RecoveryPoint* outer_;
};

// Called first thing by the crash handler. Returns only if the fault must not be survived;
// otherwise jumps back to the innermost RecoveryPoint of this thread.
void recover_null_deref_or_return(int sig, siginfo_t* info, void* ucontext);

// The stack of the fault, from the faulting function on (the handler's frames dropped).
std::vector<StackFrame> fault_stack(const NullDeref& fault);

}  // namespace imgui_guard::detail
