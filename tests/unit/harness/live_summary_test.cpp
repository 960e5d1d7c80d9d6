// live_summary_test.cpp: the one summary line a live test file prints.
#include "tests/harness/live_summary.h"

#include <gtest/gtest.h>

namespace {

TEST(LiveSummary, CountsAndNoRespawn) {
    EXPECT_EQ(harness::live_summary_line("foundation_live_test", 4, 0, 0, false, {}),
              "live: foundation_live_test: 4 passed, 0 failed, respawns 0");
}

TEST(LiveSummary, SkipsSuiteFailuresAndRespawnNotes) {
    EXPECT_EQ(harness::live_summary_line(
                  "crash_first", 3, 2, 1, true,
                  {"GUI was respawned: the previous test left it dead: killed by signal 11 "
                   "(SIGSEGV)",
                   "GUI was respawned: the previous test left it crashed: x"}),
              "live: crash_first: 3 passed, 2 failed, 1 skipped, suite-level failure, respawns 2 "
              "(GUI was respawned: the previous test left it dead: killed by signal 11 (SIGSEGV); "
              "GUI was respawned: the previous test left it crashed: x)");
}

}  // namespace
