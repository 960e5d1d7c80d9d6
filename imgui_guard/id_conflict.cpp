// id_conflict.cpp: report_id_conflict(): an ImGuiID shared by items of one frame, as a record
// that says which items and what to do about it.
#include <algorithm>
#include <cstdio>
#include <utility>

#include "imgui_guard/detail/guard_context.h"
#include "imgui_guard/detail/leak_site.h"
#include "imgui_guard/detail/record_store.h"

namespace imgui_guard {

namespace {

std::string hex_id(unsigned id) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08X", id);
    return text;
}

// What the author can do, from how the labels collide.
std::string hint(const IdConflict& c) {
    if (c.count > 2 && c.first_label == c.second_label)
        return "submitted in a loop? wrap each in PushID(i) ... PopID(), or give each a "
               "##suffix";
    if (c.first_label.empty() || c.second_label.empty())  // "" or clipped before ImGui said
        return "in a loop? wrap each in PushID(i) ... PopID(); an empty label takes the ID of "
               "its parent scope: give it a \"##name\"";
    if (c.first_label != c.second_label) {
        const auto triple = c.second_label.find("###");
        if (triple != std::string::npos)
            return "the labels share the ###id \"" + c.second_label.substr(triple + 3) +
                   "\": give each its own";
        return "the labels hash to the same ID: give one a ##suffix";
    }
    return "give one a ##suffix (\"" + c.first_label +
           "##2\"), or wrap each in PushID() ... "
           "PopID()";
}

// The stack from ImGui's frame on (the item's call, then the panel's code): the registry's own
// frames on top of it say nothing.
std::vector<StackFrame> from_imgui_on(std::vector<StackFrame> stack) {
    const auto first = std::find_if(stack.begin(), stack.end(), [](const StackFrame& f) {
        return f.function.starts_with("ImGui::");
    });
    if (first != stack.end()) stack.erase(stack.begin(), first);
    return stack;
}

Record::ConflictingItem item(const std::string& label, const float (&rect)[4]) {
    return {label, rect[0], rect[1], rect[2], rect[3]};
}

}  // namespace

RawStack capture_raw_stack() {
    RawStack raw;
    raw.count = stacktrace::capture_pcs(raw.pcs, stacktrace::kMaxFrames);
    return raw;
}

std::string current_panel() {
    const detail::ThreadScope& scope = detail::thread_scope();
    return scope.panels.empty() ? std::string() : std::string(scope.panels.back().name);
}

std::uint64_t report_id_conflict(const IdConflict& conflict) {
    // The registry's "first" label is the one its last ItemInfo held: with two labels (###) it
    // swaps from frame to frame. In label order, the repeats say the same and merge.
    IdConflict c = conflict;
    if (c.second_label < c.first_label) {
        std::swap(c.first_label, c.second_label);
        std::swap(c.first_rect, c.second_rect);
    }
    const std::string where =
        c.panel.empty() ? "window '" + c.window + "'" : "panel '" + c.panel + "'";
    std::string message =
        where + " submitted " + std::to_string(c.count) + " items with the same ID " + hex_id(c.id);
    if (!c.panel.empty()) message += " in window '" + c.window + "'";
    message += ": \"" + c.first_label + "\" and \"" + c.second_label +
               "\"; only the first one works. " + hint(c);

    std::vector<StackFrame> stack =
        from_imgui_on(stacktrace::symbolize(c.stack.pcs, c.stack.count));
    Record r =
        detail::make_record(RecordKind::id_conflict, std::move(message), false, std::move(stack));
    r.panel = c.panel;
    r.window = c.window;
    r.expr = hex_id(c.id);
    if (const StackFrame* call = detail::leak_call_site(r.stack)) {  // the item's call
        r.function = call->function;
        r.file = call->file;
        r.line = call->line;
    }
    r.conflict_id = c.id;
    r.conflicting_items = {item(c.first_label, c.first_rect), item(c.second_label, c.second_rect)};
    r.conflicting_count = c.count;
    // Not commit(): a conflict is a warning about the panel's IDs, not a failure of its run.
    return detail::RecordStore::instance().add(std::move(r));
}

}  // namespace imgui_guard
