// scope_guard.cpp: guarded(): one panel inside a guard. Stack sizes before/after, caught
// failures, one record per run (PanelRun), what the panel over-popped put back
// (stack_repair.h), recovery to the stored state, scope_leak records naming what leaked (and,
// once seen, the Begin() that leaked it: leak_site.h), quarantine.
#include <cxxabi.h>

#include <cstdio>
#include <cstring>
#include <map>

#include "imgui.h"
#include "imgui_guard/detail/guard_context.h"
#include "imgui_guard/detail/leak_site.h"
#include "imgui_guard/detail/misuse_words.h"
#include "imgui_guard/detail/panel_registry.h"
#include "imgui_guard/detail/record_store.h"
#include "imgui_guard/detail/recovery.h"
#include "imgui_guard/detail/stack_repair.h"
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
                                        std::vector<unsigned>& ids) {
    std::vector<std::string> out;
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    for (int i = before.SizeOfWindowStack; i < g.CurrentWindowStack.Size; ++i) {
        const ImGuiWindow* w = g.CurrentWindowStack[i].Window;
        ids.push_back(w->ID);
        const ImGuiWindow* closed = closed_in_place_of(*w);
        const WindowKind kind = window_kind(closed ? *closed : *w);
        out.push_back(kind.noun + " open (" + kind.begin + " without " + kind.end + ")");
    }
    return out;
}

// "panel 'Context' left a window open (Begin("Files") without End()) and 1 ID pushed"
std::string describe_leak(const std::string& panel, const std::vector<std::string>& windows,
                          const std::vector<std::string>& recovered,
                          const std::vector<std::string>& overpopped) {
    std::vector<std::string> left = windows;
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
    if (in_frame) {
        ImGui::ErrorRecoveryStoreState(&before);
        save_entry_state(entry);
    }
    const std::uint64_t failures_before = scope.failures;
    bool thrown = false;
    bool recorded = false;  // the run made its record (PanelRun): what follows is its doing
    {
        GuardedScope guard(scope, name.c_str());
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
        recorded = scope.panels.back().first_seq != 0;
    }

    if (in_frame) {
        ImGuiErrorRecoveryState after;
        ImGui::ErrorRecoveryStoreState(&after);
        const int tree_pops = repair_tree_depths();
        if (!same_state(before, after) || tree_pops > 0) {
            // The run's first record is the mistake; whatever is still open or was popped then
            // follows from it. Without one, what differs is the mistake: a scope_leak record.
            Record leak;
            std::vector<std::string> windows;
            if (!recorded) {
                std::vector<unsigned> window_ids;
                windows = leaked_windows(before, window_ids);
                leak = leak_record(name, draw, window_ids);
                arm_leak_watch(*g, window_ids);  // the next Begin() of these windows
            }
            const std::vector<std::string> overpopped =
                repair_overpops(entry, before, after, tree_pops);
            make_windows_closable(before.SizeOfWindowStack - 1);
            const std::vector<std::string> recovered = recover_to(before);
            if (!recorded) {
                leak.message = describe_leak(name, windows, recovered, overpopped);
                commit(std::move(leak));
            }
        } else if (thrown) {
            RecordStore::instance().count_recovery();
        }
    }

    if (scope.panels.empty()) drop_unclaimed_leak_sites();

    const bool faulted = thrown || scope.failures != failures_before;
    if (panels.end(name, faulted))
        std::fprintf(stderr,
                     "imgui_guard: panel '%s' quarantined after %d consecutive faulty frames\n",
                     name.c_str(), kQuarantineAfterFrames);
    return !faulted;
}

}  // namespace imgui_guard
