// misuse_words.cpp: ImGui's messages and windows in plain words (detail/misuse_words.h).
#include "imgui_guard/detail/misuse_words.h"

#include <cstring>
#include <string_view>

#include "imgui.h"
#include "imgui_internal.h"

namespace imgui_guard::detail {

namespace {

// Every end call of the public API and the call that opens its scope.
struct CallPair {
    const char* end;
    const char* begin;
};
constexpr CallPair kPairs[] = {
    {"End", "Begin"},
    {"EndChild", "BeginChild"},
    {"EndGroup", "BeginGroup"},
    {"EndTabBar", "BeginTabBar"},
    {"EndTabItem", "BeginTabItem"},
    {"EndTable", "BeginTable"},
    {"EndCombo", "BeginCombo"},
    {"EndListBox", "BeginListBox"},
    {"EndMenuBar", "BeginMenuBar"},
    {"EndMainMenuBar", "BeginMainMenuBar"},
    {"EndMenu", "BeginMenu"},
    {"EndPopup", "BeginPopup"},
    {"EndTooltip", "BeginTooltip"},
    {"EndDisabled", "BeginDisabled"},
    {"EndMultiSelect", "BeginMultiSelect"},
    {"EndDragDropSource", "BeginDragDropSource"},
    {"EndDragDropTarget", "BeginDragDropTarget"},
    {"TreePop", "TreeNode"},
    {"PopID", "PushID"},
    {"PopStyleVar", "PushStyleVar"},
    {"PopStyleColor", "PushStyleColor"},
    {"PopFont", "PushFont"},
    {"PopItemWidth", "PushItemWidth"},
    {"PopTextWrapPos", "PushTextWrapPos"},
    {"PopItemFlag", "PushItemFlag"},
    {"PopClipRect", "PushClipRect"},
    {"PopFocusScope", "PushFocusScope"},
};

// Calls valid only inside a scope: the scope, by the prefix of the call's name.
struct ScopedCall {
    const char* prefix;
    const char* scope;
};
constexpr ScopedCall kScopedCalls[] = {
    {"Table", "BeginTable()/EndTable()"},
    {"TabItemButton", "BeginTabBar()/EndTabBar()"},
    {"SetTabItemClosed", "BeginTabBar()/EndTabBar()"},
};

constexpr LeakPhrase kLeakPhrases[] = {
    {"Missing PopID()", "ID pushed", "IDs pushed", "PushID() without PopID()"},
    {"Missing TreePop()", "tree node open", "tree nodes open", "TreeNode() without TreePop()"},
    {"Missing EndGroup()", "group open", "groups open", "BeginGroup() without EndGroup()"},
    {"Missing PopStyleColor()", "style color pushed", "style colors pushed",
     "PushStyleColor() without PopStyleColor()"},
    {"Missing PopStyleVar()", "style var pushed", "style vars pushed",
     "PushStyleVar() without PopStyleVar()"},
    {"Missing PopFont()", "font pushed", "fonts pushed", "PushFont() without PopFont()"},
    {"Missing PopItemFlag()", "item flag pushed", "item flags pushed",
     "PushItemFlag() without PopItemFlag()"},
    {"Missing EndDisabled()", "disabled block open", "disabled blocks open",
     "BeginDisabled() without EndDisabled()"},
    {"Missing PopFocusScope()", "focus scope pushed", "focus scopes pushed",
     "PushFocusScope() without PopFocusScope()"},
    {"Missing EndTable()", "table open", "tables open", "BeginTable() without EndTable()"},
    {"Missing EndTabBar()", "tab bar open", "tab bars open", "BeginTabBar() without EndTabBar()"},
    {"Missing EndMultiSelect()", "multi-select open", "multi-selects open",
     "BeginMultiSelect() without EndMultiSelect()"},
    {"Missing EndMenuBar()", "menu bar open", "menu bars open",
     "BeginMenuBar() without EndMenuBar()"},
};

bool is_imgui_source(const std::string& file) {
    const std::string_view name = std::string_view(file).substr(file.rfind('/') + 1);
    return name.starts_with("imgui") && !name.starts_with("imgui_guard");
}

// "ImGui::PushStyleVar(int, float)" -> "PushStyleVar"
std::string bare_name(const std::string& function) {
    std::string_view name = function;
    if (const auto paren = name.find('('); paren != std::string_view::npos)
        name = name.substr(0, paren);
    if (const auto colons = name.rfind("::"); colons != std::string_view::npos)
        name = name.substr(colons + 2);
    return std::string(name);
}

// The API function the panel called: the outermost of the leading frames in ImGui's sources.
std::string api_call(const std::vector<StackFrame>& stack) {
    std::string call;
    for (const StackFrame& f : stack) {
        if (!is_imgui_source(f.file)) break;
        if (f.function.starts_with("ImGui::")) call = bare_name(f.function);
    }
    return call;
}

bool contains(const std::string& text, const char* word) {
    return text.find(word) != std::string::npos;
}

}  // namespace

const LeakPhrase* leak_phrase(const std::string& missing) {
    for (const LeakPhrase& p : kLeakPhrases)
        if (missing == p.missing) return &p;
    return nullptr;
}

std::string count_of(int n, const char* one, const char* many) {
    if (n != 1) return std::to_string(n) + " " + many;
    const bool vowel =
        std::strchr("aeiouAEIOU", one[0]) != nullptr || std::strncmp(one, "ID", 2) == 0;
    return std::string(vowel ? "an " : "a ") + one;
}

namespace {

const CallPair* pair_of(const std::string& end_call) {
    for (const CallPair& pair : kPairs)
        if (end_call == pair.end) return &pair;
    return nullptr;
}

// The scope ImGui's message says a call needs ("... between BeginTabBar() and EndTabBar()!").
const char* scope_named_in(const std::string& message) {
    if (contains(message, "BeginTabBar")) return "BeginTabBar()/EndTabBar()";
    if (contains(message, "BeginTable")) return "BeginTable()/EndTable()";
    return nullptr;
}

// Whether this ID is a tab bar's or a tab item's. BeginTabItem() pushes the item's ID; without
// its EndTabItem(), EndTabBar() pops that one, and the bar's own ID is left on the stack.
bool is_tab_id(ImGuiID id) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    for (int i = 0; i < g.TabBars.GetMapSize(); ++i)
        if (const ImGuiTabBar* bar = g.TabBars.TryGetMapData(i)) {
            if (bar->ID == id) return true;
            for (const ImGuiTabItem& tab : bar->Tabs)
                if (tab.ID == id) return true;
        }
    return false;
}

// An ImVector<ImVec4> that asserts is a draw list's clip-rect stack, popped once too often.
bool clip_rect_stack_emptied(const std::string& message, const std::vector<StackFrame>& stack) {
    if (message != "IM_ASSERT(Size > 0) failed") return false;
    for (const StackFrame& f : stack)
        if (f.function.starts_with("ImVector<ImVec4>::")) return true;
    return false;
}

bool ends_with_plain_end(const WindowKind& kind) { return kind.end == "End()"; }

}  // namespace

std::string misuse_message(const std::string& panel, const std::string& message,
                           const std::vector<StackFrame>& stack, const std::string& file,
                           const std::string& function) {
    const std::string who = "panel '" + panel + "' ";
    const std::string imgui_said = " (ImGui: \"" + message + "\")";
    // The API call: from the stack, or, when ImGui's failing function tail-called the handler
    // (its frame is gone), from the assertion's own __func__.
    std::string call = api_call(stack);
    if (call.empty() && is_imgui_source(file)) call = bare_name(function);
    const ImGuiContext* g = ImGui::GetCurrentContext();
    const ImGuiWindow* window = g ? g->CurrentWindow : nullptr;

    if (const LeakPhrase* p = leak_phrase(message)) {  // an end call found the panel's leftovers
        std::string left = count_of(1, p->one, p->many) + " (" + p->how + ")";
        if (message == "Missing PopID()" && window && window->IDStack.Size > 0 &&
            is_tab_id(window->IDStack.back()))
            left = "a tab item open (BeginTabItem() without EndTabItem())";
        if (!call.empty() && call != "End" && pair_of(call))
            return who + "called " + call + "() with " + left.substr(0, left.find(" (")) +
                   " inside it" + left.substr(left.find(" ("));
        return who + "left " + left;
    }
    if (call.empty()) return {};  // the panel's own IM_ASSERT: its words are the best
    if (clip_rect_stack_emptied(message, stack))
        return who + "called PopClipRect() once more than PushClipRect() (found at " + call +
               "())" + imgui_said;
    if (message == "Must call EndChild() and not End()!" && window) {
        const WindowKind kind = window_kind(*window);
        return who + "left " + kind.noun + " open (" + kind.begin + " without " + kind.end + ")" +
               imgui_said;
    }
    if (message == "Calling PopID() too many times!" && call != "PopID")
        return who + "popped an ID it did not push before " + call +
               "() (PopID(), TreePop() or EndTabItem() once too many)" + imgui_said;
    if (const CallPair* pair = pair_of(call)) {
        // An end call made inside a tooltip/popup/menu/combo the panel has not closed.
        if (window && call != "End") {
            const WindowKind kind = window_kind(*window);
            if (!ends_with_plain_end(kind) && kind.end != call + "()" &&
                (window->Flags & (ImGuiWindowFlags_Popup | ImGuiWindowFlags_Tooltip)))
                return who + "left " + kind.noun + " open (" + kind.begin + " without " + kind.end +
                       "), and called " + call + "() inside it" + imgui_said;
        }
        const char* scope = scope_named_in(message);
        if (scope && !std::string_view(scope).starts_with(pair->begin))
            return who + "called " + call + "() outside " + scope + imgui_said;
        if (contains(message, "wrong") || contains(message, "Mismatching"))
            return who + "called " + call + "() out of order, in another scope than its " +
                   pair->begin + "()" + imgui_said;
        return who + "called " + call + "() once more than " + pair->begin + "()" + imgui_said;
    }
    for (const ScopedCall& scoped : kScopedCalls)
        if (call.starts_with(scoped.prefix))
            return who + "called " + call + "() outside " + scoped.scope + imgui_said;
    return who + "called " + call + "() wrongly" + imgui_said;
}

WindowKind window_kind(const ImGuiWindow& w) {
    const std::string_view name = w.Name;
    if (w.Flags & ImGuiWindowFlags_Tooltip) return {"a tooltip", "BeginTooltip()", "EndTooltip()"};
    if (w.Flags & ImGuiWindowFlags_Modal)
        return {"a modal popup", "BeginPopupModal()", "EndPopup()"};
    if (w.Flags & ImGuiWindowFlags_Popup) {
        if (name.starts_with("##Combo_")) return {"a combo", "BeginCombo()", "EndCombo()"};
        if (w.Flags & ImGuiWindowFlags_ChildMenu) return {"a menu", "BeginMenu()", "EndMenu()"};
        return {"a popup", "BeginPopup()", "EndPopup()"};
    }
    if (name == "##MainMenuBar")
        return {"the main menu bar", "BeginMainMenuBar()", "EndMainMenuBar()"};
    if (w.Flags & ImGuiWindowFlags_ChildWindow) {
        if (w.ChildFlags & ImGuiChildFlags_FrameStyle)
            return {"a list box", "BeginListBox()", "EndListBox()"};
        // "Parent/label_1A2B3C4D" (how ImGui names child windows) -> "label".
        std::string label(name.substr(name.rfind('/') + 1));
        if (const auto underscore = label.rfind('_'); underscore != std::string::npos)
            label.resize(underscore);
        return {"a child window", "BeginChild(\"" + label + "\")", "EndChild()"};
    }
    return {"a window", "Begin(\"" + std::string(name) + "\")", "End()"};
}

const ImGuiWindow* closed_in_place_of(const ImGuiWindow& outer) {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    for (int i = g.Windows.Size - 1; i >= 0; --i) {
        const ImGuiWindow* w = g.Windows[i];
        if (w->ParentWindowInBeginStack != &outer || w->LastFrameActive != g.FrameCount ||
            !(w->Flags & (ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_Popup)))
            continue;
        bool still_open = false;
        for (const ImGuiWindowStackData& d : g.CurrentWindowStack) still_open |= d.Window == w;
        if (!still_open) return w;
    }
    return nullptr;
}

}  // namespace imgui_guard::detail
