// draw_readback.h: what the last frame drew, read back from its draw lists.
//
// Some of what a test wants to check ImGui reports nowhere but on the screen: Text() output, a
// combo's preview, whether a radio button is checked (its ItemInfo carries no checked flag) or a
// selectable is selected (ImGui's own comment: "can't report Selected"). The draw data is exact,
// though. Every glyph is a quad whose UVs are those of one glyph of the font atlas, so a lookup
// from UVs to code points gives back the text drawn, at its place. Widget states are shapes in
// known style colours: a radio button's check mark is a filled circle in ImGuiCol_CheckMark
// inside its FrameBg circle; a selected selectable is a rect in ImGuiCol_Header.
//
// GUI thread only, between Render() and the next frame's Begin() calls: from a NewFramePre hook
// (GuiStage::before_frame) the draw lists still hold the frame that was just presented, and the
// atlas its UVs were made for. Nothing here calls into ImGui or changes its state.
//
// Limits. Text is read glyph by glyph: a glyph clipped on two opposite sides is not recognised,
// and words are split where ImGui drew them apart (a gap of more than four spaces, or a shape
// drawn between them). States are read by colour: an app that pushes its own FrameBg, CheckMark
// or Header colour around a widget reads as the style it pushed, and is not recognised.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "hooks/ui/ui_snapshot.h"

struct ImGuiContext;
struct ImGuiWindow;

namespace hooks {

// Text that one call of ImGui drew: consecutive glyphs on one baseline, spaces put back.
struct DrawnRun {
    std::string text;  // UTF-8
    UiRect rect;       // from the first glyph's origin to the last one's advance, one line high
    std::uint32_t color = 0;  // ImU32 (ABGR) of its first glyph
};

// Runs whose line boxes overlap vertically, left to right.
struct DrawnLine {
    std::string window;  // the top-level window it was drawn in
    std::string text;    // its runs' text, joined by one space
    UiRect rect;
    std::vector<DrawnRun> runs;
};

// The text drawn in `window` and its child windows (nullptr: every visible top-level window, back
// to front), top to bottom. A glyph counts when its centre is inside the clip rect it was drawn
// with and, if `within` is not empty, inside `within`.
std::vector<DrawnLine> read_drawn_text(ImGuiContext& ctx, ImGuiWindow* window,
                                       const UiRect& within = {});

// What the shapes drawn over an item say of its state.
struct DrawnState {
    enum class Kind {
        unknown,    // nothing recognised
        radio,      // a radio button: `on` = its check mark is drawn
        frame,      // a FrameBg frame at its left edge (a combo, a plot): `text` = what it shows
        highlight,  // a selectable: `on` = drawn selected; `ambiguous` = drawn hovered or held,
                    // which looks the same selected or not
        plain,      // only text: a selectable that is not selected and not hovered
        button,     // a button: it has no state
    };
    Kind kind = Kind::unknown;
    bool on = false;
    bool ambiguous = false;
    std::string text;
};

// The shapes one window drew (its own draw list), sorted by y: the states of many of its items
// read in one pass over its draw list.
class DrawnShapes {
  public:
    DrawnShapes(ImGuiContext& ctx, ImGuiWindow* window);
    DrawnState state(const UiRect& item_rect) const;

  private:
    struct Point {
        float x = 0, y = 0;
        std::uint32_t color = 0;
        bool glyph = false;  // a glyph's centre; else a vertex of a shape
    };
    ImGuiContext& ctx_;
    ImGuiWindow* window_;
    std::vector<Point> points_;  // sorted by y
};

// One item's state (DrawnShapes for many).
DrawnState read_drawn_state(ImGuiContext& ctx, ImGuiWindow* window, const UiRect& item_rect);

}  // namespace hooks
