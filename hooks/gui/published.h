// published.h: a value one thread publishes whole and any thread reads, without waiting on work.
//
// The GUI thread builds a new value off to the side, then publish()es it; readers get() a
// shared_ptr to an immutable copy. The mutex guards only the pointer swap (nanoseconds), so a
// reader never waits on a frame, and a GUI thread that is blocked holds no lock readers need.
#pragma once

#include <memory>
#include <mutex>

namespace hooks {

template <class T>
class Published {
  public:
    Published() : value_(std::make_shared<const T>()) {}
    void publish(T value) { publish(std::make_shared<const T>(std::move(value))); }
    // The old value is released after the swap, outside the lock (its deleter may take locks).
    void publish(std::shared_ptr<const T> next) {
        std::lock_guard lock(mutex_);
        value_.swap(next);
    }
    std::shared_ptr<const T> get() const {
        std::lock_guard lock(mutex_);
        return value_;
    }

  private:
    mutable std::mutex mutex_;
    std::shared_ptr<const T> value_;
};

}  // namespace hooks
