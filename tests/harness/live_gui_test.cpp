// live_gui_test.cpp: the fixture's life cycle: launch per suite, pre-flight, respawn, reset.
#include "tests/harness/live_gui_test.h"

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "tests/harness/live_summary.h"

namespace harness {

using namespace std::chrono_literals;

struct LiveGuiTest::Suite {
    LiveSuiteOptions options;
    std::unique_ptr<LiveGui> gui;
    std::string launch_error;  // why there is no GUI

    void launch() {
        gui.reset();
        launch_error.clear();
        try {
            gui = std::make_unique<LiveGui>(options.gui);
        } catch (const std::exception& error) {
            launch_error = error.what();
            std::cout << "[ NO GUI   ] " << launch_error << std::endl;
        }
    }
};

std::unique_ptr<LiveGuiTest::Suite>& LiveGuiTest::suite() {
    static std::unique_ptr<Suite> current;
    return current;
}

std::string LiveGuiTest::current_test_name() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    return info ? std::string(info->test_suite_name()) + "." + info->name() : std::string("?");
}

void LiveGuiTest::start_suite(LiveSuiteOptions options) {
    auto& s = suite();
    s = std::make_unique<Suite>();
    s->options = std::move(options);
    s->launch();
}

void LiveGuiTest::TearDownTestSuite() {
    auto& s = suite();
    if (!s) return;
    if (s->gui) {
        const Observation seen = s->gui->observe();
        const std::string state = broken_state(seen);
        if (!state.empty()) {
            std::cout << s->gui->diagnostics(artifacts_dir(), "end-of-suite") << std::endl;
            ADD_FAILURE() << "the last test of the suite left the GUI " << state;
        }
    }
    s.reset();  // stops the GUI and removes its workspace
}

LiveGui& LiveGuiTest::gui() {
    auto& s = suite();
    if (!s || !s->gui)
        throw std::logic_error("no GUI: " + (s ? s->launch_error : std::string("no suite")));
    return *s->gui;
}

bool LiveGuiTest::strict() const {
    if (const char* env = std::getenv("IMHOST_STRICT"); env && std::string(env) == "1") return true;
    return suite() && suite()->options.strict;
}

void LiveGuiTest::SetUp() {
    auto& s = suite();
    if (!s)
        FAIL() << "LiveGuiTest: SetUpTestSuite() did not run (a fixture that hides it must "
                  "call start_suite())";
    if (!s->gui) FAIL() << "GUI pre-flight failed: there is no GUI: " << s->launch_error;

    const auto start = std::chrono::steady_clock::now();
    preflight_ = decide_preflight(s->gui->observe(), strict());
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
    if (preflight_.verdict == Verdict::fail)
        FAIL() << preflight_.message << "  (pre-flight took " << ms << " ms)";
    if (preflight_.verdict == Verdict::warn) std::cout << "[ WARN     ] " << preflight_.message;
}

void LiveGuiTest::TearDown() {
    auto& s = suite();
    if (!s || !s->gui) return;
    const std::string name = current_test_name();
    LiveGui& g = *s->gui;
    const bool failed = HasFailure();
    if (failed) std::cout << g.diagnostics(artifacts_dir(), name) << std::flush;

    const Observation seen = g.observe();
    AfterTest after;
    after.test_name = name;
    after.preflight_failed = preflight_.verdict == Verdict::fail;
    after.breakage_expected = breakage_expected_;
    const RespawnDecision decision = decide_respawn(seen, after);
    if (!decision.charge.empty()) {
        // Charged here, in the test that broke it; the next one starts on a fresh GUI.
        ADD_FAILURE() << decision.charge;
        if (!failed) std::cout << g.diagnostics(artifacts_dir(), name) << std::flush;
    }
    if (decision.respawn) {
        if (const std::string copy = g.collect_crash_report(artifacts_dir()); !copy.empty())
            std::cout << "[ CRASH    ] crash report of pid " << g.pid() << " collected: " << copy
                      << std::endl;
        std::cout << "[ RESPAWN  ] " << decision.note << std::endl;
        note_respawn(decision.note);
        s->launch();
        return;
    }
    if (s->options.reset_between_tests) {
        try {
            g.reset();
        } catch (const std::exception& error) {
            ADD_FAILURE() << "POST /api/reset between tests failed: " << error.what();
        }
    }
}

}  // namespace harness
