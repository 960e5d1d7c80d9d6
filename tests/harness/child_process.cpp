// child_process.cpp: fork/exec with a process group, reaping, and group termination.
#include "tests/harness/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace harness {

std::string ExitStatus::describe() const {
    if (exited()) return "exit code " + std::to_string(code);
    const char* name = sigabbrev_np(signal);
    return "killed by signal " + std::to_string(signal) + " (SIG" + (name ? name : "?") + ")";
}

ChildProcess::ChildProcess(std::vector<std::string> argv, std::vector<std::string> env,
                           std::string stdout_path, std::string stderr_path)
    : stdout_path_(std::move(stdout_path)), stderr_path_(std::move(stderr_path)) {
    std::vector<std::string> envs;
    for (char** e = environ; *e; ++e) envs.emplace_back(*e);
    for (auto& extra : env) {
        const auto name = extra.substr(0, extra.find('=') + 1);
        std::erase_if(envs, [&](const std::string& s) { return s.rfind(name, 0) == 0; });
        envs.push_back(extra);
    }
    std::vector<char*> c_argv, c_env;
    for (auto& a : argv) c_argv.push_back(a.data());
    c_argv.push_back(nullptr);
    for (auto& e : envs) c_env.push_back(e.data());
    c_env.push_back(nullptr);

    const int out = ::open(stdout_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    const int err = ::open(stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0 || err < 0) throw std::runtime_error("cannot create the child's output files");
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid_ == 0) {
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(126);  // the parent died before prctl

        ::dup2(out, 1);
        ::dup2(err, 2);
        const int devnull = ::open("/dev/null", O_RDONLY);
        if (devnull >= 0) ::dup2(devnull, 0);
        ::execve(c_argv[0], c_argv.data(), c_env.data());
        std::fprintf(stderr, "exec %s: %s\n", c_argv[0], std::strerror(errno));
        ::_exit(127);
    }
    ::setpgid(pid_, pid_);  // also from the parent, so there is no race with kill(-pid)
    ::close(out);
    ::close(err);
}

ChildProcess::~ChildProcess() {
    if (!status_) terminate_group(std::chrono::milliseconds(2000));
}

namespace {
ExitStatus decode(int raw) {
    ExitStatus s;
    if (WIFEXITED(raw)) s.code = WEXITSTATUS(raw);
    if (WIFSIGNALED(raw)) s.signal = WTERMSIG(raw);
    return s;
}
}  // namespace

bool ChildProcess::running() {
    if (status_) return false;
    int raw = 0;
    if (::waitpid(pid_, &raw, WNOHANG) == pid_) {
        status_ = decode(raw);
        return false;
    }
    return true;
}

std::optional<ExitStatus> ChildProcess::wait_for(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (running()) {
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));  // polling a pid: no event
    }
    return status_;
}

void ChildProcess::terminate_group(std::chrono::milliseconds grace) {
    if (!running()) {
        ::kill(-pid_, SIGKILL);  // stray grandchildren of a dead leader
        return;
    }
    ::kill(-pid_, SIGTERM);
    if (!wait_for(grace)) {
        ::kill(-pid_, SIGKILL);
        wait_for(std::chrono::milliseconds(5000));
    }
    ::kill(-pid_, SIGKILL);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string tail_lines(const std::string& text, std::size_t lines) {
    std::size_t pos = text.size();
    if (pos > 0 && text[pos - 1] == '\n') --pos;
    while (lines > 0 && pos > 0) {
        pos = text.rfind('\n', pos - 1);
        if (pos == std::string::npos) return text;
        --lines;
    }
    return text.substr(pos == 0 ? 0 : pos + 1);
}

}  // namespace harness
