// crash_handler.cpp: fatal-signal reports. Everything reachable from on_fatal_signal() is
// async-signal-safe in stage 1 (no malloc, no stdio, no locks): a crash may hold the malloc lock.
#include "imgui_guard/crash_handler.h"

#include <backtrace.h>
#include <execinfo.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "imgui_guard/detail/null_deref_recovery.h"
#include "imgui_guard/detail/stacktrace.h"

namespace imgui_guard {

namespace {

constexpr int kSignals[] = {SIGSEGV, SIGABRT, SIGFPE, SIGILL, SIGBUS, SIGTRAP};
constexpr std::size_t kAltStackBytes = 1 << 20;

char g_report_path[4096];            // written once at install, read in the handler
backtrace_state* g_state = nullptr;  // created at install

// --- the crash as other threads see it (fatal_signal()) ----------------------------------------
// The handler's first store is g_crash: signal and tid in one word, so a reader never sees half
// of it, and a second crashing thread cannot overwrite the first (compare-exchange from 0).
constexpr int kTidShift = 8;  // signal numbers are below 65
std::atomic<std::uint64_t> g_crash{0};
std::atomic<const char*> g_crash_role{nullptr};  // the crashing thread's t_role
std::atomic<std::int64_t> g_crash_ns{0};         // CLOCK_MONOTONIC when the handler started
std::atomic<bool> g_report_written{false};
thread_local char t_role[32];  // set_thread_role(); read only by the handler on its own thread

std::int64_t monotonic_ns() {
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);  // async-signal-safe
    return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// --- async-signal-safe output ----------------------------------------------------------------

void put(int fd, const char* text) {
    std::size_t left = std::strlen(text);
    while (left > 0) {
        const ssize_t n = ::write(fd, text, left);
        if (n <= 0) {
            if (n < 0 && errno == EINTR) continue;
            return;
        }
        text += n;
        left -= static_cast<std::size_t>(n);
    }
}

void put_number(int fd, unsigned long long value, int base = 10) {
    char buf[32];
    int i = sizeof buf - 1;
    buf[i] = '\0';
    do {
        buf[--i] = "0123456789abcdef"[value % base];
        value /= base;
    } while (value > 0 && i > 0);
    if (base == 16) put(fd, "0x");
    put(fd, buf + i);
}

// A small unmangler for the common forms (_ZN ... E nested names, _Z<len><name>), writing into a
// fixed buffer. Templates, lambdas and the rest fall back to the mangled name (returns false).
bool unmangle(const char* m, char* out, std::size_t cap) {
    std::size_t len = 0;
    auto append = [&](const char* s, std::size_t n) {
        if (len + n + 1 > cap) return false;
        std::memcpy(out + len, s, n);
        len += n;
        out[len] = '\0';
        return true;
    };
    if (std::strncmp(m, "_Z", 2) != 0) return false;
    const char* p = m + 2;
    const bool nested = *p == 'N';
    if (nested) {
        ++p;
        while (*p == 'r' || *p == 'V' || *p == 'K' || *p == 'R' || *p == 'O') ++p;
    }
    const char* last = nullptr;
    std::size_t last_len = 0;
    bool first = true;
    while (*p) {
        if (nested && *p == 'E') {
            ++p;
            break;
        }
        if (!first && !append("::", 2)) return false;
        first = false;
        if (p[0] == 'S' && p[1] == 't') {
            if (!append("std", 3)) return false;
            p += 2;
        } else if ((p[0] == 'C' || p[0] == 'D') && p[1] >= '0' && p[1] <= '4' && last) {
            if (p[0] == 'D' && !append("~", 1)) return false;
            if (!append(last, last_len)) return false;
            p += 2;
        } else if (*p >= '0' && *p <= '9') {
            std::size_t n = 0;
            while (*p >= '0' && *p <= '9') n = n * 10 + static_cast<std::size_t>(*p++ - '0');
            if (std::strlen(p) < n) return false;
            if (n == 12 && std::strncmp(p, "_GLOBAL__N_1", 12) == 0) {
                if (!append("(anonymous namespace)", 21)) return false;
            } else if (!append(p, n)) {
                return false;
            }
            last = p;
            last_len = n;
            p += n;
        } else {
            return false;
        }
        if (!nested) break;
    }
    return append(*p == 'v' && p[1] == '\0' ? "()" : "(...)", *p == 'v' && p[1] == '\0' ? 2 : 5);
}

// A stack overflow has tens of thousands of frames; the innermost ones say what recursed.
constexpr int kMaxSymbolizedFrames = 128;

struct SymbolizedOutput {
    int fd;
    int frames = 0;
};

int write_symbolized_frame(void* data, std::uintptr_t pc, const char* file, int line,
                           const char* function) {
    auto& output = *static_cast<SymbolizedOutput*>(data);
    const int fd = output.fd;
    if (++output.frames > kMaxSymbolizedFrames) {
        put(fd, "  ... (more frames not shown)\n");
        return 1;  // stops the walk
    }
    put(fd, "  ");
    put_number(fd, pc, 16);
    put(fd, " ");
    if (function) {
        char readable[512];
        if (unmangle(function, readable, sizeof readable)) {
            put(fd, readable);
            put(fd, " [");
            put(fd, function);
            put(fd, "]");
        } else {
            put(fd, function);
        }
    } else {
        put(fd, "??");
    }
    if (file) {
        put(fd, " at ");
        put(fd, file);
        put(fd, ":");
        put_number(fd, static_cast<unsigned long long>(line));
    }
    put(fd, "\n");
    return 0;
}

void ignore_error(void*, const char*, int) {}

void copy_file(int out, const char* path) {
    const int in = ::open(path, O_RDONLY | O_CLOEXEC);
    if (in < 0) return;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(in, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0 && ::write(out, buf, static_cast<std::size_t>(n)) < 0) break;
    ::close(in);
}

// Returns false when another thread's crash is already being handled.
bool mark_crashing(int sig, long tid) {
    std::uint64_t none = 0;
    const std::uint64_t crash =
        (static_cast<std::uint64_t>(tid) << kTidShift) | static_cast<std::uint64_t>(sig);
    if (!g_crash.compare_exchange_strong(none, crash, std::memory_order_acq_rel)) return false;
    g_crash_ns.store(monotonic_ns(), std::memory_order_release);
    g_crash_role.store(t_role[0] ? t_role : nullptr, std::memory_order_release);
    return true;
}

// A crash during the symbolizer's warm-up (the first ~100 ms after the window opens) waits for
// it to finish, then symbolizes with its state: walking now would read the half-read debug info
// a second time. Health already says `crashed` meanwhile. Not on the warm-up's own thread (a
// crash inside libbacktrace), and never longer than kWarmUpWaitNs: then the raw frames stay.
constexpr std::int64_t kWarmUpWaitNs = 1'000'000'000;

bool await_symbolizer() {
    if (std::strcmp(t_role, stacktrace::kWarmUpRole) == 0) return !stacktrace::warming();
    const std::int64_t until = monotonic_ns() + kWarmUpWaitNs;
    while (stacktrace::warming()) {
        if (monotonic_ns() > until) return false;
        const timespec pause{0, 1'000'000};
        ::nanosleep(&pause, nullptr);  // async-signal-safe
    }
    return true;
}

void write_report(int fd, int sig, const siginfo_t* info, long tid, std::int64_t started_ns) {
    const char* name = sigabbrev_np(sig);
    // Stage 1: async-signal-safe facts.
    put(fd, "imhost crash report\nsignal: ");
    put_number(fd, static_cast<unsigned>(sig));
    put(fd, " (SIG");
    put(fd, name ? name : "?");
    put(fd, ")\ncode: ");
    put_number(fd, static_cast<unsigned>(info ? info->si_code : 0));
    put(fd, "\naddress: ");
    put_number(fd, reinterpret_cast<std::uintptr_t>(info ? info->si_addr : nullptr), 16);
    put(fd, "\npid: ");
    put_number(fd, static_cast<unsigned>(::getpid()));
    put(fd, "\ntid: ");
    put_number(fd, static_cast<unsigned long long>(tid));
    put(fd, "\nthread: ");
    put(fd, t_role[0] ? t_role : "(no role set)");
    // CLOCK_MONOTONIC, the clock of other processes too: a harness or the bench can tell how
    // long after the signal it saw health say `crashed`, or the process exit.
    put(fd, "\nmonotonic_ns: ");
    put_number(fd, static_cast<unsigned long long>(started_ns));
    put(fd, "\n\n--- raw frames ---\n");
    void* frames[64];
    const int n = ::backtrace(frames, 64);
    ::backtrace_symbols_fd(frames, n, fd);
    put(fd, "\n--- /proc/self/maps ---\n");
    copy_file(fd, "/proc/self/maps");

    // Stage 2: names, files and lines, best effort (libbacktrace allocates with mmap only).
    // Only this thread's frames: its state is warm, and it reads the line tables of just the
    // units those frames are in (some tens of ms on a cold unit, measured).
    put(fd, "\n--- symbolized frames ---\n");
    SymbolizedOutput output{fd};
    if (!await_symbolizer())
        put(fd, "(the symbolizer was still reading the debug info: see the raw frames above)\n");
    else if (g_state)
        backtrace_full(g_state, 0, write_symbolized_frame, ignore_error, &output);
    put(fd, "--- end of report ---\n");
}

// A handler that cannot finish (a lock the crash left held, the report path blocking) must still
// end the process, and by the same signal: after kReportBudgetS, SIGALRM raises it again with the
// default action (unblocked on the thread that takes the alarm, which may be the stuck one).
constexpr unsigned kReportBudgetS = 3;  // the report takes 40-160 ms here

void on_report_timeout(int) {
    int sig = static_cast<int>(g_crash.load() & ((1u << kTidShift) - 1));
    if (sig == 0) sig = SIGABRT;
    // This thread may be the stuck handler's own (the signal is blocked there): unblock it.
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, sig);
    ::signal(sig, SIG_DFL);
    ::sigprocmask(SIG_UNBLOCK, &only, nullptr);
    ::raise(sig);
    ::_exit(128 + sig);  // cannot be reached with the default action; kept as the last resort
}

void on_fatal_signal(int sig, siginfo_t* info, void* ucontext) {
    // A null dereference inside a guarded panel jumps back to its guard instead of returning:
    // it is not a crash, so it is decided before the crashing mark below.
    detail::recover_null_deref_or_return(sig, info, ucontext);
    // First: from this store on, health says `crashed` and every GUI command fails at once.
    // Whatever handles a signal without the process dying must decide before this line.
    const long tid = ::syscall(SYS_gettid);
    const bool first = mark_crashing(sig, tid);
    // Any further fatal signal (a second thread, or stage 2 itself) gets the default action.
    for (int s : kSignals) ::signal(s, SIG_DFL);
    if (first) {
        ::signal(SIGALRM, on_report_timeout);
        ::alarm(kReportBudgetS);
    }
    const int saved_errno = errno;

    const char* name = sigabbrev_np(sig);
    put(2, "imgui_guard: fatal signal SIG");
    put(2, name ? name : "?");
    put(2, "; crash report: ");
    put(2, g_report_path);
    put(2, "\n");
    const int fd = ::open(g_report_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0) {
        write_report(fd, sig, info, tid, first ? g_crash_ns.load() : monotonic_ns());
        ::close(fd);
    }
    if (first) g_report_written.store(true, std::memory_order_release);
    errno = saved_errno;
    ::raise(sig);  // blocked until we return; then the default action ends the process
}

struct AltStack {
    void* memory = nullptr;
    ~AltStack() {
        if (!memory) return;
        stack_t disable{};
        disable.ss_flags = SS_DISABLE;
        ::sigaltstack(&disable, nullptr);
        ::munmap(memory, kAltStackBytes);
    }
};

}  // namespace

void install_alt_stack_for_this_thread() {
    thread_local AltStack alt;
    if (alt.memory) return;
    void* memory = ::mmap(nullptr, kAltStackBytes, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (memory == MAP_FAILED) return;
    stack_t stack{};
    stack.ss_sp = memory;
    stack.ss_size = kAltStackBytes;
    if (::sigaltstack(&stack, nullptr) != 0) {
        ::munmap(memory, kAltStackBytes);
        return;
    }
    alt.memory = memory;
}

std::string install_crash_handler(const std::string& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return "cannot create the crash directory " + dir + ": " + ec.message();
    const std::string path =
        (std::filesystem::absolute(dir, ec) / ("crash-" + std::to_string(::getpid()) + ".txt"))
            .string();
    if (path.size() >= sizeof g_report_path) return "crash directory path too long: " + dir;
    std::memcpy(g_report_path, path.c_str(), path.size() + 1);

    // backtrace() loads libgcc_s on first use (malloc): do it now, not in the handler.
    void* frames[4];
    (void)::backtrace(frames, 4);
    g_state = stacktrace::state();
    install_alt_stack_for_this_thread();

    struct sigaction action {};
    action.sa_sigaction = on_fatal_signal;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    for (int s : kSignals)
        if (::sigaction(s, &action, nullptr) != 0)
            return std::string("sigaction failed: ") + std::strerror(errno);
    return {};
}

std::string crash_report_path() { return g_report_path; }

void set_thread_role(const char* role) {
    std::strncpy(t_role, role ? role : "", sizeof t_role - 1);
    t_role[sizeof t_role - 1] = '\0';
}

std::optional<FatalSignal> fatal_signal() {
    const std::uint64_t crash = g_crash.load(std::memory_order_acquire);
    if (crash == 0) return std::nullopt;
    FatalSignal out;
    out.signal = static_cast<int>(crash & ((1u << kTidShift) - 1));
    out.tid = static_cast<long>(crash >> kTidShift);
    // The role's text was written when the thread started, long before its pointer is stored.
    if (const char* role = g_crash_role.load(std::memory_order_acquire)) out.thread_role = role;
    out.report_written = g_report_written.load(std::memory_order_acquire);
    if (const std::int64_t at = g_crash_ns.load(std::memory_order_acquire); at != 0)
        out.age_ms = static_cast<double>(monotonic_ns() - at) / 1e6;
    out.report_path = g_report_path;
    return out;
}

std::string describe(const FatalSignal& crash) {
    const char* name = sigabbrev_np(crash.signal);
    std::string thread;
    if (!crash.thread_role.empty()) {
        thread = "the " + crash.thread_role + " thread";
    } else {  // no role: the name the OS knows it by, if any
        std::ifstream comm("/proc/self/task/" + std::to_string(crash.tid) + "/comm");
        std::string os_name;
        std::getline(comm, os_name);
        thread = os_name.empty() ? "a thread" : "thread '" + os_name + "'";
    }
    std::string out = std::string("fatal signal SIG") + (name ? name : "?") + " on " + thread +
                      " (tid " + std::to_string(crash.tid) + "); ";
    if (crash.report_written)
        out += "crash report written to " + crash.report_path + ", the process is exiting";
    else
        out += "writing the crash report " + crash.report_path;
    return out;
}

}  // namespace imgui_guard
