// crash_isolation_live_test.cpp: two live test files run in one batch, the first crashing its
// GUI (segv, then frame_loop_fatal). What must hold:
//   - the test after a crash fails within 1 s with the real reason, not a timeout;
//   - the test after that passes on a respawned GUI, and the output carries the note
//     "GUI was respawned: the previous test left it <phase/reason>";
//   - the crash report was collected, and the output names it for CI ([[ATTACHMENT|path]]);
//   - the second file starts on a fresh, clean GUI;
//   - no imhost or Xvfb process is left once the batch is over.
// The two files are built as plain executables (CRASH_FIRST_EXE, CRASH_SECOND_EXE) and run here
// with their own Xvfb (DISPLAY unset), as a CTest batch would run them.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "tests/harness/child_process.h"
#include "tests/harness/eventually.h"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;

struct FileRun {
    harness::ExitStatus exit;
    std::string output;                 // stdout + stderr of the test binary
    std::map<std::string, json> tests;  // "Suite.Name" -> gtest JSON entry
};

class CrashIsolationBatch : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = fs::temp_directory_path() / ("imhost-crash-batch-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        first_ = run("first", CRASH_FIRST_EXE);
        second_ = run("second", CRASH_SECOND_EXE);
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }

    static FileRun run(const std::string& name, const std::string& exe) {
        const fs::path json_path = dir_ / (name + ".json");
        harness::ChildProcess child(
            {exe, "--gtest_output=json:" + json_path.string()},
            {"DISPLAY=", "IMHOST_SUMMARY_DIR=" + (dir_ / "summary").string(),
             "IMHOST_ARTIFACTS_DIR=" + (dir_ / ("artifacts-" + name)).string()},
            (dir_ / (name + ".out")).string(), (dir_ / (name + ".out")).string());
        FileRun r;
        r.exit = child.wait_for(120s).value_or(harness::ExitStatus{});
        r.output = harness::read_file(child.stdout_path());
        std::cout << "----- batch file " << name << " (" << r.exit.describe() << ") -----\n"
                  << r.output << "----- end of batch file " << name << " -----" << std::endl;
        const json report = json::parse(harness::read_file(json_path.string()), nullptr, false);
        if (report.is_object())
            for (const auto& suite : report["testsuites"])
                for (const auto& test : suite["testsuite"])
                    r.tests[suite["name"].get<std::string>() + "." +
                            test["name"].get<std::string>()] = test;
        return r;
    }

    static bool failed(const json& test) { return test.contains("failures"); }
    static double seconds(const json& test) {
        return std::stod(test.value("time", std::string("999s")));
    }
    static std::string failure_text(const json& test) {
        std::string text;
        for (const auto& f : test.value("failures", json::array()))
            text += f.value("failure", std::string()) + "\n";
        return text;
    }

    static inline fs::path dir_;
    static inline FileRun first_, second_;
};

TEST_F(CrashIsolationBatch, TheTestAfterASegvFailsWithinOneSecondWithTheRealReason) {
    ASSERT_EQ(first_.tests.count("CrashFirst.A_SegvCrashesTheGui"), 1u) << first_.output;
    EXPECT_FALSE(failed(first_.tests["CrashFirst.A_SegvCrashesTheGui"]))
        << failure_text(first_.tests["CrashFirst.A_SegvCrashesTheGui"]);
    const json& b = first_.tests["CrashFirst.B_FailsFastBecauseTheGuiIsDead"];
    ASSERT_TRUE(failed(b)) << "the pre-flight let a test run on a dead GUI";
    EXPECT_LT(seconds(b), 1.0) << failure_text(b);
    const std::string why = failure_text(b);
    EXPECT_NE(why.find("GUI pre-flight failed: the GUI is dead: killed by signal 11 (SIGSEGV)"),
              std::string::npos)
        << why;
    EXPECT_NE(why.find("the previous test CrashFirst.A_SegvCrashesTheGui left it dead"),
              std::string::npos)
        << why;
    EXPECT_NE(why.find("crash report:"), std::string::npos) << why;
    EXPECT_EQ(why.find("must never run"), std::string::npos) << "the body ran: " << why;
}

TEST_F(CrashIsolationBatch, TheTestAfterThatPassesOnARespawnedGuiWithTheNote) {
    EXPECT_FALSE(failed(first_.tests["CrashFirst.C_PassesOnARespawnedGui"]))
        << failure_text(first_.tests["CrashFirst.C_PassesOnARespawnedGui"]);
    EXPECT_NE(first_.output.find("[ RESPAWN  ] GUI was respawned: the previous test left it "
                                 "dead: killed by signal 11 (SIGSEGV)"),
              std::string::npos)
        << first_.output;
}

TEST_F(CrashIsolationBatch, AFatalFrameLoopIsReportedWithItsReasonThenRespawned) {
    EXPECT_FALSE(failed(first_.tests["CrashFirst.D_FrameLoopFatal"]))
        << failure_text(first_.tests["CrashFirst.D_FrameLoopFatal"]);
    const json& e = first_.tests["CrashFirst.E_FailsFastBecauseTheFrameLoopCrashed"];
    ASSERT_TRUE(failed(e));
    // At once, not after a wait: the harness's pre-flight reads health and stops (the seed's
    // failure waited 120 s). The bound leaves room for a sanitizer on two busy cores.
    EXPECT_LT(seconds(e), 2.0) << failure_text(e);
    const std::string why = failure_text(e);
    EXPECT_NE(why.find("GUI pre-flight failed: the GUI is crashed: frame loop crashed"),
              std::string::npos)
        << why;
    EXPECT_NE(why.find("degraded_reasons:"), std::string::npos) << why;
    EXPECT_NE(why.find("stack:"), std::string::npos) << "no stack quoted: " << why;
    EXPECT_FALSE(failed(first_.tests["CrashFirst.F_PassesOnARespawnedGui"]))
        << failure_text(first_.tests["CrashFirst.F_PassesOnARespawnedGui"]);
    EXPECT_NE(first_.output.find("GUI was respawned: the previous test left it crashed: frame "
                                 "loop crashed"),
              std::string::npos)
        << first_.output;
}

TEST_F(CrashIsolationBatch, TheFileEndsWithItsSummaryLine) {
    const std::string summary =
        harness::read_file((dir_ / "summary" / "crash_isolation_first_file.txt").string());
    EXPECT_EQ(summary.rfind("live: crash_isolation_first_file: 4 passed, 2 failed, respawns 2 "
                            "(GUI was respawned: the previous test left it dead: killed by "
                            "signal 11 (SIGSEGV); GUI was respawned: the previous test left it "
                            "crashed: frame loop crashed",
                            0),
              0u)
        << summary;
    EXPECT_NE(first_.output.find(summary.substr(0, summary.size() - 1)), std::string::npos);
    EXPECT_EQ(first_.exit.describe(), "exit code 1");  // two tests failed, by design
}

TEST_F(CrashIsolationBatch, TheCrashReportWasCollected) {
    std::smatch m;
    const std::regex launch(R"(\[ LAUNCH   \] imhost pid (\d+))");
    ASSERT_TRUE(std::regex_search(first_.output, m, launch)) << first_.output;
    const fs::path report = dir_ / "artifacts-first" / ("crash-" + m[1].str() + ".txt");
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

// /proc/<pid> of a process that still runs (zombies waiting to be reaped have ended).
bool still_running(const std::string& pid) {
    const std::string stat = harness::read_file("/proc/" + pid + "/stat");
    if (stat.empty()) return false;
    const auto close = stat.rfind(')');
    return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] != 'Z';
}

TEST_F(CrashIsolationBatch, NoStrayImhostOrXvfbIsLeft) {
    std::set<std::string> pids;
    const std::regex started(R"(\[ (?:LAUNCH   \] imhost|XVFB     \] Xvfb) pid (\d+))");
    for (const std::string* out : {&first_.output, &second_.output})
        for (std::sregex_iterator it(out->begin(), out->end(), started), end; it != end; ++it)
            pids.insert((*it)[1].str());
    EXPECT_EQ(pids.size(), 3u + 1 + 1 + 1) << "expected 3+1 GUIs and 2 Xvfb:\n" << first_.output;
    for (const std::string& pid : pids)
        EXPECT_TRUE(harness::eventually([&] { return !still_running(pid); }, 2s))
            << "pid " << pid << " still runs: " << harness::read_file("/proc/" + pid + "/cmdline");
}

}  // namespace
