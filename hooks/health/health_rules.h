// health_rules.h: the status rules of GET /api/gui_health, pure and unit-tested on their own.
//
//   fail (503)  phase is not `running`, or the IO pool is `shut_down`
//   warn (200)  running, but since the last errors/clear: recovered errors, a quarantined
//               panel, or a degraded IO pool          (?strict=1 makes warn a 503 too)
//   pass (200)  otherwise
// The same rules are in docs/hook-api.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "hooks/gui/frame_loop_status.h"
#include "imgui_guard/guard.h"

namespace hooks {

// The app's IO pool, as health shows it. `state`: "running" | "degraded" | "shut_down".
struct IoPoolFigures {
    std::string state = "running";
    int workers = 0;
    std::uint64_t queued = 0, active = 0, completed = 0, failed = 0, rejected = 0;
    std::string last_error;
    bool operator==(const IoPoolFigures&) const = default;
};

enum class HealthStatus { pass, warn, fail };
const char* status_name(HealthStatus status);       // "pass" | "warn" | "fail"
int http_status(HealthStatus status, bool strict);  // 200, or 503 (warn only when strict)

// The status from its inputs, with the human reasons appended to `reasons`. The guard's part is
// read from its own snapshot (imgui_guard/guard.h), as the guard published it.
// `by_signal`: the crash is a fatal signal, and `phase_reason` says which, on which thread.
HealthStatus decide_status(Phase phase, const std::string& phase_reason, bool by_signal,
                           double heartbeat_age_ms, const IoPoolFigures& pool,
                           const imgui_guard::GuardSnapshot& guard,
                           std::vector<std::string>& reasons);

}  // namespace hooks
