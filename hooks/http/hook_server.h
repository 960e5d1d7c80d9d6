// hook_server.h: the HTTP hook server, on its own thread.
//
//   hooks::HookServer server({.bind = "127.0.0.1", .port = 0, .token = "t"});
//   server.router().add("GET", "/api/ping", hooks::Access::open, handler);
//   if (auto error = server.start(); !error.empty()) { ...; }   // listening now
//   ...
//   server.stop();
//
// The transport is cpp-httplib, kept inside hook_server.cpp: each accepted socket gets
// TCP_NODELAY (Nagle cost 43 ms per keep-alive request here), the listening socket gets
// SO_REUSEADDR without SO_REUSEPORT (so a second instance on a taken port fails instead of
// silently sharing it), and every request passes Router::check_request() before its body is read.
//
// Slow clients. cpp-httplib gives each connection a thread for its whole life, and its read
// timeout is per recv(), so a client sending a byte a second (slowloris) would hold a thread
// forever. Here:
//   - a request's head and body must arrive within `request_deadline_ms` of its first byte, or
//     the connection gets 408 and is closed;
//   - up to `max_connections` connections are served at once (idle and slow ones are cheap:
//     a blocked thread), and past them up to as many more wait in a queue; past that, a new
//     connection is closed at once instead of waiting without end;
//   - a request line longer than cpp-httplib reads (32 KB) gets 414 in the JSON envelope, and a
//     refused request's unread bytes are drained before the close, so the reply is not lost to
//     a TCP reset.
// Every server thread (listener and workers) gets an alternate signal stack, so a stack overflow
// on it still leaves a crash report (imgui_guard/crash_handler.h).
#pragma once

#include <memory>
#include <string>

#include "hooks/http/router.h"
#include "hooks/http/server_options.h"

namespace hooks {

class HookServer {
  public:
    explicit HookServer(HookServerOptions options);
    ~HookServer();  // stop()s
    HookServer(const HookServer&) = delete;
    HookServer& operator=(const HookServer&) = delete;

    Router& router() { return router_; }  // add routes before start()

    // Binds and starts serving on a thread. Returns an empty string, or why it could not.
    std::string start();
    void stop();  // idempotent; joins the server thread

    int port() const { return port_; }
    std::string url() const;
    const HookServerOptions& options() const { return options_; }

  private:
    struct Impl;
    HookServerOptions options_;
    Router router_;
    int port_ = 0;
    std::unique_ptr<Impl> impl_;
};

}  // namespace hooks
