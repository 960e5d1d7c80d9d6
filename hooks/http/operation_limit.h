// operation_limit.h: a bound on requests that wait (waits, clicks, finds with a timeout).
//
// The hook server has a bounded number of worker threads. Requests that block for up to their
// timeout must not be able to take all of them, or /api/gui_health could no longer answer; and
// actions that take turns on the one mouse (GuiBridge::lease_input) must not queue longer than
// their deadline. Past the bound a request gets 503 `busy` at once.
#pragma once

#include <atomic>
#include <string>
#include <utility>

#include "hooks/http/api_error.h"

namespace hooks {

class OperationLimit {
  public:
    // `what` names the waiters in the busy message: "requests that wait".
    OperationLimit(int max, std::string what) : max_(max), what_(std::move(what)) {}

    // Holds one slot for its lifetime; throws ApiError(busy) when none is free.
    class Slot {
      public:
        explicit Slot(OperationLimit& limit) : limit_(limit) {
            if (limit_.used_.fetch_add(1) >= limit_.max_) {
                limit_.used_.fetch_sub(1);
                throw ApiError(ErrorCode::busy,
                               "busy: " + std::to_string(limit_.max_) + " " + limit_.what_ +
                                   " are already in progress; retry later",
                               {{"max_concurrent", limit_.max_}});
            }
        }
        ~Slot() { limit_.used_.fetch_sub(1); }
        Slot(const Slot&) = delete;
        Slot& operator=(const Slot&) = delete;

      private:
        OperationLimit& limit_;
    };

    int in_use() const { return used_.load(); }
    int max() const { return max_; }

  private:
    int max_;
    std::string what_;
    std::atomic<int> used_{0};
};

}  // namespace hooks
