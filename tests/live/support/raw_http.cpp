// raw_http.cpp: a non-blocking socket that sends and reads at the same time.
#include "tests/live/support/raw_http.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace rawhttp {

namespace {

using Clock = std::chrono::steady_clock;

int connect_loopback(int port, std::string& error) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error = std::string("socket: ") + std::strerror(errno);
        return -1;
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
        error = std::string("connect: ") + std::strerror(errno);
        ::close(fd);
        return -1;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

// True once `data` holds a whole reply: headers and Content-Length bytes of body.
bool parse_reply(const std::string& data, RawReply& reply) {
    const auto end = data.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    reply.head = data.substr(0, end);
    if (reply.head.starts_with("HTTP/1.")) reply.status = std::atoi(reply.head.c_str() + 9);
    std::string lower = reply.head;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    std::size_t length = 0;
    if (auto at = lower.find("\r\ncontent-length:"); at != std::string::npos)
        length = std::strtoull(lower.c_str() + at + 17, nullptr, 10);
    if (data.size() < end + 4 + length) return false;
    reply.body = data.substr(end + 4, length);
    return true;
}

// Sends what is left of `out` (if any) and reads until a reply, a close or the deadline.
RawReply pump(int fd, std::string_view out, Clock::time_point start,
              std::chrono::milliseconds deadline) {
    RawReply reply;
    std::string in;
    std::size_t sent = 0;
    bool sending = !out.empty();
    const auto until = start + deadline;
    while (true) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
        if (left.count() <= 0) {
            reply.timed_out = true;
            break;
        }
        pollfd p{fd, static_cast<short>(POLLIN | (sending ? POLLOUT : 0)), 0};
        if (::poll(&p, 1, static_cast<int>(std::min<long>(left.count(), 100))) < 0) {
            if (errno == EINTR) continue;
            reply.error = std::string("poll: ") + std::strerror(errno);
            break;
        }
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            char buffer[65536];
            const ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
            if (n > 0) {
                in.append(buffer, static_cast<std::size_t>(n));
                if (parse_reply(in, reply)) break;
                continue;
            }
            if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
                if (n < 0) reply.error = std::string("recv: ") + std::strerror(errno);
                reply.closed = true;
                parse_reply(in, reply);  // a reply cut short still shows its status line
                if (reply.status == 0 && in.starts_with("HTTP/1."))
                    reply.status = std::atoi(in.c_str() + 9);
                break;
            }
        }
        if (sending && (p.revents & POLLOUT)) {
            const ssize_t n = ::send(fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
            if (n > 0) sent += static_cast<std::size_t>(n);
            if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                reply.error = std::string("send: ") + std::strerror(errno);
                sending = false;  // the server gave up on us; its reply may still be there
            }
            if (sent == out.size()) sending = false;
        }
    }
    reply.ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    return reply;
}

}  // namespace

RawReply raw_exchange(int port, std::string_view request, std::chrono::milliseconds deadline) {
    const auto start = Clock::now();
    RawReply reply;
    const int fd = connect_loopback(port, reply.error);
    if (fd < 0) return reply;
    reply = pump(fd, request, start, deadline);
    ::close(fd);
    return reply;
}

RawConnection::RawConnection(int port) {
    std::string error;
    fd_ = connect_loopback(port, error);
    if (fd_ < 0) throw std::runtime_error(error);
}

RawConnection::~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::send(std::string_view bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n > 0) {
            sent += static_cast<std::size_t>(n);
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
            pollfd p{fd_, POLLOUT, 0};
            ::poll(&p, 1, 100);
        } else {
            return false;
        }
    }
    return true;
}

RawReply RawConnection::read_reply(std::chrono::milliseconds deadline) {
    return pump(fd_, {}, Clock::now(), deadline);
}

bool RawConnection::still_waiting() const {
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, 0) == 0;  // readable means a reply, an EOF or an error arrived
}

}  // namespace rawhttp
