// guard_summary.cpp: imgui_guard::GuardSnapshot -> hooks::GuardSummary.
#include "hooks/guard_summary.h"

#include <mutex>

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

std::shared_ptr<const GuardSummary> current_guard_summary() {
    static std::mutex mutex;
    static std::shared_ptr<const imgui_guard::GuardSnapshot> converted;  // what `summary` shows
    static std::shared_ptr<const GuardSummary> summary;
    std::shared_ptr<const imgui_guard::GuardSnapshot> now = imgui_guard::shared_snapshot();
    if (!now) now = std::make_shared<const imgui_guard::GuardSnapshot>();
    {
        std::lock_guard lock(mutex);
        if (now == converted && summary) return summary;
    }
    auto fresh = std::make_shared<const GuardSummary>(summarize(*now));  // outside the lock
    std::lock_guard lock(mutex);
    converted = std::move(now);
    summary = fresh;
    return fresh;
}

}  // namespace hooks
