// background_priority.cpp: per-thread nice that follows the server's load (background_priority.h).
#include "hooks/http/background_priority.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>

namespace hooks::http_detail {

namespace {

thread_local bool t_yielded = false;

// The server's request count in the current window, shared by every connection thread.
std::atomic<std::int64_t> g_window_start_ns{0};
std::atomic<int> g_window_requests{0};

std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace

void yield_to_gui() {
    // PRIO_PROCESS with a thread ID sets that thread's nice value alone (see setpriority(2),
    // "BUGS": Linux threads do not share it). A failure leaves the thread as it was: harmless.
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    (void)::setpriority(PRIO_PROCESS, tid, kServerNice);
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
