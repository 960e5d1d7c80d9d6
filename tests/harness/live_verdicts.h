// live_verdicts.h: the harness's decisions, as pure functions of what it observed.
//
// LiveGui and the GoogleTest fixture look at the GUI process and its health; these functions
// decide what that means. Apart from observe(), which only gathers, nothing here does I/O, so
// tests/unit/harness checks every rule with a fake process.
//
//   Observation seen = observe(process, probe, crash_report);  // gather (fakeable)
//   Preflight p = decide_preflight(seen, strict, history);      // before each test
//   RespawnDecision r = decide_respawn(seen, after_test);       // after each test
//   LaunchStep s = decide_launch_step(progress);                // while a GUI starts
//
// The rules (the same in the pytest plugin, hooks/clients/python/imhost_client/verdicts.py):
//   usable      process running and health answered 200 (status pass or warn)
//   pre-flight  dead, no answer or `fail` -> the test fails at once, quoting degraded_reasons,
//               last_error and last_assert with its stack; `warn` -> runs with the warning
//               printed, or fails when the test is strict
//   after test  a GUI that broke during the test (exited or killed, health `crashed` or `fail`,
//               a crash report) is charged to that test: it fails, quoting the state and the
//               crash report, unless it said it breaks the GUI on purpose. Either way the GUI is
//               replaced before the next test, which starts on a fresh one with the note "GUI
//               was respawned: the previous test (<name>) left it <phase: reason>".
//               A breakage the pre-flight found (something broke it between tests) is replaced
//               the same way after that test.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "hooks/http/port_file.h"
#include "tests/harness/child_process.h"

namespace harness {

// One GET /api/gui_health.
struct HealthSample {
    int http_status = 0;          // 0: no answer
    nlohmann::json body;          // the health JSON (null if none)
    std::string transport_error;  // why there was no answer
};

// What the harness saw of a GUI at one moment.
struct Observation {
    bool running = false;
    std::optional<ExitStatus> exit;  // set when the process has exited
    std::string crash_report;        // crash-<pid>.txt ("" if none): it crashed, or is crashing
    HealthSample health;             // not taken when the process is dead
    nlohmann::json previous_health;  // the last health seen before this one (for a dead GUI)
};

using HealthProbe = std::function<HealthSample()>;
using CrashReportReader = std::function<std::string()>;

// Looks at the process, then at its health. A process that is dying of a fatal signal (health
// says so from the crash handler's first instruction; the report follows) is given up to
// `dying_grace` to exit, so the report is whole and the exit status known when it is quoted.
// The handler takes 40-160 ms here; the grace is for a machine loaded far beyond that.
Observation observe(ProcessView& process, const HealthProbe& probe,
                    const CrashReportReader& crash_report,
                    std::chrono::milliseconds dying_grace = std::chrono::milliseconds(5000));

// "" when the GUI is usable, else its state in a few words: "dead: killed by signal 11
// (SIGSEGV)", "crashed: frame loop crashed: ...", "stalled: ...", "unresponsive: ...".
std::string broken_state(const Observation& seen);

// --- pre-flight ---------------------------------------------------------------------------

enum class Verdict { pass, warn, fail };

struct Preflight {
    Verdict verdict = Verdict::pass;
    std::string message;  // warn/fail: what to print; quotes reasons, errors and stacks
};

// `history`: where the breakage was first seen, e.g. "the previous test Suite.Crash left it
// dead: killed by signal 11 (SIGSEGV)"; quoted in a failure.
Preflight decide_preflight(const Observation& seen, bool strict, const std::string& history = {});

// The health fields a human needs: degraded_reasons, last_error and last_assert with stacks.
std::string describe_health(const nlohmann::json& health);

// The part of a crash report a human reads first: the header (signal, address, pid) and the
// symbolized frames (the raw frames when there are none), without /proc/self/maps.
std::string crash_report_excerpt(const std::string& report, std::size_t max_frames = 40);

// --- respawn ------------------------------------------------------------------------------

struct AfterTest {
    std::string test_name;
    bool preflight_failed = false;   // the pre-flight of this test already reported the breakage
    bool breakage_expected = false;  // the test broke the GUI on purpose and said so
};

struct RespawnDecision {
    bool respawn = false;
    std::string note;    // respawn: "GUI was respawned: the previous test (<name>) left it <state>"
    std::string charge;  // the test broke the GUI without saying so: its failure, for a human
};

RespawnDecision decide_respawn(const Observation& seen, const AfterTest& test);

// --- launch -------------------------------------------------------------------------------

struct LaunchProgress {
    bool running = true;
    std::optional<ExitStatus> exit;
    long child_pid = 0;
    std::variant<hooks::PortFileInfo, std::string> port_file = std::string("not written yet");
    std::optional<HealthSample> health;  // once the port file is known
    std::chrono::milliseconds elapsed{0}, deadline{0};
    bool accept_warn = false;  // a `warn` start counts as ready
};

struct LaunchStep {
    enum Kind { wait, ready, failed } kind = wait;
    std::string reason;  // failed: why, for a human
};

LaunchStep decide_launch_step(const LaunchProgress& progress);

}  // namespace harness
