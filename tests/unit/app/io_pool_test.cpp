// io_pool_test.cpp: each IO pool state (running, degraded, shut_down) and its errors.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "app/io/io_pool.h"
#include "imgui_guard/guard.h"
#include "tests/harness/eventually.h"

namespace {

using namespace std::chrono_literals;
using imhost::IoPool;
using imhost::IoTask;
using imhost::IoTaskState;

TEST(IoPool, RunsWorkAndCountsIt) {
    IoPool pool({.workers = 3});
    std::atomic<int> ran{0};
    std::vector<imhost::IoHandle> handles;
    for (int i = 0; i < 20; ++i) handles.push_back(pool.submit("n", [&](IoTask&) { ++ran; }));
    for (auto& h : handles) ASSERT_TRUE(h->wait_for(5s));
    EXPECT_EQ(ran.load(), 20);
    const auto f = pool.figures();
    EXPECT_EQ(f.state, "running");
    EXPECT_EQ(f.workers, 3);
    EXPECT_EQ(f.completed, 20u);
    EXPECT_EQ(f.failed, 0u);
    // A worker counts itself idle just after finishing the task (and posting on_done).
    EXPECT_TRUE(harness::eventually(
        [&] {
            const auto now = pool.figures();
            return now.queued + now.active == 0u;
        },
        5s))
        << "queued " << pool.figures().queued << ", active " << pool.figures().active;
}

TEST(IoPool, OnDoneGoesThroughThePostFunction) {
    std::mutex m;
    std::vector<std::function<void()>> posted;  // stands in for the GUI command queue
    IoPool pool({.workers = 1, .post_to_gui = [&](std::function<void()> fn) {
                     std::lock_guard lock(m);
                     posted.push_back(std::move(fn));
                     return std::optional<std::string>();
                 }});
    std::string seen;
    auto h = pool.submit(
        "t", [](IoTask&) {}, [&](const IoTask& t) { seen = t.name(); });
    ASSERT_TRUE(h->wait_for(5s));
    // The callback is posted right after the task finishes; poll until it shows up.
    const auto until = std::chrono::steady_clock::now() + 5s;
    for (;;) {
        std::lock_guard lock(m);
        if (!posted.empty() || std::chrono::steady_clock::now() > until) break;
    }
    ASSERT_EQ(posted.size(), 1u);
    EXPECT_EQ(seen, "");  // not run on the worker
    posted[0]();
    EXPECT_EQ(seen, "t");
}

TEST(IoPool, AnExpectedFailureIsCountedButDoesNotDegrade) {
    IoPool pool({.workers = 1});
    auto h = pool.submit("save x", [](IoTask& self) { self.fail("disk full"); });
    ASSERT_TRUE(h->wait_for(5s));
    EXPECT_EQ(h->state(), IoTaskState::failed);
    EXPECT_EQ(h->error(), "disk full");
    EXPECT_EQ(pool.figures().failed, 1u);
    EXPECT_EQ(pool.figures().state, "running");
}

TEST(IoPool, AThrowingTaskIsRecordedWithItsStackAndDegradesThePool) {
    IoPool pool({.workers = 2});
    const auto before = imgui_guard::snapshot();
    auto h = pool.submit("explode", [](IoTask&) { throw std::runtime_error("boom"); });
    ASSERT_TRUE(h->wait_for(5s));
    EXPECT_EQ(h->state(), IoTaskState::failed);
    EXPECT_EQ(h->error(), "IO task 'explode' threw: boom");
    auto f = pool.figures();
    EXPECT_EQ(f.state, "degraded");
    EXPECT_EQ(f.failed, 1u);
    EXPECT_EQ(f.last_error, "IO task 'explode' threw: boom");

    const auto after = imgui_guard::snapshot();
    EXPECT_EQ(after.exceptions, before.exceptions + 1);
    ASSERT_TRUE(after.last_error.has_value());
    EXPECT_EQ(after.last_error->message, "IO task 'explode' threw: boom");
    EXPECT_FALSE(after.last_error->stacktrace.empty());

    // The pool keeps going, and clearing brings it back to running.
    auto ok = pool.submit("fine", [](IoTask&) {});
    ASSERT_TRUE(ok->wait_for(5s));
    EXPECT_EQ(ok->state(), IoTaskState::done);
    pool.clear_degraded();
    f = pool.figures();
    EXPECT_EQ(f.state, "running");
    EXPECT_EQ(f.last_error, "");
}

TEST(IoPool, AfterShutdownEverySubmitIsRejectedWithTheReason) {
    IoPool pool({.workers = 2});
    EXPECT_TRUE(pool.shut_down("frame loop failure: NewFrame asserted"));
    const auto before = imgui_guard::snapshot();
    bool called = false;
    auto h = pool.submit(
        "save p", [&](IoTask&) { called = true; }, [&](const IoTask&) { called = true; });
    EXPECT_EQ(h->state(), IoTaskState::rejected);
    const std::string expected =
        "IO pool shut down after frame loop failure: NewFrame asserted; cannot schedule new work";
    EXPECT_EQ(h->error(), expected);
    EXPECT_FALSE(called);
    const auto f = pool.figures();
    EXPECT_EQ(f.state, "shut_down");
    EXPECT_EQ(f.rejected, 1u);
    EXPECT_EQ(f.last_error, expected);
    const auto after = imgui_guard::snapshot();
    EXPECT_EQ(after.io_errors, before.io_errors + 1);
    ASSERT_TRUE(after.last_error.has_value());
    EXPECT_EQ(after.last_error->message, expected);
    EXPECT_STREQ(imgui_guard::kind_name(after.last_error->kind), "io_error");

    pool.clear_degraded();  // does not revive a shut-down pool
    EXPECT_EQ(pool.state(), imhost::IoPoolState::shut_down);
}

TEST(IoPool, ShutdownCancelsQueuedWorkAndAsksRunningWorkToStop) {
    IoPool pool({.workers = 1, .post_to_gui = {}, .shutdown_bound = 3s});
    std::atomic<bool> started{false};
    auto running = pool.submit("poller", [&](IoTask& self) {
        started = true;
        while (!self.cancel_requested()) std::this_thread::sleep_for(1ms);
        self.fail("cancelled");
    });
    auto queued = pool.submit("never", [](IoTask&) {});
    while (!started) std::this_thread::sleep_for(1ms);
    EXPECT_EQ(pool.figures().queued, 1u);
    EXPECT_EQ(pool.figures().active, 1u);

    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_TRUE(pool.shut_down("test"));
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s);
    EXPECT_EQ(running->state(), IoTaskState::cancelled);
    EXPECT_EQ(queued->state(), IoTaskState::cancelled);
    EXPECT_NE(queued->error().find("before it started"), std::string::npos);
    EXPECT_EQ(pool.figures().active, 0u);
}

TEST(IoPool, ShutdownGivesUpOnStuckWorkAfterTheBound) {
    std::atomic<bool> release{false}, started{false};
    imhost::IoHandle stuck;
    {
        IoPool pool({.workers = 1, .post_to_gui = {}, .shutdown_bound = 100ms});
        stuck = pool.submit("stuck", [&](IoTask&) {
            started = true;
            while (!release) std::this_thread::sleep_for(1ms);  // ignores cancel on purpose
        });
        while (!started) std::this_thread::sleep_for(1ms);
        const auto t0 = std::chrono::steady_clock::now();
        EXPECT_FALSE(pool.shut_down("test"));
        const auto took = std::chrono::steady_clock::now() - t0;
        EXPECT_GE(took, 100ms);
        EXPECT_LT(took, 1s);
    }  // the destructor detaches the stuck worker instead of hanging
    release = true;
    EXPECT_TRUE(stuck->wait_for(5s));
    EXPECT_EQ(stuck->state(), IoTaskState::done);
}

}  // namespace
