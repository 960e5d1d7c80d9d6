// crash_handler_test.cpp: a child process crashes; the report names the faulting function and
// the child dies of the original signal.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "imgui_guard/crash_handler.h"
#include "imgui_guard/guard.h"

namespace {

namespace fs = std::filesystem;

[[gnu::noinline]] void crash_here_with_segv() {
    // Not nullptr: UBSan would report the null store and abort before the fault happens.
    volatile std::uintptr_t unmapped = 16;
    *reinterpret_cast<volatile int*>(unmapped) = 42;
}

[[gnu::noinline]] void crash_here_with_abort() { std::abort(); }

// A thread that names itself, then crashes: the report says which thread it was.
void crash_on_a_named_thread() {
    std::thread([] {
        imgui_guard::install_alt_stack_for_this_thread();
        imgui_guard::set_thread_role("crasher");
        crash_here_with_segv();
    }).join();
}

struct CrashResult {
    int signal = 0;
    std::string report;
};

CrashResult crash_child(void (*crash)()) {
    const fs::path dir =
        fs::temp_directory_path() / ("imgui-guard-crash-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    const pid_t pid = ::fork();
    if (pid == 0) {
        imgui_guard::warm_up();
        if (!imgui_guard::install_crash_handler(dir.string()).empty()) ::_exit(100);
        crash();
        ::_exit(101);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    CrashResult result;
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
    std::ifstream in(dir / ("crash-" + std::to_string(pid) + ".txt"));
    std::stringstream text;
    text << in.rdbuf();
    result.report = text.str();
    fs::remove_all(dir);
    return result;
}

TEST(CrashHandler, SegvWritesAReportNamingTheFunctionThenDiesOfSegv) {
    const CrashResult r = crash_child(&crash_here_with_segv);
    EXPECT_EQ(r.signal, SIGSEGV);
    EXPECT_NE(r.report.find("signal: 11 (SIGSEGV)"), std::string::npos) << r.report;
    EXPECT_NE(r.report.find("--- raw frames ---"), std::string::npos);
    EXPECT_NE(r.report.find("--- /proc/self/maps ---"), std::string::npos);
    const auto symbolized = r.report.find("--- symbolized frames ---");
    ASSERT_NE(symbolized, std::string::npos) << r.report;
    EXPECT_NE(r.report.find("crash_here_with_segv", symbolized), std::string::npos) << r.report;
    EXPECT_NE(r.report.find("crash_handler_test.cpp:", symbolized), std::string::npos);
    EXPECT_NE(r.report.find("--- end of report ---"), std::string::npos);
}

TEST(CrashHandler, AbortWritesAReportThenDiesOfAbort) {
    const CrashResult r = crash_child(&crash_here_with_abort);
    EXPECT_EQ(r.signal, SIGABRT);
    EXPECT_NE(r.report.find("(SIGABRT)"), std::string::npos) << r.report;
    const auto symbolized = r.report.find("--- symbolized frames ---");
    ASSERT_NE(symbolized, std::string::npos) << r.report;
    EXPECT_NE(r.report.find("crash_here_with_abort", symbolized), std::string::npos) << r.report;
}

TEST(CrashHandler, TheReportNamesTheThreadAndTheTimeOfTheSignal) {
    timespec before{};
    ::clock_gettime(CLOCK_MONOTONIC, &before);
    const CrashResult r = crash_child(&crash_on_a_named_thread);
    EXPECT_EQ(r.signal, SIGSEGV);
    EXPECT_NE(r.report.find("\nthread: crasher\n"), std::string::npos) << r.report;
    const auto at = r.report.find("monotonic_ns: ");
    ASSERT_NE(at, std::string::npos) << r.report;
    // CLOCK_MONOTONIC is the same clock in parent and child: the signal came after `before`.
    EXPECT_GT(std::stoll(r.report.substr(at + 14)),
              before.tv_sec * 1'000'000'000LL + before.tv_nsec);
    const auto symbolized = r.report.find("--- symbolized frames ---");
    ASSERT_NE(symbolized, std::string::npos) << r.report;
    EXPECT_NE(r.report.find("crash_here_with_segv", symbolized), std::string::npos) << r.report;
}

TEST(CrashHandler, NoFatalSignalIsReportedWhileNoneHappened) {
    EXPECT_FALSE(imgui_guard::fatal_signal().has_value());
}

// The report path is a FIFO nobody reads: the handler blocks in open() for ever. Its 3 s budget
// must still end the process, by the original signal.
TEST(CrashHandler, AHandlerThatCannotFinishStillEndsTheProcessByTheSignal) {
#if defined(__SANITIZE_THREAD__)
    // TSan runs signal handlers only at its own safe points: the SIGALRM that cuts a stuck
    // handler short never runs while that handler blocks. The bound holds in real builds only.
    GTEST_SKIP() << "TSan defers SIGALRM while the stuck handler blocks";
#endif
    const fs::path dir =
        fs::temp_directory_path() / ("imgui-guard-stuck-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const pid_t pid = ::fork();
    if (pid == 0) {
        if (!imgui_guard::install_crash_handler(dir.string()).empty()) ::_exit(100);
        const std::string report = dir / ("crash-" + std::to_string(::getpid()) + ".txt");
        if (::mkfifo(report.c_str(), 0600) != 0) ::_exit(102);
        crash_here_with_segv();
        ::_exit(101);
    }
    int status = 0;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    pid_t done = 0;
    while ((done = ::waitpid(pid, &status, WNOHANG)) == 0 &&
           std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));  // a child: no event
    if (done == 0) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        ADD_FAILURE() << "the crash handler hung for 20 s";
    }
    fs::remove_all(dir);
    ASSERT_TRUE(WIFSIGNALED(status)) << "exit status " << status;
    EXPECT_EQ(WTERMSIG(status), SIGSEGV);
}

}  // namespace
