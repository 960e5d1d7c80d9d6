// health_rules.cpp: the status rules (see the header).
#include "hooks/health/health_rules.h"

#include <cmath>

namespace hooks {

const char* status_name(HealthStatus status) {
    static constexpr const char* kNames[] = {"pass", "warn", "fail"};
    return kNames[static_cast<int>(status)];
}

int http_status(HealthStatus status, bool strict) {
    if (status == HealthStatus::fail) return 503;
    if (status == HealthStatus::warn && strict) return 503;
    return 200;
}

HealthStatus decide_status(Phase phase, const std::string& phase_reason, bool by_signal,
                           double heartbeat_age_ms, const IoPoolFigures& pool,
                           const imgui_guard::GuardSnapshot& guard,
                           std::vector<std::string>& reasons) {
    HealthStatus status = HealthStatus::pass;
    auto worsen = [&](HealthStatus s) {
        if (static_cast<int>(s) > static_cast<int>(status)) status = s;
    };
    switch (phase) {
        case Phase::running:
            break;
        case Phase::starting:
            worsen(HealthStatus::fail);
            reasons.push_back("frame loop is starting: no frame rendered yet");
            break;
        case Phase::stalled:
            worsen(HealthStatus::fail);
            reasons.push_back("frame loop stalled: no progress for " +
                              std::to_string(std::lround(heartbeat_age_ms)) + " ms");
            break;
        case Phase::crashed:
            worsen(HealthStatus::fail);
            if (by_signal) {  // "fatal signal SIGSEGV on the GUI thread (tid N); ..."
                reasons.push_back(phase_reason);
                break;
            }
            reasons.push_back("frame loop crashed: " + (phase_reason.empty()
                                                            ? std::string("unknown reason")
                                                            : phase_reason));
            break;
        case Phase::stopping:
            worsen(HealthStatus::fail);
            reasons.push_back("frame loop is stopping" +
                              (phase_reason.empty() ? std::string() : ": " + phase_reason));
            break;
    }
    if (pool.state == "shut_down") {
        worsen(HealthStatus::fail);
        reasons.push_back("IO pool shut down" +
                          (pool.last_error.empty() ? std::string() : ": " + pool.last_error));
    } else if (pool.state == "degraded") {
        worsen(HealthStatus::warn);
        reasons.push_back("IO pool degraded" +
                          (pool.last_error.empty() ? std::string() : ": " + pool.last_error));
    }
    if (guard.errors_since_clear > 0) {
        worsen(HealthStatus::warn);
        reasons.push_back(std::to_string(guard.errors_since_clear) +
                          " recovered error(s) since the last errors/clear");
    }
    for (const std::string& panel : guard.quarantined_panels) {
        worsen(HealthStatus::warn);
        reasons.push_back("panel '" + panel +
                          "' is quarantined (repeated faults, or a null dereference it "
                          "survived); POST /api/reset re-enables it");
    }
    return status;
}

}  // namespace hooks
