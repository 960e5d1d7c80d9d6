// guard_stub.cpp: placeholder bodies of guard.h so the other parts build while the guard lands.
#include <nlohmann/json.hpp>

#include "imgui_guard/guard.h"

namespace imgui_guard {

const char* kind_name(RecordKind kind) {
    switch (kind) {
        case RecordKind::assert_failure: return "assert";
        case RecordKind::user_error: return "user_error";
        case RecordKind::scope_leak: return "scope_leak";
        case RecordKind::exception: return "exception";
        case RecordKind::io_error: return "io_error";
        case RecordKind::crash: return "crash";
    }
    return "unknown";
}

void to_json(nlohmann::json& out, const Record& r) {
    out = {{"seq", r.seq}, {"kind", kind_name(r.kind)}, {"message", r.message}};
}

GuardSnapshot snapshot() { return {}; }
std::vector<Record> records_since(std::uint64_t) { return {}; }
void clear_errors() {}
bool guarded(const char*, const std::function<void()>& draw) {
    draw();
    return true;
}
void reenable_panel(const std::string&) {}
void reenable_all_panels() {}
void set_frame_index(std::uint64_t) {}
std::uint64_t report_error(RecordKind, const std::string&, const std::string&) { return 0; }

}  // namespace imgui_guard
