// operation_limit.h: a bound on requests that wait (waits, clicks, finds with a timeout).
//
// The hook server has a fixed number of worker threads. Requests that block for up to their
// timeout must not be able to take all of them, or /api/gui_health could no longer answer.
// Past the bound a request gets 503 `busy` at once.
#pragma once

#include <atomic>
#include <string>

#include "hooks/api_error.h"

namespace hooks {

class OperationLimit {
  public:
    explicit OperationLimit(int max) : max_(max) {}

    // Holds one slot for its lifetime; throws ApiError(busy) when none is free.
    class Slot {
      public:
        explicit Slot(OperationLimit& limit) : limit_(limit) {
            if (limit_.used_.fetch_add(1) >= limit_.max_) {
                limit_.used_.fetch_sub(1);
                throw ApiError(ErrorCode::busy,
                               "busy: " + std::to_string(limit_.max_) +
                                   " waiting requests already in progress; retry later",
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
    std::atomic<int> used_{0};
};

}  // namespace hooks
