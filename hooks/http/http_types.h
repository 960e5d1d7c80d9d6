// http_types.h: the request and reply every route sees.
//
// Routes never include httplib.h. The transport (hook_server.cpp) turns cpp-httplib's types into
// these, which keeps the routes small, fast to compile, and drivable in-process by unit tests
// and fuzzers through Router::dispatch().
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hooks {

// Header names compare case-insensitively (RFC 9110 §5.1).
struct CaseInsensitiveLess {
    bool operator()(std::string_view a, std::string_view b) const;
    using is_transparent = void;
};

struct HttpRequest {
    std::string method;  // "GET", "POST", ...
    std::string path;    // without the query string
    std::multimap<std::string, std::string, CaseInsensitiveLess> headers;
    std::multimap<std::string, std::string> query;  // decoded ?a=b&c=d
    std::string body;
    std::string remote_addr;

    std::optional<std::string> header(std::string_view name) const;       // first value, if any
    std::optional<std::string> query_param(std::string_view name) const;  // first value, if any
};

struct HttpReply {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // extra response headers
};

}  // namespace hooks
