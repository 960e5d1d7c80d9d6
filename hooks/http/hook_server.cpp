// hook_server.cpp: the hook server: cpp-httplib wired to the router, on its own thread.
// (Only hooks/http/ includes httplib.h; connection_threads and deadline_server are its parts.)
#include "hooks/http/hook_server.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <mutex>
#include <random>
#include <thread>

#include "hooks/http/background_priority.h"
#include "hooks/http/connection_threads.h"
#include "hooks/http/deadline_server.h"
#include "hooks/http/httplib_config.h"
#include "hooks/http/port_file.h"
#include "imgui_guard/crash_handler.h"

namespace hooks {

using http_detail::ConnectionThreads;
using http_detail::DeadlineServer;

namespace {

using std::chrono::steady_clock;

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
        http_detail::note_request();  // the server busy: this thread yields to the GUI
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
        imgui_guard::set_thread_role("hook server");
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
