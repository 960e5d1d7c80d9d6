// hooks_failfast_live_test.cpp: the hook API never makes a caller wait on a GUI that cannot
// answer. A hung GUI thread: health answers within 50 ms with `stalled`, a click 503s at once.
// A dead frame loop: every GUI command 503s `gui not running` within 100 ms, and health says why.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/harness/live_gui_test.h"

namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

class HooksFailFast : public harness::LiveGuiTest {
  public:
    static void SetUpTestSuite() {
        harness::LiveSuiteOptions o;
        o.gui.extra_args = {"--stall-ms", "300"};
        o.gui.name = "hooks-failfast";
        start_suite(o);
    }
};

TEST_F(HooksFailFast, HangIsReportedAsStalledAtOnceAndClicksFailFast) {
    gui().fault("hang", {{"ms", 3000}});
    const auto hang_start = Clock::now();
    json health;
    double slowest = 0;
    bool stalled = false;
    while (!stalled && ms_since(hang_start) < 2500) {
        const auto t = Clock::now();
        auto r = gui().client().get("/api/gui_health");
        slowest = std::max(slowest, ms_since(t));
        health = r.body;
        stalled = r.status == 503 && health["phase"] == "stalled";
        if (!stalled) std::this_thread::sleep_for(20ms);
    }
    ASSERT_TRUE(stalled) << health.dump(2);
    EXPECT_LT(slowest, 50.0) << "health must answer within 50 ms while the GUI thread is blocked";
    EXPECT_EQ(health["status"], "fail");
    EXPECT_NE(health["degraded_reasons"].dump().find("stalled"), std::string::npos);

    const std::pair<const char*, json> commands[] = {
        {"/api/items/click", {{"target", {{"id", "btn_demo"}}}}},
        {"/api/items/value", {{"target", {{"id", "input_settings_model"}}}, {"value", "x"}}}};
    for (const auto& [path, body] : commands) {
        const auto t = Clock::now();
        auto r = gui().client().post(path, body);
        EXPECT_LT(ms_since(t), 100.0) << path;
        EXPECT_EQ(r.status, 503) << path << r.raw;
        EXPECT_EQ(r.body["value"]["error"], "gui not running");
        EXPECT_EQ(r.body["value"]["data"]["phase"], "stalled");
    }
    // The hang ends; the GUI comes back by itself and clicks work again.
    json back;
    const auto until = Clock::now() + 10s;
    do {
        back = gui().health();
        if (back["phase"] == "running") break;
        std::this_thread::sleep_for(20ms);
    } while (Clock::now() < until);
    EXPECT_EQ(back["phase"], "running") << back.dump(2);
    EXPECT_EQ(gui().click("btn_demo")["clicked"], true);
}

TEST_F(HooksFailFast, AfterFrameLoopFatalEveryGuiCommandIs503AndHealthSaysWhy) {
    expect_gui_breakage();
    gui().fault("frame_loop_fatal");
    json health;
    const auto until = Clock::now() + 10s;
    int status = 0;
    do {
        auto r = gui().client().get("/api/gui_health");
        health = r.body;
        status = r.status;
        if (health["phase"] == "crashed") break;
        std::this_thread::sleep_for(10ms);
    } while (Clock::now() < until);
    ASSERT_EQ(health["phase"], "crashed") << health.dump(2);
    EXPECT_EQ(status, 503);
    EXPECT_EQ(health["status"], "fail");
    EXPECT_NE(health["degraded_reasons"].dump().find("crashed"), std::string::npos);
    const json& last =
        health["last_error"].is_null() ? health["last_assert"] : health["last_error"];
    ASSERT_FALSE(last.is_null()) << health.dump(2);
    EXPECT_FALSE(last["stacktrace"].get<std::string>().empty()) << last.dump(2);

    const json target = {{"id", "btn_demo"}};
    struct Call {
        const char* method;
        std::string path;
        json body;
    };
    const Call calls[] = {
        {"POST", "/api/items/click", {{"target", target}}},
        {"POST", "/api/items/find", {{"target", target}, {"timeout_ms", 5000}}},
        {"POST", "/api/items/value", {{"target", target}, {"value", 1}}},
        {"GET", "/api/items/value?id=txt_demo_clicks", json()},
        {"GET", "/api/items", json()},
        {"GET", "/api/windows", json()},
        {"POST",
         "/api/wait",
         {{"condition", {{"type", "frames"}, {"count", 1}}}, {"timeout_ms", 5000}}},
        {"GET", "/api/screenshot", json()},
        {"POST", "/api/reset", json::object()},
        {"GET", "/api/state", json()},
    };
    for (const Call& c : calls) {
        const auto t = Clock::now();
        auto r = c.body.is_null() ? gui().client().request(c.method, c.path)
                                  : gui().client().request(c.method, c.path, &c.body);
        EXPECT_LT(ms_since(t), 100.0) << c.path;
        EXPECT_EQ(r.status, 503) << c.method << " " << c.path << ": " << r.raw;
        EXPECT_EQ(r.body["value"]["error"], "gui not running") << c.path;
        EXPECT_EQ(r.body["value"]["data"]["phase"], "crashed") << c.path;
        EXPECT_FALSE(r.body["value"]["data"]["reason"].get<std::string>().empty()) << c.path;
    }
    // Health and status keep answering; shutdown still works.
    EXPECT_EQ(gui().client().get("/api/status").status, 200);
    EXPECT_EQ(gui().client().post("/api/shutdown").status, 202);
    auto exit = gui().process().wait_for(10s);
    ASSERT_TRUE(exit.has_value());
    // A graceful stop (no signal); the app reports the crashed frame loop in its exit code.
    EXPECT_TRUE(exit->exited()) << exit->describe();
}

}  // namespace
