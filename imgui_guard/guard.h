// guard.h: imgui_guard's public API. What the app and the hooks call.
//
// Index of this file
//   [SECTION] Records         what a failure leaves behind
//   [SECTION] Reading         snapshots and history, from any thread
//   [SECTION] Guarded scopes  panels (GUI thread)
//   [SECTION] Frame guard     the last line of defence around a whole frame (GUI thread)
//   [SECTION] Reporting       errors from outside ImGui (IO pool, ...)
//   [SECTION] Setup           warming the stack symbolizer (see crash_handler.h for signals)
//
// Every failed ImGui assertion (IM_ASSERT / IM_ASSERT_USER_ERROR, see imgui_guard_config.h), every
// scope a panel leaves open, every exception a panel throws becomes a Record with a symbolized
// stack. Identical repeats merge into one record with a count.
//
// How a failure is handled depends on where it happens:
//   IM_ASSERT_USER_ERROR (API misuse)   recorded; ImGui repairs its state by itself
//   IM_ASSERT inside guarded()/a frame  recorded, then AssertionFailure is thrown and caught by
//                                       the nearest guard, which recovers ImGui's stacks
//   IM_ASSERT elsewhere                 recorded, then execution continues (GLFW callbacks,
//                                       destructors and recovery itself must never throw)
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace imgui_guard {

//-----------------------------------------------------------------------------
// [SECTION] Records
//-----------------------------------------------------------------------------

enum class RecordKind {
    assert_failure,
    user_error,
    scope_leak,
    exception,
    io_error,
    crash,
    id_conflict,  // two or more items with one ImGuiID in a frame (report_id_conflict())
};
const char* kind_name(RecordKind kind);  // "assert", "user_error", "scope_leak", ...

struct StackFrame {
    std::string function;  // demangled
    std::string file;
    int line = 0;
};

struct Record {
    std::uint64_t seq = 0;  // newer records (and merged repeats) get a higher seq
    RecordKind kind = RecordKind::assert_failure;
    std::string message, expr, file, function;
    int line = 0;
    std::string panel;   // the guarded scope, "" outside one
    std::string window;  // the current ImGui window
    std::vector<std::string> window_stack;
    std::uint64_t frame = 0;
    double time = 0;          // seconds since the Unix epoch
    std::uint64_t count = 1;  // identical repeats merged into this record
    std::vector<StackFrame> stack;
    std::string stacktrace;  // the same stack, readable
    // scope_leak only: the call that opened the leaked window (Begin()/BeginChild() in the
    // panel's code), once the guard has seen it. A leak is found after the panel returned, so
    // the first record's stack starts at the panel; when the panel leaks the window again, the
    // record's stack is the one of that Begin() (frame 0 is ImGui's Begin, then this call), and
    // function/file/line name this call. Repeats merge whatever the stack (same panel, window
    // and message), and a repeat seen without the site keeps the site's stack.
    std::optional<StackFrame> leak_site;
    // id_conflict only: the ID, the first two items that share it (raw label, rect) and how
    // many do. The message names the labels and the hint; the rects are the latest frame's.
    struct ConflictingItem {
        std::string label;
        float x = 0, y = 0, w = 0, h = 0;
    };
    unsigned conflict_id = 0;
    std::vector<ConflictingItem> conflicting_items;
    int conflicting_count = 0;
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
                  crashes = 0, id_conflicts = 0, recoveries = 0;  // totals, repeats included
    std::uint64_t errors_since_clear = 0;
    std::uint64_t last_seq = 0;
    std::vector<std::string> quarantined_panels;
    std::optional<Record> last_assert;  // newest assert / user_error / scope_leak / id_conflict
    std::optional<Record> last_error;   // newest exception / io_error / crash
};

GuardSnapshot snapshot();
// The same, shared instead of copied: a new pointer whenever anything changed (health caches on
// it).
std::shared_ptr<const GuardSnapshot> shared_snapshot();
std::vector<Record> records_since(std::uint64_t seq);  // the bounded history (last 256)
void clear_errors();  // errors_since_clear = 0, history and last_* emptied; totals kept

inline constexpr std::size_t kHistorySize = 256;

//-----------------------------------------------------------------------------
// [SECTION] Guarded scopes (GUI thread, inside a frame)
//-----------------------------------------------------------------------------

// Draws one panel inside a guard: stack sizes are compared before/after (scope_leak records
// naming what leaked), AssertionFailure and std::exception are caught, the ImGui state is
// recovered, and the frame goes on. A panel that faults on 3 consecutive frames is quarantined
// (not drawn) until reenable_panel(). Returns false if the panel faulted or is quarantined.
// A plain function pointer (or a std::function holding one) is named in scope_leak stacks.
bool guarded(const char* panel, const std::function<void()>& draw);

inline constexpr int kQuarantineAfterFrames = 3;  // consecutive faulty frames

void reenable_panel(const std::string& panel);     // any thread
void reenable_all_panels();                        // any thread
std::vector<std::string> panels_drawn_recently();  // names guarded() saw in the last 2 frames
bool panel_quarantined(const std::string& panel);  // any thread

void set_frame_index(std::uint64_t frame);  // stamped on records (GUI thread, once per frame)

// Runs inside every guarded scope right after the panel's draw returns, with the panel's name,
// so its failures count as the panel's. Fault injection uses it. nullptr removes it.
void set_scope_hook(std::function<void(const std::string& panel)> hook);

//-----------------------------------------------------------------------------
// [SECTION] Frame guard (GUI thread)
//-----------------------------------------------------------------------------

struct FrameOutcome {
    bool rendered = true;  // ImGui::Render() completed: the draw data can be used
    bool fatal = false;    // ImGui can no longer make frames; stop the frame loop
    std::string reason;    // why, when fatal (for health's phase reason)
};

// One whole ImGui frame behind the last line of defence: `new_frame` (backend NewFrame +
// ImGui::NewFrame()), `draw`, then ImGui::Render(). A failure in `draw` outside any panel guard
// is recorded and ImGui's stacks are recovered to their state after NewFrame(); Render() is
// retried once with asserts off. If NewFrame() fails (e.g. "Forgot to call Render()") or the
// frame cannot be finished, the outcome is fatal: ImGui is unusable and the caller must stop.
FrameOutcome guarded_frame(const std::function<void()>& new_frame,
                           const std::function<void()>& draw);

//-----------------------------------------------------------------------------
// [SECTION] Reporting (any thread)
//-----------------------------------------------------------------------------

// Records an error from outside ImGui (kind io_error, exception or crash) with the caller's
// stack, so it shows in health's last_error. Returns the record's seq.
std::uint64_t report_error(RecordKind kind, const std::string& message,
                           const std::string& where = {});

// The calling thread's raw stack (~2 us), symbolized only if it ends up in a record.
struct RawStack {
    std::uintptr_t pcs[48] = {};
    int count = 0;
};
RawStack capture_raw_stack();

// The innermost guarded() panel of the calling thread, "" outside one (GUI thread).
std::string current_panel();

// Two or more items submitted with the same ImGuiID in one frame: ImGui only highlights it
// while the mouse hovers them, and the second one does nothing ("my button does nothing").
// The hooks' item registry sees every item and reports each conflicting ID once per frame; the
// record (kind id_conflict, health `warn`) names the window, the panel, both labels, the hint,
// and holds both rects; repeats merge. It is not a panel failure: the panel is not quarantined.
struct IdConflict {
    unsigned id = 0;
    std::string window;
    std::string panel;                              // current_panel() at the second item
    std::string first_label, second_label;          // raw labels ("Save##a"), "" if ImGui gave none
    float first_rect[4] = {}, second_rect[4] = {};  // x, y, w, h
    int count = 2;                                  // items with this ID in the frame
    RawStack stack;                                 // at the second item
};
std::uint64_t report_id_conflict(const IdConflict& conflict);

//-----------------------------------------------------------------------------
// [SECTION] Setup
//-----------------------------------------------------------------------------

// The first symbolized stack reads the program's debug info (~100 ms for imhost); later ones
// take ~11 us. Stacks work without a warm-up too: the first record or crash report pays then.
//   warm_up()                 reads it now, on the calling thread.
//   warm_up_in_background()   reads it on a thread of its own and returns at once, so start-up
//                             does not wait. A record made meanwhile waits for it and gets its
//                             symbolized stack; a crash report made meanwhile waits for it too
//                             (health says `crashed` at once all the same).
//                             It holds the dynamic loader's lock while it reads (libbacktrace
//                             reads inside dl_iterate_phdr()): start it once the libraries that
//                             start-up dlopen()s are in (GLFW's, the GL driver's), or they wait.
//   wait_for_warm_up()        until the background warm-up is done. Call it before the process
//                             unloads libraries (glfwTerminate() dlclose()s the GL driver) or
//                             exits: the warm-up reads every loaded library meanwhile.
void warm_up();
void warm_up_in_background();
void wait_for_warm_up();

}  // namespace imgui_guard
