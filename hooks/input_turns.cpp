// input_turns.cpp: a first-come-first-served lock with a bounded line and deadlines.
#include "hooks/input_turns.h"

#include <algorithm>
#include <string>

#include "hooks/api_error.h"

namespace hooks {

InputTurns::Turn InputTurns::take(std::chrono::steady_clock::time_point deadline,
                                  const std::function<void()>& still_running) {
    const auto me = std::this_thread::get_id();
    std::unique_lock lock(mutex_);
    if (owner_ == me) {
        ++depth_;
        return Turn(*this);
    }
    if (static_cast<int>(line_.size()) >= max_waiting_)
        throw ApiError(ErrorCode::busy,
                       "busy: " + std::to_string(max_waiting_) +
                           " clicks or typing actions already wait for the mouse; retry later",
                       {{"max_waiting_input_actions", max_waiting_}});
    const std::uint64_t ticket = next_ticket_++;
    line_.push_back(ticket);
    auto leave_line = [&] {
        line_.erase(std::find(line_.begin(), line_.end(), ticket));
        changed_.notify_all();
    };
    while (owner_ != std::thread::id() || line_.front() != ticket) {
        // Short slices, so a loop that dies meanwhile is noticed at once.
        changed_.wait_for(lock, std::chrono::milliseconds(5));
        try {
            still_running();
        } catch (...) {
            leave_line();
            throw;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            leave_line();
            throw ApiError(ErrorCode::timeout,
                           "other clicks or typing actions kept the mouse until the deadline");
        }
    }
    line_.pop_front();
    owner_ = me;
    depth_ = 1;
    return Turn(*this);
}

std::size_t InputTurns::waiting() const {
    std::lock_guard lock(mutex_);
    return line_.size();
}

void InputTurns::end_turn() {
    std::lock_guard lock(mutex_);
    if (--depth_ > 0) return;
    owner_ = std::thread::id();
    changed_.notify_all();
}

}  // namespace hooks
