// imgui_misuse.h: the Dear ImGui mistakes fault injection makes on purpose, one function each.
//
// Each runs inside a panel (a guarded scope) on the GUI thread and opens its own window named
// "Fault: <kind>", so the guard's record names the mistake and the window. They depend on
// ImGui only, so the guard's unit tests call the very same functions the live tests inject.
#pragma once

namespace imhost::faults {

void missing_end();              // Begin() without End()            -> scope_leak
void missing_pop_id();           // PushID() without PopID()         -> user_error "Missing PopID()"
void extra_end();                // End() once more                  -> user_error
void extra_pop_id();             // PopID() without PushID()         -> user_error
void missing_end_child();        // BeginChild() without EndChild()  -> scope_leak
void missing_end_table();        // BeginTable() without EndTable()  -> user_error
void missing_pop_style_var();    // PushStyleVar() without PopStyleVar()
void missing_pop_style_color();  // PushStyleColor() without PopStyleColor()
void missing_tree_pop();         // TreeNode() without TreePop()
void missing_end_group();        // BeginGroup() without EndGroup()
void hard_assert();              // IM_ASSERT(false) in panel code   -> assert (throws, caught)
void throw_exception();          // std::runtime_error from a panel  -> exception

}  // namespace imhost::faults
