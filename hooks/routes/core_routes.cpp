// core_routes.cpp: GET /api/gui_health, GET /api/status, POST /api/shutdown.
#include <httplib_version.h>
#include <imgui.h>

#include "hooks/detail/engine.h"
#include "hooks/http/route_args.h"

namespace hooks {

namespace {

// What /api/status lists under "capabilities" (and "state" when the app has a state provider).
// clang-format off
constexpr const char* kCapabilities[] = {
    "health", "errors", "reset", "windows", "items", "find", "click", "value", "wait",
    "screenshot", "shutdown", "refs", "scroll_into_view", "open", "open_all", "menu", "check_all",
    "combo", "keys", "close_popups", "drag", "hover", "window_actions", "text"};
// clang-format on

}  // namespace

void detail::add_core_routes(detail::Engine& engine) {
    Router& r = engine.router();
    // Atomics and published snapshots only: answers while the GUI thread is blocked.
    r.add("GET", "/api/gui_health", Access::open, [&engine](const HttpRequest& request) {
        HealthText health = engine.health().text();
        const bool strict = request.query_param("strict").value_or("0") == "1";
        HttpReply reply;
        reply.status = health.http_status(strict);
        reply.body = std::move(health.body);
        return reply;
    });
    r.add("GET", "/api/status", Access::open, [&engine](const HttpRequest&) {
        const HookEngineOptions& o = engine.options();
        nlohmann::json capabilities = nlohmann::json::array();
        for (const char* capability : kCapabilities) capabilities.push_back(capability);
        if (engine.has_state_provider()) capabilities.push_back("state");
        const Phase phase = engine.health().phase();
        // Why the loop is not running, when it has crashed: a fatal signal names itself here too.
        const nlohmann::json reason = phase == Phase::crashed
                                          ? nlohmann::json(engine.loop_status().reason())
                                          : nlohmann::json(nullptr);
        return value_reply({{"name", "imhost"},
                            {"app", o.app},
                            {"version", o.app_version},
                            {"api_version", 1},
                            {"imgui_version", IMGUI_VERSION},
                            {"httplib_version", IMHOST_HTTPLIB_VERSION},
                            {"instance_id", o.server.instance_id},
                            {"phase", phase_name(phase)},
                            {"phase_reason", reason},
                            {"frame", engine.loop_status().frame_count()},
                            {"capabilities", capabilities},
                            {"wait_conditions",
                             {"item_exists", "item_gone", "item_visible", "value_equals",
                              "window_open", "window_closed", "frames", "health", "state_equals"}},
                            {"limits",
                             {{"max_body_bytes", kMaxBodyBytes},
                              {"max_waiting_requests", o.max_waiting_requests},
                              {"waiting_requests", engine.waiting_limit().in_use()},
                              {"stall_ms", o.stall_after.count()}}}});
    });
    // The item registry's own cost, priced on a UI it first drove (make bench's demo rows).
    // "alternate": on in even frames, off in odd ones, to weigh it frame against frame.
    r.add("POST", "/api/debug/item_registry", Access::token, [&engine](const HttpRequest& request) {
        const nlohmann::json body = json_body(request);
        only_fields(body, {"on"});
        const auto on = body.find("on");
        const bool alternate = on != body.end() && *on == "alternate";
        if (on == body.end() || !(on->is_boolean() || alternate))
            throw ApiError(ErrorCode::invalid_argument,
                           "\"on\" (true, false or \"alternate\") is required");
        const bool want = on->is_boolean() && on->get<bool>();
        return value_reply(engine.run_on_gui([&engine, alternate, want](std::uint64_t) {
            if (alternate)
                engine.alternate_item_registry();
            else
                engine.set_item_registry(want);
            nlohmann::json state = engine.item_registry_on();
            if (engine.item_registry_alternating()) state = "alternate";
            return nlohmann::json{{"item_registry", state}};
        }));
    });
    r.add("POST", "/api/shutdown", Access::token, [&engine](const HttpRequest&) {
        engine.request_shutdown();
        return value_reply({{"shutting_down", true}}, 202);
    });
}

}  // namespace hooks
