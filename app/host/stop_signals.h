// stop_signals.h: SIGTERM and SIGINT ask for a graceful stop, like POST /api/shutdown.
//
//   int main() { imhost::StopSignals::block(); ... }     // before any thread starts
//   StopSignals watcher([&](int sig) { hooks.request_shutdown(); });  // once the app is wired
//
// The signals are blocked in every thread (threads inherit the mask of the thread that starts
// them) and taken by one watcher thread with sigwait(), so the stop request runs as ordinary
// code, not in a signal handler: it may lock, allocate and wake the frame loop. A second signal
// while the stop is under way ends the process at once with 128 + signal, as a shell reports it.
// Child processes must not inherit the mask: run_process() clears it before exec.
#pragma once

#include <functional>
#include <thread>

namespace imhost {

class StopSignals {
  public:
    static void block();  // SIGTERM and SIGINT, in the calling thread and all it starts later

    explicit StopSignals(std::function<void(int signal)> on_stop);  // starts the watcher
    ~StopSignals();  // stops the watcher; later signals stay pending (blocked)
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

  private:
    std::function<void(int)> on_stop_;
    std::thread watcher_;
};

}  // namespace imhost
