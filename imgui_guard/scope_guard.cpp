// scope_guard.cpp: guarded(): one panel inside a guard. Stack sizes before/after, caught
// failures, recovery to the stored state, scope_leak records naming what leaked (and, once seen,
// the Begin() that leaked it: leak_site.h), quarantine.
#include <cxxabi.h>

#include <cstdio>
#include <cstring>
#include <map>

#include "imgui.h"
#include "imgui_guard/detail/guard_context.h"
#include "imgui_guard/detail/leak_site.h"
#include "imgui_guard/detail/panel_registry.h"
#include "imgui_guard/detail/record_store.h"
#include "imgui_guard/detail/recovery.h"
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

// ImGui's recovery message -> what the panel left open, in words.
struct LeakPhrase {
    const char* missing;
    const char* one;
    const char* many;
    const char* how;
};
constexpr LeakPhrase kLeakPhrases[] = {
    {"Missing PopID()", "ID pushed", "IDs pushed", "PushID() without PopID()"},
    {"Missing TreePop()", "tree node open", "tree nodes open", "TreeNode() without TreePop()"},
    {"Missing EndGroup()", "group open", "groups open", "BeginGroup() without EndGroup()"},
    {"Missing PopStyleColor()", "style color pushed", "style colors pushed",
     "PushStyleColor() without PopStyleColor()"},
    {"Missing PopStyleVar()", "style var pushed", "style vars pushed",
     "PushStyleVar() without PopStyleVar()"},
    {"Missing PopFont()", "font pushed", "fonts pushed", "PushFont() without PopFont()"},
    {"Missing PopItemFlag()", "item flag pushed", "item flags pushed",
     "PushItemFlag() without PopItemFlag()"},
    {"Missing EndDisabled()", "disabled block open", "disabled blocks open",
     "BeginDisabled() without EndDisabled()"},
    {"Missing PopFocusScope()", "focus scope pushed", "focus scopes pushed",
     "PushFocusScope() without PopFocusScope()"},
    {"Missing EndTable()", "table open", "tables open", "BeginTable() without EndTable()"},
    {"Missing EndTabBar()", "tab bar open", "tab bars open", "BeginTabBar() without EndTabBar()"},
    {"Missing EndMultiSelect()", "multi-select open", "multi-selects open",
     "BeginMultiSelect() without EndMultiSelect()"},
    {"Missing EndMenuBar()", "menu bar open", "menu bars open",
     "BeginMenuBar() without EndMenuBar()"},
};

std::string count_of(int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string join_words(const std::vector<std::string>& parts) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += (i + 1 == parts.size()) ? " and " : ", ";
        out += parts[i];
    }
    return out;
}

// "Parent/label_1A2B3C4D" (how ImGui names child windows) -> "label".
std::string child_label(const std::string& name) {
    std::string label = name.substr(name.rfind('/') + 1);
    const auto underscore = label.rfind('_');
    return underscore == std::string::npos ? label : label.substr(0, underscore);
}

// The windows opened since `before`, described as the calls that opened them; their IDs go to
// `ids` (innermost last).
std::vector<std::string> leaked_windows(const ImGuiErrorRecoveryState& before,
                                        std::vector<unsigned>& ids) {
    std::vector<std::string> out;
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    for (int i = before.SizeOfWindowStack; i < g.CurrentWindowStack.Size; ++i) {
        const ImGuiWindow* w = g.CurrentWindowStack[i].Window;
        ids.push_back(w->ID);
        if (w->Flags & ImGuiWindowFlags_ChildWindow)
            out.push_back("BeginChild(\"" + child_label(w->Name) + "\") without EndChild()");
        else
            out.push_back("Begin(\"" + std::string(w->Name) + "\") without End()");
    }
    return out;
}

// Scopes closed that the panel never opened (End() or PopID() too many): not recoverable.
std::vector<std::string> overclosed(const ImGuiErrorRecoveryState& b,
                                    const ImGuiErrorRecoveryState& a) {
    std::vector<std::string> out;
    auto check = [&](int before, int after, const char* one, const char* many, const char* how) {
        if (after < before)
            out.push_back("closed " + count_of(before - after, one, many) + " it did not open (" +
                          how + ")");
    };
    check(b.SizeOfWindowStack, a.SizeOfWindowStack, "window", "windows", "End() without Begin()");
    if (a.SizeOfWindowStack != b.SizeOfWindowStack) return out;
    check(b.SizeOfIDStack, a.SizeOfIDStack, "ID", "IDs", "PopID() without PushID()");
    check(b.SizeOfTreeStack, a.SizeOfTreeStack, "tree node", "tree nodes", "TreePop() too many");
    check(b.SizeOfColorStack, a.SizeOfColorStack, "style color", "style colors",
          "PopStyleColor() too many");
    check(b.SizeOfStyleVarStack, a.SizeOfStyleVarStack, "style var", "style vars",
          "PopStyleVar() too many");
    check(b.SizeOfGroupStack, a.SizeOfGroupStack, "group", "groups", "EndGroup() too many");
    return out;
}

// "panel 'Context' left 1 window open (Begin("Files") without End()) and 1 ID pushed"
std::string describe_leak(const std::string& panel, const std::vector<std::string>& windows,
                          const std::vector<std::string>& recovered,
                          const std::vector<std::string>& overclosed_scopes) {
    std::vector<std::string> left;
    if (!windows.empty()) {
        std::string w = count_of(static_cast<int>(windows.size()), "window open", "windows open");
        w += " (";
        for (std::size_t i = 0; i < windows.size(); ++i) w += (i ? ", " : "") + windows[i];
        left.push_back(w + ")");
    }
    std::map<std::string, int> counts;
    for (const std::string& m : recovered) ++counts[m];
    for (const LeakPhrase& p : kLeakPhrases)
        if (auto it = counts.find(p.missing); it != counts.end()) {
            std::string part = count_of(it->second, p.one, p.many);
            if (windows.empty()) part += std::string(" (") + p.how + ")";
            left.push_back(part);
        }
    std::vector<std::string> parts;
    if (!left.empty()) parts.push_back("left " + join_words(left));
    parts.insert(parts.end(), overclosed_scopes.begin(), overclosed_scopes.end());
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
    if (in_frame) ImGui::ErrorRecoveryStoreState(&before);
    const std::uint64_t failures_before = scope.failures;
    bool thrown = false;
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
    }

    if (in_frame) {
        ImGuiErrorRecoveryState after;
        ImGui::ErrorRecoveryStoreState(&after);
        if (!same_state(before, after)) {
            // After a throw, whatever is open is the throw's doing and already recorded.
            Record leak;
            std::vector<std::string> windows;
            if (!thrown) {
                std::vector<unsigned> window_ids;
                windows = leaked_windows(before, window_ids);
                leak = leak_record(name, draw, window_ids);
                arm_leak_watch(*g, window_ids);  // the next Begin() of these windows
            }
            const std::vector<std::string> recovered = recover_to(before);
            if (!thrown) {
                leak.message = describe_leak(name, windows, recovered, overclosed(before, after));
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
