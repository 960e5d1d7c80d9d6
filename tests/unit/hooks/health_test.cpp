// health_test.cpp: the status rules of /api/gui_health.
#include <gtest/gtest.h>

#include "hooks/health/health.h"

namespace {

using hooks::HealthStatus;
using hooks::Phase;

HealthStatus decide(Phase phase, const hooks::IoPoolFigures& pool = {},
                    const imgui_guard::GuardSnapshot& guard = {}) {
    std::vector<std::string> reasons;
    return hooks::decide_status(phase, "why", false, 0, pool, guard, reasons);
}

TEST(HealthRules, RunningAndCleanIsPass) { EXPECT_EQ(decide(Phase::running), HealthStatus::pass); }

TEST(HealthRules, AnyPhaseButRunningIsFail) {
    for (Phase p : {Phase::starting, Phase::stalled, Phase::crashed, Phase::stopping})
        EXPECT_EQ(decide(p), HealthStatus::fail) << hooks::phase_name(p);
}

TEST(HealthRules, IoPoolShutDownIsFailAndDegradedIsWarn) {
    hooks::IoPoolFigures pool;
    pool.state = "shut_down";
    EXPECT_EQ(decide(Phase::running, pool), HealthStatus::fail);
    pool.state = "degraded";
    EXPECT_EQ(decide(Phase::running, pool), HealthStatus::warn);
}

TEST(HealthRules, RecoveredErrorsOrQuarantineAreWarn) {
    imgui_guard::GuardSnapshot guard;
    guard.errors_since_clear = 2;
    EXPECT_EQ(decide(Phase::running, {}, guard), HealthStatus::warn);
    guard.errors_since_clear = 0;
    guard.quarantined_panels = {"Context"};
    std::vector<std::string> reasons;
    EXPECT_EQ(hooks::decide_status(Phase::running, "", false, 0, {}, guard, reasons),
              HealthStatus::warn);
    ASSERT_EQ(reasons.size(), 1u);
    EXPECT_NE(reasons[0].find("Context"), std::string::npos);
}

TEST(HealthRules, CrashReasonIsQuoted) {
    std::vector<std::string> reasons;
    hooks::decide_status(Phase::crashed, "NewFrame: Forgot to call Render()", false, 0, {}, {},
                         reasons);
    ASSERT_FALSE(reasons.empty());
    EXPECT_NE(reasons[0].find("Forgot to call Render()"), std::string::npos);
}

// A fatal signal's reason is the whole sentence: it is not the frame loop that crashed.
TEST(HealthRules, AFatalSignalIsQuotedAsItIs) {
    std::vector<std::string> reasons;
    const std::string why = "fatal signal SIGSEGV on the IO worker thread (tid 12); writing ...";
    EXPECT_EQ(hooks::decide_status(Phase::crashed, why, true, 0, {}, {}, reasons),
              HealthStatus::fail);
    ASSERT_EQ(reasons.size(), 1u);
    EXPECT_EQ(reasons[0], why);
}

// The guard's records reach the document straight from its shared snapshot, stack included.
TEST(HealthDocument, ShowsTheGuardsNewestErrorWithItsStack) {
    imgui_guard::clear_errors();
    imgui_guard::report_error(imgui_guard::RecordKind::io_error, "disk full", "save project");
    hooks::FrameLoopStatus loop;
    hooks::Health health(loop, {"test", std::chrono::milliseconds(2000)});
    const nlohmann::json body = health.report().body;
    ASSERT_TRUE(body["last_error"].is_object()) << body.dump();
    EXPECT_NE(body["last_error"]["message"].get<std::string>().find("disk full"),
              std::string::npos);
    EXPECT_FALSE(body["last_error"]["stacktrace"].get<std::string>().empty());
    EXPECT_TRUE(body["last_assert"].is_null());
    imgui_guard::clear_errors();
    EXPECT_TRUE(health.report().body["last_error"].is_null());
}

TEST(HealthReport, StrictTurnsWarnInto503) {
    hooks::HealthReport report;
    report.status = HealthStatus::warn;
    EXPECT_EQ(report.http_status(false), 200);
    EXPECT_EQ(report.http_status(true), 503);
    report.status = HealthStatus::fail;
    EXPECT_EQ(report.http_status(false), 503);
}

TEST(FrameLoopStatus, IdleLoopIsNotStalledButABlockedOneIs) {
    hooks::FrameLoopStatus status;
    status.set_running();
    EXPECT_EQ(status.phase(std::chrono::seconds(10)), Phase::starting);  // no frame yet
    status.frame_rendered();
    status.idle_begin();
    EXPECT_EQ(status.phase(std::chrono::milliseconds(0)), Phase::running);
    status.idle_end();
    // A zero threshold: any time without a heartbeat counts as a stall.
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(5);
    while (std::chrono::steady_clock::now() < until) {
    }
    EXPECT_EQ(status.phase(std::chrono::milliseconds(1)), Phase::stalled);
    status.set_crashed("gone");
    EXPECT_EQ(status.phase(std::chrono::milliseconds(1)), Phase::crashed);
    EXPECT_EQ(status.reason(), "gone");
}

TEST(FrameLoopStatus, ALoopBlockedBeforeItsFirstFrameIsStalled) {
    hooks::FrameLoopStatus status;
    status.set_running();
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(5);
    while (std::chrono::steady_clock::now() < until) {
    }
    EXPECT_EQ(status.phase(std::chrono::milliseconds(1)), Phase::stalled);
}

}  // namespace
