// xvfb_display.cpp: Xvfb started with -displayfd, so it tells us its display when ready.
#include "tests/harness/xvfb_display.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace harness {

XvfbDisplay::XvfbDisplay() {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // a killed test binary leaves no stray Xvfb
        if (::getppid() != parent) ::_exit(126);
        ::close(fds[0]);
        const int devnull = ::open("/dev/null", O_RDWR);
        ::dup2(devnull, 0);
        ::dup2(devnull, 1);
        ::dup2(devnull, 2);
        const std::string fd = std::to_string(fds[1]);
        ::execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", "1920x1200x24",
                 "-nolisten", "tcp", "-noreset", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(fds[1]);
    std::string number;
    pollfd p{fds[0], POLLIN, 0};
    char buf[32];
    // Xvfb writes "N\n" once it accepts connections; 10 s covers a loaded CI machine.
    while (number.find('\n') == std::string::npos && ::poll(&p, 1, 10000) > 0) {
        const ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n <= 0) break;
        number.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    if (number.empty() || number.find('\n') == std::string::npos) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        throw std::runtime_error("Xvfb did not start (is the xvfb package installed?)");
    }
    display_ = ":" + number.substr(0, number.find('\n'));
}

XvfbDisplay::~XvfbDisplay() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
    }
}

std::string XvfbDisplay::shared_display() {
    if (const char* d = std::getenv("DISPLAY"); d && *d) return d;
    static std::unique_ptr<XvfbDisplay> xvfb = [] {
        auto started = std::make_unique<XvfbDisplay>();
        std::printf("[ XVFB     ] Xvfb pid %d display %s\n", static_cast<int>(started->pid()),
                    started->display().c_str());
        std::fflush(stdout);
        return started;
    }();
    return xvfb->display();
}

}  // namespace harness
