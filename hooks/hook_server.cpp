// hook_server.cpp: the cpp-httplib transport. The only file of hooks/ that includes httplib.h.
#include "hooks/hook_server.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <list>
#include <mutex>
#include <random>
#include <thread>

// The kernel's accept backlog. httplib's default of 5 overflowed under 64 reconnecting clients
// (httplib closes the connection after each 4xx/5xx), and overflowed SYNs were silently dropped.
#define CPPHTTPLIB_LISTEN_BACKLOG 128
#include <httplib.h>

#include "hooks/port_file.h"
#include "imgui_guard/crash_handler.h"

namespace hooks {

namespace {

using std::chrono::steady_clock;

// The connection threads. httplib's ThreadPool starts a thread only when a connection arrives
// while no thread is idle *at that moment*: a burst of 100 slow connections queued 84 of them
// behind 16 blocked threads, and every later client behind those. Here a queued connection always
// gets a thread (an idle one, or a new one up to `max_threads`); idle threads beyond `keep` exit
// after a while. Each thread gets an alternate signal stack first, so a stack overflow on it
// still leaves a crash report.
class ConnectionThreads final : public httplib::TaskQueue {
  public:
    ConnectionThreads(std::size_t keep, std::size_t max_threads, std::size_t max_queued)
        : keep_(keep), max_threads_(max_threads), max_queued_(max_queued) {}
    ~ConnectionThreads() override { shutdown(); }

    bool enqueue(std::function<void()> task) override {
        std::lock_guard lock(mutex_);
        if (stopping_ || jobs_.size() >= max_queued_) return false;  // refused: httplib closes
        reap_locked();
        jobs_.push_back(std::move(task));
        if (idle_ < jobs_.size() && live_ < max_threads_) {
            try {
                workers_.emplace_back();
                auto self = std::prev(workers_.end());
                self->thread = std::thread([this, self] { run(self); });
                ++live_;
            } catch (const std::system_error&) {  // no thread to be had: wait for a busy one
                workers_.pop_back();
                if (live_ == 0) {
                    jobs_.pop_back();
                    return false;
                }
            }
        }
        wake_.notify_one();
        return true;
    }

    void shutdown() override {
        std::list<Worker> all;
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
            all.splice(all.end(), workers_);
        }
        wake_.notify_all();
        for (Worker& w : all)
            if (w.thread.joinable()) w.thread.join();
    }

  private:
    struct Worker {
        std::thread thread;
        bool done = false;  // run() returned (joined by the next enqueue)
    };

    void run(std::list<Worker>::iterator self) {
        imgui_guard::install_alt_stack_for_this_thread();
        std::unique_lock lock(mutex_);
        for (;;) {
            ++idle_;
            const bool woken = wake_.wait_for(lock, std::chrono::seconds(3),
                                              [this] { return stopping_ || !jobs_.empty(); });
            --idle_;
            if (jobs_.empty()) {
                if (stopping_ || (!woken && live_ > keep_)) break;
                continue;
            }
            std::function<void()> job = std::move(jobs_.front());
            jobs_.pop_front();
            lock.unlock();
            job();
            job = nullptr;
            lock.lock();
        }
        --live_;
        self->done = true;
    }

    // Joins threads that have left run() (they hold no lock by then, and exit at once).
    void reap_locked() {
        for (auto it = workers_.begin(); it != workers_.end();) {
            if (!it->done) {
                ++it;
                continue;
            }
            it->thread.join();
            it = workers_.erase(it);
        }
    }

    const std::size_t keep_, max_threads_, max_queued_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> jobs_;
    std::list<Worker> workers_;
    std::size_t idle_ = 0, live_ = 0;
    bool stopping_ = false;
};

// The stream of one request, as httplib's request parser reads it: counts what went in and out,
// and how long the first (request) line got, so a request httplib gave up on without replying
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

// httplib's server with a deadline per request: the connection loop of
// Server::process_and_close_socket(), but each request's stream stops reading once
// `request_deadline` has passed since its first byte arrived (httplib's own read timeout is per
// recv(), which a byte a second never trips).
class DeadlineServer final : public httplib::Server {
  public:
    std::chrono::milliseconds request_deadline{3000};

  private:
    bool process_and_close_socket(socket_t sock) override {
        std::string remote_addr, local_addr;
        int remote_port = 0, local_port = 0;
        httplib::detail::get_remote_ip_and_port(sock, remote_addr, remote_port);
        httplib::detail::get_local_ip_and_port(sock, local_addr, local_port);
        bool ok = false;
        for (std::size_t left = keep_alive_max_count_; left > 0; --left) {
            if (!httplib::detail::keep_alive(svr_sock_, sock, keep_alive_timeout_sec_)) break;
            httplib::detail::SocketStream socket_stream(
                sock, read_timeout_sec_, read_timeout_usec_, write_timeout_sec_,
                write_timeout_usec_, static_cast<time_t>(request_deadline.count()),
                steady_clock::now());
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
    void answer_dropped(WatchedStream& strm) const {
        if (strm.request_line_too_long()) {
            write_raw_reply(
                strm, 414, "URI Too Long",
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
};

HttpRequest to_request(const httplib::Request& in, bool with_body) {
    HttpRequest out;
    out.method = in.method;
    out.path = in.path;
    for (const auto& [name, value] : in.headers) out.headers.emplace(name, value);
    for (const auto& [name, value] : in.params) out.query.emplace(name, value);
    if (with_body) out.body = in.body;
    out.remote_addr = in.remote_addr;
    return out;
}

void send(HttpReply reply, httplib::Response& out) {
    out.status = reply.status;
    for (const auto& [name, value] : reply.headers) out.set_header(name, value);
    out.set_header("Cache-Control", "no-store");
    out.set_content(std::move(reply.body), reply.content_type);
}

// SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, which lets a second process bind the
// same port and steal half the requests.
void listening_socket_options(socket_t sock) {
    int one = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
}

}  // namespace

struct HookServer::Impl {
    DeadlineServer server;
    std::thread thread;
};

HookServer::HookServer(HookServerOptions options)
    : options_(std::move(options)), impl_(std::make_unique<Impl>()) {
    router_.set_token(options_.token);
    if (options_.bind != "127.0.0.1" && options_.bind != "0.0.0.0" && options_.bind != "::")
        router_.allow_host(options_.bind);
}

HookServer::~HookServer() { stop(); }

std::string HookServer::url() const {
    const bool v6 = options_.bind.find(':') != std::string::npos;
    const std::string host = (options_.bind == "0.0.0.0" || options_.bind == "::") ? "127.0.0.1"
                             : v6 ? "[" + options_.bind + "]"
                                  : options_.bind;
    return "http://" + host + ":" + std::to_string(port_);
}

std::string HookServer::start() {
    DeadlineServer& svr = impl_->server;
    const auto threads = static_cast<std::size_t>(std::max(1, options_.threads));
    const auto connections = std::max(threads, static_cast<std::size_t>(options_.max_connections));
    svr.new_task_queue = [threads, connections] {
        // A bounded queue: past it, a connection is refused instead of waiting without end.
        return new ConnectionThreads(threads, connections, connections);
    };
    svr.request_deadline = std::chrono::milliseconds(std::max(1, options_.request_deadline_ms));
    svr.set_tcp_nodelay(true);
    svr.set_socket_options(listening_socket_options);
    svr.set_payload_max_length(kMaxBodyBytes);
    svr.set_read_timeout(5, 0);
    svr.set_write_timeout(5, 0);
    svr.set_keep_alive_max_count(10000);

    // Runs before any body is read. A request without a body is answered right here (health
    // polls: no regex route match, no second conversion); one with a body passes the gate, then
    // httplib reads the body and the ".*" handlers below dispatch it.
    svr.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        HttpRequest request = to_request(req, false);
        if (auto refusal = router_.check_request(request)) {
            send(std::move(*refusal), res);
            return httplib::Server::HandlerResponse::Handled;
        }
        if (req.get_header_value_u64("Content-Length") == 0) {
            send(router_.dispatch(request), res);
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
        send(router_.dispatch(to_request(req, true)), res);
    };
    svr.Get(".*", handler);
    svr.Post(".*", handler);
    svr.Put(".*", handler);
    svr.Delete(".*", handler);
    svr.Patch(".*", handler);
    svr.Options(".*", handler);
    // Errors httplib raises by itself (bad request line, URI or headers too long, body over the
    // limit) still get the JSON envelope.
    svr.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        ErrorCode code = res.status == 413   ? ErrorCode::payload_too_large
                         : res.status == 411 ? ErrorCode::length_required
                         : res.status == 415 ? ErrorCode::unsupported_media_type
                         : res.status == 404 ? ErrorCode::unknown_command
                         : res.status == 405 ? ErrorCode::unknown_method
                         : res.status < 500  ? ErrorCode::invalid_argument
                                             : ErrorCode::unknown_error;
        const int status = res.status;
        send(error_reply(ApiError(code, "request refused by the HTTP layer (status " +
                                            std::to_string(status) + ")")),
             res);
        res.status = status;
    });
    svr.set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                 std::exception_ptr) {
        send(error_reply(ApiError(ErrorCode::unknown_error, "internal error in the hook server")),
             res);
    });

    if (options_.port == 0) {
        port_ = svr.bind_to_any_port(options_.bind);
        if (port_ <= 0) return "cannot bind a free port on " + options_.bind;
    } else {
        if (!svr.bind_to_port(options_.bind, options_.port))
            return "cannot bind " + options_.bind + ":" + std::to_string(options_.port) +
                   " (port taken by another process? use --hook-port 0 for a free one)";
        port_ = options_.port;
    }
    impl_->thread = std::thread([this] {
        imgui_guard::install_alt_stack_for_this_thread();
        impl_->server.listen_after_bind();
    });
    impl_->server.wait_until_ready();

    if (!options_.port_file.empty()) {
        PortFileInfo info{url(), port_, static_cast<long>(::getpid()), options_.token,
                          options_.instance_id};
        if (auto error = write_port_file(options_.port_file, info); !error.empty()) {
            stop();
            return error;
        }
    }
    return {};
}

void HookServer::stop() {
    if (!impl_ || !impl_->thread.joinable()) return;
    impl_->server.stop();
    impl_->thread.join();
}

std::string random_token(std::size_t bytes) {
    std::random_device device;  // /dev/urandom on Linux (libstdc++)
    static constexpr char kHex[] = "0123456789abcdef";
    std::string token;
    for (std::size_t i = 0; i < bytes; ++i) {
        const unsigned byte = device() & 0xFFu;
        token += kHex[byte >> 4];
        token += kHex[byte & 0xF];
    }
    return token;
}

}  // namespace hooks
