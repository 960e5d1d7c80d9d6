// connection_threads.cpp: a connection always gets a thread, up to a limit.
#include "hooks/http/connection_threads.h"

#include <chrono>
#include <system_error>

#include "hooks/http/background_priority.h"
#include "imgui_guard/crash_handler.h"

namespace hooks::http_detail {

bool ConnectionThreads::enqueue(std::function<void()> task) {
    std::lock_guard lock(mutex_);
    if (stopping_ || jobs_.size() >= max_queued_) return false;  // refused: httplib closes
    reap_locked();
    jobs_.push_back(std::move(task));
    if (idle_ < jobs_.size() && live_ < max_threads_) {
        try {
            workers_.emplace_back();
            auto self = std::prev(workers_.end());
            self->thread = std::thread([this, self] { run(self); });
            ++live_;
        } catch (const std::system_error&) {  // no thread to be had: wait for a busy one
            workers_.pop_back();
            if (live_ == 0) {
                jobs_.pop_back();
                return false;
            }
        }
    }
    wake_.notify_one();
    return true;
}

void ConnectionThreads::shutdown() {
    std::list<Worker> all;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        all.splice(all.end(), workers_);
    }
    wake_.notify_all();
    for (Worker& w : all)
        if (w.thread.joinable()) w.thread.join();
}

void ConnectionThreads::run(std::list<Worker>::iterator self) {
    imgui_guard::install_alt_stack_for_this_thread();
    imgui_guard::set_thread_role("hook server connection");
    (void)answer_promptly();  // refused: the default slice, as before (background_priority.h)
    std::unique_lock lock(mutex_);
    for (;;) {
        ++idle_;
        const bool woken = wake_.wait_for(lock, std::chrono::seconds(3),
                                          [this] { return stopping_ || !jobs_.empty(); });
        --idle_;
        if (jobs_.empty()) {
            if (stopping_ || (!woken && live_ > keep_)) break;
            continue;
        }
        std::function<void()> job = std::move(jobs_.front());
        jobs_.pop_front();
        lock.unlock();
        job();
        job = nullptr;
        lock.lock();
        if (yielded_to_gui()) break;  // lowered for good (background_priority.h): start afresh
    }
    --live_;
    self->done = true;
}

// Joins threads that have left run() (they hold no lock by then, and exit at once).
void ConnectionThreads::reap_locked() {
    for (auto it = workers_.begin(); it != workers_.end();) {
        if (!it->done) {
            ++it;
            continue;
        }
        it->thread.join();
        it = workers_.erase(it);
    }
}

}  // namespace hooks::http_detail
