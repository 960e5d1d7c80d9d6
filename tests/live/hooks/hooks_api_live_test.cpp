// hooks_api_live_test.cpp: every automation endpoint of docs/hook-api.md against the real imhost
// under Xvfb: status, windows, items, find, click, value (binding and real typing), wait, errors,
// reset, screenshot, unknown routes, shutdown.
#include <gtest/gtest.h>
#include <stb/stb_image.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "tests/harness/live_gui_test.h"

namespace {

using namespace std::chrono_literals;
using harness::HookError;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

class HooksApi : public harness::LiveGuiTest {
  protected:
    harness::HookResponse post(const std::string& path, const json& body) {
        return gui().client().post(path, body);
    }
    // The error code of a failing call, or "" if it succeeded.
    std::string error_of(const std::string& method, const std::string& path,
                         const json& body = json::object()) {
        try {
            gui().call(method, path, body);
        } catch (const HookError& e) {
            return e.code();
        }
        return "";
    }
};

TEST_F(HooksApi, StatusNeedsNoTokenAndListsVersionsAndCapabilities) {
    harness::HookClient anonymous(gui().url(), "");
    auto r = anonymous.get("/api/status");
    ASSERT_EQ(r.status, 200) << r.raw;
    const json& v = r.body["value"];
    EXPECT_EQ(v["api_version"], 1);
    EXPECT_TRUE(v["imgui_version"].get<std::string>().starts_with("1.9"));
    EXPECT_FALSE(v["httplib_version"].get<std::string>().empty());
    EXPECT_EQ(v["instance_id"], gui().port_info().instance_id);
    const std::set<std::string> caps = v["capabilities"].get<std::set<std::string>>();
    for (const char* c : {"health", "items", "click", "value", "wait", "screenshot", "state"})
        EXPECT_TRUE(caps.count(c)) << c;
}

TEST_F(HooksApi, HealthNeedsNoToken) {
    harness::HookClient anonymous(gui().url(), "");
    auto r = anonymous.get("/api/gui_health");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body["status"], "pass");
    EXPECT_EQ(r.body["phase"], "running");
    EXPECT_TRUE(r.body["guard"].contains("quarantined_panels"));
}

TEST_F(HooksApi, WindowsAndItemsDescribeTheWorkbench) {
    const json windows = gui().call("GET", "/api/windows")["windows"];
    std::set<std::string> names;
    for (const json& w : windows) {
        names.insert(w["name"].get<std::string>());
        for (const char* f : {"rect", "visible", "collapsed", "focused"})
            EXPECT_TRUE(w.contains(f)) << f;
    }
    for (const char* panel :
         {"Projects", "Discussion", "Context", "Settings", "Tools", "Console", "Health"})
        EXPECT_TRUE(names.count(panel)) << panel;

    // The Settings panel draws its fields once the workspace has loaded (on the IO pool).
    gui().wait({{"type", "item_visible"}, {"target", {{"id", "input_settings_model"}}}});
    const json items = gui().call("GET", "/api/items?window=Settings&visible=1")["items"];
    const json* model = nullptr;
    for (const json& it : items) {
        EXPECT_EQ(it["visible"], true);
        if (it["id"] == "input_settings_model") model = &it;
    }
    ASSERT_NE(model, nullptr) << items.dump();
    EXPECT_EQ((*model)["label"], "Model");
    EXPECT_EQ((*model)["window"], "Settings");
    EXPECT_EQ((*model)["path"], "Settings/Model##input_settings_model");
    EXPECT_EQ((*model)["enabled"], true);
    EXPECT_TRUE((*model)["imgui_id"].get<std::string>().starts_with("0x"));
    EXPECT_GT((*model)["rect"]["w"].get<double>(), 0);
    EXPECT_GT((*model)["last_seen_frame"].get<std::uint64_t>(), 0u);

    EXPECT_EQ(error_of("GET", "/api/items?window=NoSuchWindow"), "no such window");
    EXPECT_EQ(error_of("GET", "/api/items?visible=maybe"), "invalid argument");
}

TEST_F(HooksApi, FindIsStrict) {
    json found = gui().call("POST", "/api/items/find", {{"target", {{"id", "btn_project_save"}}}});
    EXPECT_EQ(found["id"], "btn_project_save");
    found = gui().call("POST", "/api/items/find",
                       {{"target", {{"label", "Add"}, {"window", "Tools"}}}});
    EXPECT_EQ(found["id"], "btn_tool_add");
    found = gui().call("POST", "/api/items/find", {{"target", {{"path", "Context/**/Add"}}}});
    EXPECT_EQ(found["id"], "btn_context_add");
    found = gui().call("POST", "/api/items/find", {{"target", {{"imgui_id", found["imgui_id"]}}}});
    EXPECT_EQ(found["id"], "btn_context_add");

    auto r = post("/api/items/find", {{"target", {{"label", "Add"}}}});
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body["value"]["error"], "ambiguous element");
    EXPECT_EQ(r.body["value"]["data"]["candidates"].size(), 2u) << r.raw;

    const auto start = Clock::now();
    r = post("/api/items/find", {{"target", {{"id", "btn_nope"}}}, {"timeout_ms", 300}});
    const auto waited = Clock::now() - start;
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body["value"]["error"], "no such element");
    EXPECT_GE(waited, 300ms);
    EXPECT_LT(waited, 2s);

    r = post("/api/items/find", {{"target", {{"id", "a"}, {"label", "b"}}}});
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body["value"]["error"], "invalid selector");
    r = post("/api/items/find", json::object());
    EXPECT_EQ(r.body["value"]["error"], "invalid selector");
}

TEST_F(HooksApi, ClickIsAppliedBeforeTheReply) {
    const int before = gui().get_value("txt_demo_clicks").get<int>();
    const json reply = gui().click("btn_demo");
    EXPECT_EQ(reply["clicked"], true);
    EXPECT_EQ(reply["id"], "btn_demo");
    const auto queued = reply["queued_frame"].get<std::uint64_t>();
    const auto applied = reply["applied_frame"].get<std::uint64_t>();
    const auto confirmed = reply["confirmed_frame"].get<std::uint64_t>();
    EXPECT_LT(queued, applied);
    EXPECT_LT(applied, confirmed);
    // No wait: the reply came after the click was applied and a frame was drawn.
    EXPECT_EQ(gui().get_value("txt_demo_clicks").get<int>(), before + 1);

    const json dbl = gui().call("POST", "/api/items/click",
                                {{"target", {{"id", "btn_demo"}}}, {"double", true}});
    EXPECT_EQ(dbl["clicked"], true);
    EXPECT_EQ(gui().get_value("txt_demo_clicks").get<int>(), before + 3);

    EXPECT_EQ(
        error_of("POST", "/api/items/click", {{"target", {{"id", "btn_demo"}}}, {"button", 7}}),
        "invalid argument");
    auto r = post("/api/items/click", {{"target", {{"id", "btn_nope"}}}, {"timeout_ms", 100}});
    EXPECT_EQ(r.status, 404);
}

TEST_F(HooksApi, ClickChangesAppState) {
    const auto projects = gui().state()["projects"].size();
    gui().click("btn_project_new_automated");
    json state;
    const auto until = Clock::now() + 5s;
    do {
        state = gui().state();
        if (state["projects"].size() == projects + 1) break;
        std::this_thread::sleep_for(10ms);
    } while (Clock::now() < until);
    ASSERT_EQ(state["projects"].size(), projects + 1) << state.dump();
    // The new project is current, and wait/state_equals sees the same state.
    const json name = state["project"]["name"];
    EXPECT_EQ(gui().wait(
                  {{"type", "state_equals"}, {"pointer", "/project/name"}, {"value", name}})["met"],
              true);
}

TEST_F(HooksApi, ValueThroughBindingIsCheckedAndReadBack) {
    json r = gui().call("POST", "/api/items/value",
                        {{"target", {{"id", "input_settings_model"}}}, {"value", "bound-model"}});
    EXPECT_EQ(r["method"], "binding");
    EXPECT_EQ(r["new"], "bound-model");
    EXPECT_TRUE(r.contains("old"));
    EXPECT_EQ(gui().get_value("input_settings_model"), "bound-model");
    EXPECT_EQ(gui().state()["settings"]["model"], "bound-model");

    auto bad = post("/api/items/value",
                    {{"target", {{"id", "slider_settings_temperature"}}}, {"value", "hot"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.body["value"]["error"], "invalid argument");
    bad = post("/api/items/value",
               {{"target", {{"id", "slider_settings_temperature"}}}, {"value", 5}});
    EXPECT_EQ(bad.status, 400) << bad.raw;
    bad = post("/api/items/value", {{"target", {{"id", "txt_demo_clicks"}}}, {"value", 5}});
    EXPECT_EQ(bad.body["value"]["error"], "invalid element state");  // read-only binding
}

TEST_F(HooksApi, ValueByRealTypingAndClicking) {
    // Forced through the GUI: Ctrl+click, select all, type, Enter.
    json r = gui().call(
        "POST", "/api/items/value",
        {{"target", {{"id", "input_settings_model"}}}, {"value", "typed-model"}, {"via", "input"}});
    EXPECT_EQ(r["method"], "text_input");
    EXPECT_EQ(r["new"], "typed-model");
    EXPECT_EQ(gui().state()["settings"]["model"], "typed-model");

    r = gui().call(
        "POST", "/api/items/value",
        {{"target", {{"id", "slider_settings_temperature"}}}, {"value", 1.5}, {"via", "input"}});
    EXPECT_EQ(r["method"], "text_input");
    EXPECT_DOUBLE_EQ(gui().state()["settings"]["temperature"].get<double>(), 1.5);

    const bool stream = gui().state()["settings"]["stream"].get<bool>();
    r = gui().call(
        "POST", "/api/items/value",
        {{"target", {{"id", "chk_settings_stream"}}}, {"value", !stream}, {"via", "input"}});
    EXPECT_EQ(r["method"], "click");
    EXPECT_EQ(r["new"], !stream);
    EXPECT_EQ(gui().state()["settings"]["stream"], !stream);

    // An input with no binding at all: typed, then sent with a click.
    const auto count = gui().state()["discussion"]["count"].get<int>();
    r = gui().call("POST", "/api/items/value",
                   {{"target", {{"id", "input_discussion_message"}}}, {"value", "typed by hooks"}});
    EXPECT_EQ(r["method"], "text_input");
    gui().click("btn_discussion_send");
    gui().wait({{"type", "state_equals"}, {"pointer", "/discussion/count"}, {"value", count + 1}});
    EXPECT_NE(gui().state()["discussion"]["last"].dump().find("typed by hooks"), std::string::npos);
}

TEST_F(HooksApi, WaitConditions) {
    auto wait = [&](const json& c, int timeout_ms = 3000) {
        return gui().call("POST", "/api/wait", {{"condition", c}, {"timeout_ms", timeout_ms}});
    };
    EXPECT_EQ(wait({{"type", "frames"}, {"count", 3}})["met"], true);
    EXPECT_EQ(wait({{"type", "item_exists"}, {"target", {{"id", "btn_demo"}}}})["met"], true);
    EXPECT_EQ(wait({{"type", "item_visible"}, {"target", {{"id", "btn_demo"}}}})["met"], true);
    EXPECT_EQ(wait({{"type", "item_gone"}, {"target", {{"id", "btn_nope"}}}})["met"], true);
    EXPECT_EQ(wait({{"type", "window_open"}, {"window", "Settings"}})["met"], true);
    EXPECT_EQ(wait({{"type", "window_closed"}, {"window", "Nope"}})["met"], true);
    EXPECT_EQ(wait({{"type", "health"}, {"status", "pass"}})["met"], true);
    const int clicks = gui().get_value("txt_demo_clicks").get<int>();
    EXPECT_EQ(wait({{"type", "value_equals"},
                    {"target", {{"id", "txt_demo_clicks"}}},
                    {"value", clicks}})["met"],
              true);
    const json model = gui().state()["settings"]["model"];
    EXPECT_EQ(
        wait({{"type", "state_equals"}, {"pointer", "/settings/model"}, {"value", model}})["met"],
        true);

    const auto start = Clock::now();
    auto r = post("/api/wait",
                  {{"condition", {{"type", "item_exists"}, {"target", {{"id", "btn_nope"}}}}},
                   {"timeout_ms", 200}});
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.body["value"]["error"], "timeout");
    EXPECT_EQ(r.body["value"]["data"]["observed"]["matches"], 0);
    EXPECT_LT(Clock::now() - start, 2s);
    r = post("/api/wait", {{"condition", {{"type", "nap"}}}});
    EXPECT_EQ(r.status, 400);
}

TEST_F(HooksApi, TooManyConcurrentWaitsAnswerBusy) {
    const int max = gui().call("GET", "/api/status")["limits"]["max_waiting_requests"].get<int>();
    std::vector<std::thread> waiters;
    std::atomic<int> timeouts{0};
    std::vector<std::string> replies(max);
    for (int i = 0; i < max; ++i)
        waiters.emplace_back([&, i] {
            harness::HookClient c(gui().url(), gui().token());
            auto r =
                c.post("/api/wait",
                       {{"condition", {{"type", "item_exists"}, {"target", {{"id", "never"}}}}},
                        {"timeout_ms", 3000}});
            if (r.status == 500) ++timeouts;
            replies[i] = std::to_string(r.status) + " " + r.raw.substr(0, 200);
        });
    bool full = false;
    json limits;
    const auto until = Clock::now() + 2500ms;
    while (!full && Clock::now() < until) {
        limits = gui().call("GET", "/api/status")["limits"];
        full = limits["waiting_requests"].get<int>() == max;
        if (!full) std::this_thread::sleep_for(5ms);
    }
    harness::HookResponse r;
    if (full) r = post("/api/wait", {{"condition", {{"type", "frames"}, {"count", 1}}}});
    const int health_status = gui().client().get("/api/gui_health").status;
    for (auto& t : waiters) t.join();
    ASSERT_TRUE(full) << limits.dump() << "\n" << testing::PrintToString(replies);
    EXPECT_EQ(r.status, 503);
    EXPECT_EQ(r.body["value"]["error"], "busy");
    EXPECT_EQ(health_status, 200);  // health still answers
    EXPECT_EQ(timeouts.load(), max);
}

TEST_F(HooksApi, ScreenshotIsAPngOfTheWindowSizeWithContent) {
    auto r = gui().client().get("/api/screenshot");
    ASSERT_EQ(r.status, 200) << r.raw.substr(0, 300);
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load_from_memory(reinterpret_cast<const unsigned char*>(r.raw.data()),
                                              static_cast<int>(r.raw.size()), &w, &h, &n, 4);
    ASSERT_NE(px, nullptr) << "not a PNG";
    EXPECT_EQ(w, 1280);
    EXPECT_EQ(h, 800);
    std::set<std::uint32_t> colours;
    for (int i = 0; i < w * h && colours.size() < 10; i += 97)
        colours.insert(px[i * 4] | (px[i * 4 + 1] << 8) | (px[i * 4 + 2] << 16));
    stbi_image_free(px);
    EXPECT_GE(colours.size(), 3u) << "the screenshot is (almost) one colour";

    const json settings = [&] {
        const json windows = gui().call("GET", "/api/windows")["windows"];
        for (const json& win : windows)
            if (win["name"] == "Settings") return win;
        return json();
    }();
    r = gui().client().get("/api/screenshot?window=Settings");
    ASSERT_EQ(r.status, 200);
    px = stbi_load_from_memory(reinterpret_cast<const unsigned char*>(r.raw.data()),
                               static_cast<int>(r.raw.size()), &w, &h, &n, 4);
    ASSERT_NE(px, nullptr);
    stbi_image_free(px);
    EXPECT_NEAR(w, settings["rect"]["w"].get<double>(), 1.0);
    EXPECT_NEAR(h, settings["rect"]["h"].get<double>(), 1.0);
    EXPECT_EQ(gui().client().get("/api/screenshot?window=Nope").status, 404);
}

TEST_F(HooksApi, ErrorsListClearAndResetClosesPopups) {
    gui().fault("hard_assert");
    json errors;
    ASSERT_TRUE([&] {
        for (int i = 0; i < 200; ++i) {
            errors = gui().call("GET", "/api/errors?since=0");
            if (!errors["records"].empty()) return true;
            std::this_thread::sleep_for(10ms);
        }
        return false;
    }());
    const json& rec = errors["records"].back();
    EXPECT_EQ(rec["kind"], "assert");
    EXPECT_FALSE(rec["stacktrace"].get<std::string>().empty());
    const auto last = errors["last_seq"].get<std::uint64_t>();
    EXPECT_TRUE(gui().call("GET", "/api/errors?since=" + std::to_string(last))["records"].empty());
    EXPECT_EQ(gui().health()["status"], "warn");
    EXPECT_EQ(error_of("GET", "/api/errors?since=abc"), "invalid argument");

    gui().call("POST", "/api/errors/clear");
    EXPECT_EQ(gui().health()["status"], "pass");

    gui().click("btn_project_new");  // opens the "new project" popup
    auto popups = [&] {
        int n = 0;
        const json windows = gui().call("GET", "/api/windows")["windows"];
        for (const json& w : windows) n += w["popup"].get<bool>();
        return n;
    };
    EXPECT_EQ(popups(), 1);
    const json reset = gui().reset();
    EXPECT_EQ(reset["reset"], true);
    EXPECT_EQ(reset["popups_closed"], 1);
    EXPECT_EQ(popups(), 0);
    EXPECT_EQ(gui().health()["status"], "pass");
}

TEST_F(HooksApi, UnknownPathIs404AndWrongMethodIs405) {
    auto r = gui().client().get("/api/nope");
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body["value"]["error"], "unknown command");
    r = gui().client().get("/api/items/click");
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.body["value"]["error"], "unknown method");
}

TEST_F(HooksApi, ShutdownIs202AndExitsZero) {
    auto r = post("/api/shutdown", json::object());
    EXPECT_EQ(r.status, 202);
    auto exit = gui().process().wait_for(10s);
    ASSERT_TRUE(exit.has_value());
    EXPECT_EQ(exit->describe(), "exit code 0");
    expect_gui_breakage();  // the next test (if any) gets a fresh GUI
}

}  // namespace
