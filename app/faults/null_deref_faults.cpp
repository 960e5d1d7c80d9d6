// null_deref_faults.cpp: null dereferences on purpose (null_deref_faults.h).
#include "app/faults/null_deref_faults.h"

#include <cstdint>
#include <cstdlib>
#include <thread>

#include "imgui.h"

namespace imhost::faults {

namespace {

inline void keep_frame() { __asm__ volatile(""); }  // no tail call: the stack names the fault

void fault_window() {
    ImGui::SetNextWindowPos(ImVec2(400, 300), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(280, 120), ImGuiCond_FirstUseEver);
    ImGui::Begin("Fault: null dereference");
    keep_frame();
}

}  // namespace

[[gnu::noinline]] void extra_end_multi_select() {
    fault_window();
    ImGui::EndMultiSelect();  // reads g.CurrentMultiSelect->Storage: null
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void table_next_row_outside_table() {
    fault_window();
    ImGui::TableNextRow();  // reads g.CurrentTable->IsLayoutLocked: null
    ImGui::End();
    keep_frame();
}

[[gnu::noinline]] void null_deref_in_allocator() {
    // free() reads the chunk header 16 bytes before its argument: address 0, inside libc.
    volatile std::uintptr_t first_page = 16;
    std::free(reinterpret_cast<void*>(first_page));
    keep_frame();
}

[[gnu::noinline]] void null_deref_on_worker_thread() {
    std::thread worker([] {
        // Not nullptr: UBSan would report the null store and abort before the fault happens.
        volatile std::uintptr_t unmapped = 16;
        *reinterpret_cast<volatile int*>(unmapped) = 42;
    });
    worker.join();
    keep_frame();
}

}  // namespace imhost::faults
