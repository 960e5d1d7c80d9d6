// null_deref_faults.h: null dereferences, for the guard's null-dereference recovery
// (imgui_guard/null_deref_recovery.h). Two happen inside Dear ImGui itself, misused in a way
// it does not check before it reads through a null pointer: a panel survives them. Two happen
// where a jump back would be unsafe: they still end the process with a crash report.
#pragma once

namespace imhost::faults {

void extra_end_multi_select();        // EndMultiSelect() without BeginMultiSelect(): survived
void table_next_row_outside_table();  // TableNextRow() outside a table: survived
void null_deref_in_allocator();       // free() of a pointer into the first page: ends it
void null_deref_on_worker_thread();   // a null write on another thread: ends it

}  // namespace imhost::faults
