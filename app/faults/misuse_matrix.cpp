// misuse_matrix.cpp: the misuse matrix (misuse_matrix.h). Kept out of line (noinline) and ended
// with keep_frame(), so the stacks of their records name them.
#include "app/faults/misuse_matrix.h"

#include "imgui.h"
#include "imgui_internal.h"  // ImHashStr: the IDs of a combo's and a menu's popups

namespace imhost::faults {

namespace {

// The last ImGui call must not be a tail call: with -O2 the mistake's own frame would vanish.
inline void keep_frame() { __asm__ volatile(""); }

// Each mistake's own window, as a panel would open it.
void misuse_window(ImGuiWindowFlags flags = 0) {
    ImGui::SetNextWindowPos(ImVec2(400, 300), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(280, 120), ImGuiCond_FirstUseEver);
    ImGui::Begin("Fault: misuse", nullptr, flags);
    keep_frame();
}

// Popups, combos and menus are open once a click asked for them: ask as the click would.
void open_popup(const char* str_id) {
    if (!ImGui::IsPopupOpen(str_id)) ImGui::OpenPopup(str_id);
}
void open_popup_id(ImGuiID id) {
    if (!ImGui::IsPopupOpen(id, ImGuiPopupFlags_None)) ImGui::OpenPopup(id);
}
void open_combo(const char* label) {
    open_popup_id(ImHashStr("##ComboPopup", 0, ImGui::GetID(label)));
}
void open_menu(const char* label) { open_popup_id(ImGui::GetID(label)); }

}  // namespace

// External names, so stacks name them "imhost::faults::misuse::<kind>".
namespace misuse {

[[gnu::noinline]] void extra_end_child() {
    misuse_window();
    ImGui::EndChild();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void wrong_order_end_child_end_group() {
    misuse_window();
    ImGui::BeginChild("child", ImVec2(100, 40));
    ImGui::BeginGroup();
    ImGui::EndChild();
    ImGui::EndGroup();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void wrong_order_end_group_end_child() {
    misuse_window();
    ImGui::BeginGroup();
    ImGui::BeginChild("child", ImVec2(100, 40));
    ImGui::EndGroup();
    ImGui::EndChild();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_end_group() {
    misuse_window();
    ImGui::EndGroup();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_end_tab_bar() {
    misuse_window();
    if (ImGui::BeginTabBar("tabs")) {
        if (ImGui::BeginTabItem("one")) ImGui::EndTabItem();
    }
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_end_tab_bar() {
    misuse_window();
    ImGui::EndTabBar();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_end_tab_item() {
    misuse_window();
    if (ImGui::BeginTabBar("tabs")) {
        ImGui::BeginTabItem("one");
        ImGui::EndTabBar();
    }
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_end_tab_item() {
    misuse_window();
    if (ImGui::BeginTabBar("tabs")) {
        if (ImGui::BeginTabItem("one")) ImGui::EndTabItem();
        ImGui::EndTabItem();
        ImGui::EndTabBar();
    }
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void wrong_order_end_tab_bar_end_tab_item() {
    misuse_window();
    if (ImGui::BeginTabBar("tabs")) {
        const bool open = ImGui::BeginTabItem("one");
        ImGui::EndTabBar();
        if (open) ImGui::EndTabItem();
    }
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_end_table() {
    misuse_window();
    ImGui::EndTable();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void wrong_order_end_child_end_table() {
    misuse_window();
    ImGui::BeginChild("child", ImVec2(200, 60));
    const bool open = ImGui::BeginTable("table", 2);
    if (open) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted("cell");
    }
    ImGui::EndChild();
    if (open) ImGui::EndTable();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void table_setup_column_outside_table() {
    misuse_window();
    ImGui::TableSetupColumn("column");
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void table_headers_row_outside_table() {
    misuse_window();
    ImGui::TableHeadersRow();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void table_set_column_index_invalid() {
    misuse_window();
    if (ImGui::BeginTable("table", 2)) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(5);
        ImGui::EndTable();
    }
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void table_next_column_outside_table() {
    misuse_window();
    ImGui::TableNextColumn();
    ImGui::Text("in no column");
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void tab_item_button_outside_tab_bar() {
    misuse_window();
    ImGui::TabItemButton("+");
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_end_combo() {
    misuse_window();
    open_combo("combo");
    ImGui::BeginCombo("combo", "preview");
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_end_combo() {
    misuse_window();
    ImGui::EndCombo();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_end_list_box() {
    misuse_window();
    ImGui::BeginListBox("list");
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_end_list_box() {
    misuse_window();
    ImGui::EndListBox();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_end_menu_bar() {
    misuse_window(ImGuiWindowFlags_MenuBar);
    ImGui::BeginMenuBar();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_end_menu_bar() {
    misuse_window(ImGuiWindowFlags_MenuBar);
    ImGui::EndMenuBar();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_end_main_menu_bar() {
    ImGui::BeginMainMenuBar();
    keep_frame();
}

[[gnu::noinline]] void extra_end_main_menu_bar() {
    misuse_window();
    ImGui::EndMainMenuBar();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_end_menu() {
    misuse_window(ImGuiWindowFlags_MenuBar);
    if (ImGui::BeginMenuBar()) {
        open_menu("menu");
        ImGui::BeginMenu("menu");
        ImGui::EndMenuBar();
    }
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void end_menu_outside_menu() {
    misuse_window();
    ImGui::EndMenu();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_end_popup() {
    misuse_window();
    open_popup("popup");
    ImGui::BeginPopup("popup");
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_end_popup() {
    misuse_window();
    ImGui::EndPopup();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_end_popup_modal() {
    misuse_window();
    open_popup("modal");
    ImGui::BeginPopupModal("modal");
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_end_popup_context_item() {
    misuse_window();
    ImGui::Button("item");
    ImGui::OpenPopup(ImGui::GetItemID());
    ImGui::BeginPopupContextItem();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_end_popup_context_window() {
    misuse_window();
    open_popup("window_context");
    ImGui::BeginPopupContextWindow();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_end_tooltip() {
    misuse_window();
    ImGui::BeginTooltip();
    ImGui::TextUnformatted("tooltip");
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_end_tooltip() {
    misuse_window();
    ImGui::EndTooltip();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void wrong_order_end_tooltip_end_popup() {
    misuse_window();
    ImGui::BeginTooltip();
    open_popup("popup");
    const bool open = ImGui::BeginPopup("popup");
    ImGui::EndTooltip();
    if (open) ImGui::EndPopup();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_end_disabled() {
    misuse_window();
    ImGui::BeginDisabled();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_end_disabled() {
    misuse_window();
    ImGui::EndDisabled();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_end_multi_select() {
    misuse_window();
    ImGui::BeginMultiSelect(ImGuiMultiSelectFlags_None);
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_end_drag_drop_source() {
    misuse_window();
    // An external source needs no mouse drag: the begin succeeds on any frame.
    if (ImGui::BeginDragDropSource(ImGuiDragDropFlags_SourceExtern))
        ImGui::SetDragDropPayload("misuse", "x", 1);
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_end_drag_drop_source() {
    misuse_window();
    ImGui::EndDragDropSource();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_end_drag_drop_target() {
    misuse_window();
    ImGui::EndDragDropTarget();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_tree_pop() {
    misuse_window();
    if (ImGui::TreeNodeEx("node", ImGuiTreeNodeFlags_DefaultOpen)) ImGui::TreePop();
    ImGui::TreePop();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_pop_style_var() {
    misuse_window();
    ImGui::PopStyleVar();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_pop_style_color() {
    misuse_window();
    ImGui::PopStyleColor();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_pop_font() {
    misuse_window();
    ImGui::PushFont(nullptr, 20.0f);
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_pop_font() {
    misuse_window();
    ImGui::PopFont();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_pop_item_width() {
    misuse_window();
    ImGui::PushItemWidth(100);
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_pop_item_width() {
    misuse_window();
    ImGui::PopItemWidth();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_pop_text_wrap_pos() {
    misuse_window();
    ImGui::PushTextWrapPos(200);
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_pop_text_wrap_pos() {
    misuse_window();
    ImGui::PopTextWrapPos();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_pop_item_flag() {
    misuse_window();
    ImGui::PushItemFlag(ImGuiItemFlags_NoTabStop, true);
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_pop_item_flag() {
    misuse_window();
    ImGui::PopItemFlag();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_pop_clip_rect() {
    misuse_window();
    ImGui::PushClipRect(ImVec2(400, 300), ImVec2(500, 350), true);
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_pop_clip_rect() {
    misuse_window();
    ImGui::PopClipRect();
    ImGui::End();
    keep_frame();
}

}  // namespace misuse

std::span<const Misuse> misuse_matrix() {
    using namespace misuse;
    static const Misuse kMatrix[] = {
        {"extra_end_child", "EndChild() without BeginChild()", &extra_end_child, "EndChild()"},
        {"wrong_order_end_child_end_group",
         "EndChild() before the EndGroup() of a group opened inside the child",
         &wrong_order_end_child_end_group, "EndChild()"},
        {"wrong_order_end_group_end_child",
         "EndGroup() before the EndChild() of a child opened inside the group",
         &wrong_order_end_group_end_child, "EndGroup()"},
        {"extra_end_group", "EndGroup() without BeginGroup()", &extra_end_group, "EndGroup()"},
        {"missing_end_tab_bar", "BeginTabBar() without EndTabBar()", &missing_end_tab_bar,
         "EndTabBar()"},
        {"extra_end_tab_bar", "EndTabBar() without BeginTabBar()", &extra_end_tab_bar,
         "EndTabBar()"},
        {"missing_end_tab_item", "BeginTabItem() without EndTabItem()", &missing_end_tab_item,
         "EndTabItem()"},
        {"extra_end_tab_item", "EndTabItem() once more than BeginTabItem()", &extra_end_tab_item,
         "EndTabItem()"},
        {"wrong_order_end_tab_bar_end_tab_item", "EndTabBar() before the EndTabItem() inside it",
         &wrong_order_end_tab_bar_end_tab_item, "EndTabBar()"},
        {"extra_end_table", "EndTable() without BeginTable()", &extra_end_table, "EndTable()"},
        {"wrong_order_end_child_end_table",
         "EndChild() before the EndTable() of a table opened inside the child",
         &wrong_order_end_child_end_table, "EndChild()"},
        {"table_setup_column_outside_table", "TableSetupColumn() outside BeginTable()/EndTable()",
         &table_setup_column_outside_table, "TableSetupColumn()"},
        {"table_headers_row_outside_table", "TableHeadersRow() outside BeginTable()/EndTable()",
         &table_headers_row_outside_table, "TableHeadersRow()"},
        {"table_set_column_index_invalid", "TableSetColumnIndex() past the table's last column",
         &table_set_column_index_invalid, "TableSetColumnIndex()"},
        {"table_next_column_outside_table", "TableNextColumn() outside BeginTable()/EndTable()",
         &table_next_column_outside_table, "TableNextColumn()"},
        {"tab_item_button_outside_tab_bar", "TabItemButton() outside BeginTabBar()/EndTabBar()",
         &tab_item_button_outside_tab_bar, "TabItemButton()"},
        {"missing_end_combo", "BeginCombo() without EndCombo()", &missing_end_combo, "EndCombo()"},
        {"extra_end_combo", "EndCombo() without BeginCombo()", &extra_end_combo, "EndCombo()"},
        {"missing_end_list_box", "BeginListBox() without EndListBox()", &missing_end_list_box,
         "EndListBox()"},
        {"extra_end_list_box", "EndListBox() without BeginListBox()", &extra_end_list_box,
         "EndListBox()"},
        {"missing_end_menu_bar", "BeginMenuBar() without EndMenuBar()", &missing_end_menu_bar,
         "EndMenuBar()"},
        {"extra_end_menu_bar", "EndMenuBar() without BeginMenuBar()", &extra_end_menu_bar,
         "EndMenuBar()"},
        {"missing_end_main_menu_bar", "BeginMainMenuBar() without EndMainMenuBar()",
         &missing_end_main_menu_bar, "EndMainMenuBar()"},
        {"extra_end_main_menu_bar", "EndMainMenuBar() without BeginMainMenuBar()",
         &extra_end_main_menu_bar, "EndMainMenuBar()"},
        {"missing_end_menu", "BeginMenu() without EndMenu()", &missing_end_menu, "EndMenu()"},
        {"end_menu_outside_menu", "EndMenu() without BeginMenu()", &end_menu_outside_menu,
         "EndMenu()"},
        {"missing_end_popup", "BeginPopup() without EndPopup()", &missing_end_popup, "EndPopup()"},
        {"extra_end_popup", "EndPopup() without BeginPopup()", &extra_end_popup, "EndPopup()"},
        {"missing_end_popup_modal", "BeginPopupModal() without EndPopup()",
         &missing_end_popup_modal, "EndPopup()"},
        {"missing_end_popup_context_item", "BeginPopupContextItem() without EndPopup()",
         &missing_end_popup_context_item, "EndPopup()"},
        {"missing_end_popup_context_window", "BeginPopupContextWindow() without EndPopup()",
         &missing_end_popup_context_window, "EndPopup()"},
        {"missing_end_tooltip", "BeginTooltip() without EndTooltip()", &missing_end_tooltip,
         "EndTooltip()"},
        {"extra_end_tooltip", "EndTooltip() without BeginTooltip()", &extra_end_tooltip,
         "EndTooltip()"},
        {"wrong_order_end_tooltip_end_popup",
         "EndTooltip() while a popup opened inside the tooltip is still open",
         &wrong_order_end_tooltip_end_popup, "EndTooltip()"},
        {"missing_end_disabled", "BeginDisabled() without EndDisabled()", &missing_end_disabled,
         "EndDisabled()"},
        {"extra_end_disabled", "EndDisabled() without BeginDisabled()", &extra_end_disabled,
         "EndDisabled()"},
        {"missing_end_multi_select", "BeginMultiSelect() without EndMultiSelect()",
         &missing_end_multi_select, "EndMultiSelect()"},
        {"missing_end_drag_drop_source", "BeginDragDropSource() without EndDragDropSource()",
         &missing_end_drag_drop_source, "EndDragDropSource()"},
        {"extra_end_drag_drop_source", "EndDragDropSource() without BeginDragDropSource()",
         &extra_end_drag_drop_source, "EndDragDropSource()"},
        {"extra_end_drag_drop_target", "EndDragDropTarget() without BeginDragDropTarget()",
         &extra_end_drag_drop_target, "EndDragDropTarget()"},
        {"extra_tree_pop", "TreePop() once more than TreeNode()", &extra_tree_pop, "TreePop()",
         true},
        {"extra_pop_style_var", "PopStyleVar() without PushStyleVar()", &extra_pop_style_var,
         "PopStyleVar()"},
        {"extra_pop_style_color", "PopStyleColor() without PushStyleColor()",
         &extra_pop_style_color, "PopStyleColor()"},
        {"missing_pop_font", "PushFont() without PopFont()", &missing_pop_font, "PopFont()"},
        {"extra_pop_font", "PopFont() without PushFont()", &extra_pop_font, "PopFont()"},
        {"missing_pop_item_width", "PushItemWidth() without PopItemWidth()",
         &missing_pop_item_width, "PopItemWidth()"},
        {"extra_pop_item_width", "PopItemWidth() without PushItemWidth()", &extra_pop_item_width,
         "PopItemWidth()"},
        {"missing_pop_text_wrap_pos", "PushTextWrapPos() without PopTextWrapPos()",
         &missing_pop_text_wrap_pos, "PopTextWrapPos()"},
        {"extra_pop_text_wrap_pos", "PopTextWrapPos() without PushTextWrapPos()",
         &extra_pop_text_wrap_pos, "PopTextWrapPos()"},
        {"missing_pop_item_flag", "PushItemFlag() without PopItemFlag()", &missing_pop_item_flag,
         "PopItemFlag()"},
        {"extra_pop_item_flag", "PopItemFlag() without PushItemFlag()", &extra_pop_item_flag,
         "PopItemFlag()"},
        {"missing_pop_clip_rect", "PushClipRect() without PopClipRect()", &missing_pop_clip_rect,
         "PopClipRect()"},
        {"extra_pop_clip_rect", "PopClipRect() without PushClipRect()", &extra_pop_clip_rect,
         "PopClipRect()"},
    };
    return kMatrix;
}

}  // namespace imhost::faults
