// crash_isolation_second_file.cpp: the second file of the crash-isolation batch (run by
// crash_isolation_live_test right after the first file crashed its GUIs). It must start on a
// fresh, clean GUI: health `pass` with no error recorded, and no respawn needed.
#include <gtest/gtest.h>

#include "tests/harness/live_gui_test.h"

namespace {

class CrashSecond : public harness::LiveGuiTest {
  protected:
    bool strict() const override { return true; }  // even a `warn` left over would fail
};

TEST_F(CrashSecond, StartsOnACleanGui) {
    const nlohmann::json health = gui().health();
    EXPECT_EQ(health["status"], "pass") << health.dump(2);
    EXPECT_EQ(health["phase"], "running");
    EXPECT_TRUE(health["last_error"].is_null()) << health.dump(2);
    EXPECT_TRUE(health["last_assert"].is_null()) << health.dump(2);
    EXPECT_EQ(gui().launches(), 1);
}

TEST_F(CrashSecond, DrivesTheGui) {
    const nlohmann::json status = gui().call("GET", "/api/status");
    EXPECT_EQ(status["instance_id"], gui().port_info().instance_id);
}

}  // namespace
