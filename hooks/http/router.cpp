// router.cpp: the security gate, route lookup, auth and the error envelope.
#include "hooks/http/router.h"

#include <algorithm>
#include <charconv>

namespace hooks {

namespace {

HttpReply refuse(ErrorCode code, std::string message) {
    return error_reply(ApiError(code, std::move(message)));
}

// "127.0.0.1:8999" -> "127.0.0.1", "[::1]:80" -> "[::1]", "localhost" -> "localhost".
std::string strip_port(const std::string& host) {
    if (!host.empty() && host.front() == '[') {
        auto close = host.find(']');
        return close == std::string::npos ? host : host.substr(0, close + 1);
    }
    auto colon = host.find(':');
    return colon == std::string::npos ? host : host.substr(0, colon);
}

bool is_json_content_type(const std::string& value) {
    auto semi = value.find(';');
    std::string media = value.substr(0, semi);
    media.erase(std::remove(media.begin(), media.end(), ' '), media.end());
    std::transform(media.begin(), media.end(), media.begin(), ::tolower);
    return media == "application/json";
}

// Compares in time that depends on the length of the expected token only.
bool constant_time_equal(const std::string& given, const std::string& expected) {
    unsigned char diff = given.size() == expected.size() ? 0 : 1;
    for (std::size_t i = 0; i < expected.size(); ++i)
        diff |= static_cast<unsigned char>(expected[i] ^ (i < given.size() ? given[i] : 0));
    return diff == 0;
}

}  // namespace

void Router::add(std::string method, std::string path, Access access, RouteHandler handler) {
    routes_.push_back({std::move(method), std::move(path), access, std::move(handler)});
}

bool Router::has(const std::string& method, const std::string& path) const {
    return std::any_of(routes_.begin(), routes_.end(),
                       [&](const Route& r) { return r.method == method && r.path == path; });
}

bool Router::host_allowed(const std::string& host) const {
    const std::string name = strip_port(host);
    if (name == "127.0.0.1" || name == "localhost" || name == "[::1]") return true;
    return std::find(extra_hosts_.begin(), extra_hosts_.end(), name) != extra_hosts_.end();
}

bool Router::token_matches(const std::optional<std::string>& authorization) const {
    static constexpr std::string_view kBearer = "Bearer ";
    if (!authorization || authorization->compare(0, kBearer.size(), kBearer) != 0) return false;
    return constant_time_equal(authorization->substr(kBearer.size()), token_);
}

std::optional<HttpReply> Router::check_request(const HttpRequest& request) const {
    auto host = request.header("Host");
    if (!host || !host_allowed(*host))
        return refuse(ErrorCode::forbidden,
                      "Host header must be a loopback literal (127.0.0.1, localhost or [::1])");
    if (request.header("Origin"))
        return refuse(ErrorCode::forbidden, "requests with an Origin header are refused");
    if (request.header("Transfer-Encoding"))
        return refuse(ErrorCode::length_required,
                      "Transfer-Encoding is not accepted: send a Content-Length");
    if (request.header("Content-Encoding"))
        return refuse(ErrorCode::unsupported_media_type, "Content-Encoding is not accepted");

    auto length_header = request.header("Content-Length");
    std::size_t length = 0;
    if (length_header) {
        const char* first = length_header->data();
        const char* last = first + length_header->size();
        auto [end, ec] = std::from_chars(first, last, length);
        if (ec == std::errc::result_out_of_range)
            return refuse(ErrorCode::payload_too_large, "body over the 1 MiB limit");
        if (ec != std::errc() || end != last || length_header->empty())
            return refuse(ErrorCode::invalid_argument, "Content-Length is not a number");
    } else if (request.method == "POST" || request.method == "PUT" || request.method == "PATCH") {
        return refuse(ErrorCode::length_required, "a POST needs a Content-Length header");
    }
    if (length > kMaxBodyBytes || request.body.size() > kMaxBodyBytes)
        return refuse(ErrorCode::payload_too_large, "body over the 1 MiB limit");
    if (length > 0 && !is_json_content_type(request.header("Content-Type").value_or("")))
        return refuse(ErrorCode::unsupported_media_type,
                      "a request body must be JSON (Content-Type: application/json)");
    return std::nullopt;
}

HttpReply Router::dispatch(const HttpRequest& request) const {
    if (auto refusal = check_request(request)) return *refusal;

    const Route* match = nullptr;
    bool path_known = false;
    for (const Route& route : routes_) {
        if (route.path != request.path) continue;
        path_known = true;
        if (route.method == request.method) {
            match = &route;
            break;
        }
    }
    if (!match) {
        if (path_known)
            return refuse(ErrorCode::unknown_method,
                          request.method + " is not allowed on " + request.path);
        return refuse(ErrorCode::unknown_command, "no endpoint " + request.path);
    }
    if (match->access == Access::token && !token_matches(request.header("Authorization")))
        return refuse(ErrorCode::unauthorized, "missing or wrong token (Authorization: Bearer)");

    try {
        return match->handler(request);
    } catch (const ApiError& error) {
        return error_reply(error);
    } catch (const nlohmann::json::exception& error) {
        return refuse(ErrorCode::invalid_argument, std::string("bad JSON: ") + error.what());
    } catch (const std::exception& error) {
        return refuse(ErrorCode::unknown_error, error.what());
    } catch (...) {
        return refuse(ErrorCode::unknown_error, "unknown exception in a route");
    }
}

}  // namespace hooks
