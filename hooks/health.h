// health.h: the health model behind GET /api/gui_health.
//
// It reads only atomics and published snapshots (FrameLoopStatus, the IO pool figures, the guard
// summary), so it answers in microseconds even while the GUI thread is blocked.
//
// Cost. GET /api/gui_health is what harnesses poll, so text() keeps the document serialized: while
// the loop runs, everything but uptime_s and the frame figures changes only when the IO pool's
// figures or the guard's records do. That text is built once per change (from the same report()
// as the slow path, so both agree), and each call writes only the four live numbers into it.
//
// Status rules (the same in docs/hook-api.md):
//   fail (503)  phase is not `running`, or the IO pool is `shut_down`
//   warn (200)  running, but since the last errors/clear: recovered errors, a quarantined
//               panel, or a degraded IO pool          (?strict=1 makes warn a 503 too)
//   pass (200)  otherwise
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hooks/frame_loop_status.h"
#include "hooks/published.h"

namespace hooks {

// The app's IO pool, as health shows it. `state`: "running" | "degraded" | "shut_down".
struct IoPoolFigures {
    std::string state = "running";
    int workers = 0;
    std::uint64_t queued = 0, active = 0, completed = 0, failed = 0, rejected = 0;
    std::string last_error;
    bool operator==(const IoPoolFigures&) const = default;
};

// The guard's records, as health shows them.
struct GuardSummary {
    std::uint64_t asserts = 0, user_errors = 0, scope_leaks = 0, exceptions = 0, recoveries = 0;
    std::uint64_t errors_since_clear = 0;  // recovered errors since POST /api/errors/clear
    std::vector<std::string> quarantined_panels;
    nlohmann::json last_assert;  // null, or the newest assert/user_error/scope_leak
    nlohmann::json last_error;   // null, or the newest exception/io_error/crash
};

enum class HealthStatus { pass, warn, fail };

struct HealthReport {
    HealthStatus status = HealthStatus::pass;
    nlohmann::json body;  // the flat JSON object of /api/gui_health
    int http_status(bool strict) const;
};

struct HealthText {
    HealthStatus status = HealthStatus::pass;
    std::string body;  // HealthReport::body, serialized
    int http_status(bool strict) const { return HealthReport{status, {}}.http_status(strict); }
};

class Health {
  public:
    struct Options {
        std::string instance_id;
        std::chrono::milliseconds stall_after{2000};
    };
    Health(const FrameLoopStatus& loop, Options options);

    // Both before the server starts. The guard source returns the same pointer while the
    // summary is unchanged (current_guard_summary() in guard_summary.h does).
    void set_io_pool_source(std::function<IoPoolFigures()> source);
    void set_guard_source(std::function<std::shared_ptr<const GuardSummary>()> source);

    HealthReport report() const;  // any thread
    HealthText text() const;      // any thread; the same document, cheaply (see the top)
    Phase phase() const { return loop_.phase(options_.stall_after); }
    const FrameLoopStatus& loop() const { return loop_; }

  private:
    // The live fields of the document, as JSON values (numbers, or placeholders in a template).
    struct Live {
        nlohmann::json uptime_s, frame_count, last_frame_age_ms, fps;
    };
    struct Template;  // the running document serialized around its live fields (health.cpp)

    HealthReport build(Phase phase, const IoPoolFigures& pool, const GuardSummary& guard,
                       Live live) const;
    std::shared_ptr<const Template> make_template(IoPoolFigures pool,
                                                  std::shared_ptr<const GuardSummary> guard) const;
    std::shared_ptr<const GuardSummary> guard() const;
    double uptime_s() const;

    const FrameLoopStatus& loop_;
    Options options_;
    SteadyClock::time_point started_ = SteadyClock::now();
    std::function<IoPoolFigures()> io_pool_;
    std::function<std::shared_ptr<const GuardSummary>()> guard_;
    mutable Published<Template> template_;  // the last one built
};

// Pure: the status from its inputs, with the human reasons. Unit-tested on its own.
HealthStatus decide_status(Phase phase, const std::string& phase_reason, double heartbeat_age_ms,
                           const IoPoolFigures& pool, const GuardSummary& guard,
                           std::vector<std::string>& reasons);

}  // namespace hooks
