// misuse_matrix.h: every scoped pair of Dear ImGui's public API, misused on purpose, one function
// per mistake; and the calls only valid inside a scope, made outside one.
//
// For each pair (Begin/End, BeginChild/EndChild, ..., PushClipRect/PopClipRect) the matrix has
// the mistakes Dear ImGui can tell apart:
//   missing_<end call>            the end call is missing        e.g. missing_end_tooltip
//   extra_<end call>              one end call too many          e.g. extra_tree_pop
//   wrong_order_<first>_<second>  two scopes closed in the wrong order
//   <call>_outside_<scope>        a call valid only inside a scope, made outside it
// Each runs inside a guarded panel on the GUI thread, in its own window ("Fault: <kind>"), so
// the guard's record names the panel and the call. `words` is what that record must say about
// the call (the unit tests and the live test check it). A missing PopItemWidth(),
// PopTextWrapPos() or PopClipRect(), or EndDragDropSource(), ImGui never checks: the guard
// does (imgui_guard/detail/unchecked_state.h); nor TableNextColumn() outside a table, which
// the guard checks on the way in (imgui_guard/unchecked_calls.cpp). Left out:
//   - SetItemDefaultFocus() is valid in any window, not only in a popup;
//   - a missing EndDragDropTarget() needs a drag hovering the target, which an injected fault
//     cannot arrange; the guard sees it all the same (unchecked_state.h);
//   - two PushID()/PopID() or Push/Pop pairs of one stack closed in the wrong order cannot be
//     told from the right order.
//
// They depend on ImGui only, so the guard's unit tests run the very functions the live tests
// inject through POST /api/debug/fault.
#pragma once

#include <span>

namespace imhost::faults {

struct Misuse {
    const char* name;         // the fault kind, e.g. "extra_tree_pop"
    const char* description;  // one line, for GET /api/debug/fault and the Faults panel
    void (*run)();            // the mistake
    const char* words;        // a substring the one record's message must hold
    // UBSan (the ASan build) stops the process inside ImGui first: TreePop() once too many
    // computes 1 << -1. The guard's record never comes; the sanitizer's report wins.
    bool ubsan_stops = false;
};

std::span<const Misuse> misuse_matrix();

}  // namespace imhost::faults
