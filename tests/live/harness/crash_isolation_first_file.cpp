// crash_isolation_first_file.cpp: the first file of the crash-isolation batch. It is NOT a CTest
// test on its own: crash_isolation_live_test runs it and checks its results, because two of its
// tests are meant to fail (the pre-flight stops them, fast, with the real reason).
//
//   A  crashes the GUI with SIGSEGV, as a buggy test would (it does not say it meant to)
//   B  fails in its pre-flight within 1 s: "the GUI is dead: killed by signal 11 (SIGSEGV)"
//   C  passes on a respawned GUI
//   D  makes the frame loop fatal (phase `crashed`; the hook server still answers)
//   E  fails in its pre-flight within 1 s: "the GUI is crashed: frame loop crashed: ..."
//   F  passes on a respawned GUI
#include <gtest/gtest.h>

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
};

TEST_F(CrashFirst, A_SegvCrashesTheGui) {
    pids_.push_back(gui().pid());
    try {
        gui().fault("segv");
    } catch (const harness::HookError& error) {  // the reply may be lost with the process
        std::cout << "fault reply: " << error.what() << "\n";
    }
    const auto exit = gui().process().wait_for(10s);
    ASSERT_TRUE(exit.has_value()) << "the segv fault did not end the process";
    EXPECT_EQ(exit->describe(), "killed by signal 11 (SIGSEGV)");
}

TEST_F(CrashFirst, B_FailsFastBecauseTheGuiIsDead) {
    ADD_FAILURE() << "this body must never run: the pre-flight should have stopped the test";
}

TEST_F(CrashFirst, C_PassesOnARespawnedGui) { expect_fresh_gui(); }

TEST_F(CrashFirst, D_FrameLoopFatal) {
    gui().fault("frame_loop_fatal");
    EXPECT_TRUE(harness::eventually([&] { return gui().health()["phase"] == "crashed"; }, 5s))
        << gui().health().dump(2);
    EXPECT_TRUE(gui().alive()) << "frame_loop_fatal must stop the loop, not the process";
}

TEST_F(CrashFirst, E_FailsFastBecauseTheFrameLoopCrashed) {
    ADD_FAILURE() << "this body must never run: the pre-flight should have stopped the test";
}

TEST_F(CrashFirst, F_PassesOnARespawnedGui) { expect_fresh_gui(); }

}  // namespace
