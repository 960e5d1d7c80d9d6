// demo_drive_live_test.cpp: driving Dear ImGui's demo as a test author would, by refs (the IDs
// ImGui itself computes) and real input: every item lists the ref to copy; sections open and
// close (`open` reports what changed); an item out of view is scrolled into view before it is
// clicked; an item under a closed node is `no such element` naming the ancestor to open; tool
// windows open from the demo's menu bar, through submenus too, and toggle items are left in the
// state asked; open popups close; bad input is a clear 4xx and the GUI stays healthy.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "tests/harness/env_knob.h"
#include "tests/harness/live_gui.h"
#include "tests/harness/live_gui_test.h"

namespace {

using harness::HookError;
using harness::LiveGui;
using nlohmann::json;

constexpr const char* kDemo = "Dear ImGui Demo";

using harness::Target;

Target in_demo(const std::string& path) { return Target::ref(std::string(kDemo) + "/" + path); }

json open(LiveGui& gui, const Target& target, bool open = true) { return gui.open(target, open); }

json item(LiveGui& gui, const Target& target) { return gui.find(target); }

json value(LiveGui& gui, const std::string& path) { return gui.value(in_demo(path)); }

json window_rect(LiveGui& gui, const std::string& name) {
    const json windows =
        gui.call("GET", "/api/windows")["windows"];  // a copy: the reply is a temporary
    for (const json& w : windows)
        if (w["name"] == name) return w["rect"];
    ADD_FAILURE() << "no window " << name;
    return json::object();
}

bool window_open(LiveGui& gui, const std::string& name) {
    const json windows = gui.call("GET", "/api/windows")["windows"];
    for (const json& w : windows)
        if (w["name"] == name) return true;
    return false;
}

int popups_shown(LiveGui& gui) {
    const json windows = gui.call("GET", "/api/windows")["windows"];
    int n = 0;
    for (const json& w : windows) n += w["popup"] == true && w["visible"] == true;
    return n;
}

json menu(LiveGui& gui, const std::string& path, std::optional<bool> check = std::nullopt) {
    return gui.menu_click(path, kDemo, check);
}

class DemoRefs : public harness::LiveGuiTest {
  public:
    static void SetUpTestSuite() {
        harness::LiveGuiOptions options;
        options.app = "demo";
        options.name = "demo-drive";
        start_suite({.gui = options, .reset_between_tests = true});
    }
};

TEST_F(DemoRefs, EveryItemListsTheRefThatFindsIt) {
    const json items = gui().items(kDemo);
    int with_ref = 0;
    for (const json& it : items) {
        if (!it["ref"].is_string()) continue;
        ++with_ref;
        // The listed ref finds that very item.
        EXPECT_EQ(item(gui(), Target::ref(it["ref"]))["imgui_id"], it["imgui_id"]) << it.dump();
    }
    EXPECT_GE(with_ref, 10) << items.dump();
    EXPECT_EQ(item(gui(), in_demo("Help"))["label"], "Help");
    EXPECT_EQ(item(gui(), in_demo("##MenuBar/Tools"))["label"], "Tools");  // BeginMenuBar's scope
}

TEST_F(DemoRefs, SectionsOpenAndCloseAndSayWhatChanged) {
    json reply = open(gui(), in_demo("Widgets"));
    EXPECT_EQ(reply["opened"], true) << reply.dump();
    EXPECT_EQ(reply["changed"], true);
    EXPECT_EQ(open(gui(), in_demo("Widgets"))["changed"], false) << "already open: nothing clicked";
    // "Basic" is a TreeNode: it pushes its label, so its items' refs go through it.
    EXPECT_EQ(open(gui(), in_demo("Basic"))["opened"], true);
    EXPECT_EQ(value(gui(), "Basic"), true);
    EXPECT_EQ(item(gui(), in_demo("Basic/checkbox"))["ref"],
              std::string(kDemo) + "/Basic/checkbox");
    reply = open(gui(), in_demo("Widgets"), false);
    EXPECT_EQ(reply["opened"], false) << reply.dump();
    EXPECT_EQ(value(gui(), "Widgets"), false);
}

TEST_F(DemoRefs, AnItemUnderAClosedNodeNamesTheAncestorToOpen) {
    open(gui(), in_demo("Widgets"));
    try {
        value(gui(), "Basic/checkbox");
        FAIL() << "read an item that was not drawn";
    } catch (const HookError& e) {
        EXPECT_EQ(e.status(), 404);
        EXPECT_EQ(e.code(), "no such element");
        EXPECT_EQ(e.value()["data"]["nearest"], std::string(kDemo) + "/Basic") << e.what();
        EXPECT_NE(std::string(e.what()).find("closed: open it first"), std::string::npos);
    }
}

TEST_F(DemoRefs, AnItemOutOfViewIsScrolledIntoViewThenClicked) {
    open(gui(), in_demo("Widgets"));  // pushes the later headers down, past the window's bottom
    const json before = item(gui(), in_demo("Inputs & Focus"));
    const json win = window_rect(gui(), kDemo);
    const double bottom = win["y"].get<double>() + win["h"].get<double>();
    ASSERT_GT(before["rect"]["y"].get<double>() + before["rect"]["h"].get<double>(), bottom)
        << "expected (partly) out of view: " << before;

    const json shown = gui().scroll_into_view(in_demo("Inputs & Focus"));
    EXPECT_EQ(shown["visible"], true) << shown.dump();
    const double y = shown["rect"]["y"].get<double>(), h = shown["rect"]["h"].get<double>();
    EXPECT_GE(y, win["y"].get<double>());
    EXPECT_LE(y + h, bottom) << "fully in view";

    // A click scrolls by itself: a header further down opens in one call.
    const json reply = open(gui(), in_demo("Tables & Columns"));
    EXPECT_EQ(reply["opened"], true) << reply.dump();
    EXPECT_EQ(value(gui(), "Tables & Columns"), true);
}

TEST_F(DemoRefs, BadInputIsAClear4xxAndTheGuiStaysHealthy) {
    auto expect_error = [&](const json& body, int status, const std::string& code) {
        try {
            gui().call("POST", "/api/items/open", body);
            ADD_FAILURE() << "accepted " << body.dump();
        } catch (const HookError& e) {
            EXPECT_EQ(e.status(), status) << body.dump() << ": " << e.what();
            EXPECT_EQ(e.code(), code) << e.what();
        }
    };
    expect_error({{"target", in_demo("Widgets//Basic").locator}}, 400, "invalid selector");
    expect_error({{"target", in_demo("##MenuBar/Help\\x").locator}}, 400, "invalid selector");
    expect_error({{"target", in_demo("Help").locator}, {"open", "yes"}}, 400, "invalid argument");
    expect_error({{"target", in_demo("Help").locator}, {"opne", true}}, 400, "invalid argument");
    open(gui(), in_demo("Widgets"));
    open(gui(), in_demo("Basic"));
    expect_error({{"target", in_demo("Basic/Button").locator}}, 400,
                 "invalid argument");  // not openable
    EXPECT_EQ(gui().health()["status"], "pass");
}

TEST_F(DemoRefs, ToolWindowsOpenFromTheMenuBarAndTogglesStayAsAsked) {
    json reply = menu(gui(), "Tools/Style Editor");
    EXPECT_EQ(reply["clicked"], true) << reply.dump();
    EXPECT_TRUE(window_open(gui(), "Dear ImGui Style Editor"));
    EXPECT_EQ(popups_shown(gui()), 0) << "the menus closed after the click";
    // A toggle item already in the state asked for is not clicked.
    reply = menu(gui(), "Tools/Style Editor", true);
    EXPECT_EQ(reply["clicked"], false) << reply.dump();
    EXPECT_TRUE(window_open(gui(), "Dear ImGui Style Editor"));
    EXPECT_EQ(popups_shown(gui()), 0);
    reply = menu(gui(), "Tools/Style Editor", false);
    EXPECT_EQ(reply["clicked"], true) << reply.dump();
    EXPECT_FALSE(window_open(gui(), "Dear ImGui Style Editor"));
}

TEST_F(DemoRefs, ASubmenuOpensOnTheWayToItsItem) {
    const json reply = menu(gui(), "Menu/Open Recent/fish_hat.c");
    EXPECT_EQ(reply["clicked"], true) << reply.dump();
    EXPECT_EQ(reply["label"], "fish_hat.c");
    EXPECT_EQ(popups_shown(gui()), 0) << "choosing the item closed every menu level";
}

TEST_F(DemoRefs, APathNamingNoItemSaysWhatTheMenuHolds) {
    try {
        menu(gui(), "Tools/No such tool");
        FAIL() << "clicked a menu item that does not exist";
    } catch (const HookError& e) {
        EXPECT_EQ(e.status(), 404) << e.what();
        const json items = e.value()["data"]["items"];
        EXPECT_NE(std::find(items.begin(), items.end(), "Style Editor"), items.end())
            << items.dump();
    }
    EXPECT_EQ(popups_shown(gui()), 0) << "the menu opened on the way was closed again";
    EXPECT_EQ(gui().health()["status"], "pass");
}

TEST_F(DemoRefs, OpenPopupsCloseAsAUserClosesThem) {
    menu(gui(), "Menu");  // the last level is a menu: it is left open
    ASSERT_EQ(popups_shown(gui()), 1);
    const json reply = gui().close_popups();
    EXPECT_EQ(reply["closed"].size(), 1u) << reply.dump();
    EXPECT_EQ(reply["open_popups"], 0);
    EXPECT_EQ(popups_shown(gui()), 0);
}

TEST_F(DemoRefs, AComboEntryOutOfViewIsPickedAndTheComboHoldsIt) {
    open(gui(), in_demo("Widgets"));
    open(gui(), in_demo("Basic"));
    // The combo is nameless in ImGui's hooks (BeginCombo reports no label): a ref finds it. Its
    // list shows 8 entries at a time, drawn through a clipper: "KKKKKKK" (the 11th) is not drawn
    // until the list scrolls to it.
    json reply = gui().combo_select(in_demo("Basic/combo"), "KKKKKKK");
    EXPECT_EQ(reply["selected"], true) << reply.dump();
    EXPECT_EQ(popups_shown(gui()), 0) << "choosing the entry closed the list";
    // The combo's value is its preview, read back from what the frame drew.
    EXPECT_EQ(value(gui(), "Basic/combo"), "KKKKKKK");
    EXPECT_EQ(gui().text(in_demo("Basic/combo")), "KKKKKKK") << "the text drawn inside the item";
    gui().combo_select(in_demo("Basic/combo"), "AAAA");
    EXPECT_EQ(value(gui(), "Basic/combo"), "AAAA");
    try {
        gui().combo_select(in_demo("Basic/combo"), "No such entry");
        ADD_FAILURE() << "picked an entry the combo does not have";
    } catch (const HookError& e) {
        EXPECT_EQ(e.status(), 404) << e.what();
        EXPECT_EQ(e.value()["data"]["entries"].size(), 11u) << e.value().dump();
    }
    EXPECT_EQ(popups_shown(gui()), 0) << "the list opened for the search was closed again";
}

TEST_F(DemoRefs, ACommandIsTypedIntoTheConsoleExampleWithKeys) {
    menu(gui(), "Examples/Console", true);
    const Target console = Target::ref("Example: Console/Input");
    auto input_text = [&] { return gui().value(console); };
    json reply = gui().keys({}, "HELP", console);
    EXPECT_EQ(reply["text"], "HELP") << reply.dump();
    EXPECT_EQ(input_text(), "HELP");
    gui().keys({"Enter"});
    EXPECT_EQ(input_text(), "") << "Enter ran the command and cleared the line";
    // The console keeps what ran in its history: Up brings the command back.
    reply = gui().keys({"Up"});
    EXPECT_EQ(reply["keys"], json::array({"UpArrow"}));
    EXPECT_EQ(input_text(), "HELP");
    gui().keys({"Ctrl+A", "Backspace"});
    EXPECT_EQ(input_text(), "");
    menu(gui(), "Examples/Console", false);
}

TEST_F(DemoRefs, UnknownKeyNamesAreRefusedBeforeAnyKeyIsPressed) {
    for (const json& keys : {json{"Ctrl+Shfit+A"}, json{"NoSuchKey"}, json{"Ctrl+"}, json{""}}) {
        try {
            gui().call("POST", "/api/keys", {{"keys", keys}});
            ADD_FAILURE() << "accepted " << keys.dump();
        } catch (const HookError& e) {
            EXPECT_EQ(e.status(), 400) << keys.dump();
            EXPECT_EQ(e.code(), "invalid argument") << e.what();
        }
    }
    EXPECT_EQ(gui().health()["status"], "pass");
}

// Widgets > Basic, as a test author checks it: each kind of widget set by real input and read
// back through the API alone (no app bindings: ImGui keeps these values in the demo's statics).
TEST_F(DemoRefs, EachKindOfBasicWidgetIsSetAndReadBack) {
    open(gui(), in_demo("Widgets"));
    open(gui(), in_demo("Basic"));
    const std::pair<const char*, json> cases[] = {
        {"input text", "typed by imhost"},
        {"input int", 42},
        {"input float", 2.5},
        {"input double", 0.125},
        {"drag int", 77},
        {"drag float", 0.75},
        {"slider int", 2},
        {"slider float", 0.25},
        {"checkbox", true},
    };
    for (const auto& [widget, wanted] : cases) {
        SCOPED_TRACE(widget);
        const json reply = gui().call(
            "POST", "/api/items/value",
            {{"target", in_demo(std::string("Basic/") + widget).locator}, {"value", wanted}});
        ASSERT_TRUE(reply.contains("new")) << reply.dump();
        EXPECT_EQ(value(gui(), std::string("Basic/") + widget), wanted);
        // A read through the text-input state leaves the value as it was.
        EXPECT_EQ(value(gui(), std::string("Basic/") + widget), wanted) << "read twice";
    }
}

TEST_F(DemoRefs, ASliderIsDraggedByTheMouse) {
    open(gui(), in_demo("Widgets"));
    open(gui(), in_demo("Basic"));
    const Target slider = in_demo("Basic/slider int");  // -1..3
    gui().call("POST", "/api/items/value", {{"target", slider.locator}, {"value", 0}});
    gui().drag(slider, 400, 0);  // far past its right end
    EXPECT_EQ(value(gui(), "Basic/slider int"), 3);
    gui().drag(slider, -400, 0);
    EXPECT_EQ(value(gui(), "Basic/slider int"), -1);
}

TEST_F(DemoRefs, AButtonIsDraggedOntoAnotherAndDroppedThere) {
    open(gui(), in_demo("Widgets"));
    open(gui(), in_demo("Drag and Drop"));
    open(gui(), in_demo("Drag and Drop/Drag and drop to copy\\/swap items"));
    // The section's buttons are drawn inside PushID(n): found by label, in the demo window.
    const json reply = gui().drag(Target::label("Bobby", kDemo), Target::label("Beatrice", kDemo));
    EXPECT_EQ(reply["onto"], std::string(kDemo) + "/Beatrice") << reply.dump();
    int bobbies = 0, beatrices = 0;
    for (const json& it : gui().items(kDemo)) {
        bobbies += it["label"] == "Bobby";
        beatrices += it["label"] == "Beatrice";
    }
    EXPECT_EQ(bobbies, 2) << "the copy mode copied Bobby onto Beatrice";
    EXPECT_EQ(beatrices, 0);
}

TEST_F(DemoRefs, ATooltipShowsWhileTheMouseRestsOnItsItem) {
    open(gui(), in_demo("Widgets"));
    open(gui(), in_demo("Basic"));
    const json reply = gui().hover(in_demo("Basic/Tooltip"), 600);
    EXPECT_EQ(reply["hovered"], true) << reply.dump();
    bool tooltip = false;
    const json windows = gui().call("GET", "/api/windows")["windows"];
    for (const json& w : windows) tooltip = tooltip || w["name"] == "##Tooltip_00";
    EXPECT_TRUE(tooltip) << windows.dump();
    try {
        gui().call(
            "POST", "/api/items/drag",
            {{"target", in_demo("Basic/Tooltip").locator}, {"delta", {{"x", 1e9}, {"y", 0}}}});
        ADD_FAILURE() << "a drag a billion pixels long was accepted";
    } catch (const HookError& e) {
        EXPECT_EQ(e.status(), 400) << e.what();
    }
}

// imgui_test_engine's "open everything" of the demo window: every node, header and tree,
// opened by real clicks until none is left closed (menus aside), then all closed again.
TEST_F(DemoRefs, EverythingInTheDemoWindowOpensAndClosesAgain) {
    // Under a sanitizer (10x slower frames) only the first ID scope: IMHOST_OPEN_ALL_DEPTH=1.
    const int depth = harness::env_int("IMHOST_OPEN_ALL_DEPTH", 0);
    const std::uint64_t seq = gui().call("GET", "/api/errors?since=0")["last_seq"];
    const json opened = gui().open_all(kDemo, "", true, depth);
    EXPECT_GT(opened["opened"].get<int>(), depth ? 20 : 100) << opened.dump().substr(0, 400);
    json closed_left = json::array();
    for (const json& it : gui().items(kDemo)) {
        if (it["openable"] != true || it["opened"] != false || it["window"] != kDemo ||
            !it["ref"].is_string() || it["menu"] == true)
            continue;
        const std::string ref = it["ref"];
        const auto scopes = std::count(ref.begin(), ref.end(), '/');  // escapes aside, close
        if (depth == 0 || scopes <= depth) closed_left.push_back(ref);
    }
    EXPECT_EQ(closed_left.size(), 0u) << "drawn nodes left closed: " << closed_left.dump();
    // The demo drew it all without a fault but one of its own: its multi-select table submits
    // SmallButton("hello") on every row without PushID() (imgui_demo.cpp, "Multi-Select (in a
    // table)"), a duplicate ID that ImGui flags only while the mouse hovers it.
    const json records = gui().call("GET", "/api/errors?since=" + std::to_string(seq))["records"];
    for (const json& r : records) {
        EXPECT_EQ(r["kind"], "id_conflict") << r.dump(2);
        EXPECT_NE(
            r["stacktrace"].get<std::string>().find("DemoWindowWidgetsSelectionAndMultiSelect"),
            std::string::npos)
            << r["message"];
    }
    EXPECT_NE(gui().health()["status"], "fail");
    const json closed = gui().open_all(kDemo, "", false);
    EXPECT_GT(closed["closed"].get<int>(), 0) << closed.dump().substr(0, 400);
    EXPECT_EQ(value(gui(), "Widgets"), false);
    // Under one node only: its own subtree.
    open(gui(), in_demo("Widgets"));
    const json sub = gui().open_all(kDemo, std::string(kDemo) + "/Tree Nodes");
    for (const json& ref : sub["items"])
        EXPECT_EQ(ref.get<std::string>().rfind(std::string(kDemo) + "/Tree Nodes", 0), 0u) << ref;
    EXPECT_EQ(value(gui(), "Tree Nodes"), true);
}

TEST_F(DemoRefs, EveryExampleOfTheMenuOpensAndClosesWithCheckAll) {
    json reply = gui().check_all("Examples", kDemo, true);
    EXPECT_GE(reply["changed"].size(), 10u) << reply.dump();
    EXPECT_TRUE(window_open(gui(), "Example: Console"));
    EXPECT_TRUE(window_open(gui(), "Example: Log"));
    reply = gui().check_all("Examples", kDemo, true);
    EXPECT_EQ(reply["changed"].size(), 0u) << "all were set already: " << reply.dump();
    gui().check_all("Examples", kDemo, false);
    EXPECT_FALSE(window_open(gui(), "Example: Console"));
    EXPECT_EQ(popups_shown(gui()), 0);
}

TEST_F(DemoRefs, AWindowIsCollapsedMovedResizedAndClosedFromItsTitleBar) {
    json w = gui().window_action("collapse", kDemo);
    EXPECT_EQ(w["collapsed"], true) << w.dump();
    w = gui().window_action("expand", kDemo);
    EXPECT_EQ(w["collapsed"], false) << w.dump();
    w = gui().window_action("move", kDemo, -100, 30);
    EXPECT_EQ(w["rect"]["x"], 550.0) << w.dump();
    EXPECT_EQ(w["rect"]["y"], 50.0);
    w = gui().window_action("resize", kDemo, 50, -80);
    EXPECT_EQ(w["rect"]["w"], 600.0) << w.dump();
    EXPECT_EQ(w["rect"]["h"], 600.0);
    menu(gui(), "Tools/About Dear ImGui", true);
    EXPECT_EQ(gui().window_action("focus", kDemo)["focused"], true);
    w = gui().window_action("close", "About Dear ImGui");
    EXPECT_EQ(w["open"], false) << w.dump();
    EXPECT_FALSE(window_open(gui(), "About Dear ImGui"));
}

// States ImGui reports only by drawing them: a radio button's check mark, a selectable's
// highlight (read with the mouse moved off it, as a hovered one looks the same either way).
TEST_F(DemoRefs, RadioButtonsAndSelectablesReadWhatTheFrameDrew) {
    open(gui(), in_demo("Widgets"));
    open(gui(), in_demo("Basic"));
    gui().click(in_demo("Basic/radio a"));  // the demo keeps its choice in a static
    EXPECT_EQ(value(gui(), "Basic/radio a"), true);
    EXPECT_EQ(value(gui(), "Basic/radio c"), false);
    gui().click(in_demo("Basic/radio c"));
    EXPECT_EQ(value(gui(), "Basic/radio a"), false);
    EXPECT_EQ(value(gui(), "Basic/radio b"), false);
    EXPECT_EQ(value(gui(), "Basic/radio c"), true);
    EXPECT_EQ(gui().call("GET", "/api/items/value?ref=" + std::string("Dear%20ImGui%20Demo/Basic/"
                                                                      "radio%20c"))["source"],
              "drawn_check_mark");
    // /api/items marks the radios and their checked state too.
    std::string checked;
    int radios = 0;
    for (const json& it : gui().items(kDemo)) {
        if (it.value("radio", false)) ++radios;
        if (it.value("radio", false) && it["checked"] == true) checked = it["label"];
    }
    EXPECT_EQ(radios, 3);
    EXPECT_EQ(checked, "radio c");

    open(gui(), in_demo("Selectables"));
    open(gui(), in_demo("Selectables/Basic"));
    const std::string first = "Selectables/Basic/1. I am selectable";
    const std::string second = "Selectables/Basic/2. I am selectable";
    const bool was = value(gui(), first).get<bool>(), other = value(gui(), second).get<bool>();
    gui().click(in_demo(first));  // the mouse stays on it: drawn hovered
    EXPECT_EQ(value(gui(), first), !was);
    EXPECT_EQ(value(gui(), second), other) << "a selectable of its own: unchanged";
    gui().click(in_demo(first));
    EXPECT_EQ(value(gui(), first), was);
}

// GET /api/text: Text() output, read back from the frame's draw data, with no binding.
TEST_F(DemoRefs, TextTheDemoDrawsIsReadBackLineByLine) {
    open(gui(), in_demo("Widgets"));
    open(gui(), in_demo("Basic"));
    const auto has_line = [&](const std::string& wanted) {
        const json lines = gui().call("GET", "/api/text?window=Dear%20ImGui%20Demo")["lines"];
        for (const json& line : lines)
            if (line["text"].get<std::string>().find(wanted) != std::string::npos) return true;
        return false;
    };
    EXPECT_FALSE(has_line("Thanks for clicking me!"));
    gui().click(in_demo("Basic/Button"));  // the demo answers with a Text() beside the button
    EXPECT_TRUE(has_line("Thanks for clicking me!"));
    EXPECT_EQ(gui().text(in_demo("Basic/Button")), "Button");
    EXPECT_NE(gui().text().find("Dear ImGui Demo"), std::string::npos) << "every window's text";
    try {
        gui().call("GET", "/api/text?window=No%20such%20window");
        ADD_FAILURE() << "read a window that does not exist";
    } catch (const HookError& e) {
        EXPECT_EQ(e.status(), 404) << e.what();
    }
}

// An open popup keeps the mouse from the items outside it: a click there would only close it.
TEST_F(DemoRefs, AClickThatAnOpenPopupWouldSwallowIsIntercepted) {
    open(gui(), in_demo("Widgets"));
    open(gui(), in_demo("Basic"));
    gui().click(in_demo("Basic/radio a"));
    menu(gui(), "Menu");  // left open
    ASSERT_EQ(popups_shown(gui()), 1);
    try {
        gui().click(in_demo("Basic/radio c"));
        ADD_FAILURE() << "clicked through an open popup";
    } catch (const HookError& e) {
        EXPECT_EQ(e.code(), "element click intercepted") << e.what();
        EXPECT_EQ(e.value()["data"]["popup"], "Menu###Menu_00") << e.value().dump();
    }
    EXPECT_EQ(popups_shown(gui()), 1) << "no click was sent: the popup is still open";
    EXPECT_EQ(value(gui(), "Basic/radio c"), false);
    gui().close_popups();
    gui().click(in_demo("Basic/radio c"));
    EXPECT_EQ(value(gui(), "Basic/radio c"), true);
}

// An item under another window: its window comes to the front first, as a user's click there
// would bring it.
TEST_F(DemoRefs, AnItemUnderAnotherWindowIsClickedAfterItsWindowComesToTheFront) {
    menu(gui(), "Examples/Console", true);
    const json target = item(gui(), in_demo("Help"))["rect"];
    const json console = window_rect(gui(), "Example: Console");
    const float dx = target["x"].get<float>() - console["x"].get<float>();
    const float dy = target["y"].get<float>() - console["y"].get<float>() - 40;
    const json moved = gui().window_action("move", "Example: Console", dx, dy)["rect"];
    const float cx = target["x"].get<float>() + target["w"].get<float>() / 2;
    const float cy = target["y"].get<float>() + target["h"].get<float>() / 2;
    ASSERT_TRUE(cx > moved["x"].get<float>() && cy > moved["y"].get<float>() &&
                cy < moved["y"].get<float>() + moved["h"].get<float>())
        << "the console covers the item: " << moved.dump();
    const auto z_order = [&](const std::string& name) {
        const json windows = gui().call("GET", "/api/windows")["windows"];
        for (const json& w : windows)
            if (w["name"] == name) return w["z_order"].get<int>();
        return -1;
    };
    ASSERT_GT(z_order("Example: Console"), z_order(kDemo));
    EXPECT_EQ(open(gui(), in_demo("Help"))["opened"], true);
    EXPECT_GT(z_order(kDemo), z_order("Example: Console"));
    menu(gui(), "Examples/Console", false);
}

}  // namespace
