// draw_readback_test.cpp: the text and the widget states read back from a frame's draw lists are
// what the widgets drew: Text() lines, spaces, runs on one line, a radio's check mark, a combo's
// preview, a selectable's highlight, a button without state.
#include <gtest/gtest.h>

#include "hooks/ui/draw_readback.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "tests/unit/imgui_guard/headless_imgui.h"

namespace {

using hooks::DrawnLine;
using hooks::DrawnState;
using hooks::UiRect;

UiRect last_item_rect() {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    return {a.x, a.y, b.x - a.x, b.y - a.y};
}

class DrawReadbackTest : public ::testing::Test {
  protected:
    // One frame with `draw` inside window "Panel"; the draw lists stay as drawn until the next.
    template <typename Draw>
    void frame(Draw draw) {
        imgui.frame([&] {
            ImGui::SetNextWindowPos(ImVec2(10, 10));
            ImGui::SetNextWindowSize(ImVec2(400, 300));
            ImGui::Begin("Panel");
            draw();
            ImGui::End();
        });
    }
    std::vector<DrawnLine> text(const UiRect& within = {}) {
        return hooks::read_drawn_text(*ImGui::GetCurrentContext(), ImGui::FindWindowByName("Panel"),
                                      within);
    }
    DrawnState state(const UiRect& rect) {
        return hooks::read_drawn_state(*ImGui::GetCurrentContext(),
                                       ImGui::FindWindowByName("Panel"), rect);
    }

    guard_test::HeadlessImGui imgui;
};

TEST_F(DrawReadbackTest, TextLinesComeBackInOrderWithTheirSpaces) {
    for (int i = 0; i < 2; ++i)  // the first frame lays the window out
        frame([] {
            ImGui::Text("Hello, world");
            ImGui::Text("counter = %d", 42);
            ImGui::Text("two  spaces");
        });
    const auto lines = text();
    ASSERT_GE(lines.size(), 4u);
    EXPECT_EQ(lines[0].text, "Panel");  // the title bar
    EXPECT_EQ(lines[1].text, "Hello, world");
    EXPECT_EQ(lines[2].text, "counter = 42");
    EXPECT_EQ(lines[3].text, "two  spaces");
    EXPECT_LT(lines[1].rect.y, lines[2].rect.y);
    EXPECT_NEAR(lines[1].rect.h, ImGui::GetFontSize(), 0.5f);
    EXPECT_EQ(lines[1].window, "Panel");
}

TEST_F(DrawReadbackTest, ItemsOnOneLineAreRunsOfOneLine) {
    UiRect label;
    for (int i = 0; i < 2; ++i)
        frame([&] {
            ImGui::Text("left");
            ImGui::SameLine(200);
            ImGui::Text("right");
            label = last_item_rect();
        });
    const auto lines = text();
    ASSERT_GE(lines.size(), 2u);
    ASSERT_EQ(lines[1].runs.size(), 2u);
    EXPECT_EQ(lines[1].runs[0].text, "left");
    EXPECT_EQ(lines[1].runs[1].text, "right");
    EXPECT_EQ(lines[1].text, "left right");
    // Within a rect: only what is drawn inside it.
    const auto inside = text(label);
    ASSERT_EQ(inside.size(), 1u);
    EXPECT_EQ(inside[0].text, "right");
}

TEST_F(DrawReadbackTest, ARadioButtonReadsCheckedOnlyWhenItsMarkIsDrawn) {
    UiRect on, off;
    for (int i = 0; i < 2; ++i)
        frame([&] {
            ImGui::RadioButton("one", true);
            on = last_item_rect();
            ImGui::RadioButton("two", false);
            off = last_item_rect();
        });
    const DrawnState a = state(on), b = state(off);
    EXPECT_EQ(a.kind, DrawnState::Kind::radio);
    EXPECT_TRUE(a.on);
    EXPECT_EQ(b.kind, DrawnState::Kind::radio);
    EXPECT_FALSE(b.on);
}

TEST_F(DrawReadbackTest, AComboReadsItsPreviewNotItsLabel) {
    UiRect combo;
    int current = 2;
    const char* entries[] = {"AAAA", "BBBB", "CCCC"};
    for (int i = 0; i < 2; ++i)
        frame([&] {
            ImGui::Combo("flavour", &current, entries, 3);
            combo = last_item_rect();
        });
    const DrawnState s = state(combo);
    EXPECT_EQ(s.kind, DrawnState::Kind::frame);
    EXPECT_EQ(s.text, "CCCC");
}

// Hovered, a combo's preview frame is drawn in FrameBgHovered, which the default style makes the
// same colour as a Button: the arrow button right of it still tells it from a button.
TEST_F(DrawReadbackTest, AHoveredComboStillReadsItsPreview) {
    UiRect combo;
    int current = 1;
    const char* entries[] = {"AAAA", "BBBB"};
    auto draw = [&] {
        ImGui::Combo("flavour", &current, entries, 2);
        combo = last_item_rect();
    };
    frame(draw);
    ImGui::GetIO().AddMousePosEvent(combo.x + 5, combo.y + combo.h / 2);
    for (int i = 0; i < 2; ++i) frame(draw);
    const DrawnState s = state(combo);
    EXPECT_EQ(s.kind, DrawnState::Kind::frame);
    EXPECT_EQ(s.text, "BBBB");
}

TEST_F(DrawReadbackTest, ASelectedSelectableIsHighlightedAndAButtonHasNoState) {
    UiRect selected, plain, button;
    for (int i = 0; i < 2; ++i)
        frame([&] {
            ImGui::Selectable("first", true);
            selected = last_item_rect();
            ImGui::Selectable("second", false);
            plain = last_item_rect();
            ImGui::Button("Press");
            button = last_item_rect();
        });
    const DrawnState a = state(selected), b = state(plain), c = state(button);
    EXPECT_EQ(a.kind, DrawnState::Kind::highlight);
    EXPECT_TRUE(a.on);
    EXPECT_FALSE(a.ambiguous);  // the mouse is nowhere near
    EXPECT_EQ(b.kind, DrawnState::Kind::plain);
    EXPECT_EQ(c.kind, DrawnState::Kind::button);
}

}  // namespace
