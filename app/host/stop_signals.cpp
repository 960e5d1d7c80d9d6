// stop_signals.cpp: the blocked stop signals and the thread that waits for them.
#include "app/host/stop_signals.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "imgui_guard/crash_handler.h"

namespace imhost {

namespace {

sigset_t stop_set() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    return set;
}

// Set by the destructor before it wakes the watcher with a SIGTERM of its own.
std::atomic<bool> g_watcher_leaving{false};

}  // namespace

void StopSignals::block() {
    const sigset_t set = stop_set();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

StopSignals::StopSignals(std::function<void(int)> on_stop) : on_stop_(std::move(on_stop)) {
    block();  // normally done in main() already; the watcher must inherit it in any case
    g_watcher_leaving.store(false);
    watcher_ = std::thread([this] {
        imgui_guard::install_alt_stack_for_this_thread();
        imgui_guard::set_thread_role("stop-signal watcher");
        const sigset_t set = stop_set();
        int stops = 0;
        for (;;) {
            int sig = 0;
            if (sigwait(&set, &sig) != 0) continue;
            if (g_watcher_leaving.load()) return;
            if (++stops > 1) {
                std::fprintf(stderr, "imhost: SIG%s again while stopping: exiting now\n",
                             sigabbrev_np(sig));
                std::_Exit(128 + sig);
            }
            std::fprintf(stderr, "imhost: SIG%s: stopping (as POST /api/shutdown)\n",
                         sigabbrev_np(sig));
            if (on_stop_) on_stop_(sig);
        }
    });
}

StopSignals::~StopSignals() {
    g_watcher_leaving.store(true);
    pthread_kill(watcher_.native_handle(), SIGTERM);  // to this thread only: it is waiting
    watcher_.join();
}

}  // namespace imhost
