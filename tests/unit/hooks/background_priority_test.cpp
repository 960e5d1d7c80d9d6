// background_priority_test.cpp: the hook server's threads keep the GUI's priority under a light
// poll, with the shortest slice, and yield to it for good once the server is busy
// (hooks/http/background_priority.h).
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <future>
#include <optional>
#include <string>
#include <thread>

#include "hooks/http/background_priority.h"
#include "hooks/http/connection_threads.h"

namespace {

using namespace hooks::http_detail;

// The calling thread's time slice as the kernel reports it ("se.slice", Linux 6.6 and later).
std::optional<long long> slice_ns_here() {
    std::ifstream sched("/proc/thread-self/sched");
    for (std::string line; std::getline(sched, line);) {
        long long ns = 0;
        if (line.rfind("se.slice ", 0) == 0 &&
            std::sscanf(line.c_str() + line.find(':') + 1, "%lld", &ns) == 1)
            return ns;
    }
    return std::nullopt;
}

// Custom slices (sched_setattr's sched_runtime for SCHED_OTHER) came with Linux 6.12.
bool kernel_has_custom_slices() {
    utsname u{};
    int major = 0, minor = 0;
    return ::uname(&u) == 0 && std::sscanf(u.release, "%d.%d", &major, &minor) == 2 &&
           (major > 6 || (major == 6 && minor >= 12)) && slice_ns_here().has_value();
}

struct Seen {
    long tid = 0;
    int nice = 0;
    bool yielded = false;
    std::optional<long long> slice_ns;
};

Seen seen_here() {
    const long tid = ::syscall(SYS_gettid);
    const int nice = ::getpriority(PRIO_PROCESS, static_cast<id_t>(tid));
    return {tid, nice, yielded_to_gui(), slice_ns_here()};
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
        (void)answer_promptly();  // as a connection thread starts
        for (int i = 0; i < 20 * kBusyRequests && !yielded_to_gui(); ++i) note_request();
    });
    EXPECT_TRUE(seen.yielded);
    EXPECT_EQ(seen.nice, kServerNice);
    EXPECT_EQ(::getpriority(PRIO_PROCESS, 0), before) << "only the serving thread yields";
    if (kernel_has_custom_slices()) {
        EXPECT_EQ(seen.slice_ns, slice_ns_here()) << "a thread that yielded has the default slice";
    }
}

// A light poll is answered at once: the request's thread preempts llvmpipe's raster threads on
// waking instead of waiting out their slice (background_priority.h), at the same priority.
TEST(BackgroundPriority, AConnectionThreadAsksForTheShortestSlice) {
    if (!kernel_has_custom_slices()) GTEST_SKIP() << "this kernel has no custom slices (< 6.12)";
    const int before = ::getpriority(PRIO_PROCESS, 0);
    ConnectionThreads threads(/*keep=*/1, /*max_threads=*/1, /*max_queued=*/4);
    std::promise<Seen> served;
    ASSERT_TRUE(threads.enqueue([&] { served.set_value(seen_here()); }));
    const Seen seen = served.get_future().get();
    threads.shutdown();
    ASSERT_TRUE(seen.slice_ns.has_value());
    EXPECT_EQ(*seen.slice_ns, std::chrono::nanoseconds(kPromptSlice).count());
    EXPECT_NE(seen.slice_ns, slice_ns_here()) << "the test's own thread keeps the default slice";
    EXPECT_EQ(seen.nice, before);
    EXPECT_FALSE(seen.yielded);
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
