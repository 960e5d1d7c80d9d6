// process_run_test.cpp: tool runs as child processes: argv splitting, output, exit codes,
// timeout, cancel, and a clear error when the program does not exist.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "app/io/process_run.h"

namespace {

using namespace std::chrono_literals;
using imhost::ProcessSpec;

struct Ran {
    imhost::ProcessResult result;
    std::string output;
};

Ran run(ProcessSpec spec, const std::atomic<bool>& cancel) {
    Ran r;
    r.result = imhost::run_process(spec, cancel, [&](std::string_view s) { r.output += s; });
    return r;
}
Ran run(ProcessSpec spec) {
    std::atomic<bool> no{false};
    return run(std::move(spec), no);
}

TEST(SplitCommand, QuotesAndEscapesLikeAShellButNothingElse) {
    std::string error;
    EXPECT_EQ(imhost::split_command("echo hello", error),
              (std::vector<std::string>{"echo", "hello"}));
    EXPECT_EQ(imhost::split_command("grep -n 'a b' \"c \\\"d\\\"\" e\\ f", error),
              (std::vector<std::string>{"grep", "-n", "a b", "c \"d\"", "e f"}));
    EXPECT_EQ(imhost::split_command("ls *.json | wc", error),
              (std::vector<std::string>{"ls", "*.json", "|", "wc"}));  // no shell features
    EXPECT_TRUE(imhost::split_command("echo 'oops", error).empty());
    EXPECT_EQ(error, "unterminated ' quote in the command");
    EXPECT_TRUE(imhost::split_command("   ", error).empty());
    EXPECT_EQ(error, "the command is empty");
}

TEST(RunProcess, StreamsOutputAndKeepsTheExitCode) {
    auto r = run({{"sh", "-c", "echo hello; echo oops >&2; exit 3"}});
    EXPECT_EQ(r.result.exit_code, 3);
    EXPECT_EQ(r.output, "hello\noops\n");
    EXPECT_EQ(r.result.describe(), "exit code 3");
}

TEST(RunProcess, RunsInTheGivenFolder) {
    const auto dir = std::filesystem::temp_directory_path();
    auto r = run({{"pwd"}, dir.string()});
    EXPECT_EQ(r.result.exit_code, 0);
    EXPECT_EQ(r.output, std::filesystem::canonical(dir).string() + "\n");
}

TEST(RunProcess, AMissingProgramOrFolderIsAClearError) {
    auto r = run({{"/nonexistent/tool"}});
    EXPECT_EQ(r.result.error, "cannot run '/nonexistent/tool': No such file or directory");
    EXPECT_FALSE(r.result.exit_code);
    r = run({{"true"}, "/nonexistent/folder"});
    EXPECT_EQ(r.result.error,
              "cannot enter the folder '/nonexistent/folder': No such file or directory");
}

TEST(RunProcess, TimeoutKillsTheWholeGroup) {
    ProcessSpec spec{{"sh", "-c", "sleep 30 & sleep 30"}, "", 200ms, 200ms};
    const auto t0 = std::chrono::steady_clock::now();
    auto r = run(spec);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 3s);
    EXPECT_TRUE(r.result.timed_out);
    EXPECT_EQ(r.result.signal, SIGTERM);
    EXPECT_EQ(r.result.describe(), "killed by signal 15 (TERM) after the timeout");
}

TEST(RunProcess, CancelStopsIt) {
    std::atomic<bool> cancel{false};
    std::thread canceller([&] {
        std::this_thread::sleep_for(100ms);  // lets the child start; the test bounds the total
        cancel = true;
    });
    const auto t0 = std::chrono::steady_clock::now();
    auto r = run({{"sleep", "30"}}, cancel);
    canceller.join();
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 3s);
    EXPECT_TRUE(r.result.cancelled);
    EXPECT_FALSE(r.result.timed_out);
    EXPECT_EQ(r.result.signal, SIGTERM);
}

// imhost blocks SIGTERM for its stop watcher; a tool must not inherit that mask, or a timeout's
// SIGTERM would wait for the SIGKILL after the grace period.
TEST(RunProcess, TheChildDoesNotInheritBlockedSignals) {
    Ran r;
    std::thread runner([&] {
        sigset_t term;
        sigemptyset(&term);
        sigaddset(&term, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &term, nullptr);  // this thread only
        r = run({{"sleep", "30"}, "", 200ms, 10s});
    });
    runner.join();
    EXPECT_TRUE(r.result.timed_out);
    EXPECT_EQ(r.result.signal, SIGTERM) << r.result.describe();
}

// The state letter of /proc/<pid>/stat, or 0 when there is no such process.
char process_state(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    std::getline(in, text);
    const auto close = text.rfind(')');
    return close == std::string::npos || close + 2 >= text.size() ? 0 : text[close + 2];
}

// A process running run_process() is SIGKILLed: the tool dies with it, and so does what the
// tool started (the shell's background sleep).
TEST(RunProcess, TheToolAndItsChildrenDieWhenTheParentIsKilled) {
    int report[2];
    ASSERT_EQ(::pipe(report), 0);
    const pid_t parent = ::fork();
    if (parent == 0) {
        ::close(report[0]);
        std::atomic<bool> no{false};
        imhost::run_process({{"sh", "-c", "sleep 30 & echo $$ $!; wait"}}, no,
                            [&](std::string_view s) {
                                [[maybe_unused]] auto n = ::write(report[1], s.data(), s.size());
                            });
        ::_exit(0);
    }
    ::close(report[1]);
    std::string line;
    char c = 0;
    while (::read(report[0], &c, 1) == 1 && c != '\n') line += c;  // blocks until the tool runs
    ::close(report[0]);
    long shell = 0, sleeper = 0;
    std::istringstream(line) >> shell >> sleeper;
    ASSERT_GT(shell, 0) << "the tool reported no pids: '" << line << "'";
    ASSERT_GT(sleeper, 0) << line;
    const pid_t pids[] = {static_cast<pid_t>(shell), static_cast<pid_t>(sleeper)};
    for (pid_t p : pids) EXPECT_NE(process_state(p), 0) << p << " should be running";

    ::kill(parent, SIGKILL);
    ::waitpid(parent, nullptr, 0);
    auto gone = [](pid_t p) {
        const char state = process_state(p);  // a zombie no longer runs
        return state == 0 || state == 'Z' || state == 'X';
    };
    const auto deadline = std::chrono::steady_clock::now() + 3s;
    while (!(gone(pids[0]) && gone(pids[1])) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(5ms);  // polling /proc, bounded by the deadline
    for (pid_t p : pids) {
        EXPECT_TRUE(gone(p)) << p << " outlived the killed parent";
        if (!gone(p)) ::kill(p, SIGKILL);
    }
}

}  // namespace
