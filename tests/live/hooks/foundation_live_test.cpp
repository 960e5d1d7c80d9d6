// foundation_live_test.cpp: the real imhost under Xvfb: it starts, reports health, draws
// frames, shuts down cleanly, refuses a taken port, and exits 3 without a display.
#include <gtest/gtest.h>

#include <chrono>

#include "tests/harness/eventually.h"
#include "tests/harness/live_gui.h"
#include "tests/harness/live_gui_test.h"

namespace {

using namespace std::chrono_literals;
using harness::LaunchError;
using harness::LiveGui;

class Foundation : public harness::LiveGuiTest {};

TEST_F(Foundation, StartsHealthyAndDrawsFrames) {
    const nlohmann::json health = gui().health();
    EXPECT_EQ(health["status"], "pass") << health.dump(2);
    EXPECT_EQ(health["phase"], "running");
    EXPECT_EQ(health["healthy"], true);
    EXPECT_EQ(health["instance_id"], gui().port_info().instance_id);
    EXPECT_EQ(health["pid"], gui().pid());
    EXPECT_FALSE(gui().token().empty());

    const auto first = health["frame"]["count"].get<std::uint64_t>();
    EXPECT_TRUE(harness::eventually(
        [&] { return gui().health()["frame"]["count"].get<std::uint64_t>() > first; }, 10s));

    const nlohmann::json status = gui().call("GET", "/api/status");
    EXPECT_EQ(status["instance_id"], gui().port_info().instance_id);
    EXPECT_TRUE(status["imgui_version"].get<std::string>().starts_with("1.9"));
}

TEST(FoundationLifecycle, ShutdownExitsWithCode0) {
    LiveGui gui;
    EXPECT_EQ(gui.client().post("/api/shutdown").status, 202);
    const auto exit = gui.process().wait_for(10s);
    ASSERT_TRUE(exit.has_value()) << "imhost did not exit after /api/shutdown";
    EXPECT_EQ(exit->describe(), "exit code 0") << gui.stderr_text();
}

TEST(FoundationLifecycle, TwoInstancesSideBySideAndATakenPortIsRefused) {
    LiveGui a, b;
    EXPECT_NE(a.port_info().port, b.port_info().port);
    EXPECT_NE(a.workspace(), b.workspace());

    // A third instance on a's port must exit with a clear reason, and the launch fails fast.
    harness::LiveGuiOptions taken;
    taken.hook_port = a.port_info().port;
    try {
        LiveGui c(taken);
        ADD_FAILURE() << "a second instance on a taken port started";
    } catch (const LaunchError& error) {
        const std::string text = error.what();
        EXPECT_NE(text.find("imhost exited before it was healthy (exit code 1)"), std::string::npos)
            << text;
        EXPECT_NE(text.find("cannot bind"), std::string::npos) << text;
    }
    // The first instance still answers, and only it.
    EXPECT_EQ(a.call("GET", "/api/status")["instance_id"], a.port_info().instance_id);
}

TEST(FoundationLifecycle, NoDisplayExits3WithOneClearLine) {
    harness::LiveGuiOptions no_display;
    no_display.env = {"DISPLAY="};
    try {
        LiveGui gui(no_display);
        ADD_FAILURE() << "imhost started without a display";
    } catch (const LaunchError& error) {
        const std::string text = error.what();
        EXPECT_NE(text.find("(exit code 3)"), std::string::npos) << text;
        EXPECT_NE(text.find("no DISPLAY"), std::string::npos) << text;
    }
}

TEST(FoundationLifecycle, BadFlagsExit2WithUsage) {
    harness::LiveGuiOptions bad;
    bad.extra_args = {"--window-size", "banana"};
    try {
        LiveGui gui(bad);
        ADD_FAILURE() << "imhost accepted --window-size banana";
    } catch (const LaunchError& error) {
        const std::string text = error.what();
        EXPECT_NE(text.find("(exit code 2)"), std::string::npos) << text;
        EXPECT_NE(text.find("--window-size"), std::string::npos) << text;
    }
}

}  // namespace
