// io_pool.h: the app's worker threads for disk and process work (project load/save, file stats,
// tool runs), so the GUI thread never blocks on IO.
//
//   IoPool pool({.workers = 4, .post_to_gui = [&](auto fn) { return queue.push(...); }});
//   IoHandle h = pool.submit("save project-1", [](IoTask& self) { ...; },
//                            [](const IoTask& done) { /* GUI thread */ });
//   if (h->state() == IoTaskState::rejected) show(h->error());   // pool shut down
//
// Index of this file
//   IoTask / IoHandle   what submit() returns: state, error, cancel, wait
//   IoPool              workers, states, figures for health
//
// States (health shows them as io_pool.state):
//   running    normal.
//   degraded   still runs work; a task threw (an unexpected failure). Health says warn until
//              clear_degraded() (POST /api/errors/clear, the Health panel's "Clear errors").
//   shut_down  after the frame loop failed (or the app quits). Queued work is cancelled, running
//              work is asked to cancel and gets `shutdown_bound` to finish, and every submit is
//              rejected with "IO pool shut down after <reason>; cannot schedule new work",
//              recorded as an io_error guard record and kept as last_error.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "hooks/health/health_rules.h"

namespace imhost {

enum class IoTaskState { queued, running, done, failed, cancelled, rejected };
const char* io_task_state_name(IoTaskState state);

enum class IoPoolState { running, degraded, shut_down };
const char* io_pool_state_name(IoPoolState state);

// One unit of work. The work function gets its own task, to poll cancel_requested(); it reports
// failure by throwing (recorded with the stack, counted failed, pool degraded) or by fail(), an
// expected failure with a reason for the user (counted failed, pool not degraded).
class IoTask {
  public:
    explicit IoTask(std::string name) : name_(std::move(name)) {}

    const std::string& name() const { return name_; }
    IoTaskState state() const;
    bool finished() const;      // done, failed, cancelled or rejected
    std::string error() const;  // why it failed, was cancelled or rejected; "" when done

    void cancel() { cancel_requested_.store(true); }  // cooperative: the work polls it
    bool cancel_requested() const { return cancel_requested_.load(); }
    const std::atomic<bool>& cancel_flag() const { return cancel_requested_; }  // for run_process
    void fail(std::string reason);  // from inside the work: an expected failure

    // Blocks until finished or the timeout. Never on the GUI thread (use on_done there).
    bool wait_for(std::chrono::milliseconds timeout) const;

  private:
    friend class IoPool;
    void finish(IoTaskState state, std::string error);
    bool failed_by_work() const;

    std::string name_;
    std::atomic<bool> cancel_requested_{false};
    mutable std::mutex mutex_;
    mutable std::condition_variable finished_cv_;
    IoTaskState state_ = IoTaskState::queued;
    std::string error_;
    std::optional<std::string> fail_reason_;
};
using IoHandle = std::shared_ptr<IoTask>;

class IoPool {
  public:
    using Work = std::function<void(IoTask& self)>;
    using Done = std::function<void(const IoTask& task)>;  // runs on the GUI thread
    // Hands a callback to the GUI thread (HookEngine::commands().push). Returns why it could not.
    using Post = std::function<std::optional<std::string>(std::function<void()>)>;

    struct Options {
        int workers = 4;
        Post post_to_gui = {};  // empty: on_done runs on the worker (unit tests)
        std::chrono::milliseconds shutdown_bound{2000};
    };

    explicit IoPool(Options options);
    ~IoPool();  // shuts down ("app exit") and joins workers that finish within the bound
    IoPool(const IoPool&) = delete;
    IoPool& operator=(const IoPool&) = delete;

    // Any thread. After shutdown the handle comes back already `rejected`, its error says why,
    // and on_done is not called: the caller shows handle->error() itself.
    IoHandle submit(std::string name, Work work, Done on_done = {});

    void degrade(std::string reason);
    void clear_degraded();  // back to running unless shut down
    // Stops taking work; returns true if in-flight work finished within the bound. `reason`
    // completes "IO pool shut down after <reason>", e.g. "frame loop failure: NewFrame asserted".
    bool shut_down(std::string reason);

    IoPoolState state() const;
    hooks::IoPoolFigures figures() const;  // any thread, for health and the Health panel

  private:
    struct Core;
    std::shared_ptr<Core> core_;
};

}  // namespace imhost
