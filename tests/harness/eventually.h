// eventually.h: poll a condition until it holds or a deadline passes (never a bare sleep).
//
//   ASSERT_TRUE(harness::eventually([&] { return gui.health()["frame"]["count"] > first; }, 5s));
#pragma once

#include <chrono>
#include <thread>

namespace harness {

template <class Condition>
bool eventually(Condition ready, std::chrono::milliseconds deadline,
                std::chrono::milliseconds every = std::chrono::milliseconds(10)) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < until) {
        if (ready()) return true;
        std::this_thread::sleep_for(every);
    }
    return ready();
}

}  // namespace harness
