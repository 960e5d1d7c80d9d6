// live_verdicts_test.cpp: the harness's decisions (pre-flight, respawn, launch), with a fake
// process and hand-written health documents: no GUI, no sockets.
#include "tests/harness/live_verdicts.h"

#include <gtest/gtest.h>
#include <signal.h>

namespace {

using harness::AfterTest;
using harness::ExitStatus;
using harness::HealthSample;
using harness::LaunchProgress;
using harness::LaunchStep;
using harness::Observation;
using harness::Verdict;
using nlohmann::json;
using namespace std::chrono_literals;

// A process whose life is scripted: it runs for `polls_until_exit` calls of running().
class FakeProcess : public harness::ProcessView {
  public:
    explicit FakeProcess(int polls_until_exit = -1, ExitStatus exit = {})
        : polls_left_(polls_until_exit), exit_(exit) {}
    pid_t pid() const override { return 4242; }
    bool running() override {
        if (status_) return false;
        if (polls_left_ == 0) {
            status_ = exit_;
            return false;
        }
        if (polls_left_ > 0) --polls_left_;
        return true;
    }
    std::optional<ExitStatus> status() const override { return status_; }
    std::optional<ExitStatus> wait_for(std::chrono::milliseconds) override {
        ++waits;
        while (running() && polls_left_ > 0) {
        }
        return status_;
    }
    int waits = 0;

  private:
    int polls_left_;
    ExitStatus exit_;
    std::optional<ExitStatus> status_;
};

ExitStatus segv() {
    ExitStatus s;
    s.signal = SIGSEGV;
    return s;
}

json record(const std::string& kind, const std::string& message) {
    return {{"kind", kind},
            {"message", message},
            {"panel", "Faults"},
            {"file", "app/workbench/faults_panel.cpp"},
            {"line", 42},
            {"function", "draw_faults"},
            {"count", 1},
            {"stacktrace",
             "#0 imhost::draw_faults() at app/workbench/faults_panel.cpp:42\n"
             "#1 imgui_guard::guarded() at imgui_guard/scope_guard.cpp:10\n"}};
}

json health(const std::string& status, const std::string& phase,
            std::vector<std::string> reasons = {}) {
    return {{"status", status},          {"phase", phase},        {"degraded_reasons", reasons},
            {"frame", {{"count", 120}}}, {"last_error", nullptr}, {"last_assert", nullptr}};
}

HealthSample answered(const json& body) {
    const std::string status = body.value("status", "");
    return {status == "fail" ? 503 : 200, body, ""};
}

Observation running_with(const json& body) {
    Observation seen;
    seen.running = true;
    seen.health = answered(body);
    return seen;
}

// --- observe ------------------------------------------------------------------------------

TEST(Observe, RunningProcessIsProbed) {
    FakeProcess process;
    int probes = 0;
    const Observation seen = harness::observe(
        process,
        [&] {
            ++probes;
            return answered(health("pass", "running"));
        },
        [] { return std::string(); });
    EXPECT_TRUE(seen.running);
    EXPECT_EQ(probes, 1);
    EXPECT_EQ(harness::broken_state(seen), "");
}

TEST(Observe, DeadProcessIsNotProbed) {
    FakeProcess process(0, segv());
    int probes = 0;
    const Observation seen = harness::observe(
        process,
        [&] {
            ++probes;
            return HealthSample{};
        },
        [] { return std::string(); });
    EXPECT_FALSE(seen.running);
    EXPECT_EQ(probes, 0);
    ASSERT_TRUE(seen.exit.has_value());
    EXPECT_EQ(harness::broken_state(seen), "dead: killed by signal 11 (SIGSEGV)");
}

TEST(Observe, ACrashInProgressIsWaitedFor) {
    // The crash handler wrote its report; the process exits a few polls later.
    FakeProcess process(3, segv());
    const Observation seen = harness::observe(
        process, [&] { return answered(health("pass", "running")); },
        [] { return std::string("imhost crash report: signal 11 (SIGSEGV)\n"); });
    EXPECT_EQ(process.waits, 1);
    EXPECT_FALSE(seen.running);
    EXPECT_EQ(harness::broken_state(seen), "dead: killed by signal 11 (SIGSEGV)");
}

TEST(Observe, HealthSayingAFatalSignalIsWaitedForBeforeTheReportExists) {
    // Health says `crashed` from the handler's first instruction, before a report is written.
    FakeProcess process(3, segv());
    const Observation seen = harness::observe(
        process,
        [&] {
            return answered(health("fail", "crashed",
                                   {"fatal signal SIGSEGV on the GUI thread (tid 7); writing "
                                    "the crash report /tmp/crash-7.txt"}));
        },
        [] { return std::string(); });
    EXPECT_EQ(process.waits, 1);
    EXPECT_EQ(harness::broken_state(seen), "dead: killed by signal 11 (SIGSEGV)");
}

TEST(Observe, AFrameLoopCrashIsNotWaitedFor) {
    FakeProcess process;
    const Observation seen = harness::observe(
        process,
        [&] { return answered(health("fail", "crashed", {"frame loop crashed: Render()"})); },
        [] { return std::string(); });
    EXPECT_EQ(process.waits, 0);
    EXPECT_EQ(harness::broken_state(seen), "crashed: frame loop crashed: Render()");
}

// --- pre-flight ---------------------------------------------------------------------------

TEST(Preflight, PassRunsQuietly) {
    const auto p = harness::decide_preflight(running_with(health("pass", "running")), false);
    EXPECT_EQ(p.verdict, Verdict::pass);
    EXPECT_EQ(p.message, "");
}

TEST(Preflight, DeadProcessFailsWithSignalCrashReportAndWhoLeftIt) {
    Observation seen;
    seen.exit = segv();
    seen.crash_report = "imhost crash report\nsignal 11 (SIGSEGV)\n#0 imhost::fault_segv()\n";
    seen.previous_health = health("pass", "running");
    const auto p = harness::decide_preflight(
        seen, false, "the previous test Crash.Segv left it dead: killed by signal 11 (SIGSEGV)");
    EXPECT_EQ(p.verdict, Verdict::fail);
    EXPECT_NE(p.message.find("the GUI is dead: killed by signal 11 (SIGSEGV)"), std::string::npos)
        << p.message;
    EXPECT_NE(p.message.find("the previous test Crash.Segv"), std::string::npos);
    EXPECT_NE(p.message.find("imhost::fault_segv()"), std::string::npos);
    EXPECT_NE(p.message.find("last health before it died"), std::string::npos);
}

TEST(Preflight, FailQuotesReasonsLastErrorAndLastAssertWithStacks) {
    json body = health("fail", "crashed", {"frame loop crashed: Forgot to call Render()"});
    body["last_error"] = record("exception", "boom from the Faults panel");
    body["last_assert"] = record("assert", "Forgot to call Render() / EndFrame()");
    const auto p = harness::decide_preflight(running_with(body), false);
    EXPECT_EQ(p.verdict, Verdict::fail);
    for (const char* needle :
         {"the GUI is crashed: frame loop crashed: Forgot to call Render()", "degraded_reasons:",
          "last_error: exception in panel 'Faults': boom from the Faults panel",
          "last_assert: assert in panel 'Faults'",
          "imhost::draw_faults() at "
          "app/workbench/faults_panel.cpp:42"})
        EXPECT_NE(p.message.find(needle), std::string::npos) << needle << "\n" << p.message;
}

TEST(Preflight, StructuredStackIsUsedWhenThereIsNoStacktraceText) {
    json body = health("fail", "crashed", {"frame loop crashed: x"});
    json rec = record("assert", "bad");
    rec.erase("stacktrace");
    rec["stack"] = json::array({{{"function", "panel_fn"}, {"file", "p.cpp"}, {"line", 7}}});
    body["last_assert"] = rec;
    const auto p = harness::decide_preflight(running_with(body), false);
    EXPECT_NE(p.message.find("panel_fn at p.cpp:7"), std::string::npos) << p.message;
}

TEST(Preflight, IoPoolShutDownWhileRunningIsAFailure) {
    const auto p = harness::decide_preflight(
        running_with(health("fail", "running", {"IO pool shut down: frame loop failure"})), false);
    EXPECT_EQ(p.verdict, Verdict::fail);
    EXPECT_NE(p.message.find("the GUI is failed: IO pool shut down"), std::string::npos)
        << p.message;
}

TEST(Preflight, NoAnswerIsAFailureNotAWait) {
    Observation seen;
    seen.running = true;
    seen.health.transport_error = "Read timeout";
    const auto p = harness::decide_preflight(seen, false);
    EXPECT_EQ(p.verdict, Verdict::fail);
    EXPECT_NE(p.message.find("unresponsive: /api/gui_health did not answer (Read timeout)"),
              std::string::npos)
        << p.message;
}

TEST(Preflight, WarnRunsWithTheWarningUnlessStrict) {
    const auto seen = running_with(
        health("warn", "running", {"1 recovered error(s) since the last errors/clear"}));
    const auto relaxed = harness::decide_preflight(seen, false);
    EXPECT_EQ(relaxed.verdict, Verdict::warn);
    EXPECT_NE(relaxed.message.find("1 recovered error(s)"), std::string::npos);
    const auto strict = harness::decide_preflight(seen, true);
    EXPECT_EQ(strict.verdict, Verdict::fail);
    EXPECT_NE(strict.message.find("(strict)"), std::string::npos);
}

// --- respawn ------------------------------------------------------------------------------

TEST(Respawn, UsableGuiIsKept) {
    const auto d =
        harness::decide_respawn(running_with(health("warn", "running")), {"S.T", false, false});
    EXPECT_FALSE(d.respawn);
    EXPECT_EQ(d.charge, "");
}

TEST(Respawn, ABreakageIsChargedToTheTestAndReplaced) {
    Observation seen;
    seen.exit = segv();
    seen.crash_report =
        "imhost crash report\nsignal: 11 (SIGSEGV)\n\n--- raw frames ---\n...\n"
        "--- symbolized frames ---\n  0x1 crash_with_segv at fault_kinds.cpp:45\n"
        "--- end of report ---\n";
    const auto d = harness::decide_respawn(seen, {"Crash.Segv", false, false});
    EXPECT_TRUE(d.respawn);
    EXPECT_EQ(d.note,
              "GUI was respawned: the previous test (Crash.Segv) left it dead: killed by signal "
              "11 (SIGSEGV)");
    EXPECT_EQ(d.charge.rfind("the GUI broke during this test: it is dead: killed by signal 11 "
                             "(SIGSEGV)\n",
                             0),
              0u)
        << d.charge;
    EXPECT_NE(d.charge.find("crash_with_segv at fault_kinds.cpp:45"), std::string::npos)
        << d.charge;
}

TEST(Respawn, AFailingHealthIsChargedWithItsReasons) {
    const auto d = harness::decide_respawn(
        running_with(health("fail", "crashed", {"frame loop crashed: Forgot to call Render()"})),
        {"Crash.Fatal", false, false});
    EXPECT_TRUE(d.respawn);
    EXPECT_NE(d.charge.find("it is crashed: frame loop crashed: Forgot to call Render()"),
              std::string::npos)
        << d.charge;
    EXPECT_NE(d.charge.find("degraded_reasons:"), std::string::npos) << d.charge;
}

TEST(Respawn, ABreakageThePreflightFoundIsReplacedNotCharged) {
    const auto d = harness::decide_respawn(
        running_with(health("fail", "crashed", {"frame loop crashed: Forgot to call Render()"})),
        {"Crash.Next", /*preflight_failed=*/true, false});
    EXPECT_TRUE(d.respawn);
    EXPECT_EQ(d.charge, "");
    EXPECT_EQ(d.note,
              "GUI was respawned: the previous test (Crash.Next) found it crashed: frame loop "
              "crashed: Forgot to call Render()");
}

TEST(Respawn, ExpectedBreakageIsReplacedNotCharged) {
    json body = health("fail", "stalled", {"frame loop stalled: no progress for 2300 ms"});
    const auto d = harness::decide_respawn(running_with(body), {"Faults.Hang", false, true});
    EXPECT_TRUE(d.respawn);
    EXPECT_EQ(d.charge, "");
    EXPECT_EQ(d.note,
              "GUI was respawned: the previous test (Faults.Hang) left it stalled: frame loop "
              "stalled: no progress for 2300 ms (on purpose)");
}

// --- launch -------------------------------------------------------------------------------

LaunchProgress starting(std::chrono::milliseconds elapsed) {
    LaunchProgress p;
    p.child_pid = 77;
    p.elapsed = elapsed;
    p.deadline = 20s;
    return p;
}

TEST(Launch, WaitsForThePortFileThenFailsAtTheDeadline) {
    auto p = starting(100ms);
    p.port_file = std::string("cannot open port.json: No such file or directory");
    EXPECT_EQ(harness::decide_launch_step(p).kind, LaunchStep::wait);
    p.elapsed = 20s;
    const auto step = harness::decide_launch_step(p);
    EXPECT_EQ(step.kind, LaunchStep::failed);
    EXPECT_NE(step.reason.find("no usable port file after 20000 ms: cannot open"),
              std::string::npos)
        << step.reason;
}

TEST(Launch, AnExitFailsAtOnceWithTheStatus) {
    auto p = starting(50ms);
    p.running = false;
    p.exit = ExitStatus{3, 0};
    const auto step = harness::decide_launch_step(p);
    EXPECT_EQ(step.kind, LaunchStep::failed);
    EXPECT_EQ(step.reason, "imhost exited before it was healthy (exit code 3)");
}

TEST(Launch, APortFileOfAnotherProcessIsNotTrusted) {
    auto p = starting(100ms);
    p.port_file = hooks::PortFileInfo{"http://127.0.0.1:5000", 5000, 12, "t", "i"};
    p.health = answered(health("pass", "running"));
    EXPECT_EQ(harness::decide_launch_step(p).kind, LaunchStep::wait);
    p.elapsed = 21s;
    EXPECT_NE(harness::decide_launch_step(p).reason.find("names pid 12, not the launched imhost"),
              std::string::npos);
}

TEST(Launch, ReadyOnPassOnlyUnlessWarnIsAccepted) {
    auto p = starting(100ms);
    p.port_file = hooks::PortFileInfo{"http://127.0.0.1:5000", 5000, 77, "t", "i"};
    p.health = answered(health("starting", "starting"));
    p.health->http_status = 503;
    EXPECT_EQ(harness::decide_launch_step(p).kind, LaunchStep::wait);
    p.health = answered(health("pass", "running"));
    EXPECT_EQ(harness::decide_launch_step(p).kind, LaunchStep::ready);
    p.health = answered(health("warn", "running", {"IO pool degraded"}));
    EXPECT_EQ(harness::decide_launch_step(p).kind, LaunchStep::wait);
    p.elapsed = 20s;
    const auto late = harness::decide_launch_step(p);
    EXPECT_EQ(late.kind, LaunchStep::failed);
    EXPECT_NE(late.reason.find("health was not pass after 20000 ms: status warn"),
              std::string::npos)
        << late.reason;
    EXPECT_NE(late.reason.find("IO pool degraded"), std::string::npos);
    p.elapsed = 100ms;
    p.accept_warn = true;
    EXPECT_EQ(harness::decide_launch_step(p).kind, LaunchStep::ready);
}

}  // namespace

// --- crash report excerpt -----------------------------------------------------------------

namespace {

const char* kReport =
    "imhost crash report\nsignal: 11 (SIGSEGV)\naddress: 0x0\npid: 77\n\n"
    "--- raw frames ---\n/app/imhost(+0x1)[0x5]\n/app/imhost(+0x2)[0x6]\n\n"
    "--- /proc/self/maps ---\n55d8-55d9 r--p 0 fe:00 1 /app/imhost\n\n"
    "--- symbolized frames ---\n#0 imhost::faults::crash_with_segv at fault_kinds.cpp:30\n"
    "#1 main at main.cpp:87\n--- end of report ---\n";

TEST(CrashReportExcerpt, HeaderAndSymbolizedFramesWithoutMaps) {
    const std::string excerpt = harness::crash_report_excerpt(kReport);
    EXPECT_NE(excerpt.find("signal: 11 (SIGSEGV)"), std::string::npos) << excerpt;
    EXPECT_NE(excerpt.find("#0 imhost::faults::crash_with_segv at fault_kinds.cpp:30"),
              std::string::npos)
        << excerpt;
    EXPECT_EQ(excerpt.find("r--p"), std::string::npos) << excerpt;
    EXPECT_EQ(excerpt.find("(+0x1)"), std::string::npos) << excerpt;
}

TEST(CrashReportExcerpt, RawFramesWhenStage2WroteNothing) {
    const std::string stage1_only =
        "imhost crash report\nsignal: 6 (SIGABRT)\n\n--- raw frames ---\n/app/imhost(+0x1)[0x5]\n"
        "\n--- /proc/self/maps ---\n55d8-55d9 r--p\n\n--- symbolized frames ---\n";
    const std::string excerpt = harness::crash_report_excerpt(stage1_only);
    EXPECT_NE(excerpt.find("signal: 6 (SIGABRT)"), std::string::npos) << excerpt;
    EXPECT_NE(excerpt.find("/app/imhost(+0x1)[0x5]"), std::string::npos) << excerpt;
    EXPECT_EQ(excerpt.find("r--p"), std::string::npos) << excerpt;
}

}  // namespace
