// record_routes.cpp: POST /api/record/start, POST /api/record/stop, GET /api/record (the
// recorder: hooks/record/), and POST /api/replay, which runs recorded steps as API calls.
#include "hooks/detail/engine.h"
#include "hooks/http/route_args.h"
#include "hooks/record/replay_call.h"
#include "hooks/record/step_code.h"

namespace hooks {

namespace {

inline constexpr std::size_t kMaxReplaySteps = 1000;

CodeFormat format_arg(const nlohmann::json& body) {
    const std::string name = string_arg(body, "format");
    if (name.empty()) return CodeFormat::json;
    if (auto format = parse_code_format(name)) return *format;
    throw ApiError(ErrorCode::invalid_argument,
                   "unknown format '" + name + "' (\"pytest\", \"gtest\" or \"json\")",
                   {{"formats", {"pytest", "gtest", "json"}}});
}

// A step's request, made as its own: the same headers (token, Host), so it passes the same gate.
HttpRequest step_request(const HttpRequest& outer, const ReplayCall& call) {
    HttpRequest r;
    r.method = call.method;
    r.path = call.path;
    r.remote_addr = outer.remote_addr;
    for (const char* name : {"Host", "Authorization", "Origin"})
        if (auto v = outer.header(name)) r.headers.emplace(name, *v);
    if (call.method == "GET") {
        for (auto& [key, value] : call.body.items())
            r.query.emplace(key, value.is_string() ? value.get<std::string>() : value.dump());
    } else {
        r.body = call.body.dump();
        r.headers.emplace("Content-Type", "application/json");
        r.headers.emplace("Content-Length", std::to_string(r.body.size()));
    }
    return r;
}

// The failing step's own error, its message prefixed with the step, its index in data.
HttpReply step_failed(std::size_t index, const nlohmann::json& step, HttpReply reply) {
    nlohmann::json envelope = nlohmann::json::parse(reply.body, nullptr, false);
    if (!envelope.is_object() || !envelope.contains("value") || !envelope["value"].is_object())
        envelope = {{"value", {{"error", "unknown error"}, {"message", reply.body}}}};
    nlohmann::json& error = envelope["value"];
    nlohmann::json data = error.value("data", nlohmann::json::object());
    if (!data.is_object()) data = {{"detail", data}};
    data["index"] = index;
    data["step"] = step;
    error["data"] = data;
    error["message"] = "step " + std::to_string(index) + " (" + step.value("action", "?") +
                       ") failed: " + error.value("message", std::string());
    reply.body = envelope.dump();
    return reply;
}

}  // namespace

void detail::add_record_routes(detail::Engine& engine) {
    Router& r = engine.router();

    r.add("POST", "/api/record/start", Access::token, [&engine](const HttpRequest& request) {
        only_fields(json_body(request), {});
        const nlohmann::json started =
            engine.run_on_gui([&engine](std::uint64_t) { return engine.recording().start(); });
        if (!started.get<bool>())
            throw ApiError(ErrorCode::invalid_argument,
                           "a recording is already running: POST /api/record/stop first");
        return value_reply({{"recording", true}});
    });

    r.add("POST", "/api/record/stop", Access::token, [&engine](const HttpRequest& request) {
        const nlohmann::json body = json_body(request);
        only_fields(body, {"format"});
        const CodeFormat format = format_arg(body);
        const nlohmann::json stopped =
            engine.run_on_gui([&engine](std::uint64_t) { return engine.recording().stop(); });
        if (!stopped.get<bool>())
            throw ApiError(ErrorCode::invalid_argument,
                           "no recording is running: POST /api/record/start first");
        const auto doc = engine.recording().published();
        return value_reply({{"steps", (*doc)["steps"]},
                            {"code", step_code((*doc)["steps"], (*doc)["app"], format)}});
    });

    // From the published copy: answers after the frame loop died too.
    // ?format=pytest|gtest|json adds the steps as code ("copy as pytest" after the fact).
    r.add("GET", "/api/record", Access::token, [&engine](const HttpRequest& request) {
        const auto doc = engine.recording().published();
        const std::optional<std::string> name = request.query_param("format");
        if (!name) return value_reply(*doc);
        nlohmann::json value = *doc;
        value["code"] = step_code((*doc)["steps"], (*doc)["app"], format_arg({{"format", *name}}));
        return value_reply(value);
    });

    r.add("POST", "/api/replay", Access::token, [&engine](const HttpRequest& request) {
        const nlohmann::json body = json_body(request);
        only_fields(body, {"steps", "app"});
        auto it = body.find("steps");
        if (it == body.end() || !it->is_array())
            throw ApiError(ErrorCode::invalid_argument,
                           "'steps' must be an array of recorded steps (GET /api/record)");
        if (it->size() > kMaxReplaySteps)
            throw ApiError(ErrorCode::invalid_argument,
                           "at most " + std::to_string(kMaxReplaySteps) + " steps per replay");
        std::vector<ReplayCall> calls;  // every step checked before the first one runs
        for (std::size_t i = 0; i < it->size(); ++i) {
            try {
                calls.push_back(replay_call((*it)[i]));
            } catch (const ApiError& e) {
                throw ApiError(e.code(), "step " + std::to_string(i) + ": " + e.what(),
                               {{"index", i}, {"step", (*it)[i]}});
            }
        }
        engine.require_running();
        for (std::size_t i = 0; i < calls.size(); ++i) {
            HttpReply reply = engine.router().dispatch(step_request(request, calls[i]));
            if (reply.status >= 300) return step_failed(i, (*it)[i], std::move(reply));
            if (calls[i].method != "GET") continue;
            const nlohmann::json got = nlohmann::json::parse(reply.body, nullptr, false);
            const nlohmann::json value =
                got.is_object() ? got["value"].value("value", nlohmann::json()) : nlohmann::json();
            if (!same_value(value, calls[i].expected))
                return step_failed(
                    i, (*it)[i],
                    error_reply(
                        ApiError(ErrorCode::invalid_element_state,
                                 "expected " + calls[i].expected.dump() + ", read " + value.dump(),
                                 {{"expected", calls[i].expected}, {"read", value}})));
        }
        return value_reply({{"steps", calls.size()}, {"passed", true}});
    });
}

}  // namespace hooks
