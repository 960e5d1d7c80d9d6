// input_turns.h: the app's one mouse and keyboard, lent to one input action at a time.
//
// A click is a chain of one-frame steps (move, press, release, confirm); typing adds a click
// and keys. Two such actions at once would interleave their events, so an action takes a turn
// for its whole length. Turns are given in arrival order (a lock with no order lets a waiter
// starve past its deadline under load). At most `max_waiting` actions wait in line, and one
// whose deadline would pass before the turns ahead of it are likely done is not let in: both
// get 503 `busy` at once. A waiter gives up its place at its deadline (`timeout`) or when
// `still_running` throws (the frame loop died: `gui not running`). Re-entrant on one thread:
// typing holds its turn while it clicks the field.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace hooks {

class InputTurns {
  public:
    explicit InputTurns(int max_waiting) : max_waiting_(max_waiting) {}

    class Turn {  // held for the action's length; ends the turn when destroyed
      public:
        explicit Turn(InputTurns& turns) : turns_(&turns) {}
        Turn(Turn&& other) noexcept : turns_(std::exchange(other.turns_, nullptr)) {}
        Turn(const Turn&) = delete;
        Turn& operator=(const Turn&) = delete;
        Turn& operator=(Turn&&) = delete;
        ~Turn() {
            if (turns_) turns_->end_turn();
        }

      private:
        InputTurns* turns_;
    };

    // Waits for the caller's turn. Throws ApiError busy / timeout, or what still_running throws.
    Turn take(std::chrono::steady_clock::time_point deadline,
              const std::function<void()>& still_running);

    std::size_t waiting() const;  // actions in line now
    // An action has its turn now (any thread; a hint, read without the lock: the frame loop
    // uses it to skip rasterising frames in the middle of an action).
    bool held() const { return held_.load(std::memory_order_relaxed); }

  private:
    void end_turn();

    const int max_waiting_;
    // How long a turn lasts, on average (exponential moving average, microseconds): an action
    // whose deadline comes before the line ahead of it is likely through is refused as busy at
    // once instead of timing out after waiting (what a slow machine, or a sanitizer, causes).
    double average_turn_us_ = 0;
    std::chrono::steady_clock::time_point turn_start_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::uint64_t> line_;  // tickets of the waiting actions, first come first
    std::uint64_t next_ticket_ = 0;
    std::thread::id owner_;  // the thread whose turn it is; none between turns
    int depth_ = 0;          // nested takes by the owner
    std::atomic<bool> held_{false};
};

}  // namespace hooks
