// router.h: the hook API's request pipeline, transport-free.
//
//   Router r;
//   r.set_token("s3cret");
//   r.add("GET", "/api/gui_health", Access::open, [](const HttpRequest&) { ... });
//   HttpReply reply = r.dispatch(request);   // what the HTTP server sends back
//
// dispatch() runs, in order: the security gate (check_request, below), the route lookup (404
// "unknown command", 405 "unknown method"), the token check for routes that need one (401), then
// the handler. A handler signals errors by throwing ApiError. The HTTP transport calls
// check_request() once more before reading a body, so a refused request is never read in full.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "hooks/http/api_error.h"
#include "hooks/http/http_types.h"

namespace hooks {

enum class Access {
    open,   // no token: /api/gui_health, /api/status
    token,  // needs "Authorization: Bearer <token>"
};

using RouteHandler = std::function<HttpReply(const HttpRequest&)>;

inline constexpr std::size_t kMaxBodyBytes = 1 << 20;  // 1 MiB: larger bodies get 413

class Router {
  public:
    void set_token(std::string token) { token_ = std::move(token); }
    void allow_host(std::string host) { extra_hosts_.push_back(std::move(host)); }  // --hook-bind

    void add(std::string method, std::string path, Access access, RouteHandler handler);
    bool has(const std::string& method, const std::string& path) const;

    // The security gate, on headers alone: Host, Origin, Transfer-Encoding, Content-Encoding,
    // Content-Length, Content-Type. A refusal is returned as the reply to send.
    std::optional<HttpReply> check_request(const HttpRequest& request) const;

    HttpReply dispatch(const HttpRequest& request) const;  // never throws

  private:
    struct Route {
        std::string method;
        std::string path;
        Access access;
        RouteHandler handler;
    };
    bool host_allowed(const std::string& host) const;
    bool token_matches(const std::optional<std::string>& authorization) const;

    std::vector<Route> routes_;
    std::string token_;
    std::vector<std::string> extra_hosts_;
};

}  // namespace hooks
