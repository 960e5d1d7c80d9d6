// input_turns_test.cpp: the one mouse is lent in arrival order, with a bounded line.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "hooks/gui/input_turns.h"
#include "hooks/http/api_error.h"
#include "tests/harness/eventually.h"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using hooks::ApiError;
using hooks::ErrorCode;
using hooks::InputTurns;

const auto kRunning = [] {};

ErrorCode code_of(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const ApiError& e) {
        return e.code();
    }
    ADD_FAILURE() << "no ApiError thrown";
    return ErrorCode::unknown_error;
}

TEST(InputTurns, TheOwnerMayTakeItsTurnAgainAndReleasesOnlyAtTheOutermostEnd) {
    InputTurns turns(1);
    auto outer = turns.take(Clock::now() + 1s, kRunning);
    { auto inner = turns.take(Clock::now() + 1s, kRunning); }
    // The inner end did not end the outer turn: another thread still cannot have it.
    std::thread([&] {
        EXPECT_EQ(code_of([&] { (void)turns.take(Clock::now() + 50ms, kRunning); }),
                  ErrorCode::timeout);
    }).join();
    { auto drop = std::move(outer); }
    std::thread([&] { EXPECT_NO_THROW((void)turns.take(Clock::now() + 1s, kRunning)); }).join();
}

TEST(InputTurns, WaitersGetTheirTurnsInArrivalOrder) {
    InputTurns turns(8);
    auto first = std::make_unique<InputTurns::Turn>(turns.take(Clock::now() + 1s, kRunning));
    std::mutex m;
    std::vector<int> order;
    std::vector<std::thread> waiters;
    for (int i = 0; i < 5; ++i) {
        waiters.emplace_back([&, i] {
            auto t = turns.take(Clock::now() + 10s, kRunning);
            std::lock_guard lock(m);
            order.push_back(i);
        });
        // Waiter i is in line before waiter i+1 starts: arrival order is known.
        ASSERT_TRUE(harness::eventually(
            [&] { return turns.waiting() == static_cast<std::size_t>(i + 1); }, 2s, 1ms));
    }
    first.reset();
    for (auto& w : waiters) w.join();
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(InputTurns, AFullLineIsBusyAndAWaiterGivesUpAtItsDeadline) {
    InputTurns turns(1);
    auto owner = turns.take(Clock::now() + 1s, kRunning);
    std::thread waiter([&] {
        EXPECT_EQ(code_of([&] { (void)turns.take(Clock::now() + 300ms, kRunning); }),
                  ErrorCode::timeout);
    });
    ASSERT_TRUE(harness::eventually([&] { return turns.waiting() == 1; }, 2s, 1ms));
    // The line holds its one waiter: the next (from a thread that is not the owner) is
    // refused at once.
    std::thread([&] {
        EXPECT_EQ(code_of([&] { (void)turns.take(Clock::now() + 1s, kRunning); }), ErrorCode::busy);
    }).join();
    waiter.join();
    EXPECT_EQ(turns.waiting(), 0u) << "a waiter that timed out leaves the line";
}

TEST(InputTurns, AWaiterLeavesAtOnceWhenTheLoopDies) {
    InputTurns turns(4);
    auto owner = turns.take(Clock::now() + 1s, kRunning);
    std::thread waiter([&] {
        const auto start = Clock::now();
        EXPECT_EQ(code_of([&] {
                      (void)turns.take(Clock::now() + 10s,
                                       [] { throw ApiError(ErrorCode::gui_not_running, "dead"); });
                  }),
                  ErrorCode::gui_not_running);
        EXPECT_LT(Clock::now() - start, 5s);
    });
    waiter.join();
}

}  // namespace
