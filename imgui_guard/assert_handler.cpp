// assert_handler.cpp: where IM_ASSERT, IM_ASSERT_USER_ERROR (imgui_guard_config.h) and
// report_error() turn a failure into a record, and where IM_ASSERT decides whether to throw;
// and IM_DEBUG_BREAK, which traps only under a debugger.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <string>
#include <string_view>

#include "imgui_guard/detail/guard_context.h"
#include "imgui_guard/detail/misuse_words.h"
#include "imgui_guard/imgui_guard_config.h"

namespace imgui_guard {

namespace detail {

namespace {

// ImGui writes most asserts as IM_ASSERT(cond && "what went wrong"): keep the words.
std::string message_from_expr(std::string_view expr) {
    const auto open = expr.find('"');
    const auto close = expr.rfind('"');
    if (open != std::string_view::npos && close > open)
        return std::string(expr.substr(open + 1, close - open - 1));
    return "IM_ASSERT(" + std::string(expr) + ") failed";
}

// Throwing from a destructor terminates the process (~ImGuiListClipper asserts, for one). The
// stack is symbolized anyway, so look for a destructor between here and the guard.
bool inside_destructor(const std::vector<StackFrame>& stack) {
    for (const StackFrame& f : stack) {
        if (f.function.starts_with("imgui_guard::guarded")) return false;
        // Inlined frames carry unqualified names ("~Clipper"), others qualified ("A::~A()").
        if (f.function.starts_with("~") || f.function.find("::~") != std::string::npos) return true;
    }
    return false;
}

// Inside a panel, ImGui's words become what the panel did ("called TreePop() once more than
// TreeNode()"): misuse_words.h.
void say_what_the_panel_did(Record& r, const char* file, const char* function) {
    if (r.panel.empty()) return;
    if (std::string words = misuse_message(r.panel, r.message, r.stack, file, function);
        !words.empty())
        r.message = std::move(words);
}

// /proc/self/status says "TracerPid: 0" unless a debugger (ptrace) is attached.
bool debugger_attached() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.starts_with("TracerPid:")) return std::strtol(line.c_str() + 10, nullptr, 10) != 0;
    return false;
}

}  // namespace

void on_debug_break(const char* file, int line, const char* function) {
    if (debugger_attached()) {
        std::raise(SIGTRAP);  // the debugger stops here: one frame up is ImGui's call
        return;
    }
    std::fprintf(stderr,
                 "imgui_guard: IM_DEBUG_BREAK() in %s (%s:%d) with no debugger attached: "
                 "ignored\n",
                 function, file, line);
}

void on_assert(const char* expr, const char* file, int line, const char* function) {
    ThreadScope& scope = thread_scope();
    if (scope.repairing > 0) {  // the guard's recovery: the panel's failure is recorded already
        scope.recovery_messages.emplace_back(message_from_expr(expr));
        return;
    }
    Record r = make_record(RecordKind::assert_failure, message_from_expr(expr), true);
    r.expr = expr;
    r.file = file;
    r.line = line;
    // __func__ is unqualified ("End"); the symbolized frame has the full name when it matches.
    if (r.function.find(function) == std::string::npos) r.function = function;
    const bool may_throw = scope.guarded_depth > 0 && scope.recovering == 0 &&
                           std::uncaught_exceptions() == 0 && function[0] != '~' &&
                           !inside_destructor(r.stack);
    std::string what = r.message + " (" + r.file + ":" + std::to_string(line) + ")";
    say_what_the_panel_did(r, file, function);
    commit(std::move(r));
    if (may_throw) throw AssertionFailure(what);
}

void on_user_error(const char* expr, const char* message, const char* file, int line,
                   const char* function) {
    ThreadScope& scope = thread_scope();
    if (scope.recovering > 0) {  // the guard is repairing; it reports what it repaired
        scope.recovery_messages.emplace_back(message);
        return;
    }
    Record r = make_record(RecordKind::user_error, message, true);
    r.expr = expr;
    r.file = file;
    r.line = line;
    if (r.function.find(function) == std::string::npos) r.function = function;
    say_what_the_panel_did(r, file, function);
    commit(std::move(r));
}

}  // namespace detail

std::uint64_t report_error(RecordKind kind, const std::string& message, const std::string& where) {
    Record r = detail::make_record(kind, message, false);
    if (!where.empty()) r.function = where;
    return detail::commit(std::move(r));
}

}  // namespace imgui_guard
