// recovery.cpp: exception records and ImGui state recovery for the guards.
#include "imgui_guard/detail/recovery.h"

#include <cxxabi.h>

#include <typeinfo>

#include "imgui.h"
#include "imgui_guard/detail/guard_context.h"
#include "imgui_guard/detail/record_store.h"
#include "imgui_internal.h"

namespace imgui_guard::detail {

void record_caught_exception(const std::exception* e, const char* where) {
    ThreadScope& scope = thread_scope();
    std::string type = "unknown exception";
    if (const std::type_info* t = abi::__cxa_current_exception_type())
        type = stacktrace::demangle_type(t->name());
    std::string message = std::string(where) + " threw " + type;
    if (e) message += std::string(": ") + e->what();

    // The stack at the throw, if this is the exception the throw hook saw; else the catch site.
    std::vector<StackFrame> stack;
    if (e && scope.thrown == dynamic_cast<const void*>(e) && scope.throw_pc_count > 0)
        stack = stacktrace::symbolize(scope.throw_pcs, scope.throw_pc_count);
    scope.thrown = nullptr;
    Record r = make_record(RecordKind::exception, std::move(message), true, std::move(stack));
    r.expr = type;
    commit(std::move(r));
}

std::vector<std::string> recover_to(const ImGuiErrorRecoveryState& state) {
    ThreadScope& scope = thread_scope();
    scope.recovery_messages.clear();
    {
        RecoveringScope recovering(scope, /*repairing=*/true);
        try {
            ImGui::ErrorRecoveryTryToRecoverState(&state);
        } catch (...) {
            // Only a user hook could throw here (asserts do not while recovering); the frame
            // guard's Render() retry deals with whatever is left.
            scope.recovery_messages.emplace_back("recovery interrupted by an exception");
        }
    }
    RecordStore::instance().count_recovery();
    return std::move(scope.recovery_messages);
}

}  // namespace imgui_guard::detail
