// step_recorder_test.cpp: frames of a made-up UI in, steps out (hooks/record/): a whole edit is
// one step, each step names its item by the most stable unique locator, and the steps become
// code and API calls.
#include <gtest/gtest.h>

#include "hooks/http/api_error.h"
#include "hooks/record/replay_call.h"
#include "hooks/record/step_code.h"
#include "hooks/record/step_recorder.h"
#include "hooks/ui/item_ref.h"

namespace hooks {
namespace {

using nlohmann::json;

ItemRecord item(const std::string& window, const std::string& raw_label, std::uint32_t imgui_id) {
    ItemRecord r;
    r.window = r.root_window = window;
    r.raw_label = raw_label;
    const auto hidden = raw_label.find("##");
    r.label = raw_label.substr(0, hidden);
    if (hidden != std::string::npos) r.id = raw_label.substr(hidden + 2);
    r.path = window + "/" + raw_label;
    r.imgui_id = imgui_id;
    r.visible = true;
    return r;
}

WindowRecord window(const std::string& name, bool popup = false) {
    WindowRecord w;
    w.name = name;
    w.popup = popup;
    w.visible = true;
    return w;
}

// One frame of the UI, built up by a test and handed to the recorder.
struct Frame {
    UiSnapshot snap;
    FrameInput input;
};

class Recording : public ::testing::Test {
  protected:
    void SetUp() override { recorder.start(); }
    void feed(Frame f) {
        f.snap.frame = ++frame;
        recorder.observe(std::make_shared<const UiSnapshot>(std::move(f.snap)), f.input);
    }
    const json& steps() const { return recorder.steps(); }
    // The mouse pressed on items[i] (held a frame), then released over it.
    void press_and_release(const std::vector<ItemRecord>& items, std::size_t i);

    StepRecorder recorder;
    std::uint64_t frame = 0;
};

Frame typing_into(const ItemRecord& field, const std::string& text) {
    Frame f;
    f.snap.windows = {window("Form")};
    f.snap.items = {field};
    f.snap.items[0].active = f.snap.items[0].focused = true;
    f.snap.active_id = field.imgui_id;
    f.snap.active_input = ActiveInput{field.imgui_id, text, false};
    return f;
}

Frame idle(const std::vector<ItemRecord>& items) {
    Frame f;
    f.snap.windows = {window("Form")};
    f.snap.items = items;
    return f;
}

void Recording::press_and_release(const std::vector<ItemRecord>& items, std::size_t i) {
    Frame held = idle(items);
    held.snap.items[i].active = held.snap.items[i].hovered = true;
    held.snap.active_id = items[i].imgui_id;
    feed(held);
    Frame released = idle(items);
    released.snap.items[i].hovered = true;
    released.input.mouse_released = true;
    feed(released);
}

TEST_F(Recording, ManyFramesOfTypingMakeOneEditStepWithTheFinalText) {
    const ItemRecord name = item("Form", "Name##input_name", 0x100);
    feed(idle({name}));
    const std::string typed = "hello world";
    for (std::size_t n = 1; n <= typed.size(); ++n) feed(typing_into(name, typed.substr(0, n)));
    EXPECT_TRUE(steps().empty()) << "nothing is recorded while the edit goes on: " << steps();
    feed(idle({name}));  // Enter, or a click elsewhere: the field is no longer active
    ASSERT_EQ(steps().size(), 1u) << steps();
    EXPECT_EQ(steps()[0]["action"], "set_value");
    EXPECT_EQ(steps()[0]["target"], json({{"id", "input_name"}}));
    EXPECT_EQ(steps()[0]["value"], "hello world");
}

TEST_F(Recording, AnEditCancelledWithEscapeMakesNoStep) {
    const ItemRecord name = item("Form", "Name##input_name", 0x100);
    feed(idle({name}));
    feed(typing_into(name, "oops"));
    Frame escaped = idle({name});
    escaped.input.escape_pressed = true;
    feed(escaped);
    EXPECT_TRUE(steps().empty()) << steps();
}

TEST_F(Recording, ADragOverManyFramesMakesOneValueStep) {
    ItemRecord slider = item("Form", "Speed##slider_speed", 0x200);
    slider.inputable = true;
    feed(idle({slider}));
    std::string shown = "0.000";
    for (int i = 1; i <= 30; ++i) {  // held and moved: the value changes every frame
        Frame f = idle({slider});
        f.snap.items[0].active = true;
        f.snap.active_id = slider.imgui_id;
        shown = std::to_string(i / 100.0).substr(0, 4);
        f.input.shown_text = [shown](const ItemRecord&) { return shown; };
        feed(f);
    }
    Frame released = idle({slider});
    released.input.mouse_released = true;
    released.input.shown_text = [](const ItemRecord&) { return std::string("0.30"); };
    feed(released);
    ASSERT_EQ(steps().size(), 1u) << steps();
    EXPECT_EQ(steps()[0]["action"], "set_value");
    EXPECT_EQ(steps()[0]["target"], json({{"id", "slider_speed"}}));
    EXPECT_DOUBLE_EQ(steps()[0]["value"].get<double>(), 0.30);
}

TEST_F(Recording, AReleaseOverThePressedButtonIsAClick) {
    ItemRecord save = item("Form", "Save", ref_id(split_ref("Form/Save")));
    save.ref = "Form/Save";
    feed(idle({save}));
    press_and_release({save}, 0);
    ASSERT_EQ(steps().size(), 1u) << steps();
    EXPECT_EQ(steps()[0]["action"], "click");
    EXPECT_EQ(steps()[0]["target"], json({{"ref", "Form/Save"}}));
    EXPECT_FALSE(steps()[0].contains("why"));
}

TEST_F(Recording, AnAmbiguousIdFallsBackToTheRefAndSaysWhy) {
    ItemRecord first = item("Form", "OK##ok", ref_id(split_ref("Form/A/OK##ok")));
    first.ref = "Form/A/OK##ok";
    ItemRecord second = item("Form", "OK##ok", ref_id(split_ref("Form/B/OK##ok")));
    second.ref = "Form/B/OK##ok";
    feed(idle({first, second}));
    press_and_release({first, second}, 1);
    ASSERT_EQ(steps().size(), 1u) << steps();
    EXPECT_EQ(steps()[0]["target"], json({{"ref", "Form/B/OK##ok"}}));
    EXPECT_EQ(steps()[0]["why"], "id \"ok\" matches 2 items");
}

TEST_F(Recording, ACheckboxFlipIsAValueStepAndStopChecksTheValuesLeft) {
    ItemRecord box = item("Form", "Enabled##chk_enabled", 0x500);
    box.checkable = true;
    box.hovered = true;
    feed(idle({box}));
    box.checked = true;
    feed(idle({box}));
    recorder.stop();
    ASSERT_EQ(steps().size(), 2u) << steps();
    EXPECT_EQ(steps()[0], json({{"action", "set_value"},
                                {"target", {{"id", "chk_enabled"}}},
                                {"value", true},
                                {"frame", 2}}));
    EXPECT_EQ(steps()[1],
              json({{"action", "expect"}, {"target", {{"id", "chk_enabled"}}}, {"value", true}}));
}

TEST_F(Recording, AMenuItemIsRecordedWithItsWholeMenuPath) {
    ItemRecord tools = item("Demo", "Tools", 0x600);
    tools.menu = tools.openable = tools.opened = true;
    ItemRecord editor = item("Tools###Menu_00", "Style Editor", 0x601);
    Frame open;
    open.snap.windows = {window("Demo"), window("Tools###Menu_00", true)};
    open.snap.items = {tools, editor};
    open.snap.open_popups = 1;
    feed(open);
    Frame picked = open;
    picked.snap.items[1].hovered = true;
    picked.input.mouse_released = true;
    feed(picked);
    ASSERT_EQ(steps().size(), 1u) << steps();
    EXPECT_EQ(steps()[0]["action"], "menu");
    EXPECT_EQ(steps()[0]["path"], "Tools/Style Editor");
    EXPECT_EQ(steps()[0]["window"], "Demo");
}

TEST_F(Recording, AComboPickNamesTheComboByTheRefItsDrawnLabelGives) {
    // BeginCombo reports no label: the recorder finds it from the text drawn beside the frame.
    ItemRecord sibling = item("Demo", "checkbox", ref_id(split_ref("Demo/Basic/checkbox")));
    sibling.ref = "Demo/Basic/checkbox";
    ItemRecord combo = item("Demo", "", ref_id(split_ref("Demo/Basic/combo")));
    combo.path = "Demo/" + format_imgui_id(combo.imgui_id);
    Frame before;
    before.snap.windows = {window("Demo")};
    before.snap.items = {sibling, combo};
    feed(before);
    Frame held = before;
    held.snap.items[1].active = held.snap.items[1].hovered = true;
    held.snap.active_id = combo.imgui_id;
    feed(held);
    Frame opened = before;  // released on the combo: its popup opens
    opened.snap.items[1].hovered = true;
    opened.snap.windows.push_back(window("##Combo_00", true));
    opened.snap.items.push_back(item("##Combo_00", "KKKK", 0x701));
    opened.snap.open_popups = 1;
    opened.input.mouse_released = true;
    opened.input.drawn_texts = [](const ItemRecord&) {
        return std::vector<std::string>{"AAAA", "combo (?)"};
    };
    feed(opened);
    Frame pick = opened;
    pick.snap.items[1].hovered = false;
    pick.snap.items[2].hovered = true;
    feed(pick);
    ASSERT_EQ(steps().size(), 1u) << steps();
    EXPECT_EQ(steps()[0]["action"], "combo");
    EXPECT_EQ(steps()[0]["target"], json({{"ref", "Demo/Basic/combo"}}));
    EXPECT_EQ(steps()[0]["item"], "KKKK");
}

TEST_F(Recording, TheRecordersOwnWindowIsNeverRecorded) {
    ItemRecord stop = item(kRecorderWindow, "Stop", 0x800);
    feed(idle({stop}));
    press_and_release({stop}, 0);
    EXPECT_TRUE(steps().empty()) << steps();
}

TEST_F(Recording, KeysOutsideTextFieldsAreAStepButTheRecorderKeyIsNot) {
    feed(idle({}));
    Frame pressed = idle({});
    pressed.input.keys = {"Down", kRecorderKey};
    feed(pressed);
    ASSERT_EQ(steps().size(), 1u) << steps();
    EXPECT_EQ(steps()[0]["keys"], json({"Down"}));
}

TEST_F(Recording, AClickOnATitleBarButtonThatClosesItsWindowIsAWindowStep) {
    ItemRecord close = item("Tool", "", 0x900);  // the close button: no label in ImGui's hooks
    Frame shown;
    shown.snap.windows = {window("Form"), window("Tool")};
    shown.snap.items = {close};
    feed(shown);
    Frame held = shown;
    held.snap.items[0].active = held.snap.items[0].hovered = true;
    held.snap.active_id = close.imgui_id;
    feed(held);
    Frame released = shown;
    released.snap.items[0].hovered = true;
    released.input.mouse_released = true;
    feed(released);
    EXPECT_TRUE(steps().empty()) << "an unlabeled click is no step by itself: " << steps();
    feed(idle({}));  // the window is gone
    ASSERT_EQ(steps().size(), 1u) << steps();
    EXPECT_EQ(steps()[0]["action"], "window");
    EXPECT_EQ(steps()[0]["window"], "Tool");
    EXPECT_EQ(steps()[0]["do"], "close");
}

const json kSession = json::parse(R"([
  {"action": "open", "target": {"label": "Widgets", "window": "Demo"}, "open": true},
  {"action": "set_value", "target": {"ref": "Demo/Basic/checkbox"}, "value": true,
   "why": "id \"x\" matches 2 items"},
  {"action": "menu", "path": "Tools/Style Editor", "window": "Demo"},
  {"action": "wait", "condition": {"type": "window_open", "window": "Style"}},
  {"action": "expect", "target": {"ref": "Demo/Basic/checkbox"}, "value": true},
  {"action": "expect", "target": {"id": "slider"}, "value": 0.25}
])");

TEST(StepCode, PytestUsesTheFixtureTheAppAndClosingAsserts) {
    const std::string code = step_code(kSession, "demo", CodeFormat::pytest);
    EXPECT_NE(code.find("pytestmark = pytest.mark.imhost_options(app=\"demo\")"),
              std::string::npos);
    EXPECT_NE(code.find("def test_recorded_session(live_gui):"), std::string::npos);
    EXPECT_NE(code.find("gui.set_value({\"ref\": \"Demo/Basic/checkbox\"}, True)"),
              std::string::npos)
        << code;
    EXPECT_NE(code.find("    # id \"x\" matches 2 items\n"), std::string::npos);
    EXPECT_NE(code.find("gui.menu_click(\"Tools/Style Editor\", window=\"Demo\")"),
              std::string::npos);
    EXPECT_NE(code.find("assert gui.get_value({\"id\": \"slider\"}) == pytest.approx(0.25"),
              std::string::npos)
        << code;
}

TEST(StepCode, GtestIsALiveGuiTestOfTheApp) {
    const std::string code = step_code(kSession, "workbench", CodeFormat::gtest);
    EXPECT_NE(code.find("public harness::LiveGuiTest"), std::string::npos);
    EXPECT_NE(code.find("options.gui.app = \"workbench\";"), std::string::npos);
    EXPECT_NE(code.find("EXPECT_NEAR(gui().value(at(R\"j({\"id\":\"slider\"})j\")).get<double>(), "
                        "0.25, 1e-3);"),
              std::string::npos)
        << code;
}

TEST(StepCode, FormatsByNameAndByExtension) {
    EXPECT_EQ(parse_code_format("gtest"), CodeFormat::gtest);
    EXPECT_FALSE(parse_code_format("ruby"));
    EXPECT_EQ(code_format_for_file("/tmp/session.py"), CodeFormat::pytest);
    EXPECT_EQ(code_format_for_file("session.cpp"), CodeFormat::gtest);
    EXPECT_FALSE(code_format_for_file("session.txt"));
    EXPECT_EQ(json::parse(step_code(kSession, "demo", CodeFormat::json))["steps"], kSession);
}

TEST(ReplayCall, EachStepIsTheApiCallThatDoesIt) {
    const ReplayCall menu = replay_call(kSession[2]);
    EXPECT_EQ(menu.path, "/api/menu/click");
    EXPECT_EQ(menu.body, json({{"path", "Tools/Style Editor"}, {"window", "Demo"}}));
    const ReplayCall expect = replay_call(kSession[4]);
    EXPECT_EQ(expect.method, "GET");
    EXPECT_EQ(expect.body, json({{"ref", "Demo/Basic/checkbox"}}));
    EXPECT_TRUE(same_value(0.2504, 0.25));
    EXPECT_FALSE(same_value("0.25", 0.25));
}

TEST(ReplayCall, MalformedStepsAreInvalidArguments) {
    for (const char* bad : {R"(42)", R"({"target": {"id": "x"}})", R"({"action": "fly"})",
                            R"({"action": "click"})", R"({"action": "menu", "path": 3})",
                            R"({"action": "window", "window": "W", "do": "explode"})"}) {
        try {
            replay_call(json::parse(bad));
            ADD_FAILURE() << bad << " was accepted";
        } catch (const ApiError& e) {
            EXPECT_EQ(e.code(), ErrorCode::invalid_argument) << bad;
        }
    }
}

}  // namespace
}  // namespace hooks
