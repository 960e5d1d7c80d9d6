// stack_repair.h: what a panel may break of its caller's ImGui state that ImGui itself would
// not notice before EndFrame(), and its repair (internal to imgui_guard).
//
// ImGui checks most over-pops against an empty stack ("Calling PopID() too many times!"), but a
// stack its caller had pushed to is popped silently: PopFont() pops the font NewFrame() pushed,
// and EndFrame() then reports "Calling PopFont() too many times!" with no panel to charge it to.
// The panel guard saves the top of such stacks at the panel's entry and, when the panel returns
// with a stack shorter than it found, puts back what was popped, so the mistake is charged to
// the panel and the frame goes on as if it had not happened.
//
// A draw list's clip-rect stack is the other one: PopClipRect() once too many empties the
// window's own stack, and End() would then pop an empty ImVector (IM_ASSERT(Size > 0), and a
// negative size after it). Before recovery closes the windows a failed panel left open,
// make_windows_closable() gives each an entry to pop again.
#pragma once

#include <string>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h"

namespace imgui_guard::detail {

struct EntryState {
    ImFontStackData font_top{};  // FontStack.back() at the panel's entry (NewFrame()'s font)
    ImFontStackData current{};   // the font in use at the entry
    bool has_font_top = false;
};

void save_entry_state(EntryState& out);  // at the panel's entry; a few loads and stores

// A window's tree depth below zero (TreePop() once too many, where an ID the window had pushed
// kept TreePop()'s own assertion quiet) outlives the frame: the window's next Begin() stores it
// as the depth to come back to, and every End() after that reports "Missing TreePop()". Sets
// the windows drawn this frame back to 0 (tens of windows, one load each); returns how many
// TreePop() calls were too many.
int repair_tree_depths();

// After the panel returned with stack sizes `after` smaller than `before` (or `tree_pops` from
// repair_tree_depths()): the stacks put back as they were, where that can be done. Returns what
// the panel over-popped, in words ("called PopFont() once more than PushFont()"), one entry per
// stack.
std::vector<std::string> repair_overpops(const EntryState& entry,
                                         const ImGuiErrorRecoveryState& before,
                                         const ImGuiErrorRecoveryState& after, int tree_pops);

// Every window from `first_window` of the window stack on gets the two clip rects End() needs
// (it pops one and reads the one below).
void make_windows_closable(int first_window);

}  // namespace imgui_guard::detail
