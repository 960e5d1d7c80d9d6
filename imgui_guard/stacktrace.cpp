// stacktrace.cpp: capture and symbolization with libbacktrace, demangling with the C++ ABI.
#include "imgui_guard/detail/stacktrace.h"

#include <backtrace.h>
#include <cxxabi.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string_view>

namespace imgui_guard::stacktrace {

namespace {

void ignore_error(void*, const char*, int) {}

// libbacktrace's threaded mode synchronizes with atomics in code no sanitizer sees, and reads
// each compilation unit's debug info lazily on first use. One walk at a time keeps it simple
// and checkable (TSan); walks are rare (failures) and take microseconds once warm. The crash
// handler cannot lock, and does not: its stage 2 is best effort.
std::mutex& walk_mutex() {
    static std::mutex m;
    return m;
}

std::atomic<bool> g_warming{false};

struct Collector {
    std::vector<StackFrame> frames;
    bool skipping_internal = true;  // still inside imgui_guard's own machinery
};

// Frames of the guard's own plumbing, dropped from the top of a captured stack.
bool is_internal(std::string_view function) {
    return function.starts_with("imgui_guard::detail::") ||
           function.starts_with("imgui_guard::stacktrace::") ||
           function.starts_with("imgui_guard::report_error") || function.starts_with("__wrap_");
}

int collect(void* data, std::uintptr_t, const char* file, int line, const char* function) {
    auto& c = *static_cast<Collector*>(data);
    StackFrame frame{function ? demangle(function) : "??", file ? file : "", line};
    if (c.skipping_internal && is_internal(frame.function)) return 0;
    c.skipping_internal = false;
    c.frames.push_back(std::move(frame));
    return c.frames.size() >= static_cast<std::size_t>(kMaxFrames) ? 1 : 0;
}

struct PcBuffer {
    std::uintptr_t* pcs;
    int max;
    int count = 0;
};

int collect_pc(void* data, std::uintptr_t pc) {
    auto& b = *static_cast<PcBuffer*>(data);
    if (b.count >= b.max) return 1;
    b.pcs[b.count++] = pc;
    return 0;
}

}  // namespace

backtrace_state* state() {
    static std::once_flag once;
    static backtrace_state* created = nullptr;
    std::call_once(once, [] {
        created = backtrace_create_state(nullptr, /*threaded=*/1, ignore_error, nullptr);
    });
    return created;
}

void warm() {
    backtrace_state* s = state();
    if (!s) return;
    std::lock_guard lock(walk_mutex());
    g_warming.store(true, std::memory_order_release);
    Collector c;
    backtrace_full(s, 0, collect, ignore_error, &c);
    g_warming.store(false, std::memory_order_release);
}

bool warming() { return g_warming.load(std::memory_order_acquire); }

std::vector<StackFrame> capture() {
    Collector c;
    if (backtrace_state* s = state()) {
        std::lock_guard lock(walk_mutex());
        backtrace_full(s, 0, collect, ignore_error, &c);
    }
    return std::move(c.frames);
}

int capture_pcs(std::uintptr_t* pcs, int max) {
    // No lock: backtrace_simple() only unwinds, it never reads the state's debug info. Every
    // C++ throw comes here (throw_capture.cpp), and must not wait for a warm-up to finish.
    PcBuffer b{pcs, max};
    if (backtrace_state* s = state()) backtrace_simple(s, 0, collect_pc, ignore_error, &b);
    return b.count;
}

std::vector<StackFrame> symbolize(const std::uintptr_t* pcs, int count) {
    Collector c;
    backtrace_state* s = state();
    std::lock_guard lock(walk_mutex());
    if (s)
        for (int i = 0; i < count && c.frames.size() < static_cast<std::size_t>(kMaxFrames); ++i)
            backtrace_pcinfo(s, pcs[i], collect, ignore_error, &c);
    return std::move(c.frames);
}

StackFrame symbolize_address(std::uintptr_t address) {
    Collector c;
    c.skipping_internal = false;
    if (backtrace_state* s = state()) {
        std::lock_guard lock(walk_mutex());
        backtrace_pcinfo(s, address, collect, ignore_error, &c);
    }
    // An entry point is never inlined: the outermost frame is the function itself.
    return c.frames.empty() ? StackFrame{} : c.frames.back();
}

std::string demangle_type(const char* name) {
    int status = 0;
    char* out = abi::__cxa_demangle(name, nullptr, nullptr, &status);
    if (status != 0 || out == nullptr) return name;
    std::string result(out);
    std::free(out);
    return result;
}

// Function symbols are mangled as "_Z..."; C names and plain type names pass through as is.
std::string demangle(const char* name) {
    return std::strncmp(name, "_Z", 2) == 0 ? demangle_type(name) : std::string(name);
}

std::string format(const std::vector<StackFrame>& stack) {
    std::string out;
    for (std::size_t i = 0; i < stack.size(); ++i) {
        const StackFrame& f = stack[i];
        out += "#" + std::to_string(i) + (i < 10 ? "  " : " ") + f.function;
        if (!f.file.empty()) out += " at " + f.file + ":" + std::to_string(f.line);
        out += '\n';
    }
    return out;
}

}  // namespace imgui_guard::stacktrace
