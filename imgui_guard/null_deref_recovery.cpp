// null_deref_recovery.cpp: surviving a null dereference inside a guarded panel
// (null_deref_recovery.h says when, and its limits). Everything the crash handler calls here is
// async-signal-safe: loads of plain and thread-local variables, sigaction(), backtrace()
// (loaded at the handler's install).
#include "imgui_guard/detail/null_deref_recovery.h"

#include <execinfo.h>
#include <link.h>
#include <ucontext.h>

#include <algorithm>
#include <atomic>

namespace imgui_guard {

namespace detail {

namespace {

// Linux refuses to map the first 64 KiB (vm.mmap_min_addr): a fault there is a null pointer or
// a field read through one.
constexpr std::uintptr_t kNullPages = 0x10000;

std::atomic<bool> g_enabled{true};

// The executable's own code: Dear ImGui and the app are linked into it, libc and the allocator
// are not. Found once, before any fault, with dl_iterate_phdr (not async-signal-safe).
struct CodeRange {
    std::uintptr_t begin = 0, end = 0;
};
CodeRange g_code[4];
std::atomic<int> g_code_count{-1};  // -1: not looked up yet

int note_executable_code(dl_phdr_info* info, std::size_t, void*) {
    int n = 0;
    for (int i = 0; i < info->dlpi_phnum && n < 4; ++i) {
        const ElfW(Phdr)& ph = info->dlpi_phdr[i];
        if (ph.p_type == PT_LOAD && (ph.p_flags & PF_X))
            g_code[n++] = {info->dlpi_addr + ph.p_vaddr, info->dlpi_addr + ph.p_vaddr + ph.p_memsz};
    }
    g_code_count.store(n, std::memory_order_release);
    return 1;  // the first object is the executable itself
}

// At load time, before any thread: dl_iterate_phdr() takes the loader's lock, which the
// symbolizer's warm-up holds for ~100 ms (stacktrace.h), and the first guarded() must not wait
// for it. RecoveryPoint still looks them up if a static initializer guards a panel first.
[[maybe_unused]] const bool g_code_noted = (dl_iterate_phdr(note_executable_code, nullptr), true);

bool in_executable_code(std::uintptr_t pc) {
    const int n = g_code_count.load(std::memory_order_acquire);
    for (int i = 0; i < n; ++i)
        if (pc >= g_code[i].begin && pc < g_code[i].end) return true;
    return false;
}

// The crash handler's own action, put back after a jump: its SA_RESETHAND removed the one of
// the signal that came. The other of SIGSEGV/SIGBUS still has it, and sigaction() may be
// called in a signal handler.
thread_local struct sigaction t_handler;
constexpr int kSignals[2] = {SIGSEGV, SIGBUS};

bool read_crash_handler(int sig) {
    return ::sigaction(sig == SIGSEGV ? SIGBUS : SIGSEGV, nullptr, &t_handler) == 0 &&
           (t_handler.sa_flags & SA_SIGINFO) != 0;
}

thread_local RecoveryPoint* t_point = nullptr;  // the innermost guarded() of this thread
thread_local bool t_jumping = false;  // between the handler and the guard: no second recovery
thread_local NullDeref t_fault;

std::uintptr_t faulting_pc(void* ucontext) {
    const auto* uc = static_cast<const ucontext_t*>(ucontext);
#if defined(__x86_64__)
    return static_cast<std::uintptr_t>(uc->uc_mcontext.gregs[REG_RIP]);
#elif defined(__aarch64__)
    return static_cast<std::uintptr_t>(uc->uc_mcontext.pc);
#else
    (void)uc;
    return 0;  // unknown machine: never survived
#endif
}

}  // namespace

RecoveryPoint::RecoveryPoint() : outer_(t_point) {
    if (g_code_count.load(std::memory_order_relaxed) < 0)
        dl_iterate_phdr(note_executable_code, nullptr);
    t_point = this;
}

RecoveryPoint::~RecoveryPoint() { t_point = outer_; }

const NullDeref& RecoveryPoint::fault() const {
    for (int sig : kSignals) ::sigaction(sig, &t_handler, nullptr);
    t_point = const_cast<RecoveryPoint*>(this);  // nested guards the jump skipped are gone
    t_jumping = false;
    return t_fault;
}

void recover_null_deref_or_return(int sig, siginfo_t* info, void* ucontext) {
#if defined(__SANITIZE_THREAD__)
    // TSan runs our handler from its own wrapper and keeps state about it; a jump out of it
    // would leave that state behind. Under TSan a null dereference ends the process, as before.
    (void)sig, (void)info, (void)ucontext;
    return;
#endif
    if ((sig != SIGSEGV && sig != SIGBUS) || !info || !ucontext) return;
    // Only a fault the kernel raised for this thread's own access (si_code > 0: SEGV_MAPERR,
    // SEGV_ACCERR, BUS_ADRERR...). A SIGSEGV sent by kill() or tgkill() has si_code <= 0 and
    // si_addr 0, which would look like a null dereference: it must end the process, as asked.
    if (info->si_code <= 0) return;
    if (!g_enabled.load(std::memory_order_relaxed) || !t_point || t_jumping) return;
    const auto address = reinterpret_cast<std::uintptr_t>(info->si_addr);
    const std::uintptr_t pc = faulting_pc(ucontext);
    if (address >= kNullPages || !in_executable_code(pc) || !read_crash_handler(sig)) return;
    t_jumping = true;
    t_fault.signal = sig;
    t_fault.address = address;
    t_fault.pc = pc;
    t_fault.count = ::backtrace(reinterpret_cast<void**>(t_fault.pcs), stacktrace::kMaxFrames);
    siglongjmp(t_point->target(), 1);
}

std::vector<StackFrame> fault_stack(const NullDeref& fault) {
    // backtrace() in the handler starts with the handler's frames and the signal trampoline;
    // the faulting function is the frame at the faulting pc.
    const std::uintptr_t* begin = fault.pcs;
    const std::uintptr_t* end = fault.pcs + fault.count;
    const std::uintptr_t* at = std::find(begin, end, fault.pc);
    if (at == end) at = begin;
    return stacktrace::symbolize(at, static_cast<int>(end - at));
}

}  // namespace detail

void set_null_deref_recovery(bool on) { detail::g_enabled.store(on, std::memory_order_relaxed); }
bool null_deref_recovery() { return detail::g_enabled.load(std::memory_order_relaxed); }

}  // namespace imgui_guard
