// process_run_test.cpp: tool runs as child processes: argv splitting, output, exit codes,
// timeout, cancel, and a clear error when the program does not exist.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
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

}  // namespace
