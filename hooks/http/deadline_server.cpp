// deadline_server.cpp: httplib's connection loop with a per-request deadline (see the header).
#include "hooks/http/deadline_server.h"

#include <poll.h>
#include <sys/socket.h>

#include <array>
#include <string>

#include "hooks/http/api_error.h"

namespace hooks::http_detail {

using std::chrono::steady_clock;

// can still get an answer.
class WatchedStream final : public httplib::Stream {
  public:
    explicit WatchedStream(httplib::Stream& inner) : inner_(inner) {}

    bool is_readable() const override { return inner_.is_readable(); }
    bool wait_readable() const override { return inner_.wait_readable(); }
    bool wait_writable() const override { return inner_.wait_writable(); }
    bool is_peer_alive() const override { return inner_.is_peer_alive(); }
    ssize_t read(char* ptr, std::size_t size) override {
        const ssize_t n = inner_.read(ptr, size);
        if (n <= 0) {
            error_ = inner_.get_error();
            return n;
        }
        bytes_read_ += static_cast<std::size_t>(n);
        for (ssize_t i = 0; i < n && !first_line_done_; ++i) {
            if (ptr[i] == '\n')
                first_line_done_ = true;
            else
                ++first_line_bytes_;
        }
        return n;
    }
    ssize_t write(const char* ptr, std::size_t size) override {
        const ssize_t n = inner_.write(ptr, size);
        if (n > 0) bytes_written_ += static_cast<std::size_t>(n);
        return n;
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        inner_.get_remote_ip_and_port(ip, port);
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        inner_.get_local_ip_and_port(ip, port);
    }
    socket_t socket() const override { return inner_.socket(); }
    time_t duration() const override { return inner_.duration(); }
    void set_read_timeout(time_t sec, time_t usec) override { inner_.set_read_timeout(sec, usec); }

    std::size_t bytes_read() const { return bytes_read_; }
    std::size_t bytes_written() const { return bytes_written_; }
    // The request line reached httplib's line limit without ending.
    bool request_line_too_long() const {
        return !first_line_done_ && first_line_bytes_ >= CPPHTTPLIB_MAX_LINE_LENGTH;
    }

  private:
    httplib::Stream& inner_;
    std::size_t bytes_read_ = 0, bytes_written_ = 0, first_line_bytes_ = 0;
    bool first_line_done_ = false;
};

// A reply written straight to the socket, for requests httplib dropped without one.
void write_raw_reply(httplib::Stream& strm, int status, const char* reason, const ApiError& error) {
    const HttpReply reply = error_reply(error);
    const std::string head = "HTTP/1.1 " + std::to_string(status) + " " + reason +
                             "\r\nContent-Type: application/json\r\nContent-Length: " +
                             std::to_string(reply.body.size()) +
                             "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    (void)strm.write(head + reply.body);
}

// Closing a socket that still holds unread request bytes makes the kernel send a reset, which
// can destroy the reply before the client reads it (a refused 100 KB request line). As nginx's
// lingering close does: stop sending, drain what the client still sends for a moment, close.
void close_lingering(socket_t sock) {
    char probe = 0;
    if (::recv(sock, &probe, 1, MSG_PEEK | MSG_DONTWAIT) > 0) {
        ::shutdown(sock, SHUT_WR);
        constexpr std::size_t kMaxDrain = 16u << 20;
        const auto until = steady_clock::now() + std::chrono::milliseconds(500);
        std::array<char, 16384> sink{};
        for (std::size_t drained = 0; drained < kMaxDrain;) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(until - steady_clock::now());
            pollfd p{sock, POLLIN, 0};
            if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
            const ssize_t n = ::recv(sock, sink.data(), sink.size(), 0);
            if (n <= 0) break;
            drained += static_cast<std::size_t>(n);
        }
    }
    httplib::detail::shutdown_socket(sock);
    httplib::detail::close_socket(sock);
}

bool DeadlineServer::process_and_close_socket(socket_t sock) {
    std::string remote_addr, local_addr;
    int remote_port = 0, local_port = 0;
    httplib::detail::get_remote_ip_and_port(sock, remote_addr, remote_port);
    httplib::detail::get_local_ip_and_port(sock, local_addr, local_port);
    bool ok = false;
    for (std::size_t left = keep_alive_max_count_; left > 0; --left) {
        if (!httplib::detail::keep_alive(svr_sock_, sock, keep_alive_timeout_sec_)) break;
        httplib::detail::SocketStream socket_stream(
            sock, read_timeout_sec_, read_timeout_usec_, write_timeout_sec_, write_timeout_usec_,
            static_cast<time_t>(request_deadline.count()), steady_clock::now());
        WatchedStream strm(socket_stream);
        bool closed = false;
        ok = process_request(strm, remote_addr, remote_port, local_addr, local_port, left == 1,
                             closed, nullptr);
        if (!ok && strm.bytes_written() == 0 && strm.bytes_read() > 0) answer_dropped(strm);
        if (!ok || closed) break;
    }
    close_lingering(sock);
    return ok;
}

// httplib read part of a request and gave up without a reply: say why.
void DeadlineServer::answer_dropped(WatchedStream& strm) const {
    if (strm.request_line_too_long()) {
        write_raw_reply(strm, 414, "URI Too Long",
                        ApiError(ErrorCode::invalid_argument,
                                 "request line over " + std::to_string(CPPHTTPLIB_MAX_LINE_LENGTH) +
                                     " bytes (URI too long)"));
    } else if (strm.get_error() == httplib::Error::Timeout) {
        write_raw_reply(
            strm, 408, "Request Timeout",
            ApiError(ErrorCode::timeout, "the request was not received in full within " +
                                             std::to_string(request_deadline.count()) +
                                             " ms of its first byte"));
    }
}

}  // namespace hooks::http_detail
