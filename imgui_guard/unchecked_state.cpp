// unchecked_state.cpp: what a panel left open that Dear ImGui does not check
// (detail/unchecked_state.h).
#include "imgui_guard/detail/unchecked_state.h"

#include "imgui.h"
#include "imgui_guard/detail/misuse_words.h"
#include "imgui_internal.h"

namespace imgui_guard::detail {

namespace {

bool still_open(const ImGuiContext& g, const ImGuiWindow* w) {
    for (const ImGuiWindowStackData& open : g.CurrentWindowStack)
        if (open.Window == w) return true;
    return false;
}

// "an item width pushed in window 'Files' (PushItemWidth() without PopItemWidth())"
std::string phrase(int n, const char* one, const char* many, const ImGuiWindow& w,
                   const char* how) {
    return count_of(n, one, many) + " in window '" + w.Name + "' (" + how + ")";
}

}  // namespace

const char* const kDragDropSourceLeft =
    "a drag and drop source open (BeginDragDropSource() without EndDragDropSource())";

UncheckedMark mark_unchecked_state() {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    return {g.WindowsActiveCount, g.DragDropWithinSource, g.DragDropWithinTarget};
}

UncheckedLeaks unchecked_leaks(const UncheckedMark& mark) {
    UncheckedLeaks leaks;
    std::vector<std::string>& out = leaks.phrases;
    ImGuiContext& g = *ImGui::GetCurrentContext();
    if (g.DragDropWithinSource && !mark.within_drag_drop_source) {
        out.push_back(kDragDropSourceLeft);
        leaks.drag_drop_source = true;
        g.DragDropWithinSource = false;
    }
    if (g.DragDropWithinTarget && !mark.within_drag_drop_target) {
        out.push_back(
            "a drag and drop target open (BeginDragDropTarget() without EndDragDropTarget())");
        g.DragDropWithinTarget = false;
    }
    const int begun_before = mark.windows_begun;
    if (g.WindowsActiveCount == begun_before) return leaks;  // the panel began no window
    for (ImGuiWindow* w : g.Windows) {
        // Begun by the panel (BeginOrderWithinContext counts this frame's first Begin()s), and
        // ended. A window that skipped its refresh kept last frame's draw list: nothing to read.
        if (w->LastFrameActive != g.FrameCount || w->BeginOrderWithinContext < begun_before ||
            w->SkipRefresh || still_open(g, w))
            continue;
        if (const int n = w->DC.ItemWidthStack.Size; n > 0) {
            out.push_back(phrase(n, "item width pushed", "item widths pushed", *w,
                                 "PushItemWidth() without PopItemWidth()"));
            w->DC.ItemWidth = w->DC.ItemWidthStack[0];
            w->DC.ItemWidthStack.resize(0);
        }
        if (const int n = w->DC.TextWrapPosStack.Size; n > 0) {
            out.push_back(phrase(n, "text wrap position pushed", "text wrap positions pushed", *w,
                                 "PushTextWrapPos() without PopTextWrapPos()"));
            w->DC.TextWrapPos = w->DC.TextWrapPosStack[0];
            w->DC.TextWrapPosStack.resize(0);
        }
        // Begin() pushes the window's outer clip rect and its inner one; End() pops the inner.
        ImDrawList& draw = *w->DrawList;
        if (const int n = draw._ClipRectStack.Size - 1; n > 0) {
            out.push_back(phrase(n, "clip rect pushed", "clip rects pushed", *w,
                                 "PushClipRect() without PopClipRect()"));
            while (draw._ClipRectStack.Size > 1) draw.PopClipRect();
            w->ClipRect = draw._ClipRectStack.back();
        }
    }
    return leaks;
}

}  // namespace imgui_guard::detail
