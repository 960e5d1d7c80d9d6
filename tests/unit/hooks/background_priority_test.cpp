// background_priority_test.cpp: the hook server's threads keep the GUI's priority under a light
// poll, and yield to it for good once the server is busy (hooks/http/background_priority.h).
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <future>
#include <thread>

#include "hooks/http/background_priority.h"
#include "hooks/http/connection_threads.h"

namespace {

using namespace hooks::http_detail;

struct Seen {
    long tid = 0;
    int nice = 0;
    bool yielded = false;
};

Seen seen_here() {
    const long tid = ::syscall(SYS_gettid);
    const int nice = ::getpriority(PRIO_PROCESS, static_cast<id_t>(tid));
    return {tid, nice, yielded_to_gui()};
}

template <typename F>
Seen on_a_new_thread(F work) {
    Seen seen;
    std::thread([&] {
        work();
        seen = seen_here();
    }).join();
    return seen;
}

// ctest runs each test in its own process: the server's request count starts at zero.
TEST(BackgroundPriority, ALightPollKeepsTheGuisPriority) {
    const int before = ::getpriority(PRIO_PROCESS, 0);
    const Seen seen = on_a_new_thread([] {
        for (int i = 0; i < kBusyRequests / 2; ++i) note_request();
    });
    EXPECT_FALSE(seen.yielded);
    EXPECT_EQ(seen.nice, before);
}

TEST(BackgroundPriority, ABusyServerLowersTheThreadsThatServe) {
    const int before = ::getpriority(PRIO_PROCESS, 0);
    if (before >= kServerNice) GTEST_SKIP() << "this test already runs at nice " << before;
    // Past kBusyRequests within one window (a window that ends meanwhile restarts the count).
    const Seen seen = on_a_new_thread([] {
        for (int i = 0; i < 20 * kBusyRequests && !yielded_to_gui(); ++i) note_request();
    });
    EXPECT_TRUE(seen.yielded);
    EXPECT_EQ(seen.nice, kServerNice);
    EXPECT_EQ(::getpriority(PRIO_PROCESS, 0), before) << "only the serving thread yields";
}

// A thread cannot raise its priority again without privilege: one that yielded leaves the pool
// when its connection ends, and the next connection gets a new thread at full priority.
TEST(BackgroundPriority, AThreadThatYieldedLeavesWithItsConnection) {
    const int before = ::getpriority(PRIO_PROCESS, 0);
    if (before >= kServerNice) GTEST_SKIP() << "this test already runs at nice " << before;
    ConnectionThreads threads(/*keep=*/4, /*max_threads=*/4, /*max_queued=*/16);
    std::promise<Seen> first, second;
    ASSERT_TRUE(threads.enqueue([&] {
        yield_to_gui();
        first.set_value(seen_here());
    }));
    const Seen busy = first.get_future().get();
    ASSERT_TRUE(threads.enqueue([&] { second.set_value(seen_here()); }));
    const Seen next = second.get_future().get();
    EXPECT_EQ(busy.nice, kServerNice);
    EXPECT_NE(next.tid, busy.tid);
    EXPECT_FALSE(next.yielded);
    EXPECT_EQ(next.nice, before);
    threads.shutdown();
}

}  // namespace
