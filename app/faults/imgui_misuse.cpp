// imgui_misuse.cpp: deliberate ImGui mistakes. Kept out of line (noinline), so stacks name them.
#include "app/faults/imgui_misuse.h"

#include <stdexcept>

#include "imgui.h"

namespace imhost::faults {

namespace {

// Each fault ends with this, so the last ImGui call is not a tail call: with -O2 the fault's own
// frame would otherwise vanish from the stack (jmp instead of call), and records could not name it.
inline void keep_frame() { __asm__ volatile(""); }

void fault_window(const char* name) {
    ImGui::SetNextWindowPos(ImVec2(400, 300), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(280, 120), ImGuiCond_FirstUseEver);
    ImGui::Begin(name);
    keep_frame();  // so a leaked window's record names this Begin() call
}
}  // namespace

[[gnu::noinline]] void missing_end() {
    fault_window("Fault: missing_end");
    ImGui::TextUnformatted("This window is never closed with End().");
    keep_frame();
}

[[gnu::noinline]] void missing_pop_id() {
    fault_window("Fault: missing_pop_id");
    ImGui::PushID("fault");
    ImGui::TextUnformatted("PushID() without PopID().");
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_end() {
    fault_window("Fault: extra_end");
    ImGui::End();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void extra_pop_id() {
    fault_window("Fault: extra_pop_id");
    ImGui::PopID();
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_end_child() {
    ImGui::BeginChild("Fault: missing_end_child", ImVec2(200, 60));
    ImGui::TextUnformatted("BeginChild() without EndChild().");
    keep_frame();
}

[[gnu::noinline]] void missing_end_table() {
    fault_window("Fault: missing_end_table");
    if (ImGui::BeginTable("fault_table", 2)) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted("BeginTable() without EndTable().");
    }
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_pop_style_var() {
    fault_window("Fault: missing_pop_style_var");
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, 0.5f);
    ImGui::TextUnformatted("PushStyleVar() without PopStyleVar().");
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_pop_style_color() {
    fault_window("Fault: missing_pop_style_color");
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 64, 64, 255));
    ImGui::TextUnformatted("PushStyleColor() without PopStyleColor().");
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_tree_pop() {
    fault_window("Fault: missing_tree_pop");
    if (ImGui::TreeNodeEx("fault node", ImGuiTreeNodeFlags_DefaultOpen))
        ImGui::TextUnformatted("TreeNode() without TreePop().");
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void missing_end_group() {
    fault_window("Fault: missing_end_group");
    ImGui::BeginGroup();
    ImGui::TextUnformatted("BeginGroup() without EndGroup().");
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void hard_assert() {
    fault_window("Fault: hard_assert");
    IM_ASSERT(false && "fault injection: hard_assert");
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void throw_exception() {
    fault_window("Fault: exception");
    throw std::runtime_error("fault injection: exception thrown from panel code");
}

}  // namespace imhost::faults
