// atomic_file.cpp: temp + fsync + rename + fsync(dir), with errno reasons.
#include "app/project/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace imhost {

namespace fs = std::filesystem;

namespace {

std::string os_error(const std::string& what, const fs::path& path) {
    return what + " " + path.string() + ": " + std::strerror(errno);
}

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

std::string write_file_atomically(const fs::path& path, const std::string& text) {
    static std::atomic<unsigned> counter{0};
    const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    const fs::path temp =
        folder / ("." + path.filename().string() + ".tmp." + std::to_string(::getpid()) + "." +
                  std::to_string(counter.fetch_add(1)));
    Fd out;
    out.fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (out.fd < 0) return os_error("create", temp);
    const char* data = text.data();
    std::size_t left = text.size();
    while (left > 0) {
        const ssize_t n = ::write(out.fd, data, left);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            std::string error = os_error("write", temp);
            ::unlink(temp.c_str());
            return error;
        }
        data += n;
        left -= static_cast<std::size_t>(n);
    }
    if (::fsync(out.fd) != 0) {
        std::string error = os_error("fsync", temp);
        ::unlink(temp.c_str());
        return error;
    }
    ::close(out.fd);
    out.fd = -1;
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        std::string error = os_error("rename to " + path.string() + " from", temp);
        ::unlink(temp.c_str());
        return error;
    }
    // The rename itself is durable only once the folder is synced.
    Fd dir;
    dir.fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir.fd < 0) return os_error("open folder", folder);
    if (::fsync(dir.fd) != 0) return os_error("fsync folder", folder);
    return "";
}

std::optional<std::string> read_whole_file(const fs::path& path, std::string& error,
                                           std::size_t max_bytes) {
    Fd in;
    in.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (in.fd < 0) {
        error = os_error("open", path);
        return std::nullopt;
    }
    std::string text;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(in.fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            error = os_error("read", path);
            return std::nullopt;
        }
        if (n == 0) break;
        text.append(buffer, static_cast<std::size_t>(n));
        if (text.size() > max_bytes) {
            error = "read " + path.string() + ": larger than " + std::to_string(max_bytes >> 20) +
                    " MiB";
            return std::nullopt;
        }
    }
    return text;
}

int remove_stale_temp_files(const fs::path& folder) {
    int removed = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        const auto tmp = name.rfind(".tmp.");
        if (name.empty() || name[0] != '.' || tmp == std::string::npos) continue;
        const std::string rest = name.substr(tmp + 5);  // "<pid>.<n>"
        const pid_t pid = static_cast<pid_t>(std::atol(rest.c_str()));
        if (pid <= 0) continue;
        if (pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH) {
            if (fs::remove(entry.path(), ec)) ++removed;
        }
    }
    return removed;
}

}  // namespace imhost
