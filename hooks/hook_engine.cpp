// hook_engine.cpp: wiring of the hook server to the frame loop, and the core routes.
#include "hooks/hook_engine.h"

#include <httplib_version.h>
#include <imgui.h>

namespace hooks {

HookEngine::HookEngine(HookEngineOptions options)
    : options_(std::move(options)),
      health_(loop_, {options_.server.instance_id, options_.stall_after}),
      server_(options_.server) {
    add_core_routes();
}

HookEngine::~HookEngine() { stop(); }

void HookEngine::set_waker(std::function<void()> waker) {
    waker_ = waker;
    commands_.set_waker(std::move(waker));
}

std::string HookEngine::start() { return server_.start(); }
void HookEngine::stop() { server_.stop(); }

std::size_t HookEngine::run_commands() { return commands_.run_pending(loop_.frame_count()); }

void HookEngine::frame_rendered() { loop_.frame_rendered(); }

void HookEngine::frame_loop_died(std::string reason) {
    loop_.set_crashed(reason);
    commands_.close("frame loop is not running: " + reason);
}

void HookEngine::request_shutdown() {
    shutdown_.store(true, std::memory_order_release);
    if (waker_) waker_();
}

void HookEngine::add_core_routes() {
    Router& r = server_.router();
    r.add("GET", "/api/gui_health", Access::open, [this](const HttpRequest& request) {
        const HealthReport report = health_.report();
        const bool strict = request.query_param("strict").value_or("0") == "1";
        return json_reply(report.body, report.http_status(strict));
    });
    r.add("GET", "/api/status", Access::open, [this](const HttpRequest&) {
        return value_reply({{"name", "imhost"},
                            {"version", options_.app_version},
                            {"api_version", 1},
                            {"imgui_version", IMGUI_VERSION},
                            {"httplib_version", IMHOST_HTTPLIB_VERSION},
                            {"instance_id", options_.server.instance_id},
                            {"phase", phase_name(health_.phase())},
                            {"frame", loop_.frame_count()},
                            {"capabilities", nlohmann::json::array({"health", "shutdown"})}});
    });
    r.add("POST", "/api/shutdown", Access::token, [this](const HttpRequest&) {
        request_shutdown();
        return value_reply({{"shutting_down", true}}, 202);
    });
}

}  // namespace hooks
