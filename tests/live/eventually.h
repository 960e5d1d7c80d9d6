// eventually.h: polling a condition with a deadline, for live tests (never a bare sleep).
#pragma once

#include <chrono>
#include <thread>

namespace reliability {

// Calls `ready` every few ms until it returns true or the deadline passes; the last answer.
template <class F>
bool eventually(F ready, std::chrono::milliseconds deadline,
                std::chrono::milliseconds every = std::chrono::milliseconds(5)) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < until) {
        if (ready()) return true;
        std::this_thread::sleep_for(every);
    }
    return ready();
}

}  // namespace reliability
