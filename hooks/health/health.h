// health.h: the document behind GET /api/gui_health, and its cached text.
//
// It reads only atomics and published snapshots (FrameLoopStatus, the IO pool figures, the
// guard's shared snapshot), so it answers in microseconds even while the GUI thread is blocked.
// The status rules are in health_rules.h.
//
// Cost. GET /api/gui_health is what harnesses poll, so text() keeps the document serialized: while
// the loop runs, everything but uptime_s and the frame figures changes only when the IO pool's
// figures or the guard's records do. That text is built once per change (from the same report()
// as the slow path, so both agree), and each call writes only the four live numbers into it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hooks/gui/frame_loop_status.h"
#include "hooks/gui/published.h"
#include "hooks/health/health_rules.h"
#include "imgui_guard/guard.h"

namespace hooks {

struct HealthReport {
    HealthStatus status = HealthStatus::pass;
    nlohmann::json body;  // the flat JSON object of /api/gui_health
    int http_status(bool strict) const { return hooks::http_status(status, strict); }
};

struct HealthText {
    HealthStatus status = HealthStatus::pass;
    std::string body;  // HealthReport::body, serialized
    int http_status(bool strict) const { return hooks::http_status(status, strict); }
};

class Health {
  public:
    struct Options {
        std::string instance_id;
        std::chrono::milliseconds stall_after{2000};
    };
    Health(const FrameLoopStatus& loop, Options options);

    // Before the server starts. The guard's part is imgui_guard::shared_snapshot(), read as
    // the guard published it (a new pointer only when its records changed).
    void set_io_pool_source(std::function<IoPoolFigures()> source);

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

    HealthReport build(Phase phase, const IoPoolFigures& pool,
                       const imgui_guard::GuardSnapshot& guard, Live live) const;
    std::shared_ptr<const Template> make_template(
        IoPoolFigures pool, std::shared_ptr<const imgui_guard::GuardSnapshot> guard) const;
    double uptime_s() const;

    const FrameLoopStatus& loop_;
    Options options_;
    SteadyClock::time_point started_ = SteadyClock::now();
    std::function<IoPoolFigures()> io_pool_;
    mutable Published<Template> template_;  // the last one built
};

}  // namespace hooks
