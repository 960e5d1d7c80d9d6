// guard.h: imgui_guard's public API. What the app and the hooks call.
//
// Index of this file
//   [SECTION] Records         what a failure leaves behind
//   [SECTION] Reading         snapshots and history, from any thread
//   [SECTION] Guarded scopes  panels and frames (GUI thread)
//   [SECTION] Reporting       errors from outside ImGui (IO pool, ...)
//
// Every failed ImGui assertion (IM_ASSERT / IM_ASSERT_USER_ERROR, see imgui_guard_config.h), every
// scope a panel leaves open, every exception a panel throws becomes a Record with a symbolized
// stack. Identical repeats merge into one record with a count.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace imgui_guard {

//-----------------------------------------------------------------------------
// [SECTION] Records
//-----------------------------------------------------------------------------

enum class RecordKind { assert_failure, user_error, scope_leak, exception, io_error, crash };
const char* kind_name(RecordKind kind);  // "assert", "user_error", "scope_leak", ...

struct StackFrame {
    std::string function;  // demangled
    std::string file;
    int line = 0;
};

struct Record {
    std::uint64_t seq = 0;                 // newer records (and merged repeats) get a higher seq
    RecordKind kind = RecordKind::assert_failure;
    std::string message, expr, file, function;
    int line = 0;
    std::string panel;                     // the guarded scope, "" outside one
    std::string window;                    // the current ImGui window
    std::vector<std::string> window_stack;
    std::uint64_t frame = 0;
    double time = 0;                       // seconds since the Unix epoch
    std::uint64_t count = 1;               // identical repeats merged into this record
    std::vector<StackFrame> stack;
    std::string stacktrace;                // the same stack, readable
};

void to_json(nlohmann::json& out, const Record& record);  // the health / errors JSON shape

// Thrown by IM_ASSERT inside a guarded scope; caught by the scope's guard.
class AssertionFailure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

//-----------------------------------------------------------------------------
// [SECTION] Reading (any thread; never waits on the GUI thread)
//-----------------------------------------------------------------------------

struct GuardSnapshot {
    std::uint64_t asserts = 0, user_errors = 0, scope_leaks = 0, exceptions = 0, io_errors = 0,
                  crashes = 0, recoveries = 0;
    std::uint64_t errors_since_clear = 0;
    std::uint64_t last_seq = 0;
    std::vector<std::string> quarantined_panels;
    std::optional<Record> last_assert;  // newest assert / user_error / scope_leak
    std::optional<Record> last_error;   // newest exception / io_error / crash
};

GuardSnapshot snapshot();
std::vector<Record> records_since(std::uint64_t seq);  // the bounded history (last 256)
void clear_errors();        // errors_since_clear = 0, history and last_* emptied; totals kept

//-----------------------------------------------------------------------------
// [SECTION] Guarded scopes (GUI thread)
//-----------------------------------------------------------------------------

// Draws one panel inside a guard: stack sizes are compared before/after (scope_leak records
// naming what leaked), AssertionFailure and std::exception are caught, the ImGui state is
// recovered, and the frame goes on. A panel that faults on 3 consecutive frames is quarantined
// (not drawn) until reenable_panel(). Returns false if the panel faulted or is quarantined.
bool guarded(const char* panel, const std::function<void()>& draw);

void reenable_panel(const std::string& panel);
void reenable_all_panels();

void set_frame_index(std::uint64_t frame);  // stamped on records

//-----------------------------------------------------------------------------
// [SECTION] Reporting (any thread)
//-----------------------------------------------------------------------------

// Records an error from outside ImGui (kind io_error, exception or crash) with the caller's
// stack, so it shows in health's last_error. Returns the record's seq.
std::uint64_t report_error(RecordKind kind, const std::string& message,
                           const std::string& where = {});

}  // namespace imgui_guard
