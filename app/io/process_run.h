// process_run.h: runs a tool's command as a child process (on an IO pool worker), streaming its
// output, with a timeout and cancellation.
//
// No shell unless asked: split_command() turns "grep -n 'a b' x.txt" into argv itself (quotes and
// backslashes as a shell would, nothing else: no globs, pipes or variables). With shell = true the
// command goes to /bin/sh -c. The child gets its own process group, stdin from /dev/null, stdout
// and stderr merged into one pipe. On timeout or cancel the whole group gets SIGTERM, then
// SIGKILL after a grace period.
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
