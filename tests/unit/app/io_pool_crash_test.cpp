// io_pool_crash_test.cpp: a stack overflow on an IO pool worker still leaves a crash report.
//
// The kernel can deliver SIGSEGV for an overflowed stack only on an alternate signal stack, so
// each worker installs one (imgui_guard::install_alt_stack_for_this_thread). A child process
// starts a pool, overflows the stack in a task, and must die of SIGSEGV leaving crash-<pid>.txt
// with symbolized frames naming the recursing function, from a thread other than the main one.
// The control: the same overflow on a plain std::thread (no alternate stack) leaves no report.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "app/io/io_pool.h"
#include "imgui_guard/crash_handler.h"
#include "imgui_guard/guard.h"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

volatile int g_depth_limit = INT_MAX;  // never reached: the stack runs out first

[[gnu::noinline]] int overflow_the_stack(int depth) {
    volatile char frame[512];  // a real frame per call, and no tail call
    frame[0] = static_cast<char>(depth);
    if (depth >= g_depth_limit) return frame[0];
    return overflow_the_stack(depth + 1) + frame[0];
}

struct ChildEnd {
    int signal = 0;
    bool timed_out = false;
    pid_t pid = 0;
    std::string report;
};

// Runs `overflow` in a child with the crash handler installed; the child should die of it.
template <class Overflow>
ChildEnd overflow_in_child(const char* name, Overflow overflow) {
    const fs::path dir =
        fs::temp_directory_path() / ("imhost-io-crash-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(dir);
    const pid_t pid = ::fork();
    if (pid == 0) {
        imgui_guard::warm_up();
        if (!imgui_guard::install_crash_handler(dir.string()).empty()) ::_exit(100);
        overflow();
        ::_exit(101);
    }
    ChildEnd end;
    end.pid = pid;
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            end.timed_out = true;
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(5ms);  // polling a child's exit, bounded by the deadline
    }
    if (WIFSIGNALED(status)) end.signal = WTERMSIG(status);
    std::ifstream in(dir / ("crash-" + std::to_string(pid) + ".txt"));
    std::stringstream text;
    text << in.rdbuf();
    end.report = text.str();
    fs::remove_all(dir);
    return end;
}

long report_number(const std::string& report, const std::string& key) {
    const auto at = report.find("\n" + key + ": ");
    return at == std::string::npos ? -1 : std::stol(report.substr(at + key.size() + 3));
}

TEST(IoPoolCrash, AStackOverflowInATaskLeavesASymbolizedCrashReport) {
    const ChildEnd end = overflow_in_child("pool", [] {
        imhost::IoPool pool({.workers = 2});
        pool.submit("overflow", [](imhost::IoTask&) { overflow_the_stack(0); });
        for (;;) ::pause();  // the worker's crash ends the process
    });
    ASSERT_FALSE(end.timed_out) << "the child did not die of the overflow";
    EXPECT_EQ(end.signal, SIGSEGV);
    ASSERT_FALSE(end.report.empty()) << "no crash report: the worker had no alternate stack?";
    EXPECT_NE(end.report.find("signal: 11 (SIGSEGV)"), std::string::npos) << end.report;
    EXPECT_EQ(report_number(end.report, "pid"), end.pid);
    const long tid = report_number(end.report, "tid");
    EXPECT_GT(tid, 0);
    EXPECT_NE(tid, end.pid) << "the crash should be on the worker thread, not the main one";
    const auto symbolized = end.report.find("--- symbolized frames ---");
    ASSERT_NE(symbolized, std::string::npos) << end.report.substr(0, 2000);
    const std::string frames = end.report.substr(symbolized);
    EXPECT_NE(frames.find("overflow_the_stack"), std::string::npos) << frames.substr(0, 2000);
    EXPECT_NE(frames.find("io_pool_crash_test.cpp:"), std::string::npos);
    EXPECT_NE(frames.find("more frames not shown"), std::string::npos) << "the walk is bounded";
    EXPECT_NE(frames.find("--- end of report ---"), std::string::npos);
}

TEST(IoPoolCrash, ControlWithoutAnAlternateStackTheSameOverflowLeavesNoReport) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    GTEST_SKIP() << "sanitizer runtimes give every thread an alternate signal stack";
#endif
    const ChildEnd end = overflow_in_child("plain", [] {
        std::thread plain([] { overflow_the_stack(0); });
        plain.join();
    });
    ASSERT_FALSE(end.timed_out);
    EXPECT_EQ(end.signal, SIGSEGV);
    EXPECT_TRUE(end.report.empty()) << "a plain thread got a report: the pool test proves nothing";
}

}  // namespace
