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
           {"leak_site", nullptr}};
    if (r.leak_site)
        out["leak_site"] = {{"function", r.leak_site->function},
                            {"file", r.leak_site->file},
                            {"line", r.leak_site->line}};
}

}  // namespace imgui_guard
