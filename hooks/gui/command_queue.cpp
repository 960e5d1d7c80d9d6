// command_queue.cpp: a mutex-guarded FIFO drained by the GUI thread.
#include "hooks/gui/command_queue.h"

namespace hooks {

void CommandQueue::set_waker(std::function<void()> waker) { waker_ = std::move(waker); }

std::optional<std::string> CommandQueue::push(Command command) {
    {
        std::lock_guard lock(mutex_);
        if (closed_) return closed_;
        pending_.push_back(std::move(command));
    }
    if (waker_) waker_();
    return std::nullopt;
}

std::size_t CommandQueue::run_pending(std::uint64_t frame) {
    std::deque<Command> batch;
    {
        std::lock_guard lock(mutex_);
        batch.swap(pending_);
    }
    for (Command& command : batch) command(frame);
    return batch.size();
}

void CommandQueue::close(std::string reason) {
    std::deque<Command> dropped;
    {
        std::lock_guard lock(mutex_);
        closed_ = std::move(reason);
        dropped.swap(pending_);
    }
    // `dropped` is destroyed here, outside the lock: owners of the commands' promises see
    // broken_promise and answer at once.
}

std::size_t CommandQueue::size() const {
    std::lock_guard lock(mutex_);
    return pending_.size();
}

}  // namespace hooks
