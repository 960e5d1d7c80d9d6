// crash_isolation_first_file.cpp: the first file of the crash-isolation batch. It is NOT a CTest
// test on its own: crash_isolation_live_test runs it and checks its results, because three of
// its tests are meant to fail.
//
//   A  crashes the GUI with SIGSEGV, as a buggy test would (it does not say it meant to), and
//      returns: A fails, in the fixture's TearDown, quoting SIGSEGV and the crash report
//   B  passes on a respawned GUI (the note names A)
//   C  passes on the same GUI
//   D  makes the frame loop fatal (phase `crashed`; the hook server still answers): D fails
//   E  passes on a respawned GUI
//   F  passes; then, after its TearDown, something else kills the GUI (SIGKILL)
//   G  fails in its pre-flight within 1 s: "the GUI is dead: killed by signal 9 (SIGKILL)"
//   H  passes on a respawned GUI
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <iostream>

#include "tests/harness/eventually.h"
#include "tests/harness/live_gui_test.h"

namespace {

using namespace std::chrono_literals;

class CrashFirst : public harness::LiveGuiTest {
  protected:
    static inline std::vector<pid_t> pids_;  // every GUI this file saw, oldest first
    void expect_fresh_gui() {
        ASSERT_EQ(gui().health()["status"], "pass");
        for (pid_t old : pids_) EXPECT_NE(gui().pid(), old) << "not a fresh process";
        pids_.push_back(gui().pid());
    }
    // F: the GUI is killed between F and G, by something that is not a test.
    void TearDown() override {
        LiveGuiTest::TearDown();
        if (!kill_after_teardown_) return;
        ::kill(gui().pid(), SIGKILL);
        EXPECT_TRUE(harness::eventually([&] { return !gui().alive(); }, 10s));
    }
    bool kill_after_teardown_ = false;
};

TEST_F(CrashFirst, A_SegvCrashesTheGui) {
    pids_.push_back(gui().pid());
    gui().fault("segv");  // and returns, as a test with a bug in the app would
}

TEST_F(CrashFirst, B_PassesOnARespawnedGui) { expect_fresh_gui(); }

TEST_F(CrashFirst, C_PassesOnTheSameGui) {
    EXPECT_EQ(gui().pid(), pids_.back());
    EXPECT_EQ(gui().health()["status"], "pass");
}

TEST_F(CrashFirst, D_FrameLoopFatal) {
    gui().fault("frame_loop_fatal");
    EXPECT_TRUE(harness::eventually([&] { return gui().health()["phase"] == "crashed"; }, 5s))
        << gui().health().dump(2);
    EXPECT_TRUE(gui().alive()) << "frame_loop_fatal must stop the loop, not the process";
}

TEST_F(CrashFirst, E_PassesOnARespawnedGui) { expect_fresh_gui(); }

TEST_F(CrashFirst, F_PassesThenItsGuiIsKilledBetweenTests) {
    EXPECT_EQ(gui().health()["status"], "pass");
    kill_after_teardown_ = true;
}

TEST_F(CrashFirst, G_FailsFastBecauseTheGuiIsDead) {
    ADD_FAILURE() << "this body must never run: the pre-flight should have stopped the test";
}

TEST_F(CrashFirst, H_PassesOnARespawnedGui) { expect_fresh_gui(); }

}  // namespace
