// guard_context.h: per-thread guard state and record building (internal to imgui_guard).
//
// IM_ASSERT must know, at the moment it fails, whether it may throw. That depends on where the
// calling thread is: inside a guarded panel or frame (throw), inside recovery (never throw),
// or elsewhere (record and continue). This per-thread state answers it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "imgui_guard/detail/stacktrace.h"
#include "imgui_guard/guard.h"

namespace imgui_guard::detail {

// One run of a guarded panel's draw. Its first record is the mistake; whatever ImGui asserts
// after it in the same run (a TreePop() too many makes TreePop() assert, then End() find the
// tree depth wrong...) follows from it, and folds into that record instead of making more.
struct PanelRun {
    const char* name;
    std::uint64_t first_seq = 0;  // the run's record, 0 while it has none
};

struct ThreadScope {
    int guarded_depth = 0;                       // > 0: IM_ASSERT throws AssertionFailure
    int recovering = 0;                          // > 0: asserts never throw; user errors collected
    int repairing = 0;                           // > 0: the guard's own recovery: asserts collected
    std::vector<PanelRun> panels;                // guarded() panels, innermost last
    std::uint64_t failures = 0;                  // records made on this thread (guards read deltas)
    std::vector<std::string> recovery_messages;  // ImGui's "Missing End()"... during recovery

    // The last exception thrown inside a guarded scope, with its stack at the throw.
    const void* thrown = nullptr;
    std::uintptr_t throw_pcs[stacktrace::kMaxFrames] = {};
    int throw_pc_count = 0;
};

ThreadScope& thread_scope();

// RAII: the calling thread is inside a guarded scope (panel may be nullptr: the frame guard).
class GuardedScope {
  public:
    GuardedScope(ThreadScope& scope, const char* panel);
    ~GuardedScope();
    GuardedScope(const GuardedScope&) = delete;
    GuardedScope& operator=(const GuardedScope&) = delete;

  private:
    ThreadScope& scope_;
    bool has_panel_;
};

// RAII: asserts off. User errors go to recovery_messages instead of records. With `repairing`
// (the guard's own recovery after a panel failed), asserts go there too: they are the
// recovery's, and the panel's failure is recorded already.
class RecoveringScope {
  public:
    explicit RecoveringScope(ThreadScope& scope, bool repairing = false)
        : scope_(scope), repairing_(repairing) {
        ++scope_.recovering;
        scope_.repairing += repairing_;
    }
    ~RecoveringScope() {
        --scope_.recovering;
        scope_.repairing -= repairing_;
    }
    RecoveringScope(const RecoveringScope&) = delete;
    RecoveringScope& operator=(const RecoveringScope&) = delete;

  private:
    ThreadScope& scope_;
    int repairing_;
};

std::uint64_t current_frame();

// A record stamped with the current panel, frame and time. With `read_imgui` (only on the
// thread that runs ImGui) also the current window and window stack. The stack is captured here
// unless given.
Record make_record(RecordKind kind, std::string message, bool read_imgui,
                   std::vector<StackFrame> stack = {});

// Adds the record to the store (merging repeats) and counts it as this thread's failure. Inside
// a panel run that has a record already, it is a consequence of that one: counted as a failure,
// not stored (PanelRun). Returns the seq of the stored record.
std::uint64_t commit(Record record);

}  // namespace imgui_guard::detail
