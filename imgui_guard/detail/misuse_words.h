// misuse_words.h: Dear ImGui's error messages and windows, said in plain words about a panel
// (internal to imgui_guard).
//
// ImGui says "Calling PopID() too many times!" or "Missing EndTabBar()", and names no panel; a
// tooltip left open shows as the window around it left open, because the panel's End() closed
// the tooltip instead. A record says what the panel did, with the call it made:
//   panel 'Misuse' called TreePop() once more than TreeNode() (ImGui: "...")
//   panel 'Misuse' left a tab bar open (BeginTabBar() without EndTabBar())
//   panel 'Misuse' called TableSetupColumn() outside BeginTable()/EndTable() (ImGui: "...")
//   panel 'Misuse' left a tooltip open (BeginTooltip() without EndTooltip())
// "The call" is the outermost ImGui frame of the record's stack: the API function the panel
// called (EndCombo(), not the EndPopup() inside it that asserted).
#pragma once

#include <string>
#include <vector>

#include "imgui_guard/guard.h"

struct ImGuiWindow;

namespace imgui_guard::detail {

// The plain-words message of a failed IM_ASSERT / IM_ASSERT_USER_ERROR inside `panel`, from
// ImGui's `message`, the record's stack and the assertion's own __FILE__ and __func__. Reads
// ImGui's current window (GUI thread). "" when there is nothing better to say than ImGui's own
// words (an assert in the panel's own code, say).
std::string misuse_message(const std::string& panel, const std::string& message,
                           const std::vector<StackFrame>& stack, const std::string& file,
                           const std::string& function);

// "the call that opened `window`" and its missing end: a tooltip, a popup, a combo, a menu, a
// list box, a child window, the main menu bar, or a window.
struct WindowKind {
    std::string noun;   // "a tooltip"
    std::string begin;  // "BeginTooltip()"  (Begin("Files") for a plain window)
    std::string end;    // "EndTooltip()"
};
WindowKind window_kind(const ImGuiWindow& window);

// The window `outer`'s own End() closed instead, when `outer` is left open: a tooltip, popup,
// combo or menu begun inside it this frame and already closed. nullptr when there is none.
const ImGuiWindow* closed_in_place_of(const ImGuiWindow& outer);

// "Missing PopID()" (ImGui's recovery) -> {"ID pushed", "IDs pushed", "PushID() without PopID()"}
struct LeakPhrase {
    const char* missing;
    const char* one;
    const char* many;
    const char* how;
};
const LeakPhrase* leak_phrase(const std::string& missing);
std::string count_of(int n, const char* one, const char* many);  // "an ID pushed", "2 IDs pushed"

}  // namespace imgui_guard::detail
