// route_dispatch_fuzz.cpp: the hook API's request pipeline, in-process, on arbitrary requests.
//
// It drives hooks::Router::dispatch() of a real HookEngine (every route the engine registers,
// the server never started, so no socket and no GUI), which is what the HTTP transport calls for
// each request: the security gate, route lookup, the token check, then the handler. With the GUI
// never running, routes that need the frame loop must answer 503 at once, never wait.
//
// Input: one flags byte, then an HTTP-like text
//     METHOD SP PATH[?QUERY] LF
//     Name: value LF        (headers, until an empty line)
//     body                  (the rest)
// Flags help the fuzzer past the gate: bit 0 adds "Host: 127.0.0.1", bit 1 the right token,
// bit 2 "Content-Type: application/json" and a Content-Length that matches the body.
//
// Invariants (abort on failure, so libFuzzer keeps the input):
// - dispatch() never throws, and every reply is the JSON envelope: {"value": ...}, with
//   "error" and "message" strings when the status is 4xx/5xx;
// - the status is one the API documents;
// - nothing but the two open routes (GET /api/gui_health, GET /api/status) answers 2xx without
//   the token, and nothing at all answers 2xx past a foreign Host or an Origin header.
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "hooks/hook_engine.h"
#include "hooks/route_api.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

constexpr std::string_view kToken = "fuzz-token";

hooks::HookEngine& engine() {
    static hooks::HookEngine* instance = [] {
        ImGui::CreateContext();  // the engine hooks into ImGui's context; no frame is ever drawn
        hooks::HookEngineOptions options;
        options.server.port = 0;
        options.server.token = std::string(kToken);
        options.server.instance_id = "fuzz";
        options.app_version = "fuzz";
        return new hooks::HookEngine(options);  // never started, never destroyed
    }();
    return *instance;
}

std::string_view next_line(std::string_view& text) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

hooks::HttpRequest parse_request(std::uint8_t flags, std::string_view text) {
    hooks::HttpRequest request;
    std::string_view start = next_line(text);
    const auto space = start.find(' ');
    request.method = std::string(start.substr(0, space));
    std::string_view target = space == std::string_view::npos ? "" : start.substr(space + 1);
    const auto question = target.find('?');
    request.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos) {
        std::string_view query = target.substr(question + 1);
        while (!query.empty()) {
            const auto amp = query.find('&');
            std::string_view pair = query.substr(0, amp);
            const auto eq = pair.find('=');
            request.query.emplace(
                std::string(pair.substr(0, eq)),
                eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1)));
            query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        }
    }
    for (std::string_view line = next_line(text); !line.empty(); line = next_line(text)) {
        const auto colon = line.find(':');
        std::string_view value = colon == std::string_view::npos ? "" : line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        request.headers.emplace(std::string(line.substr(0, colon)), std::string(value));
    }
    request.body = std::string(text);
    request.remote_addr = "127.0.0.1";
    if (flags & 1) request.headers.emplace("Host", "127.0.0.1");
    if (flags & 2) request.headers.emplace("Authorization", "Bearer " + std::string(kToken));
    if (flags & 4) {
        request.headers.emplace("Content-Type", "application/json");
        request.headers.emplace("Content-Length", std::to_string(request.body.size()));
    }
    return request;
}

// The host name before the port is a loopback literal ("[::1]" keeps its brackets).
bool host_is_loopback(const hooks::HttpRequest& request) {
    auto host = request.header("Host");
    if (!host) return false;
    const std::string& h = *host;
    const std::string name =
        h.starts_with("[") ? h.substr(0, h.find(']') + 1) : h.substr(0, h.find(':'));
    return name == "127.0.0.1" || name == "localhost" || name == "[::1]";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const hooks::HttpRequest request =
        parse_request(data[0], std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));

    const hooks::HttpReply reply = engine().router().dispatch(request);  // must not throw

    static const std::set<int> kStatuses = {200, 201, 202, 204, 400, 401, 403,
                                            404, 405, 411, 413, 415, 500, 503};
    FUZZ_CHECK(kStatuses.count(reply.status) == 1, "a documented status");
    FUZZ_CHECK(reply.content_type == "application/json", "replies are JSON");
    const auto body = nlohmann::json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
    FUZZ_CHECK(!body.is_discarded(), "the body parses as JSON");
    // GET /api/gui_health answers its flat health object (200 or 503), everything else the
    // {"value": ...} envelope, with "error" and "message" strings on 4xx/5xx.
    const bool health = request.method == "GET" && request.path == "/api/gui_health" &&
                        body.is_object() && body.contains("phase");
    if (health) {
        FUZZ_CHECK(reply.status == 200 || reply.status == 503, "health is 200 or 503");
        FUZZ_CHECK(body.value("status", nlohmann::json()).is_string(), "health says its status");
    } else {
        FUZZ_CHECK(body.is_object() && body.contains("value"), "the {\"value\": ...} envelope");
        if (reply.status >= 400) {
            const auto& value = body["value"];
            FUZZ_CHECK(value.is_object() && value.value("error", nlohmann::json()).is_string() &&
                           value.value("message", nlohmann::json()).is_string(),
                       "an error names its code and says why");
        }
    }

    const bool ok = reply.status >= 200 && reply.status < 300;
    if (ok) {
        FUZZ_CHECK(host_is_loopback(request), "a foreign Host is refused");
        FUZZ_CHECK(!request.header("Origin"), "a request with an Origin is refused");
        const bool open = request.method == "GET" &&
                          (request.path == "/api/gui_health" || request.path == "/api/status");
        const auto auth = request.header("Authorization");
        FUZZ_CHECK(open || auth == "Bearer " + std::string(kToken),
                   "only the open routes answer without the token");
    }
    return 0;
}
