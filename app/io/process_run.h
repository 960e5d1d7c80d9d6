// process_run.h: runs a tool's command as a child process (on an IO pool worker), streaming its
// output, with a timeout and cancellation.
//
// No shell unless asked: split_command() turns "grep -n 'a b' x.txt" into argv itself (quotes and
// backslashes as a shell would, nothing else: no globs, pipes or variables). With shell = true the
// command goes to /bin/sh -c. The tool runs in a process group of its own, stdin from /dev/null,
// stdout and stderr merged into one pipe, no signal blocked. On timeout or cancel (the IO pool
// cancels running tasks when imhost stops) the whole group gets SIGTERM, then SIGKILL after a
// grace period.
//
// If imhost dies without stopping the run (SIGKILL, a crash), the tool dies with it: the forked
// child is a small supervisor (the group's leader) that execs nothing itself; it starts the
// tool, waits for it and ends as the tool ended, and the kernel tells it when imhost is gone
// (PR_SET_PDEATHSIG), upon which it SIGKILLs the group: the tool and what the tool started
// (a shell's commands), unless they left the group themselves (setsid, daemons). That notice
// comes when the *thread* that called run_process() ends, so call it from a thread that lives
// as long as the run (an IO pool worker does).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace imhost {

// argv from a command line, or an empty vector with `error` set ("unterminated ' quote").
std::vector<std::string> split_command(const std::string& command, std::string& error);

struct ProcessSpec {
    std::vector<std::string> argv;  // argv[0] is looked up in PATH
    std::string cwd = {};           // "" = the current folder
    std::chrono::milliseconds timeout{60000};
    std::chrono::milliseconds kill_grace{1000};  // after SIGTERM, before SIGKILL
};

struct ProcessResult {
    std::optional<int> exit_code;  // set if it exited
    int signal = 0;                // set if a signal ended it
    bool timed_out = false, cancelled = false;
    std::string error;             // could not start: "cannot run 'x': No such file or directory"
    std::string describe() const;  // "exit code 0", "killed by SIGTERM after the 60 s timeout"
};

// Blocks until the child is gone. `on_output` gets raw chunks of its output as they come.
ProcessResult run_process(const ProcessSpec& spec, const std::atomic<bool>& cancel,
                          const std::function<void(std::string_view)>& on_output);

}  // namespace imhost
