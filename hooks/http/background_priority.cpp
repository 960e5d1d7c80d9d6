// background_priority.cpp: per-thread nice and time slice that follow the server's load
// (background_priority.h).
#include "hooks/http/background_priority.h"

#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>

namespace hooks::http_detail {

namespace {

thread_local bool t_yielded = false;

// sched_setattr(2)'s argument, as <linux/sched/types.h> declares it. That header clashes with
// glibc's <sched.h>, and glibc 2.36 has no wrapper for the call.
struct SchedAttr {
    std::uint32_t size;
    std::uint32_t sched_policy;
    std::uint64_t sched_flags;
    std::int32_t sched_nice;
    std::uint32_t sched_priority;
    std::uint64_t sched_runtime;  // SCHED_OTHER: the custom slice (0: the default)
    std::uint64_t sched_deadline;
    std::uint64_t sched_period;
};

// Sets the calling thread's nice value and time slice (zero: the kernel's default) in one call.
bool set_fair_scheduling(int nice, std::chrono::nanoseconds slice) {
    SchedAttr attr{};
    attr.size = sizeof attr;
    attr.sched_policy = SCHED_OTHER;
    attr.sched_nice = nice;
    attr.sched_runtime = static_cast<std::uint64_t>(slice.count());
    return ::syscall(SYS_sched_setattr, 0, &attr, 0U) == 0;
}

// The server's request count in the current window, shared by every connection thread.
std::atomic<std::int64_t> g_window_start_ns{0};
std::atomic<int> g_window_requests{0};

std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace

bool answer_promptly() { return set_fair_scheduling(::getpriority(PRIO_PROCESS, 0), kPromptSlice); }

void yield_to_gui() {
    // Where sched_setattr is refused (a seccomp filter), setpriority() still lowers the nice
    // value: PRIO_PROCESS with a thread ID sets that thread's alone (see setpriority(2), "BUGS":
    // Linux threads do not share it). A failure of both leaves the thread as it was: harmless.
    if (!set_fair_scheduling(kServerNice, std::chrono::nanoseconds::zero())) {
        const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
        (void)::setpriority(PRIO_PROCESS, tid, kServerNice);
    }
    t_yielded = true;
}

void note_request() {
    const std::int64_t now = now_ns();
    std::int64_t start = g_window_start_ns.load(std::memory_order_relaxed);
    const std::int64_t window = std::chrono::nanoseconds(kBusyWindow).count();
    // A new window: one thread wins the exchange and restarts the count. A request counted in
    // the old window meanwhile is lost; the limit is a rate, not an exact count.
    if (now - start >= window &&
        g_window_start_ns.compare_exchange_strong(start, now, std::memory_order_relaxed))
        g_window_requests.store(0, std::memory_order_relaxed);
    const int served = g_window_requests.fetch_add(1, std::memory_order_relaxed) + 1;
    if (served > kBusyRequests && !t_yielded) yield_to_gui();
}

bool yielded_to_gui() { return t_yielded; }

}  // namespace hooks::http_detail
