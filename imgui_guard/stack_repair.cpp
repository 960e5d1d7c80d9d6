// stack_repair.cpp: putting back what a panel over-popped of its caller's state
// (detail/stack_repair.h).
#include "imgui_guard/detail/stack_repair.h"

namespace imgui_guard::detail {

namespace {

std::string once_or_more(int n) { return n == 1 ? "once" : std::to_string(n) + " times"; }

}  // namespace

void save_entry_state(EntryState& out) {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    out.has_font_top = g.FontStack.Size > 0;
    if (out.has_font_top) out.font_top = g.FontStack.back();
    out.current = {g.Font, g.FontSizeBase, g.FontSize};
}

int repair_tree_depths() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    int tree_pops = 0;
    for (ImGuiWindow* w : g.Windows)
        if (w->LastFrameActive == g.FrameCount && w->DC.TreeDepth < 0) {
            tree_pops -= w->DC.TreeDepth;
            w->DC.TreeDepth = 0;
        }
    return tree_pops;
}

std::vector<std::string> repair_overpops(const EntryState& entry, const ImGuiErrorRecoveryState& b,
                                         const ImGuiErrorRecoveryState& a, int tree_pops) {
    std::vector<std::string> out;
    auto say = [&](int before, int after, const char* pop, const char* push) {
        if (after < before)
            out.push_back(std::string("called ") + pop + " " + once_or_more(before - after) +
                          " more than " + push);
    };
    if (a.SizeOfWindowStack < b.SizeOfWindowStack) {
        say(b.SizeOfWindowStack, a.SizeOfWindowStack, "End()", "Begin()");
        return out;  // the rest belongs to windows that are gone
    }
    say(b.SizeOfIDStack, a.SizeOfIDStack, "PopID()", "PushID()");
    say(b.SizeOfTreeStack, a.SizeOfTreeStack, "TreePop()", "TreeNode()");
    say(b.SizeOfColorStack, a.SizeOfColorStack, "PopStyleColor()", "PushStyleColor()");
    say(b.SizeOfStyleVarStack, a.SizeOfStyleVarStack, "PopStyleVar()", "PushStyleVar()");
    say(b.SizeOfGroupStack, a.SizeOfGroupStack, "EndGroup()", "BeginGroup()");
    say(b.SizeOfItemFlagsStack, a.SizeOfItemFlagsStack, "PopItemFlag()", "PushItemFlag()");
    say(b.SizeOfFocusScopeStack, a.SizeOfFocusScopeStack, "PopFocusScope()", "PushFocusScope()");
    say(b.SizeOfDisabledStack, a.SizeOfDisabledStack, "EndDisabled()", "BeginDisabled()");
    say(b.SizeOfFontStack, a.SizeOfFontStack, "PopFont()", "PushFont()");

    if (tree_pops > 0 && a.SizeOfTreeStack >= b.SizeOfTreeStack)
        say(tree_pops, 0, "TreePop()", "TreeNode()");

    // The font stack is the one a top-level panel can over-pop unnoticed (NewFrame() pushed
    // its first entry): put NewFrame()'s entry back, and the font that was in use.
    ImGuiContext& g = *ImGui::GetCurrentContext();
    if (a.SizeOfFontStack < b.SizeOfFontStack && entry.has_font_top) {
        while (g.FontStack.Size < b.SizeOfFontStack) g.FontStack.push_back(entry.font_top);
        ImGui::SetCurrentFont(entry.current.Font, entry.current.FontSizeBeforeScaling,
                              entry.current.FontSizeAfterScaling);
    }
    return out;
}

void make_windows_closable(int first_window) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    for (int i = first_window < 0 ? 0 : first_window; i < g.CurrentWindowStack.Size; ++i) {
        ImGuiWindow* w = g.CurrentWindowStack[i].Window;
        // End()'s PopClipRect() pops one and then reads the one below: two are needed.
        while (w && w->DrawList->_ClipRectStack.Size < 2) {
            w->DrawList->PushClipRect(w->ClipRect.Min, w->ClipRect.Max);
            w->ClipRect = w->DrawList->_ClipRectStack.back();
        }
    }
}

}  // namespace imgui_guard::detail
