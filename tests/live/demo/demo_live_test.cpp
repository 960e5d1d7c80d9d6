// demo_live_test.cpp: `imhost --demo` under Xvfb: Dear ImGui's own demo, code nobody here wrote,
// as the system under test. Health passes and /api/status says "app": "demo"; the workbench's
// windows and routes are absent; the demo window and its items are listed; real clicks open a
// header, toggle a checkbox and press a button that opens a modal; a Begin() leaked inside the
// demo's panel is recorded against "Dear ImGui Demo" while the demo keeps drawing; the default
// window size holds the demo window and every tool and example window at its default place,
// and --window-size still wins.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "app/demo/demo_app.h"
#include "tests/harness/eventually.h"
#include "tests/harness/live_gui.h"
#include "tests/harness/live_gui_test.h"

namespace {

using namespace std::chrono_literals;
using harness::HookError;
using harness::LiveGui;
using nlohmann::json;

constexpr const char* kDemo = "Dear ImGui Demo";  // the window, and the guarded panel

harness::LiveGuiOptions demo_options() {
    harness::LiveGuiOptions options;
    options.app = "demo";
    options.name = "demo";
    return options;
}

json label_in(const std::string& label, const std::string& window) {
    return {{"label", label}, {"window", window}};
}

json windows(LiveGui& gui) { return gui.call("GET", "/api/windows")["windows"]; }

std::optional<json> window_named(LiveGui& gui, const std::string& name) {
    for (const json& w : windows(gui))
        if (w["name"] == name) return w;
    return std::nullopt;
}

json click(LiveGui& gui, const json& target) {
    return gui.call("POST", "/api/items/click", {{"target", target}});
}

// GET /api/items/value for {"label", "window"}: a checkbox's `checked`, a header's `opened`.
json value_of(LiveGui& gui, const std::string& label, const std::string& window) {
    return gui.call("GET", "/api/items/value?label=" + harness::url_encode(label) +
                               "&window=" + harness::url_encode(window))["value"];
}

// Opens a header or tree node of the demo window (a real click), unless it is open already.
void open_node(LiveGui& gui, const std::string& label) {
    if (value_of(gui, label, kDemo) == true) return;
    click(gui, label_in(label, kDemo));
    ASSERT_EQ(value_of(gui, label, kDemo), true) << "'" << label << "' did not open";
}

// A menu of the demo window's menu bar, then one of its items: the way a user opens a tool
// window. MenuItem() toggles the window's flag, so the same call closes it again.
void toggle_menu_item(LiveGui& gui, const std::string& menu, const std::string& item) {
    click(gui, label_in(menu, kDemo));
    gui.wait({{"type", "item_visible"}, {"target", {{"label", item}}}}, 3000);
    click(gui, {{"label", item}});
}

std::uint64_t frame_count(LiveGui& gui) {
    return gui.health()["frame"]["count"].get<std::uint64_t>();
}

// The PNG's size, from its IHDR chunk (bytes 16..23, big-endian).
std::pair<int, int> png_size(const std::string& png) {
    auto be32 = [&](std::size_t at) {
        return (static_cast<unsigned char>(png[at]) << 24) |
               (static_cast<unsigned char>(png[at + 1]) << 16) |
               (static_cast<unsigned char>(png[at + 2]) << 8) |
               static_cast<unsigned char>(png[at + 3]);
    };
    return png.size() >= 24 ? std::pair<int, int>{be32(16), be32(20)} : std::pair<int, int>{0, 0};
}

std::pair<int, int> window_size(LiveGui& gui) {
    std::string why_not;
    const std::string png = gui.screenshot_png(why_not);
    EXPECT_FALSE(png.empty()) << why_not;
    return png_size(png);
}

// The title bar's close button has no label (it is the window's item "#CLOSE"): the demo
// window's small item at the right end of its title bar.
json close_button(LiveGui& gui) {
    const json demo = *window_named(gui, kDemo);
    const double x = demo["rect"]["x"].get<double>(), y = demo["rect"]["y"].get<double>();
    const double right = x + demo["rect"]["w"].get<double>();
    for (const json& item : gui.items(kDemo)) {
        const json& r = item["rect"];
        if (item["window"] == kDemo && (!item["label"].is_string() || item["label"] == "") &&
            r["w"].get<double>() <= 20 && r["h"].get<double>() <= 19 && r["y"].get<double>() >= y &&
            r["y"].get<double>() < y + 19 && r["x"].get<double>() > right - 30)
            return {{"imgui_id", item["imgui_id"]}};
    }
    ADD_FAILURE() << "no close button in the demo window's title bar: " << gui.items(kDemo).dump();
    return {{"imgui_id", "0x0"}};
}

class DemoLive : public harness::LiveGuiTest {
  public:
    static void SetUpTestSuite() {
        start_suite({.gui = demo_options(), .reset_between_tests = true});
    }
};

TEST_F(DemoLive, HealthPassesAndStatusSaysDemo) {
    const json health = gui().health();
    EXPECT_EQ(health["status"], "pass") << health.dump(2);
    EXPECT_EQ(health["phase"], "running");
    EXPECT_EQ(health["io_pool"]["state"], "running") << "the IO pool stays in demo mode";

    const json status = gui().call("GET", "/api/status");
    EXPECT_EQ(status["app"], "demo") << status.dump(2);
    const json& capabilities = status["capabilities"];
    EXPECT_EQ(std::count(capabilities.begin(), capabilities.end(), "state"), 0)
        << "the demo has no state provider: " << capabilities.dump();
}

TEST_F(DemoLive, TheWorkbenchsPanelsAndRoutesAreAbsent) {
    for (const char* panel : {"Projects", "Discussion", "Context", "Settings", "Tools", "Console"})
        EXPECT_FALSE(window_named(gui(), panel)) << panel << " is drawn in demo mode";
    for (const char* route : {"/api/project/new", "/api/discussion/send", "/api/tools/run"}) {
        const harness::HookResponse r = gui().client().post(route, {{"name", "x"}});
        EXPECT_EQ(r.status, 404) << route << ": " << r.raw;
    }
    EXPECT_EQ(gui().client().get("/api/state").status, 404);
    try {
        gui().fault("io_task_throws");
        ADD_FAILURE() << "the workbench's io_task_throws fault exists in demo mode";
    } catch (const HookError& e) {
        EXPECT_EQ(e.code(), "invalid argument") << e.what();
    }
}

TEST_F(DemoLive, WindowsListTheDemoWindowWhereItOpens) {
    ASSERT_TRUE(harness::eventually([&] { return window_named(gui(), kDemo).has_value(); }, 5s));
    const json demo = *window_named(gui(), kDemo);
    EXPECT_EQ(demo["visible"], true) << demo.dump();
    EXPECT_EQ(demo["collapsed"], false) << demo.dump();
    EXPECT_EQ(demo["rect"], json({{"x", 650}, {"y", 20}, {"w", 550}, {"h", 680}})) << demo.dump();
}

TEST_F(DemoLive, ItemsOfTheDemoWindowAreListed) {
    const json items = gui().items(kDemo);
    std::set<std::string> labels;
    for (const json& item : items) {
        EXPECT_EQ(item["window"].get<std::string>().rfind(kDemo, 0), 0u) << item.dump();
        if (item["label"].is_string()) labels.insert(item["label"].get<std::string>());
    }
    for (const char* label : {"Menu", "Examples", "Tools", "Help", "Configuration",
                              "Window options", "Widgets", "Popups & Modal windows"})
        EXPECT_TRUE(labels.count(label)) << "'" << label << "' not listed in " << items.dump();
    const json help = gui().call("POST", "/api/items/find", {{"target", label_in("Help", kDemo)}});
    EXPECT_EQ(help["openable"], true) << help.dump();
    EXPECT_EQ(help["opened"], false) << help.dump();
}

TEST_F(DemoLive, AClickOpensAHeaderAndResetClosesIt) {
    EXPECT_EQ(value_of(gui(), "Help", kDemo), false);
    const json clicked = click(gui(), label_in("Help", kDemo));
    EXPECT_EQ(clicked["clicked"], true) << clicked.dump();
    EXPECT_EQ(value_of(gui(), "Help", kDemo), true) << "the click did not open 'Help'";
    gui().reset();
    EXPECT_EQ(value_of(gui(), "Help", kDemo), false) << "POST /api/reset left 'Help' open";
}

TEST_F(DemoLive, AClickTogglesADemoCheckbox) {
    open_node(gui(), "Window options");
    const json before = value_of(gui(), "Unsaved document", kDemo);
    ASSERT_TRUE(before.is_boolean()) << before.dump();
    click(gui(), label_in("Unsaved document", kDemo));
    EXPECT_EQ(value_of(gui(), "Unsaved document", kDemo), !before.get<bool>());
    // The demo keeps its widgets' values in its own statics, which no reset reaches: put it back.
    click(gui(), label_in("Unsaved document", kDemo));
    EXPECT_EQ(value_of(gui(), "Unsaved document", kDemo), before);
}

TEST_F(DemoLive, AClickOnADemoButtonOpensItsModal) {
    open_node(gui(), "Popups & Modal windows");
    open_node(gui(), "Modals");
    EXPECT_FALSE(window_named(gui(), "Delete?"));
    click(gui(), label_in("Delete..", kDemo));
    gui().wait({{"type", "window_open"}, {"window", "Delete?"}}, 3000);
    const auto modal = window_named(gui(), "Delete?");
    ASSERT_TRUE(modal) << windows(gui()).dump();
    EXPECT_EQ((*modal)["popup"], true) << modal->dump();
    EXPECT_EQ((*modal)["modal"], true) << modal->dump();
    // While it is open, a click on the demo window behind it would only be swallowed: refused,
    // naming the modal, and nothing is clicked.
    try {
        click(gui(), label_in("Help", kDemo));
        ADD_FAILURE() << "a click behind a modal was reported as done";
    } catch (const HookError& e) {
        EXPECT_EQ(e.code(), "element click intercepted") << e.what();
        EXPECT_EQ(e.value()["data"]["hovered_window"], "Delete?") << e.value().dump();
    }
    EXPECT_EQ(value_of(gui(), "Help", kDemo), false);
    // Its Cancel button closes it: a second button, inside the modal.
    click(gui(), label_in("Cancel", "Delete?"));
    gui().wait({{"type", "window_closed"}, {"window", "Delete?"}}, 3000);
}

TEST_F(DemoLive, ToolWindowsOpenFromTheMenus) {
    EXPECT_FALSE(window_named(gui(), "Dear ImGui Style Editor"));
    toggle_menu_item(gui(), "Tools", "Style Editor");
    gui().wait({{"type", "window_open"}, {"window", "Dear ImGui Style Editor"}}, 3000);
    EXPECT_FALSE(gui().items("Dear ImGui Style Editor").empty());
    toggle_menu_item(gui(), "Tools", "Style Editor");  // closes it again
    gui().wait({{"type", "window_closed"}, {"window", "Dear ImGui Style Editor"}}, 3000);
}

TEST_F(DemoLive, ResetReopensAClosedDemoWindow) {
    click(gui(), close_button(gui()));
    gui().wait({{"type", "window_closed"}, {"window", kDemo}}, 3000);
    gui().wait({{"type", "window_open"}, {"window", "Demo closed"}}, 3000);
    gui().reset();
    gui().wait({{"type", "window_open"}, {"window", kDemo}}, 3000);
    const auto demo = window_named(gui(), kDemo);
    ASSERT_TRUE(demo);
    EXPECT_EQ((*demo)["rect"], json({{"x", 650}, {"y", 20}, {"w", 550}, {"h", 680}}));
    EXPECT_FALSE(window_named(gui(), "Demo closed"));
}

TEST_F(DemoLive, TheClosedNoticeReopensTheDemoWindow) {
    click(gui(), close_button(gui()));
    gui().wait({{"type", "window_closed"}, {"window", kDemo}}, 3000);
    gui().click("btn_demo_reopen");  // "Reopen it" in the "Demo closed" window
    gui().wait({{"type", "window_open"}, {"window", kDemo}}, 3000);
    gui().wait({{"type", "window_closed"}, {"window", "Demo closed"}}, 3000);
}

TEST_F(DemoLive, ABeginLeakedInTheDemoPanelIsRecordedAndTheDemoDrawsOn) {
    open_node(gui(), "Help");  // an open header, to see the demo's items keep coming
    const json armed = gui().fault("missing_end", {{"panel", kDemo}});
    EXPECT_EQ(armed["panel"], kDemo) << armed.dump();

    json health;
    ASSERT_TRUE(harness::eventually(
        [&] { return (health = gui().health())["last_assert"].is_object(); }, 5s))
        << health.dump(2);
    const json& record = health["last_assert"];
    EXPECT_EQ(record["kind"], "scope_leak") << record.dump(2);
    EXPECT_EQ(record["panel"], kDemo) << record.dump(2);
    EXPECT_NE(record["message"].get<std::string>().find(
                  "panel 'Dear ImGui Demo' left a window open (Begin(\"Fault: missing_end\") "
                  "without End())"),
              std::string::npos)
        << record.dump(2);
    EXPECT_EQ(health["status"], "warn") << health.dump(2);
    EXPECT_EQ(health["phase"], "running") << health.dump(2);
    EXPECT_TRUE(health["guard"]["quarantined_panels"].empty()) << health.dump(2);

    const json errors = gui().call("GET", "/api/errors?since=0")["records"];
    ASSERT_EQ(errors.size(), 1u) << errors.dump(2);
    EXPECT_EQ(errors[0]["panel"], kDemo);
    EXPECT_EQ(errors[0]["kind"], "scope_leak");

    // The demo goes on drawing: frames advance, its window and its items are in later frames.
    const std::uint64_t fault_frame = record["frame"].get<std::uint64_t>();
    gui().wait({{"type", "frames"}, {"count", 3}});
    EXPECT_GE(frame_count(gui()), fault_frame + 3);
    ASSERT_TRUE(window_named(gui(), kDemo)) << windows(gui()).dump();
    EXPECT_FALSE(window_named(gui(), "Fault: missing_end")) << "the leaked window stayed open";
    const json help = gui().call("POST", "/api/items/find", {{"target", label_in("Help", kDemo)}});
    EXPECT_GT(help["last_seen_frame"].get<std::uint64_t>(), fault_frame) << help.dump();
    EXPECT_EQ(help["opened"], true) << help.dump();
    EXPECT_EQ(value_of(gui(), "Help", kDemo), true);
}

// The bench's way to price the item registry frame against frame (make bench's demo-frames): on
// in even frames and off in odd ones, until it is switched on or off again. Snapshots are taken
// only while it is on, so in between they all carry even frame numbers. The GUI animates, as in
// the bench: a snapshot is of the last frame the app finished, which may be one ahead of the
// frame presented, so an idle GUI's few frames per request could land on one parity each time.
TEST(DemoRegistry, TheItemRegistryCanAlternateFrameByFrame) {
    harness::LiveGuiOptions options = demo_options();
    options.extra_args = {"--bench-items", "0", "--bench-animate"};
    LiveGui gui(options);
    auto snapshot_frame = [&gui] {
        gui.wait({{"type", "frames"}, {"count", 1}});
        return gui.call("GET", "/api/items")["frame"].get<std::uint64_t>();
    };
    json reply = gui.call("POST", "/api/debug/item_registry", {{"on", "alternate"}});
    EXPECT_EQ(reply["item_registry"], "alternate") << reply.dump();
    gui.wait({{"type", "frames"}, {"count", 2}});  // a snapshot from before it may be odd
    std::set<std::uint64_t> alternating;
    for (int i = 0; i < 6; ++i) alternating.insert(snapshot_frame());
    for (const std::uint64_t frame : alternating) EXPECT_EQ(frame % 2, 0u) << frame;
    EXPECT_GE(alternating.size(), 2u) << "the snapshots stopped";

    reply = gui.call("POST", "/api/debug/item_registry", {{"on", true}});
    EXPECT_EQ(reply["item_registry"], true) << reply.dump();
    EXPECT_TRUE(harness::eventually([&] { return snapshot_frame() % 2 == 1; }, 10s))
        << "on again, every frame is published";

    try {
        gui.call("POST", "/api/debug/item_registry", {{"on", "sometimes"}});
        ADD_FAILURE() << "\"sometimes\" was taken";
    } catch (const HookError& e) {
        EXPECT_EQ(e.code(), "invalid argument") << e.what();
        EXPECT_NE(std::string(e.what()).find("alternate"), std::string::npos) << e.what();
    }
}

// The default size, with every tool and example window open at its default place.
TEST(DemoWindowSize, TheDefaultHoldsTheDemoAndItsToolWindows) {
    LiveGui gui(demo_options());
    const auto [width, height] = window_size(gui);
    EXPECT_EQ(width, imhost::DemoApp::kWindowWidth);
    EXPECT_EQ(height, imhost::DemoApp::kWindowHeight);

    const std::pair<const char*, const char*> menu_items[] = {
        {"Tools", "Metrics/Debugger"},
        {"Tools", "Debug Log"},
        {"Tools", "ID Stack Tool"},
        {"Tools", "Style Editor"},
        {"Tools", "About Dear ImGui"},
        {"Examples", "Assets Browser"},
        {"Examples", "Console"},
        {"Examples", "Custom rendering"},
        {"Examples", "Documents"},
        {"Examples", "Log"},
        {"Examples", "Property editor"},
        {"Examples", "Simple layout"},
        {"Examples", "Simple overlay"},
        {"Examples", "Auto-resizing window"},
        {"Examples", "Constrained-resizing window"},
        {"Examples", "Long text display"},
        {"Examples", "Manipulating window titles"}};
    std::size_t top_level = 0;
    for (const auto& [menu, item] : menu_items) {
        const std::size_t before = windows(gui).size();
        toggle_menu_item(gui, menu, item);
        EXPECT_TRUE(harness::eventually([&] { return windows(gui).size() > before; }, 3s))
            << menu << " > " << item << " opened no window";
    }
    gui.wait({{"type", "frames"}, {"count", 3}});  // auto-resizing windows settle
    // ImGui keeps a window that sizes itself to its contents within the display's height (less
    // style.DisplaySafeAreaPadding, 3 px, at each end): that one scrolls, at any window size.
    std::vector<std::string> clamped;
    for (const json& w : windows(gui)) {
        if (!w["parent"].is_null() || w["popup"] == true) continue;
        ++top_level;
        const json& r = w["rect"];
        EXPECT_GE(r["x"].get<double>(), 0) << w.dump();
        EXPECT_GE(r["y"].get<double>(), 0) << w.dump();
        EXPECT_LE(r["x"].get<double>() + r["w"].get<double>(), width) << w.dump();
        if (r["h"].get<double>() >= height - 6)
            clamped.push_back(w["name"].get<std::string>());
        else
            EXPECT_LE(r["y"].get<double>() + r["h"].get<double>(), height) << w.dump();
    }
    // The Style Editor alone: its contents are 1583 px tall.
    EXPECT_EQ(clamped, std::vector<std::string>{"Dear ImGui Style Editor"});
    EXPECT_GT(top_level, std::size(menu_items)) << windows(gui).dump(2);
    EXPECT_EQ(gui.health()["status"], "pass") << gui.health().dump(2);
}

TEST(DemoWindowSize, AnExplicitWindowSizeWins) {
    harness::LiveGuiOptions options = demo_options();
    options.extra_args = {"--window-size", "900x700"};
    LiveGui gui(options);
    EXPECT_EQ(window_size(gui), std::make_pair(900, 700));
    EXPECT_TRUE(window_named(gui, kDemo));
}

}  // namespace
