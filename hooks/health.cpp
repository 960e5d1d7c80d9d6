// health.cpp: the status rules and the /api/gui_health document.
#include "hooks/health.h"

#include <unistd.h>

#include <cmath>

namespace hooks {

int HealthReport::http_status(bool strict) const {
    if (status == HealthStatus::fail) return 503;
    if (status == HealthStatus::warn && strict) return 503;
    return 200;
}

Health::Health(const FrameLoopStatus& loop, Options options)
    : loop_(loop), options_(std::move(options)) {}

void Health::set_io_pool_source(std::function<IoPoolFigures()> source) {
    io_pool_ = std::move(source);
}
void Health::set_guard_source(std::function<GuardSummary()> source) { guard_ = std::move(source); }

HealthStatus decide_status(Phase phase, const std::string& phase_reason, double heartbeat_age_ms,
                           const IoPoolFigures& pool, const GuardSummary& guard,
                           std::vector<std::string>& reasons) {
    HealthStatus status = HealthStatus::pass;
    auto worsen = [&](HealthStatus s) {
        if (static_cast<int>(s) > static_cast<int>(status)) status = s;
    };
    switch (phase) {
        case Phase::running: break;
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
            reasons.push_back("frame loop crashed: " +
                              (phase_reason.empty() ? std::string("unknown reason") : phase_reason));
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
        reasons.push_back("panel '" + panel + "' is quarantined after repeated faults");
    }
    return status;
}

HealthReport Health::report() const {
    const Phase phase = loop_.phase(options_.stall_after);
    const IoPoolFigures pool = io_pool_ ? io_pool_() : IoPoolFigures{};
    const GuardSummary guard = guard_ ? guard_() : GuardSummary{};
    std::vector<std::string> reasons;
    HealthReport report;
    report.status =
        decide_status(phase, loop_.reason(), loop_.heartbeat_age_ms(), pool, guard, reasons);

    static constexpr const char* kStatus[] = {"pass", "warn", "fail"};
    const double uptime =
        std::chrono::duration<double>(SteadyClock::now() - started_).count();
    const double frame_age = loop_.last_frame_age_ms();
    report.body = {
        {"status", kStatus[static_cast<int>(report.status)]},
        {"phase", phase_name(phase)},
        {"healthy", report.status == HealthStatus::pass},
        {"degraded", report.status != HealthStatus::pass},
        {"degraded_reasons", reasons},
        {"instance_id", options_.instance_id},
        {"pid", static_cast<long>(::getpid())},
        {"uptime_s", std::round(uptime * 1000.0) / 1000.0},
        {"frame",
         {{"count", loop_.frame_count()},
          {"last_frame_age_ms", frame_age < 0 ? nlohmann::json(nullptr)
                                              : nlohmann::json(std::round(frame_age * 10) / 10)},
          {"fps", std::round(loop_.fps() * 10) / 10}}},
        {"io_pool",
         {{"state", pool.state},
          {"workers", pool.workers},
          {"queued", pool.queued},
          {"active", pool.active},
          {"completed", pool.completed},
          {"failed", pool.failed},
          {"rejected", pool.rejected},
          {"last_error", pool.last_error.empty() ? nlohmann::json(nullptr)
                                                 : nlohmann::json(pool.last_error)}}},
        {"guard",
         {{"asserts", guard.asserts},
          {"user_errors", guard.user_errors},
          {"scope_leaks", guard.scope_leaks},
          {"exceptions", guard.exceptions},
          {"recoveries", guard.recoveries},
          {"quarantined_panels", guard.quarantined_panels}}},
        {"last_assert", guard.last_assert},
        {"last_error", guard.last_error},
    };
    return report;
}

}  // namespace hooks
