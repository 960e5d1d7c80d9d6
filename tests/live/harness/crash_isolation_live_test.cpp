// crash_isolation_live_test.cpp: two live test files run in one batch, the first crashing its
// GUI (segv, then frame_loop_fatal, then a kill from outside). What must hold:
//   - the test during which the GUI broke fails, quoting the signal (or the reason) and the
//     crash report; the test after it passes on a respawned GUI, with the note "GUI was
//     respawned: the previous test (<name>) left it <phase: reason>", and loses no time;
//   - a GUI broken between tests fails the next test's pre-flight within 1 s, with the reason;
//   - the crash report was collected, and the output names it for CI ([[ATTACHMENT|path]]);
//   - the second file starts on a fresh, clean GUI;
//   - no imhost or Xvfb process is left once the batch is over.
// The two files are built as plain executables (CRASH_FIRST_EXE, CRASH_SECOND_EXE) and run here
// with their own Xvfb (DISPLAY unset), as a CTest batch would run them.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "tests/live/harness/batch_files.h"

namespace {

using namespace std::chrono_literals;
using batch::failed;
using batch::failure_text;
using batch::seconds;
using nlohmann::json;

class CrashIsolationBatch : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = std::make_unique<batch::BatchDir>("imhost-crash-batch");
        first_ = dir_->run("first", CRASH_FIRST_EXE);
        second_ = dir_->run("second", CRASH_SECOND_EXE);
    }
    static void TearDownTestSuite() { dir_.reset(); }

    static inline std::unique_ptr<batch::BatchDir> dir_;
    static inline batch::FileRun first_, second_;
};

TEST_F(CrashIsolationBatch, TheTestDuringWhichASegvHappenedFailsQuotingTheSignal) {
    ASSERT_EQ(first_.tests.count("CrashFirst.A_SegvCrashesTheGui"), 1u) << first_.output;
    const json& a = first_.tests["CrashFirst.A_SegvCrashesTheGui"];
    ASSERT_TRUE(failed(a)) << "the crash was not charged to the test that caused it";
    const std::string why = failure_text(a);
    EXPECT_NE(why.find("the GUI broke during this test: it is dead: killed by signal 11 (SIGSEGV)"),
              std::string::npos)
        << why;
    EXPECT_NE(why.find("crash report:"), std::string::npos) << why;
    EXPECT_NE(why.find("crash_with_segv"), std::string::npos) << "no symbolized frame: " << why;
}

TEST_F(CrashIsolationBatch, TheTestsAfterItPassOnARespawnedGuiWithTheNote) {
    for (const char* name :
         {"CrashFirst.B_PassesOnARespawnedGui", "CrashFirst.C_PassesOnTheSameGui"})
        EXPECT_FALSE(failed(first_.tests[name]))
            << name << ": " << failure_text(first_.tests[name]);
    EXPECT_NE(first_.output.find("[ RESPAWN  ] GUI was respawned: the previous test "
                                 "(CrashFirst.A_SegvCrashesTheGui) left it dead: killed by signal "
                                 "11 (SIGSEGV)"),
              std::string::npos)
        << first_.output;
    // B loses no time on the dying process: the respawn happened in A's TearDown.
    EXPECT_LT(seconds(first_.tests["CrashFirst.B_PassesOnARespawnedGui"]), 1.0);
}

TEST_F(CrashIsolationBatch, AFatalFrameLoopIsChargedWithItsReasonThenRespawned) {
    const json& d = first_.tests["CrashFirst.D_FrameLoopFatal"];
    ASSERT_TRUE(failed(d));
    const std::string why = failure_text(d);
    EXPECT_NE(why.find("the GUI broke during this test: it is crashed: frame loop crashed"),
              std::string::npos)
        << why;
    EXPECT_NE(why.find("degraded_reasons:"), std::string::npos) << why;
    EXPECT_NE(why.find("stack:"), std::string::npos) << "no stack quoted: " << why;
    EXPECT_FALSE(failed(first_.tests["CrashFirst.E_PassesOnARespawnedGui"]))
        << failure_text(first_.tests["CrashFirst.E_PassesOnARespawnedGui"]);
    EXPECT_NE(
        first_.output.find("GUI was respawned: the previous test (CrashFirst.D_FrameLoopFatal) "
                           "left it crashed: frame loop crashed"),
        std::string::npos)
        << first_.output;
}

TEST_F(CrashIsolationBatch, AGuiBrokenBetweenTestsFailsThePreflightWithinOneSecond) {
    EXPECT_FALSE(failed(first_.tests["CrashFirst.F_PassesThenItsGuiIsKilledBetweenTests"]));
    const json& g = first_.tests["CrashFirst.G_FailsFastBecauseTheGuiIsDead"];
    ASSERT_TRUE(failed(g)) << "the pre-flight let a test run on a dead GUI";
    // At once, not after a wait (the seed's failure waited 120 s). The pre-flight's own time:
    // the test's time also holds the respawn in its TearDown.
    const std::string why = failure_text(g);
    std::smatch took;
    ASSERT_TRUE(std::regex_search(why, took, std::regex(R"(pre-flight took (\d+) ms)"))) << why;
    EXPECT_LT(std::stoi(took[1].str()), 1000) << why;
    EXPECT_NE(why.find("GUI pre-flight failed: the GUI is dead: killed by signal 9 (SIGKILL)"),
              std::string::npos)
        << why;
    EXPECT_EQ(why.find("must never run"), std::string::npos) << "the body ran: " << why;
    EXPECT_FALSE(failed(first_.tests["CrashFirst.H_PassesOnARespawnedGui"]))
        << failure_text(first_.tests["CrashFirst.H_PassesOnARespawnedGui"]);
}

TEST_F(CrashIsolationBatch, TheFileEndsWithItsSummaryLine) {
    const std::string summary = dir_->summary("crash_isolation_first_file");
    EXPECT_EQ(summary.rfind("live: crash_isolation_first_file: 5 passed, 3 failed, respawns 3 "
                            "(GUI was respawned: the previous test "
                            "(CrashFirst.A_SegvCrashesTheGui) left it dead: killed by signal 11 "
                            "(SIGSEGV); GUI was respawned: the previous test "
                            "(CrashFirst.D_FrameLoopFatal) left it crashed: frame loop crashed",
                            0),
              0u)
        << summary;
    EXPECT_NE(first_.output.find(summary.substr(0, summary.size() - 1)), std::string::npos);
    EXPECT_EQ(first_.exit.describe(), "exit code 1");  // three tests failed, by design
}

TEST_F(CrashIsolationBatch, TheCrashReportWasCollected) {
    std::smatch m;
    const std::regex launch(R"(\[ LAUNCH   \] imhost pid (\d+))");
    ASSERT_TRUE(std::regex_search(first_.output, m, launch)) << first_.output;
    const auto report = dir_->path() / "artifacts-first" / ("crash-" + m[1].str() + ".txt");
    const std::string text = harness::read_file(report.string());
    EXPECT_NE(text.find("signal: 11 (SIGSEGV)"), std::string::npos) << report << ":\n"
                                                                    << text.substr(0, 2000);
    EXPECT_NE(text.find("--- symbolized frames ---"), std::string::npos);
    // The failing test's output names it as CI systems read it (ctest --output-junit).
    EXPECT_NE(first_.output.find("[[ATTACHMENT|" + report.string() + "]]"), std::string::npos)
        << first_.output;
}

TEST_F(CrashIsolationBatch, TheNextFileStartsCleanOnAFreshGui) {
    EXPECT_EQ(second_.exit.describe(), "exit code 0") << second_.output;
    EXPECT_EQ(second_.tests.size(), 2u);
    for (const auto& [name, test] : second_.tests) EXPECT_FALSE(failed(test)) << name;
    EXPECT_NE(second_.output.find("live: crash_isolation_second_file: 2 passed, 0 failed, "
                                  "respawns 0"),
              std::string::npos)
        << second_.output;
}

TEST_F(CrashIsolationBatch, NoStrayImhostOrXvfbIsLeft) {
    std::set<std::string> pids;
    const std::regex started(R"(\[ (?:LAUNCH   \] imhost|XVFB     \] Xvfb) pid (\d+))");
    for (const std::string* out : {&first_.output, &second_.output})
        for (std::sregex_iterator it(out->begin(), out->end(), started), end; it != end; ++it)
            pids.insert((*it)[1].str());
    EXPECT_EQ(pids.size(), 4u + 1 + 1 + 1) << "expected 4+1 GUIs and 2 Xvfb:\n" << first_.output;
    for (const std::string& pid : pids)
        EXPECT_TRUE(harness::eventually([&] { return !batch::still_running(pid); }, 2s))
            << "pid " << pid << " still runs: " << harness::read_file("/proc/" + pid + "/cmdline");
}

}  // namespace
