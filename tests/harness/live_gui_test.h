// live_gui_test.h: the GoogleTest base fixture for live tests. One GUI per test suite, a
// health check before every test, and a fresh GUI after a test that left it broken.
//
//   class ProjectsLive : public harness::LiveGuiTest {};       // default options
//   TEST_F(ProjectsLive, NewAutomatedProject) {
//       gui().click("btn_project_new_automated");
//       EXPECT_EQ(gui().state()["projects"].size(), 2u);
//   }
//
//   class CleanEachTime : public harness::LiveGuiTest {         // suite options
//   public:
//       static void SetUpTestSuite() { start_suite({.reset_between_tests = true}); }
//   };
//
// What happens around each test:
//   SetUp     pre-flight (live_verdicts.h): a dead, failed or unresponsive GUI fails the test at
//             once (well under a second), quoting degraded_reasons, last_error and last_assert
//             with its stack, or the crash report. `warn` prints the warning and runs, unless
//             the fixture overrides strict() or IMHOST_STRICT=1 is set.
//   TearDown  on failure, the diagnostics (LiveGui::diagnostics). Then the check: a GUI that
//             broke during the test (exited or killed, health `crashed` or `fail`, a crash
//             report; a crash the test's fault() armed is waited for) fails this test, quoting
//             the signal or reason and the crash report, unless the test broke it on purpose
//             (expect_gui_breakage()). A broken GUI is then replaced, and the note "GUI was
//             respawned: the previous test (<name>) left it <phase: reason>" goes to the
//             output and the file's summary line; the next test starts on the fresh GUI.
//             With reset_between_tests, a usable GUI gets POST /api/reset.
//   The pre-flight stays the safety net for a GUI broken between tests by something else.
//
// Link live test binaries with imhost_live_main (see tests/CMakeLists.txt): it prints the
// summary line "live: <file>: N passed, M failed, respawns K" at the end.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "tests/harness/live_gui.h"
#include "tests/harness/live_verdicts.h"

namespace harness {

struct LiveSuiteOptions {
    LiveGuiOptions gui;
    bool reset_between_tests = false;  // POST /api/reset after each test that left it usable
    bool strict = false;               // `warn` fails the pre-flight too
};

class LiveGuiTest : public ::testing::Test {
  public:
    static void SetUpTestSuite() { start_suite({}); }
    static void TearDownTestSuite();  // stops the GUI; fails if the last test left it broken

  protected:
    // Launches the suite's GUI. A launch failure is kept, and every test then fails at once
    // quoting it.
    static void start_suite(LiveSuiteOptions options);

    void SetUp() override;
    void TearDown() override;

    LiveGui& gui();               // the suite's GUI
    virtual bool strict() const;  // options.strict or IMHOST_STRICT=1; override per fixture
    void expect_gui_breakage() { breakage_expected_ = true; }  // replace the GUI after this test
    const Preflight& preflight() const { return preflight_; }

  private:
    struct Suite;
    static std::unique_ptr<Suite>& suite();
    static std::string current_test_name();

    Preflight preflight_;
    bool breakage_expected_ = false;
};

}  // namespace harness
