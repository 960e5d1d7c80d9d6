// io_pool.cpp: fixed worker threads (each with an alternate signal stack for the crash handler),
// a FIFO of tasks, and the figures health reads.
#include "app/io/io_pool.h"

#include <deque>
#include <exception>
#include <thread>
#include <unordered_set>
#include <vector>

#include "imgui_guard/crash_handler.h"
#include "imgui_guard/guard.h"

namespace imhost {

const char* io_task_state_name(IoTaskState state) {
    switch (state) {
        case IoTaskState::queued:
            return "queued";
        case IoTaskState::running:
            return "running";
        case IoTaskState::done:
            return "done";
        case IoTaskState::failed:
            return "failed";
        case IoTaskState::cancelled:
            return "cancelled";
        case IoTaskState::rejected:
            return "rejected";
    }
    return "unknown";
}

const char* io_pool_state_name(IoPoolState state) {
    switch (state) {
        case IoPoolState::running:
            return "running";
        case IoPoolState::degraded:
            return "degraded";
        case IoPoolState::shut_down:
            return "shut_down";
    }
    return "unknown";
}

// --- IoTask ------------------------------------------------------------------------------------

IoTaskState IoTask::state() const {
    std::lock_guard lock(mutex_);
    return state_;
}

bool IoTask::finished() const {
    const IoTaskState s = state();
    return s != IoTaskState::queued && s != IoTaskState::running;
}

std::string IoTask::error() const {
    std::lock_guard lock(mutex_);
    return error_;
}

void IoTask::fail(std::string reason) {
    std::lock_guard lock(mutex_);
    fail_reason_ = std::move(reason);
}

bool IoTask::failed_by_work() const {
    std::lock_guard lock(mutex_);
    return fail_reason_.has_value();
}

bool IoTask::wait_for(std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    return finished_cv_.wait_for(lock, timeout, [&] {
        return state_ != IoTaskState::queued && state_ != IoTaskState::running;
    });
}

void IoTask::finish(IoTaskState state, std::string error) {
    {
        std::lock_guard lock(mutex_);
        state_ = state;
        error_ = std::move(error);
    }
    finished_cv_.notify_all();
}

// --- IoPool ------------------------------------------------------------------------------------

// Shared with the workers, so a worker still busy past the shutdown bound can be detached safely.
struct IoPool::Core {
    struct Item {
        IoHandle task;
        Work work;
        Done on_done;
    };

    Options options;
    std::mutex mutex;
    std::condition_variable work_cv;  // workers wait for items
    std::condition_variable idle_cv;  // shut_down waits for active == 0
    std::deque<Item> queue;
    std::unordered_set<IoTask*> running;
    IoPoolState state = IoPoolState::running;
    std::string shutdown_reason;
    std::uint64_t active = 0, completed = 0, failed = 0, rejected = 0;
    std::string last_error;

    std::vector<std::thread> threads;
    std::vector<std::unique_ptr<std::atomic<bool>>> exited;  // per worker

    void deliver(const Item& item) {
        if (!item.on_done) return;
        auto task = item.task;
        auto done = item.on_done;
        if (options.post_to_gui)
            options.post_to_gui([task, done] { done(*task); });  // a closed queue drops it
        else
            done(*task);
    }

    void run_one(Item& item) {
        IoTask& task = *item.task;
        {
            std::lock_guard lock(task.mutex_);
            task.state_ = IoTaskState::running;
        }
        IoTaskState outcome = IoTaskState::done;
        std::string error;
        try {
            item.work(task);
            std::lock_guard lock(task.mutex_);
            if (task.fail_reason_) {
                outcome = task.cancel_requested() ? IoTaskState::cancelled : IoTaskState::failed;
                error = *task.fail_reason_;
            }
        } catch (const std::exception& e) {
            outcome = IoTaskState::failed;
            error = "IO task '" + task.name() + "' threw: " + e.what();
        } catch (...) {
            outcome = IoTaskState::failed;
            error = "IO task '" + task.name() + "' threw a non-standard exception";
        }
        const bool threw = outcome == IoTaskState::failed && !task.failed_by_work();
        if (threw) {
            // Recorded here, in the worker's catch, so the stack names the pool and the task.
            imgui_guard::report_error(imgui_guard::RecordKind::exception, error,
                                      "IoPool worker running '" + task.name() + "'");
        }
        {
            std::lock_guard lock(mutex);
            if (outcome == IoTaskState::done) ++completed;
            if (outcome == IoTaskState::failed) {
                ++failed;
                last_error = error;
                if (threw && state == IoPoolState::running) state = IoPoolState::degraded;
            }
        }
        task.finish(outcome, error);
        deliver(item);
    }

    void worker(std::size_t index) {
        // Tasks run user tools and deep parsers: a stack overflow here must still leave a crash
        // report, and the handler needs a stack of its own to write it (freed at thread exit).
        imgui_guard::install_alt_stack_for_this_thread();
        imgui_guard::set_thread_role("IO worker");
        for (;;) {
            Item item;
            {
                std::unique_lock lock(mutex);
                work_cv.wait(lock,
                             [&] { return !queue.empty() || state == IoPoolState::shut_down; });
                if (queue.empty()) break;  // shut down and nothing left
                item = std::move(queue.front());
                queue.pop_front();
                ++active;
                running.insert(item.task.get());
            }
            run_one(item);
            {
                std::lock_guard lock(mutex);
                --active;
                running.erase(item.task.get());
            }
            idle_cv.notify_all();
        }
        exited[index]->store(true);
    }
};

IoPool::IoPool(Options options) : core_(std::make_shared<Core>()) {
    core_->options = std::move(options);
    const int n = core_->options.workers < 1 ? 1 : core_->options.workers;
    core_->options.workers = n;
    for (int i = 0; i < n; ++i) core_->exited.push_back(std::make_unique<std::atomic<bool>>(false));
    for (int i = 0; i < n; ++i)
        core_->threads.emplace_back(
            [core = core_, i] { core->worker(static_cast<std::size_t>(i)); });
}

IoPool::~IoPool() {
    shut_down("app exit");
    for (std::size_t i = 0; i < core_->threads.size(); ++i) {
        // A worker still running past the bound keeps the core alive through its shared_ptr.
        if (core_->exited[i]->load())
            core_->threads[i].join();
        else
            core_->threads[i].detach();
    }
}

IoHandle IoPool::submit(std::string name, Work work, Done on_done) {
    auto task = std::make_shared<IoTask>(std::move(name));
    std::string rejection;
    {
        std::lock_guard lock(core_->mutex);
        if (core_->state == IoPoolState::shut_down) {
            rejection =
                "IO pool shut down after " + core_->shutdown_reason + "; cannot schedule new work";
            ++core_->rejected;
            core_->last_error = rejection;
        } else {
            core_->queue.push_back({task, std::move(work), std::move(on_done)});
        }
    }
    if (!rejection.empty()) {
        imgui_guard::report_error(imgui_guard::RecordKind::io_error, rejection,
                                  "IoPool::submit('" + task->name() + "')");
        task->finish(IoTaskState::rejected, rejection);
        return task;
    }
    core_->work_cv.notify_one();
    return task;
}

void IoPool::degrade(std::string reason) {
    std::lock_guard lock(core_->mutex);
    if (core_->state != IoPoolState::running) return;
    core_->state = IoPoolState::degraded;
    core_->last_error = std::move(reason);
}

void IoPool::clear_degraded() {
    std::lock_guard lock(core_->mutex);
    if (core_->state != IoPoolState::degraded) return;
    core_->state = IoPoolState::running;
    core_->last_error.clear();
}

bool IoPool::shut_down(std::string reason) {
    std::deque<Core::Item> cancelled;
    bool drained = false;
    {
        std::unique_lock lock(core_->mutex);
        if (core_->state != IoPoolState::shut_down) {
            core_->state = IoPoolState::shut_down;
            core_->shutdown_reason = reason;
            core_->last_error = std::move(reason);
            cancelled.swap(core_->queue);
            for (IoTask* task : core_->running) task->cancel();
        }
        core_->work_cv.notify_all();
        drained = core_->idle_cv.wait_for(lock, core_->options.shutdown_bound,
                                          [&] { return core_->active == 0; });
    }
    for (auto& item : cancelled) {
        item.task->finish(
            IoTaskState::cancelled,
            "cancelled before it started: IO pool shut down after " + core_->shutdown_reason);
        core_->deliver(item);
    }
    return drained;
}

IoPoolState IoPool::state() const {
    std::lock_guard lock(core_->mutex);
    return core_->state;
}

hooks::IoPoolFigures IoPool::figures() const {
    std::lock_guard lock(core_->mutex);
    hooks::IoPoolFigures f;
    f.state = io_pool_state_name(core_->state);
    f.workers = core_->options.workers;
    f.queued = core_->queue.size();
    f.active = core_->active;
    f.completed = core_->completed;
    f.failed = core_->failed;
    f.rejected = core_->rejected;
    f.last_error = core_->last_error;
    return f;
}

}  // namespace imhost
