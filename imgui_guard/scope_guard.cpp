// scope_guard.cpp: guarded(): one panel inside a guard. Stack sizes before/after, caught
// failures, one record per run (PanelRun), what the panel over-popped put back
// (stack_repair.h), recovery to the stored state, scope_leak records naming what leaked (and,
// once seen, the Begin() that leaked it: leak_site.h), quarantine.
#include <cxxabi.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>

#include "imgui.h"
#include "imgui_guard/detail/guard_context.h"
#include "imgui_guard/detail/leak_site.h"
#include "imgui_guard/detail/misuse_words.h"
#include "imgui_guard/detail/null_deref_recovery.h"
#include "imgui_guard/detail/panel_registry.h"
#include "imgui_guard/detail/record_store.h"
#include "imgui_guard/detail/recovery.h"
#include "imgui_guard/detail/stack_repair.h"
#include "imgui_guard/detail/unchecked_state.h"
#include "imgui_internal.h"

namespace imgui_guard {

namespace detail {

namespace {

std::function<void(const std::string&)>& scope_hook() {
    static std::function<void(const std::string&)> hook;
    return hook;
}

bool same_state(const ImGuiErrorRecoveryState& a, const ImGuiErrorRecoveryState& b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

std::string join_words(const std::vector<std::string>& parts) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += (i + 1 == parts.size()) ? " and " : ", ";
        out += parts[i];
    }
    return out;
}

// The windows opened since `before`, described as the calls that opened them; their IDs go to
// `ids` (innermost last). A window whose End() went to a tooltip or popup begun inside it is
// described as that tooltip or popup, left open: "a tooltip open (BeginTooltip() without
// EndTooltip())", the mistake the panel made.
std::vector<std::string> leaked_windows(const ImGuiErrorRecoveryState& before,
                                        const UncheckedLeaks& unchecked,
                                        std::vector<unsigned>& ids) {
    std::vector<std::string> out;
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    for (int i = before.SizeOfWindowStack; i < g.CurrentWindowStack.Size; ++i) {
        const ImGuiWindow* w = g.CurrentWindowStack[i].Window;
        ids.push_back(w->ID);
        const ImGuiWindow* closed = closed_in_place_of(*w);
        const ImGuiWindow& left = closed ? *closed : *w;
        if (unchecked.drag_drop_source && (left.Flags & ImGuiWindowFlags_Tooltip)) {
            out.push_back(kDragDropSourceLeft);  // the source's own tooltip
            continue;
        }
        const WindowKind kind = window_kind(left);
        out.push_back(kind.noun + " open (" + kind.begin + " without " + kind.end + ")");
    }
    return out;
}

// "panel 'Context' left a window open (Begin("Files") without End()) and 1 ID pushed"
std::string describe_leak(const std::string& panel, const std::vector<std::string>& windows,
                          const std::vector<std::string>& unchecked_left,
                          const std::vector<std::string>& recovered,
                          const std::vector<std::string>& overpopped) {
    std::vector<std::string> left = windows;
    for (const std::string& phrase : unchecked_left)  // once, if a window said it already
        if (std::find(left.begin(), left.end(), phrase) == left.end()) left.push_back(phrase);
    std::map<std::string, int> counts;
    for (const std::string& m : recovered) ++counts[m];
    for (const auto& [missing, n] : counts)
        if (const LeakPhrase* p = leak_phrase(missing)) {
            std::string part = count_of(n, p->one, p->many);
            if (windows.empty()) part += std::string(" (") + p->how + ")";
            left.push_back(part);
        }
    std::vector<std::string> parts;
    if (!left.empty()) parts.push_back("left " + join_words(left));
    parts.insert(parts.end(), overpopped.begin(), overpopped.end());
    if (parts.empty()) parts.push_back("changed ImGui's stacks");
    return "panel '" + panel + "' " + join_words(parts);
}

// After a siglongjmp() from inside the panel: the guards nested in it never ended, and the
// counters they raised stay raised. The run's own depths are the ones saved before the draw.
struct ScopeDepths {
    int guarded_depth, recovering, repairing;
    std::size_t panels;
};
void restore_after_jump(ThreadScope& scope, const ScopeDepths& saved) {
    scope.guarded_depth = saved.guarded_depth;
    scope.recovering = saved.recovering;
    scope.repairing = saved.repairing;
    scope.panels.resize(saved.panels);
}

// "panel 'Misuse' crashed with SIGSEGV at address 0x10 in ImGui::EndMultiSelect() (a null
// pointer read); survived, the panel is quarantined"
void record_null_deref(const std::string& panel, const NullDeref& fault) {
    std::vector<StackFrame> stack = fault_stack(fault);
    const std::string where = stack.empty() ? "" : " in " + stack.front().function;
    char address[32];
    std::snprintf(address, sizeof address, "0x%llx",
                  static_cast<unsigned long long>(fault.address));
    const char* name = sigabbrev_np(fault.signal);
    const std::string signal = std::string("SIG") + (name ? name : "?");
    Record r =
        make_record(RecordKind::crash,
                    "panel '" + panel + "' crashed with " + signal + " at address " + address +
                        where + " (a null pointer); survived, the panel is quarantined",
                    true, std::move(stack));
    r.expr = signal;
    // Not folded into an earlier record of the run (commit()): a crash outranks it. What
    // recovery finds open afterwards is the crash's doing.
    ThreadScope& scope = thread_scope();
    ++scope.failures;
    const std::uint64_t seq = RecordStore::instance().add(std::move(r));
    if (!scope.panels.empty()) scope.panels.back().first_seq = seq;
}

struct PanelRunOutcome {
    bool thrown = false;    // an exception or an assertion ended the draw
    bool crashed = false;   // a null dereference ended it, survived (null_deref_recovery.h)
    bool recorded = false;  // the run made its record (PanelRun): what follows is its doing
};

// The panel's draw and the scope hook inside the guarded scope. The jump target lives in this
// frame, which holds nothing the jump could clobber but the two volatile flags.
PanelRunOutcome run_panel(ThreadScope& scope, const std::string& name,
                          const std::function<void()>& draw) {
    volatile bool thrown = false;  // set after sigsetjmp(), read after a jump back to it
    volatile bool crashed = false;
    GuardedScope guard(scope, name.c_str());
    const ScopeDepths saved{scope.guarded_depth, scope.recovering, scope.repairing,
                            scope.panels.size()};  // what the jump must put back
    RecoveryPoint point;
    if (sigsetjmp(point.target(), 1) != 0) {
        thrown = true;
        crashed = true;
        restore_after_jump(scope, saved);
        record_null_deref(name, point.fault());
    } else {
        try {
            if (draw) draw();
            if (const auto& hook = scope_hook()) hook(name);
        } catch (const abi::__forced_unwind&) {
            throw;  // thread cancellation must go on unwinding
        } catch (const AssertionFailure&) {
            thrown = true;  // recorded where it fired, with its stack
        } catch (const std::exception& e) {
            thrown = true;
            record_caught_exception(&e, ("panel '" + name + "'").c_str());
        } catch (...) {
            thrown = true;
            record_caught_exception(nullptr, ("panel '" + name + "'").c_str());
        }
    }
    return {thrown, crashed, scope.panels.back().first_seq != 0};
}

// The panel's own function, for the leak's stack: it has returned when the leak is found.
StackFrame panel_entry(const std::function<void()>& draw) {
    using Fn = void (*)();
    if (const Fn* fn = draw.target<Fn>(); fn && *fn) {
        StackFrame f = stacktrace::symbolize_address(reinterpret_cast<std::uintptr_t>(*fn));
        if (!f.function.empty() && f.function != "??") {
            f.function += " (panel entry)";
            return f;
        }
    }
    return {stacktrace::demangle_type(draw.target_type().name()) + " (panel entry)", "", 0};
}

// The scope_leak record, before its message is known. Its stack is the one of the leaked
// window's Begin() when a watch caught it (leak_site.h), else the panel's own call.
Record leak_record(const std::string& panel, const std::function<void()>& draw,
                   const std::vector<unsigned>& window_ids) {
    std::vector<StackFrame> site = take_leak_site(window_ids);
    const bool has_site = !site.empty();
    std::vector<StackFrame> stack = has_site ? std::move(site) : stacktrace::capture();
    if (!has_site) stack.insert(stack.begin(), panel_entry(draw));
    Record leak = make_record(RecordKind::scope_leak, "", true, std::move(stack));
    leak.panel = panel;
    if (const StackFrame* call = has_site ? leak_call_site(leak.stack) : nullptr) {
        leak.leak_site = *call;
        leak.function = call->function;
        leak.file = call->file;
        leak.line = call->line;
    }
    return leak;
}

}  // namespace

}  // namespace detail

void set_scope_hook(std::function<void(const std::string& panel)> hook) {
    detail::scope_hook() = std::move(hook);
}

bool guarded(const char* panel, const std::function<void()>& draw) {
    using namespace detail;
    const std::string name = panel ? panel : "";
    PanelRegistry& panels = PanelRegistry::instance();
    if (!panels.begin(name, current_frame())) return false;  // quarantined

    ThreadScope& scope = thread_scope();
    ImGuiContext* g = ImGui::GetCurrentContext();
    const bool in_frame = g && g->WithinFrameScope && g->CurrentWindow;
    ImGuiErrorRecoveryState before;
    EntryState entry;
    UncheckedMark unchecked;
    if (in_frame) {
        ImGui::ErrorRecoveryStoreState(&before);
        save_entry_state(entry);
        unchecked = mark_unchecked_state();
    }
    const std::uint64_t failures_before = scope.failures;
    const PanelRunOutcome run = run_panel(scope, name, draw);
    const bool thrown = run.thrown;

    if (in_frame) {
        ImGuiErrorRecoveryState after;
        ImGui::ErrorRecoveryStoreState(&after);
        const int tree_pops = repair_tree_depths();
        const UncheckedLeaks unchecked_left = unchecked_leaks(unchecked);
        if (!same_state(before, after) || tree_pops > 0 || !unchecked_left.phrases.empty()) {
            // The run's first record is the mistake; whatever is still open or was popped then
            // follows from it. Without one, what differs is the mistake: a scope_leak record.
            Record leak;
            std::vector<std::string> windows;
            if (!run.recorded) {
                std::vector<unsigned> window_ids;
                windows = leaked_windows(before, unchecked_left, window_ids);
                leak = leak_record(name, draw, window_ids);
                arm_leak_watch(*g, window_ids);  // the next Begin() of these windows
            }
            const std::vector<std::string> overpopped =
                repair_overpops(entry, before, after, tree_pops);
            make_windows_closable(before.SizeOfWindowStack - 1);
            const std::vector<std::string> recovered = recover_to(before);
            if (!run.recorded) {
                leak.message =
                    describe_leak(name, windows, unchecked_left.phrases, recovered, overpopped);
                commit(std::move(leak));
            }
        } else if (thrown) {
            RecordStore::instance().count_recovery();
        }
    }

    if (scope.panels.empty()) drop_unclaimed_leak_sites();

    const bool faulted = thrown || scope.failures != failures_before;
    if (run.crashed) {  // whatever the panel half-did stays half-done: not drawn again until reset
        panels.quarantine(name);
        std::fprintf(stderr,
                     "imgui_guard: panel '%s' quarantined after a null dereference it survived\n",
                     name.c_str());
    } else if (panels.end(name, faulted))
        std::fprintf(stderr,
                     "imgui_guard: panel '%s' quarantined after %d consecutive faulty frames\n",
                     name.c_str(), kQuarantineAfterFrames);
    return !faulted;
}

}  // namespace imgui_guard
