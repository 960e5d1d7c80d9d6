// guard_summary.cpp: imgui_guard::GuardSnapshot -> hooks::GuardSummary.
#include "hooks/guard_summary.h"

namespace hooks {

GuardSummary summarize(const imgui_guard::GuardSnapshot& s) {
    GuardSummary out;
    out.asserts = s.asserts;
    out.user_errors = s.user_errors;
    out.scope_leaks = s.scope_leaks;
    out.exceptions = s.exceptions;
    out.recoveries = s.recoveries;
    out.errors_since_clear = s.errors_since_clear;
    out.quarantined_panels = s.quarantined_panels;
    // imgui_guard::to_json gives the record's full shape, stack and stacktrace included.
    out.last_assert = s.last_assert ? nlohmann::json(*s.last_assert) : nlohmann::json(nullptr);
    out.last_error = s.last_error ? nlohmann::json(*s.last_error) : nlohmann::json(nullptr);
    return out;
}

GuardSummary current_guard_summary() { return summarize(imgui_guard::snapshot()); }

}  // namespace hooks
