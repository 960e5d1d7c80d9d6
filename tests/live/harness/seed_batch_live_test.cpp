// seed_batch_live_test.cpp: the batch that the seed lost two minutes on, run the way CTest runs
// it: four sim files and then the workflow file, each its own process with its own GUI and Xvfb,
// and a crash in the middle of the fourth sim. The GUI is killed with SIGSEGV from outside while
// ExecutionSim.ALongRunStreamsWhileTheGuiStaysResponsive has its tool running (seen through the
// GUI's own state), as a bug in the app would crash it. What must hold:
//   - that sim test fails, quoting the signal; the sim test after it passes on a fresh GUI, with
//     the note naming the test that left it dead;
//   - the other sims and the workflow file pass, the workflow file on a fresh, clean GUI;
//   - no imhost or Xvfb is left.
// To keep the batch short each sim runs one or a few of its tests (--gtest_filter); the files,
// their order and the crash's place are the seed's.
#include <gtest/gtest.h>
#include <signal.h>

#include <regex>
#include <set>

#include "tests/harness/hook_client.h"
#include "tests/live/harness/batch_files.h"

namespace {

using namespace std::chrono_literals;
using batch::failed;
using batch::failure_text;
using nlohmann::json;

constexpr const char* kCrashedTest = "ExecutionSim.ALongRunStreamsWhileTheGuiStaysResponsive";

// Watches the fourth sim's output; once the crashing test runs and its tool is running (the
// GUI's /api/state says so), sends SIGSEGV to the GUI. Once.
class CrashDuringTheLongRun {
  public:
    void operator()(const std::string& output) {
        if (sent_) return;
        std::smatch m;
        const std::regex launch(
            R"(\[ LAUNCH   \] imhost pid (\d+) at \S+ \(workspace (\S+)/workspace\))");
        if (output.find(std::string("[ RUN      ] ") + kCrashedTest) == std::string::npos) return;
        // The last launch before the RUN line is the GUI the test uses.
        std::string pid, dir;
        for (std::sregex_iterator it(output.begin(), output.end(), launch), end; it != end; ++it)
            pid = (*it)[1].str(), dir = (*it)[2].str();
        if (pid.empty()) return;
        const json port = json::parse(harness::read_file(dir + "/port.json"), nullptr, false);
        if (!port.is_object()) return;
        harness::HookClient client(port.value("url", ""), port.value("token", ""), 1.0);
        const json state = client.get("/api/state").body;
        const json tools = state.is_object() ? state["value"]["tools"] : json();
        if (!tools.is_array() || tools.empty() || tools[0].value("running", false) != true) return;
        ::kill(std::stoi(pid), SIGSEGV);
        sent_ = true;
        killed_pid = pid;
    }
    std::string killed_pid;

  private:
    bool sent_ = false;
};

class SeedBatch : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = std::make_unique<batch::BatchDir>("imhost-seed-batch");
        runs_.push_back(
            dir_->run("context_sim", CONTEXT_SIM_EXE,
                      {"--gtest_filter=ContextSim.AddedFileShowsItsSizeReadOnTheIoPool"}));
        runs_.push_back(
            dir_->run("settings_sim", SETTINGS_SIM_EXE,
                      {"--gtest_filter=SettingsSim.EveryFieldIsSetByTypingOrClicking"}));
        runs_.push_back(
            dir_->run("tools_sim", TOOLS_SIM_EXE,
                      {"--gtest_filter=ToolsSim.AddedToolRunsAndItsOutputReachesTheConsole"}));
        runs_.push_back(
            dir_->run("execution_sim", EXECUTION_SIM_EXE,
                      {"--gtest_filter=ExecutionSim.ALongRun*:ExecutionSim.ARunCanBeCancelled"},
                      std::ref(crash_)));
        runs_.push_back(dir_->run("full_live_workflow", WORKFLOW_EXE));
    }
    static void TearDownTestSuite() { dir_.reset(); }

    static inline std::unique_ptr<batch::BatchDir> dir_;
    static inline std::vector<batch::FileRun> runs_;
    static inline CrashDuringTheLongRun crash_;
};

TEST_F(SeedBatch, TheThreeSimsBeforeTheCrashPass) {
    ASSERT_EQ(runs_.size(), 5u);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(runs_[i].exit.describe(), "exit code 0") << runs_[i].output;
        EXPECT_EQ(runs_[i].tests.size(), 1u);
    }
}

TEST_F(SeedBatch, TheSimTestDuringWhichTheGuiCrashedFailsWithTheSignal) {
    ASSERT_FALSE(crash_.killed_pid.empty()) << "the long run was never seen running";
    const batch::FileRun& sim = runs_[3];
    ASSERT_EQ(sim.tests.count(kCrashedTest), 1u) << sim.output;
    const json& crashed = sim.tests.at(kCrashedTest);
    ASSERT_TRUE(failed(crashed)) << sim.output;
    const std::string why = failure_text(crashed);
    EXPECT_NE(why.find("the GUI broke during this test: it is dead: killed by signal 11 (SIGSEGV)"),
              std::string::npos)
        << why;
    EXPECT_NE(why.find("signal: 11 (SIGSEGV)"), std::string::npos)
        << "the report's header: " << why;
    EXPECT_NE(why.find("crash report:"), std::string::npos) << why;
}

TEST_F(SeedBatch, TheSimTestAfterItPassesOnAFreshGuiWithTheNote) {
    const batch::FileRun& sim = runs_[3];
    const json& next = sim.tests.at("ExecutionSim.ARunCanBeCancelled");
    EXPECT_FALSE(failed(next)) << failure_text(next);
    EXPECT_NE(sim.output.find(std::string("[ RESPAWN  ] GUI was respawned: the previous test (") +
                              kCrashedTest + ") left it dead: killed by signal 11 (SIGSEGV)"),
              std::string::npos)
        << sim.output;
    EXPECT_NE(dir_->summary("execution_sim_live_test")
                  .find("live: execution_sim_live_test: 1 passed, 1 failed, respawns 1"),
              std::string::npos)
        << dir_->summary("execution_sim_live_test");
}

TEST_F(SeedBatch, TheWorkflowFilePassesOnAFreshGui) {
    const batch::FileRun& workflow = runs_[4];
    EXPECT_EQ(workflow.exit.describe(), "exit code 0") << workflow.output;
    EXPECT_FALSE(workflow.tests.empty());
    for (const auto& [name, test] : workflow.tests) EXPECT_FALSE(failed(test)) << name;
    EXPECT_NE(workflow.output.find("respawns 0"), std::string::npos) << workflow.output;
}

TEST_F(SeedBatch, NoStrayImhostOrXvfbIsLeft) {
    std::set<std::string> pids;
    const std::regex started(R"(\[ (?:LAUNCH   \] imhost|XVFB     \] Xvfb) pid (\d+))");
    for (const batch::FileRun& run : runs_)
        for (std::sregex_iterator it(run.output.begin(), run.output.end(), started), end; it != end;
             ++it)
            pids.insert((*it)[1].str());
    EXPECT_GE(pids.size(), 2u * 5 + 1) << "a GUI and an Xvfb per file, and the respawn";
    for (const std::string& pid : pids)
        EXPECT_TRUE(harness::eventually([&] { return !batch::still_running(pid); }, 2s))
            << "pid " << pid << " still runs: " << harness::read_file("/proc/" + pid + "/cmdline");
}

}  // namespace
