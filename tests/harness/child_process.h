// child_process.h: a child process in its own process group, with its output captured to files.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace harness {

struct ExitStatus {
    int code = -1;   // exit code, if it exited
    int signal = 0;  // the signal that ended it, if one did
    bool exited() const { return signal == 0; }
    std::string describe() const;  // "exit code 0" / "killed by signal 11 (SIGSEGV)"
};

// What the harness can see of a process. ChildProcess implements it; the harness's unit tests
// fake it (tests/unit/harness), so the decisions in live_verdicts.h are tested without a GUI.
class ProcessView {
  public:
    virtual ~ProcessView() = default;
    virtual pid_t pid() const = 0;
    virtual bool running() = 0;                            // reaps if it has exited
    virtual std::optional<ExitStatus> status() const = 0;  // set once it has exited
    virtual std::optional<ExitStatus> wait_for(std::chrono::milliseconds timeout) = 0;
};

// The child gets PR_SET_PDEATHSIG(SIGKILL): if the test binary dies (a CTest timeout kills it),
// its GUI dies too and no stray process is left. Start children from the main thread: the
// signal fires when the *thread* that forked exits.
class ChildProcess : public ProcessView {
  public:
    // Starts argv[0] (a path) with extra environment entries ("NAME=value"). stdout and stderr
    // go to the given files. Throws std::runtime_error if it cannot start.
    ChildProcess(std::vector<std::string> argv, std::vector<std::string> env,
                 std::string stdout_path, std::string stderr_path);
    ~ChildProcess();  // kills the process group if still running
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const override { return pid_; }
    bool running() override;  // reaps if it has exited
    std::optional<ExitStatus> wait_for(std::chrono::milliseconds timeout) override;
    void terminate_group(std::chrono::milliseconds grace);  // SIGTERM, then SIGKILL
    std::optional<ExitStatus> status() const override { return status_; }
    const std::string& stdout_path() const { return stdout_path_; }
    const std::string& stderr_path() const { return stderr_path_; }

  private:
    pid_t pid_ = -1;
    std::optional<ExitStatus> status_;
    std::string stdout_path_, stderr_path_;
};

std::string read_file(const std::string& path);                      // "" if missing
std::string tail_lines(const std::string& text, std::size_t lines);  // the last N lines

}  // namespace harness
