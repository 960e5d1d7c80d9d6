// fault_kinds.cpp: the built-in fault kinds: ImGui misuse (imgui_misuse.cpp, and the whole
// matrix of misuse_matrix.cpp), a frame loop ImGui can no longer serve, a hung GUI thread, and
// real crashes for the crash handler.
#include <sys/mman.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "app/faults/fault_injector.h"
#include "app/faults/imgui_misuse.h"
#include "app/faults/misuse_matrix.h"
#include "app/faults/null_deref_faults.h"
#include "hooks/hook_engine.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace imhost::faults {

namespace {

// An EndFrame hook that always throws: no frame can be finished again, so the next NewFrame()
// would assert "Forgot to call Render()". The frame guard must stop the loop cleanly.
void end_frame_always_fails(ImGuiContext*, ImGuiContextHook*) {
    throw std::runtime_error(
        "fault injection: frame_loop_fatal (an EndFrame hook that always throws)");
}

[[gnu::noinline]] void break_the_frame_loop() {
    ImGuiContextHook hook;
    hook.Type = ImGuiContextHookType_EndFramePre;
    hook.Callback = &end_frame_always_fails;
    ImGui::AddContextHook(ImGui::GetCurrentContext(), &hook);
}

[[gnu::noinline]] void hang_gui_thread(const hooks::HookEngine& hooks,
                                       std::optional<long long> ms) {
    using namespace std::chrono;
    const auto until = steady_clock::now() + milliseconds(ms.value_or(0));
    // "For ever" still ends at shutdown, so a test can stop a hung app cleanly.
    while ((!ms || steady_clock::now() < until) && !hooks.shutdown_requested())
        std::this_thread::sleep_for(milliseconds(ms ? std::min<long long>(*ms, 20) : 20));
}

[[gnu::noinline]] void crash_with_segv() {
    // A page no access is allowed to, far from the first 64 KiB: not a null dereference, which
    // a panel would survive (imgui_guard/null_deref_recovery.h), so the process ends.
    void* page = ::mmap(nullptr, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    *static_cast<volatile int*>(page) = 42;
}

[[gnu::noinline]] void crash_with_abort() { std::abort(); }

}  // namespace

void add_builtin_kinds(FaultInjector& f, hooks::HookEngine& hooks) {
    auto simple = [&f](const char* name, const char* description, void (*fn)()) {
        f.add_kind(name, description, [fn](const FaultRequest&) { fn(); });
    };
    simple("missing_end", "Begin() without End()", &missing_end);
    simple("missing_pop_id", "PushID() without PopID()", &missing_pop_id);
    simple("extra_end", "one End() too many", &extra_end);
    simple("extra_pop_id", "PopID() without PushID()", &extra_pop_id);
    simple("missing_end_child", "BeginChild() without EndChild()", &missing_end_child);
    simple("missing_end_table", "BeginTable() without EndTable()", &missing_end_table);
    simple("missing_pop_style_var", "PushStyleVar() without PopStyleVar()", &missing_pop_style_var);
    simple("missing_pop_style_color", "PushStyleColor() without PopStyleColor()",
           &missing_pop_style_color);
    simple("missing_tree_pop", "TreeNode() without TreePop()", &missing_tree_pop);
    simple("missing_end_group", "BeginGroup() without EndGroup()", &missing_end_group);
    simple("hard_assert", "IM_ASSERT(false) in panel code", &hard_assert);
    simple("exception", "a std::runtime_error thrown from a panel", &throw_exception);
    simple("frame_loop_fatal", "ImGui can no longer finish a frame: the loop stops",
           &break_the_frame_loop);
    f.add_kind("hang", "block the GUI thread for `ms` (default: until shutdown)",
               [&hooks](const FaultRequest& r) { hang_gui_thread(hooks, r.ms); });
    f.add_kind(
        "segv", "a write to a page with no access (SIGSEGV): the crash handler reports",
        [](const FaultRequest&) { crash_with_segv(); }, /*ends_process=*/true);
    f.add_kind(
        "abort", "std::abort() (SIGABRT): the crash handler reports",
        [](const FaultRequest&) { crash_with_abort(); }, /*ends_process=*/true);

    // The misuse matrix: every scoped pair of ImGui's public API misused, and the calls valid
    // only inside a scope made outside one (misuse_matrix.h).
    for (const Misuse& m : misuse_matrix()) simple(m.name, m.description, m.run);

    // Null dereferences (null_deref_faults.h): inside ImGui in a panel, survived and the panel
    // quarantined; inside the allocator or on another thread, the end of the process.
    simple("extra_end_multi_select",
           "EndMultiSelect() without BeginMultiSelect(): a null dereference in ImGui, survived",
           &extra_end_multi_select);
    simple("table_next_row_outside_table",
           "TableNextRow() outside a table: a null dereference in ImGui, survived",
           &table_next_row_outside_table);
    f.add_kind(
        "null_deref_in_allocator", "free() of a first-page pointer (SIGSEGV in libc): not survived",
        [](const FaultRequest&) { null_deref_in_allocator(); }, /*ends_process=*/true);
    f.add_kind(
        "null_deref_on_worker_thread", "a null write on another thread (SIGSEGV): not survived",
        [](const FaultRequest&) { null_deref_on_worker_thread(); }, /*ends_process=*/true);
}

}  // namespace imhost::faults
