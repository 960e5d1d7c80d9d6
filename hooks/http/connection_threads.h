// connection_threads.h: the hook server's connection threads (internal to hooks/http/).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <list>
#include <mutex>
#include <thread>

#include "hooks/http/httplib_config.h"

namespace hooks::http_detail {

// The connection threads. httplib's ThreadPool starts a thread only when a connection arrives
// while no thread is idle *at that moment*: a burst of 100 slow connections queued 84 of them
// behind 16 blocked threads, and every later client behind those. Here a queued connection always
// gets a thread (an idle one, or a new one up to `max_threads`); idle threads beyond `keep` exit
// after a while. Each thread gets an alternate signal stack first, so a stack overflow on it
// still leaves a crash report.
class ConnectionThreads final : public httplib::TaskQueue {
  public:
    ConnectionThreads(std::size_t keep, std::size_t max_threads, std::size_t max_queued)
        : keep_(keep), max_threads_(max_threads), max_queued_(max_queued) {}
    ~ConnectionThreads() override { shutdown(); }

    bool enqueue(std::function<void()> task) override;
    void shutdown() override;

  private:
    struct Worker {
        std::thread thread;
        bool done = false;  // run() returned (joined by the next enqueue)
    };

    void run(std::list<Worker>::iterator self);
    void reap_locked();  // joins threads that have left run()

    const std::size_t keep_, max_threads_, max_queued_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> jobs_;
    std::list<Worker> workers_;
    std::size_t idle_ = 0, live_ = 0;
    bool stopping_ = false;
};

}  // namespace hooks::http_detail
