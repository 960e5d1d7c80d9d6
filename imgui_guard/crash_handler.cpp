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

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "imgui_guard/detail/null_deref_recovery.h"
#include "imgui_guard/detail/stacktrace.h"

namespace imgui_guard {

namespace {

constexpr int kSignals[] = {SIGSEGV, SIGABRT, SIGFPE, SIGILL, SIGBUS};
constexpr std::size_t kAltStackBytes = 1 << 20;

char g_report_path[4096];            // written once at install, read in the handler
backtrace_state* g_state = nullptr;  // created at install

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

void on_fatal_signal(int sig, siginfo_t* info, void* ucontext) {
    // A null dereference inside a guarded panel jumps back to its guard instead of returning.
    detail::recover_null_deref_or_return(sig, info, ucontext);
    // Any further fatal signal (a second thread, or stage 2 itself) gets the default action.
    for (int s : kSignals) ::signal(s, SIG_DFL);
    const int saved_errno = errno;

    const int fd = ::open(g_report_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const char* name = sigabbrev_np(sig);
    put(2, "imgui_guard: fatal signal SIG");
    put(2, name ? name : "?");
    put(2, "; crash report: ");
    put(2, g_report_path);
    put(2, "\n");
    if (fd >= 0) {
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
        put_number(fd, static_cast<unsigned long long>(::syscall(SYS_gettid)));
        put(fd, "\n\n--- raw frames ---\n");
        void* frames[64];
        const int n = ::backtrace(frames, 64);
        ::backtrace_symbols_fd(frames, n, fd);
        put(fd, "\n--- /proc/self/maps ---\n");
        copy_file(fd, "/proc/self/maps");

        // Stage 2: names, files and lines, best effort (libbacktrace allocates with mmap only).
        put(fd, "\n--- symbolized frames ---\n");
        SymbolizedOutput output{fd};
        if (g_state) backtrace_full(g_state, 0, write_symbolized_frame, ignore_error, &output);
        put(fd, "--- end of report ---\n");
        ::close(fd);
    }
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

}  // namespace imgui_guard
