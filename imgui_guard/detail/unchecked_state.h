// unchecked_state.h: the scopes Dear ImGui keeps and never checks (internal to imgui_guard).
//
// PushItemWidth(), PushTextWrapPos() and PushClipRect() push onto the current window's own
// stacks, which that window's next Begin() clears; BeginDragDropSource() and
// BeginDragDropTarget() set flags that the next NewFrame() clears. ImGui says nothing when a
// panel forgets the Pop or the End: what the window draws after it takes the wrong width, wrap
// or clip, and the next drag and drop call of the frame asserts "Can't nest". The guard compares
// them across the panel's run instead:
//   - every window the panel began this frame and ended again holds what its Begin() left there
//     (no item width or wrap position pushed, its own clip rect alone);
//   - the drag and drop flags are as they were at the panel's entry.
// What differs is said as what the panel left open,
//   "an item width pushed in window 'Fault: misuse' (PushItemWidth() without PopItemWidth())",
// and put back, so what follows in the frame starts as ImGui would have it.
#pragma once

#include <string>
#include <vector>

namespace imgui_guard::detail {

struct UncheckedMark {
    int windows_begun = 0;  // this frame's first Begin()s so far: the panel's windows come after
    bool within_drag_drop_source = false;
    bool within_drag_drop_target = false;
};

UncheckedMark mark_unchecked_state();  // at the panel's entry; GUI thread, inside the frame

// What the panel left since `mark`, as phrases for "left ..."; repaired.
struct UncheckedLeaks {
    std::vector<std::string> phrases;
    // A drag and drop source left open leaves its tooltip open too: that tooltip is the source.
    bool drag_drop_source = false;
};
UncheckedLeaks unchecked_leaks(const UncheckedMark& mark);

// The phrase for a drag and drop source left open, the same whichever way it was seen.
extern const char* const kDragDropSourceLeft;

}  // namespace imgui_guard::detail
