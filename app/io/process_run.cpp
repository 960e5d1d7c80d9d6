// process_run.cpp: fork a supervisor that starts the tool and dies with imhost (taking the tool's
// process group along), an exec-error pipe, poll() for output, group kill on timeout/cancel.
#include "app/io/process_run.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace imhost {

using Clock = std::chrono::steady_clock;

std::vector<std::string> split_command(const std::string& command, std::string& error) {
    std::vector<std::string> argv;
    std::string current;
    bool in_word = false;
    char quote = 0;
    for (std::size_t i = 0; i < command.size(); ++i) {
        const char c = command[i];
        if (quote) {
            if (c == quote) {
                quote = 0;
            } else if (c == '\\' && quote == '"' && i + 1 < command.size() &&
                       (command[i + 1] == '"' || command[i + 1] == '\\')) {
                current += command[++i];
            } else {
                current += c;
            }
        } else if (c == '\'' || c == '"') {
            quote = c;
            in_word = true;
        } else if (c == '\\' && i + 1 < command.size()) {
            current += command[++i];
            in_word = true;
        } else if (c == ' ' || c == '\t' || c == '\n') {
            if (in_word) argv.push_back(std::move(current));
            current.clear();
            in_word = false;
        } else {
            current += c;
            in_word = true;
        }
    }
    if (quote) {
        // Built in steps: GCC 12 -O2 warns falsely (-Warray-bounds) on the chained operator+.
        error = "unterminated ";
        error += quote;
        error += " quote in the command";
        return {};
    }
    if (in_word) argv.push_back(std::move(current));
    if (argv.empty()) error = "the command is empty";
    return argv;
}

std::string ProcessResult::describe() const {
    if (!error.empty()) return error;
    std::string text;
    if (exit_code) text = "exit code " + std::to_string(*exit_code);
    if (signal)
        text = std::string("killed by signal ") + std::to_string(signal) + " (" +
               (sigabbrev_np(signal) ? sigabbrev_np(signal) : "?") + ")";
    if (timed_out) text += " after the timeout";
    if (cancelled) text += " (cancelled)";
    return text;
}

namespace {

void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

// What the exec-error pipe carries when the tool could not start.
struct StartFailure {
    int stage, code;  // stage: 1 chdir, 2 stdio, 3 exec, 4 death signal, 5 fork
};

[[noreturn]] void report_start_failure(int fd, int stage) {
    StartFailure f{stage, errno};
    [[maybe_unused]] auto n = ::write(fd, &f, sizeof f);
    ::_exit(127);
}

// The tool itself: stdin from /dev/null, stdout+stderr into the pipe, a clean signal state.
[[noreturn]] void exec_tool(char* const* argv, const char* cwd, const int out[2],
                            const int err[2]) {
    // imhost blocks SIGTERM/SIGINT for its stop watcher (stop_signals.h) and the supervisor
    // blocks more: the tool starts with none blocked, so a timeout's SIGTERM reaches it.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    if (cwd && ::chdir(cwd) != 0) report_start_failure(err[1], 1);
    const int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd < 0 || ::dup2(null_fd, 0) < 0) report_start_failure(err[1], 2);
    if (::dup2(out[1], 1) < 0 || ::dup2(out[1], 2) < 0) report_start_failure(err[1], 2);
    ::execvp(argv[0], argv);
    report_start_failure(err[1], 3);
}

// The forked child (async-signal-safe calls only: imhost has threads). It leads a new process
// group, starts the tool in it and waits for it, then ends the way the tool ended, so the
// parent sees the tool's exit code or signal. Its one other job: when imhost dies without
// stopping the run (SIGKILL, a crash), the kernel sends it SIGUSR1 (PR_SET_PDEATHSIG), and it
// SIGKILLs the whole group, so the tool and whatever the tool started die with imhost.
[[noreturn]] void supervise_tool(pid_t parent, char* const* argv, const char* cwd, int out[2],
                                 int err[2]) {
    ::setpgid(0, 0);
    // Blocked, so each waits for sigwait() (a signal sent early stays pending). SIGTERM/SIGINT
    // stay blocked for good: a timeout's group SIGTERM is for the tool; if the tool survives it,
    // the group SIGKILL that follows ends the supervisor too.
    sigset_t watched, blocked;
    sigemptyset(&watched);
    sigaddset(&watched, SIGUSR1);
    sigaddset(&watched, SIGCHLD);
    blocked = watched;
    sigaddset(&blocked, SIGTERM);
    sigaddset(&blocked, SIGINT);
    ::sigprocmask(SIG_BLOCK, &blocked, nullptr);
    // The death signal comes when the imhost *thread* that forked us ends (an IO pool worker,
    // or the whole process). If imhost is already gone, it never will: give up now.
    if (::prctl(PR_SET_PDEATHSIG, SIGUSR1) != 0) report_start_failure(err[1], 4);
    if (::getppid() != parent) ::_exit(127);

    const pid_t tool = ::fork();
    if (tool < 0) report_start_failure(err[1], 5);
    if (tool == 0) exec_tool(argv, cwd, out, err);
    // The pipes belong to the tool now: imhost sees EOF when the tool (and its children) close.
    close_fd(out[0]), close_fd(out[1]), close_fd(err[0]), close_fd(err[1]);

    for (;;) {
        int sig = 0;
        if (::sigwait(&watched, &sig) != 0) continue;
        if (sig == SIGUSR1) ::kill(0, SIGKILL);  // imhost died: the group, ourselves included
        int status = 0;
        if (::waitpid(tool, &status, WNOHANG) != tool) continue;
        if (WIFEXITED(status)) ::_exit(WEXITSTATUS(status));
        // Killed by a signal: die of the same one (without a core file of our own).
        const int by = WTERMSIG(status);
        const struct rlimit no_core { 0, 0 };
        ::setrlimit(RLIMIT_CORE, &no_core);
        ::signal(by, SIG_DFL);
        sigset_t only;
        sigemptyset(&only);
        sigaddset(&only, by);
        ::sigprocmask(SIG_UNBLOCK, &only, nullptr);
        ::kill(::getpid(), by);
        ::_exit(128 + by);
    }
}

}  // namespace

ProcessResult run_process(const ProcessSpec& spec, const std::atomic<bool>& cancel,
                          const std::function<void(std::string_view)>& on_output) {
    ProcessResult result;
    if (spec.argv.empty()) {
        result.error = "nothing to run: the command is empty";
        return result;
    }
    int out[2] = {-1, -1}, err[2] = {-1, -1};
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
        result.error = std::string("cannot create a pipe: ") + std::strerror(errno);
        close_fd(out[0]), close_fd(out[1]), close_fd(err[0]), close_fd(err[1]);
        return result;
    }
    // Everything the child needs is prepared before fork(): after it, only async-signal-safe calls.
    std::vector<char*> argv;
    for (const std::string& arg : spec.argv) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    const char* cwd = spec.cwd.empty() ? nullptr : spec.cwd.c_str();
    const pid_t parent = ::getpid();

    const pid_t pid = ::fork();
    if (pid < 0) {
        result.error = std::string("cannot fork: ") + std::strerror(errno);
        close_fd(out[0]), close_fd(out[1]), close_fd(err[0]), close_fd(err[1]);
        return result;
    }
    if (pid == 0) supervise_tool(parent, argv.data(), cwd, out, err);
    ::setpgid(pid, pid);  // also in the parent, so a kill right away reaches the group
    close_fd(out[1]);
    close_fd(err[1]);

    // Did exec succeed? The exec-error pipe closes on exec (EOF) or carries the failure.
    StartFailure failure{0, 0};
    ssize_t got;
    do got = ::read(err[0], &failure, sizeof failure);
    while (got < 0 && errno == EINTR);
    close_fd(err[0]);
    if (got == static_cast<ssize_t>(sizeof failure)) {
        const char* what = failure.stage == 1   ? "cannot enter the folder '"
                           : failure.stage == 2 ? "cannot set up the output of '"
                           : failure.stage == 4 ? "cannot tie to imhost the life of '"
                           : failure.stage == 5 ? "cannot fork to run '"
                                                : "cannot run '";
        result.error = std::string(what) + (failure.stage == 1 ? spec.cwd : spec.argv[0]) +
                       "': " + std::strerror(failure.code);
        ::waitpid(pid, nullptr, 0);
        close_fd(out[0]);
        return result;
    }

    const auto deadline = Clock::now() + spec.timeout;
    std::optional<Clock::time_point> term_sent;
    bool reaped = false;
    int status = 0;
    char buffer[8192];
    while (!reaped || out[0] >= 0) {
        if (out[0] >= 0) {
            pollfd p{out[0], POLLIN, 0};
            const int ready = ::poll(&p, 1, 20);
            if (ready > 0) {
                const ssize_t n = ::read(out[0], buffer, sizeof buffer);
                if (n > 0)
                    on_output(std::string_view(buffer, static_cast<std::size_t>(n)));
                else if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
                    close_fd(out[0]);
            }
        } else {
            ::usleep(10000);
        }
        if (!reaped) {
            const pid_t w = ::waitpid(pid, &status, WNOHANG);
            if (w == pid) reaped = true;
        }
        if (reaped && out[0] >= 0) {
            // The child is gone; a grandchild may still hold the pipe. Drain what is there.
            pollfd p{out[0], POLLIN, 0};
            if (::poll(&p, 1, 0) <= 0) close_fd(out[0]);
        }
        if (reaped) continue;
        const auto now = Clock::now();
        if (!term_sent && (cancel.load() || now >= deadline)) {
            result.cancelled = cancel.load();
            result.timed_out = !result.cancelled;
            ::kill(-pid, SIGTERM);
            term_sent = now;
        } else if (term_sent && now - *term_sent >= spec.kill_grace) {
            ::kill(-pid, SIGKILL);
        }
    }
    if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
    return result;
}

}  // namespace imhost
