// leak_site.h: where a leaked window was opened (internal to imgui_guard).
//
// A scope_leak is found after the panel has returned, so the stack at that moment starts at the
// panel, not at the Begin() that was never closed. Panels that leak usually leak every frame,
// so the guard arms a watch on the leaked window: on a later frame, when ImGui registers that
// window with the test-engine hook (ImGuiTestEngineHook_ItemAdd(window->ID, ..., NULL), which
// Begin() calls once per window per frame, child windows included), the raw stack is captured
// (~2 us). If the panel leaks the window again, its scope_leak record takes that stack, which
// names the Begin()/BeginChild() call in the panel's code.
//
// Cost: nothing while no watch is armed. While one is, ImGui's item hooks are on for its context
// (they already are when an item sink is installed) and each item costs one comparison. A watch
// lasts kLeakWatchFrames frames after the last leak of its window. GUI thread only.
#pragma once

#include <cstdint>
#include <vector>

#include "imgui_guard/detail/stacktrace.h"

struct ImGuiContext;

namespace imgui_guard::detail {

inline constexpr int kLeakWatchFrames = 600;

// The stack of a watched window's Begin(), captured during the current guarded scope.
struct LeakSiteCapture {
    unsigned window_id = 0;
    std::uintptr_t pcs[stacktrace::kMaxFrames] = {};
    int count = 0;
};

// After a panel leaked these windows: watch their next Begin() (in `ctx`).
void arm_leak_watch(ImGuiContext& ctx, const std::vector<unsigned>& window_ids);

// The capture for the first of `window_ids` that has one, symbolized, with frame 0 at ImGui's
// Begin*(); empty when none was seen. Consumed: a later call needs a new capture.
std::vector<StackFrame> take_leak_site(const std::vector<unsigned>& window_ids);

// Drops captures nobody claimed (the window was opened again but not leaked). Called when the
// outermost guarded scope ends.
void drop_unclaimed_leak_sites();

// The frame in `stack` that called into ImGui: the first one that is not ImGui's own.
const StackFrame* leak_call_site(const std::vector<StackFrame>& stack);

// From ImGuiTestEngineHook_ItemAdd for an item without item data, which is how Begin()
// registers the window itself; leak_watch_enabled() is the check before the call.
bool leak_watch_enabled();
void on_window_item_add(ImGuiContext& ctx, unsigned id);

// ImGui's item hooks are needed by an installed item sink or by an armed watch.
void refresh_item_hooks(ImGuiContext& ctx);

}  // namespace imgui_guard::detail
