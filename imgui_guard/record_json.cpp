// record_json.cpp: the JSON shape of a record (GET /api/errors, health's last_assert/last_error).
#include <nlohmann/json.hpp>

#include "imgui_guard/guard.h"

namespace imgui_guard {

const char* kind_name(RecordKind kind) {
    switch (kind) {
        case RecordKind::assert_failure:
            return "assert";
        case RecordKind::user_error:
            return "user_error";
        case RecordKind::scope_leak:
            return "scope_leak";
        case RecordKind::exception:
            return "exception";
        case RecordKind::io_error:
            return "io_error";
        case RecordKind::crash:
            return "crash";
        case RecordKind::id_conflict:
            return "id_conflict";
    }
    return "unknown";
}

void to_json(nlohmann::json& out, const Record& r) {
    nlohmann::json stack = nlohmann::json::array();
    for (const StackFrame& f : r.stack)
        stack.push_back({{"function", f.function}, {"file", f.file}, {"line", f.line}});
    out = {{"seq", r.seq},
           {"kind", kind_name(r.kind)},
           {"message", r.message},
           {"expr", r.expr},
           {"file", r.file},
           {"line", r.line},
           {"function", r.function},
           {"panel", r.panel},
           {"window", r.window},
           {"window_stack", r.window_stack},
           {"frame", r.frame},
           {"time", r.time},
           {"count", r.count},
           {"stack", std::move(stack)},
           {"stacktrace", r.stacktrace},
           {"leak_site", nullptr},
           {"id_conflict", nullptr}};
    if (r.leak_site)
        out["leak_site"] = {{"function", r.leak_site->function},
                            {"file", r.leak_site->file},
                            {"line", r.leak_site->line}};
    if (r.kind == RecordKind::id_conflict) {
        nlohmann::json items = nlohmann::json::array();
        for (const Record::ConflictingItem& i : r.conflicting_items)
            items.push_back(
                {{"label", i.label}, {"rect", {{"x", i.x}, {"y", i.y}, {"w", i.w}, {"h", i.h}}}});
        out["id_conflict"] = {
            {"id", r.conflict_id}, {"count", r.conflicting_count}, {"items", std::move(items)}};
    }
}

}  // namespace imgui_guard
