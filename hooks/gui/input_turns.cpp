// input_turns.cpp: a first-come-first-served lock with a bounded line and deadlines.
#include "hooks/gui/input_turns.h"

#include <algorithm>
#include <string>

#include "hooks/http/api_error.h"

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
    const auto now = std::chrono::steady_clock::now();
    const bool busy_now = owner_ != std::thread::id();
    const double expected_wait_us =
        average_turn_us_ * static_cast<double>(line_.size() + (busy_now ? 1 : 0));
    if (!line_.empty() &&
        now + std::chrono::microseconds(static_cast<long long>(expected_wait_us)) > deadline)
        throw ApiError(ErrorCode::busy,
                       "busy: the clicks and typing actions ahead in line need about " +
                           std::to_string(static_cast<long long>(expected_wait_us / 1000)) +
                           " ms, past this action's deadline; retry later",
                       {{"waiting", line_.size()}});
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
    held_.store(true, std::memory_order_relaxed);
    turn_start_ = std::chrono::steady_clock::now();
    return Turn(*this);
}

std::size_t InputTurns::waiting() const {
    std::lock_guard lock(mutex_);
    return line_.size();
}

void InputTurns::end_turn() {
    std::lock_guard lock(mutex_);
    if (--depth_ > 0) return;
    const double took_us =
        static_cast<double>(std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::steady_clock::now() - turn_start_)
                                .count());
    average_turn_us_ = average_turn_us_ == 0 ? took_us : 0.8 * average_turn_us_ + 0.2 * took_us;
    owner_ = std::thread::id();
    held_.store(false, std::memory_order_relaxed);
    changed_.notify_all();
}

}  // namespace hooks
