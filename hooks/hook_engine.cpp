// hook_engine.cpp: wiring of the hook server to the frame loop, and the core routes.
#include "hooks/hook_engine.h"

#include <httplib_version.h>
#include <imgui.h>

#include <future>
#include <thread>

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

void HookEngine::set_reset_hook(std::function<void()> hook) { reset_hook_ = std::move(hook); }

void HookEngine::bind_value(const std::string& id, ValueBinding binding) {
    bindings_[id] = std::move(binding);
}

std::size_t HookEngine::run_commands() { return commands_.run_pending(loop_.frame_count()); }

void HookEngine::on_new_frame() {}
void HookEngine::on_end_frame() {}
void HookEngine::after_render(const std::function<FramePixels()>&) {}

void HookEngine::require_running() const {
    const Phase phase = health_.phase();
    if (phase == Phase::running) return;
    std::string reason = loop_.reason();
    if (phase == Phase::stalled)
        reason = "no frame-loop progress for " +
                 std::to_string(static_cast<long>(loop_.heartbeat_age_ms())) + " ms";
    throw ApiError(ErrorCode::gui_not_running,
                   "the GUI frame loop is " + std::string(phase_name(phase)) +
                       (reason.empty() ? "" : ": " + reason),
                   {{"phase", phase_name(phase)}, {"reason", reason}});
}

nlohmann::json HookEngine::run_on_gui(std::function<nlohmann::json(std::uint64_t)> fn,
                                      std::chrono::milliseconds timeout) {
    require_running();
    struct Call {
        std::promise<nlohmann::json> result;
        std::atomic<bool> cancelled{false};
    };
    auto call = std::make_shared<Call>();
    auto future = call->result.get_future();
    if (auto closed = commands_.push([call, fn = std::move(fn)](std::uint64_t frame) {
            if (call->cancelled.load()) return;
            try {
                call->result.set_value(fn(frame));
            } catch (...) {
                call->result.set_exception(std::current_exception());
            }
        }))
        throw ApiError(ErrorCode::gui_not_running, *closed,
                       {{"phase", phase_name(health_.phase())}, {"reason", loop_.reason()}});

    const auto deadline = SteadyClock::now() + timeout;
    // Wait in short slices so a loop that dies or stalls meanwhile is noticed at once.
    while (future.wait_for(std::chrono::milliseconds(2)) != std::future_status::ready) {
        try {
            require_running();
        } catch (...) {
            call->cancelled.store(true);
            throw;
        }
        if (SteadyClock::now() >= deadline) {
            call->cancelled.store(true);
            throw ApiError(ErrorCode::timeout,
                           "the GUI did not run the command within " +
                               std::to_string(timeout.count()) + " ms");
        }
    }
    try {
        return future.get();
    } catch (const std::future_error&) {  // dropped by a closed queue
        require_running();
        throw ApiError(ErrorCode::gui_not_running, "the frame loop stopped before the command ran");
    }
}

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
