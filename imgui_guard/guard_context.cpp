// guard_context.cpp: per-thread guard state, the frame stamp, and building records.
#include "imgui_guard/detail/guard_context.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "imgui.h"
#include "imgui_guard/crash_handler.h"
#include "imgui_guard/detail/record_store.h"
#include "imgui_internal.h"

namespace imgui_guard {

namespace detail {

namespace {
std::atomic<std::uint64_t> g_frame{0};
}

ThreadScope& thread_scope() {
    thread_local ThreadScope scope;
    return scope;
}

GuardedScope::GuardedScope(ThreadScope& scope, const char* panel)
    : scope_(scope), has_panel_(panel != nullptr) {
    ++scope_.guarded_depth;
    if (has_panel_) scope_.panels.push_back({panel});
}

GuardedScope::~GuardedScope() {
    --scope_.guarded_depth;
    if (has_panel_) scope_.panels.pop_back();
}

std::uint64_t current_frame() { return g_frame.load(std::memory_order_relaxed); }

Record make_record(RecordKind kind, std::string message, bool read_imgui,
                   std::vector<StackFrame> stack) {
    Record r;
    r.kind = kind;
    r.message = std::move(message);
    const ThreadScope& scope = thread_scope();
    if (!scope.panels.empty()) r.panel = scope.panels.back().name;
    if (read_imgui) {
        if (ImGuiContext* g = ImGui::GetCurrentContext()) {
            if (g->CurrentWindow) r.window = g->CurrentWindow->Name;
            for (const ImGuiWindowStackData& d : g->CurrentWindowStack)
                if (d.Window) r.window_stack.emplace_back(d.Window->Name);
        }
    }
    r.frame = current_frame();
    r.time =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    r.stack = stack.empty() ? stacktrace::capture() : std::move(stack);
    r.stacktrace = stacktrace::format(r.stack);
    if (!r.stack.empty()) r.function = r.stack.front().function;
    // The place: the first frame that has one (a lambda's panel entry frame has no file).
    for (const StackFrame& f : r.stack)
        if (!f.file.empty()) {
            r.file = f.file;
            r.line = f.line;
            break;
        }
    return r;
}

std::uint64_t commit(Record record) {
    ThreadScope& scope = thread_scope();
    ++scope.failures;
    PanelRun* run = scope.panels.empty() ? nullptr : &scope.panels.back();
    if (run && run->first_seq != 0 && record.panel == run->name) return run->first_seq;
    const std::uint64_t seq = RecordStore::instance().add(std::move(record));
    if (run && run->first_seq == 0) run->first_seq = seq;
    return seq;
}

}  // namespace detail

void set_frame_index(std::uint64_t frame) {
    detail::g_frame.store(frame, std::memory_order_relaxed);
}

void warm_up() { stacktrace::warm(); }

namespace {
// Joined by wait_for_warm_up(), or at exit by the destructor (a joinable std::thread would
// terminate the process there).
struct WarmUpThread {
    std::mutex mutex;
    std::thread thread;
    void join() {
        std::lock_guard lock(mutex);
        if (thread.joinable()) thread.join();
    }
    ~WarmUpThread() { join(); }
};
WarmUpThread g_warm_up;
}  // namespace

void warm_up_in_background() {
    std::lock_guard lock(g_warm_up.mutex);
    if (g_warm_up.thread.joinable()) return;
    g_warm_up.thread = std::thread([] {
        set_thread_role(stacktrace::kWarmUpRole);
        stacktrace::warm();
    });
}

void wait_for_warm_up() { g_warm_up.join(); }

}  // namespace imgui_guard
