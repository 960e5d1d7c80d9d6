// unchecked_calls.cpp: Dear ImGui calls that pass silently outside their scope, checked on the
// way in.
//
// TableNextColumn() outside a table returns false and does nothing: the usual cause is a
// BeginTable() whose false return was not tested (a clipped or collapsed table), and the
// EndTable() that follows asserts far from the mistake, or nothing shows at all. ImGui has no
// hook for it, so the link wraps the call (-Wl,--wrap, set on the imgui_guard target, as
// throw_capture.cpp does for throws): every call from code linked with the guard passes here
// first; ImGui's own calls inside imgui_tables.cpp do not. Inside a table it costs one load.
#include "imgui.h"
#include "imgui_guard/detail/guard_context.h"
#include "imgui_internal.h"

namespace imgui_guard::detail {

namespace {

// "panel 'Misuse' called TableNextColumn() outside BeginTable()/EndTable()"
void on_call_outside_scope(const char* call, const char* scope) {
    const std::string what = std::string(call) + "() outside " + scope;
    Record r = make_record(RecordKind::user_error, what, true);
    r.expr = std::string(call) + "() with no current table";
    if (!r.panel.empty()) r.message = "panel '" + r.panel + "' called " + what;
    commit(std::move(r));
}

}  // namespace

}  // namespace imgui_guard::detail

extern "C" {

bool __real__ZN5ImGui15TableNextColumnEv();  // ImGui::TableNextColumn()

bool __wrap__ZN5ImGui15TableNextColumnEv() {
    const ImGuiContext* g = ImGui::GetCurrentContext();
    if (g && g->WithinFrameScope && !g->CurrentTable)
        imgui_guard::detail::on_call_outside_scope("TableNextColumn", "BeginTable()/EndTable()");
    return __real__ZN5ImGui15TableNextColumnEv();
}

}  // extern "C"
