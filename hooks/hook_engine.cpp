// hook_engine.cpp: wiring of the hook server to the frame loop, and the GUI-thread plumbing the
// routes share (run_on_gui, frame waits, frame capture).
#include "hooks/hook_engine.h"

#include <variant>

#include <imgui.h>
#include <imgui_internal.h>

#include "hooks/guard_summary.h"

namespace hooks {

HookEngine::HookEngine(HookEngineOptions options)
    : options_(std::move(options)),
      health_(loop_, {options_.server.instance_id, options_.stall_after}),
      server_(options_.server),
      waiting_limit_(options_.max_waiting_requests, "requests that wait"),
      input_turns_(kMaxInputWaiters) {
    health_.set_guard_source(&current_guard_summary);
    add_core_routes(*this);
    add_error_routes(*this);
    add_item_routes(*this);
    add_wait_routes(*this);
    add_screenshot_routes(*this);
}

HookEngine::~HookEngine() {
    stop();
    if (installed_ && ImGui::GetCurrentContext()) registry_.uninstall(*ImGui::GetCurrentContext());
}

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

const ValueBinding* HookEngine::binding(const std::string& id) const {
    auto it = bindings_.find(id);
    return it == bindings_.end() ? nullptr : &it->second;
}

void HookEngine::set_state_provider(std::function<nlohmann::json()> provider) {
    const bool first = !state_provider_;
    state_provider_ = std::move(provider);
    if (!first || router().has("GET", "/api/state")) return;
    router().add("GET", "/api/state", Access::token, [this](const HttpRequest&) {
        return value_reply(run_on_gui([this](std::uint64_t) { return app_state(); }));
    });
}

nlohmann::json HookEngine::app_state() const {
    if (!state_provider_)
        throw ApiError(ErrorCode::unsupported_operation,
                       "the app registered no state provider (HookEngine::set_state_provider)");
    return state_provider_();
}

// --- GUI thread --------------------------------------------------------------------------------

void HookEngine::install_on_context() {
    if (installed_) return;
    ImGuiContext* ctx = ImGui::GetCurrentContext();
    if (!ctx) return;
    if (options_.item_registry) registry_.install(*ctx);
    input_.install(*ctx);
    installed_ = true;
}

std::size_t HookEngine::run_commands() {
    install_on_context();  // before the first NewFrame(), so the input hook sees it
    return commands_.run_pending(loop_.frame_count() + 1);
}

void HookEngine::on_new_frame() {
    install_on_context();
    const std::uint64_t frame = loop_.frame_count() + 1;
    if (options_.item_registry) registry_.begin_frame(frame);
    std::vector<std::function<void(std::uint64_t)>> calls;
    calls.swap(in_frame_);
    for (auto& call : calls) call(frame);
}

void HookEngine::on_end_frame() {
    if (!options_.item_registry) return;
    if (ImGuiContext* ctx = ImGui::GetCurrentContext()) registry_.end_frame(*ctx);
}

void HookEngine::after_render(const std::function<FramePixels()>& read_back) {
    if (capture_waiters_.empty()) return;
    auto pixels = std::make_shared<const FramePixels>(read_back());
    for (auto& waiter : capture_waiters_) waiter->set_value(pixels);
    capture_waiters_.clear();
}

void HookEngine::frame_rendered() {
    loop_.frame_rendered();
    frame_cv_.notify_all();
}

void HookEngine::frame_loop_died(std::string reason) {
    loop_.set_crashed(reason);
    commands_.close("frame loop is not running: " + reason);
    in_frame_.clear();
    capture_waiters_.clear();  // their owners see broken_promise and answer at once
    frame_cv_.notify_all();
}

// --- any thread --------------------------------------------------------------------------------

void HookEngine::request_shutdown() {
    shutdown_.store(true, std::memory_order_release);
    if (waker_) waker_();
}

void HookEngine::require_running() const {
    const Phase phase = health_.phase();
    if (phase == Phase::running) return;
    std::string reason = loop_.reason();
    if (phase == Phase::stalled)
        reason = "no frame-loop progress for " +
                 std::to_string(static_cast<long>(loop_.heartbeat_age_ms())) + " ms";
    if (phase == Phase::starting) reason = "no frame rendered yet";
    throw ApiError(ErrorCode::gui_not_running,
                   "gui not running: the frame loop is " + std::string(phase_name(phase)) +
                       (reason.empty() ? "" : ": " + reason),
                   {{"phase", phase_name(phase)}, {"reason", reason}});
}

void HookEngine::await(const std::function<bool(std::chrono::milliseconds)>& ready,
                       SteadyClock::time_point deadline, std::atomic<bool>& cancelled,
                       const std::string& what) {
    // Short slices, so a loop that dies or stalls meanwhile is noticed at once.
    while (!ready(std::chrono::milliseconds(2))) {
        try {
            require_running();
        } catch (...) {
            cancelled.store(true);
            throw;
        }
        if (SteadyClock::now() >= deadline) {
            cancelled.store(true);
            throw ApiError(ErrorCode::timeout, what);
        }
    }
}

nlohmann::json HookEngine::run_on_gui(std::function<nlohmann::json(std::uint64_t)> fn,
                                      std::chrono::milliseconds timeout, GuiStage stage) {
    require_running();
    // The GUI thread hands an error back as a value, not as an exception_ptr: libstdc++ counts
    // exception_ptr references inside its uninstrumented .so, so TSan cannot see that the
    // waiter is done with the exception before the GUI thread frees it (a false report that
    // would hide real ones). An ApiError copied into the promise's state has no such problem.
    using Outcome = std::variant<nlohmann::json, ApiError>;
    struct Call {
        std::promise<Outcome> result;
        std::atomic<bool> cancelled{false};
    };
    auto call = std::make_shared<Call>();
    auto future = call->result.get_future();
    auto run = [call, fn = std::move(fn)](std::uint64_t frame) {
        if (call->cancelled.load()) return;
        try {
            call->result.set_value(fn(frame));
        } catch (const ApiError& error) {
            call->result.set_value(error);
        } catch (const nlohmann::json::exception& error) {
            call->result.set_value(
                ApiError(ErrorCode::invalid_argument, std::string("bad JSON: ") + error.what()));
        } catch (const std::exception& error) {
            call->result.set_value(ApiError(ErrorCode::unknown_error, error.what()));
        }
    };
    std::optional<std::string> closed;
    if (stage == GuiStage::before_frame)
        closed = commands_.push(std::move(run));
    else
        closed = commands_.push([this, run = std::move(run)](std::uint64_t) mutable {
            in_frame_.push_back(std::move(run));
        });
    if (closed)
        throw ApiError(ErrorCode::gui_not_running, "gui not running: " + *closed,
                       {{"phase", phase_name(health_.phase())}, {"reason", loop_.reason()}});

    await(
        [&](std::chrono::milliseconds slice) {
            return future.wait_for(slice) == std::future_status::ready;
        },
        SteadyClock::now() + timeout, call->cancelled,
        "the GUI did not run the command within " + std::to_string(timeout.count()) + " ms");
    Outcome outcome;
    try {
        outcome = future.get();
    } catch (const std::future_error&) {  // dropped by a closed queue
        require_running();
        throw ApiError(ErrorCode::gui_not_running,
                       "gui not running: the frame loop stopped before the command ran",
                       {{"phase", phase_name(health_.phase())}, {"reason", loop_.reason()}});
    }
    if (auto* error = std::get_if<ApiError>(&outcome)) throw *error;
    return std::get<nlohmann::json>(std::move(outcome));
}

InputTurns::Turn HookEngine::lease_input(SteadyClock::time_point deadline) {
    return input_turns_.take(deadline, [this] { require_running(); });
}

void HookEngine::post_to_gui(std::function<void(std::uint64_t)> fn) {
    (void)commands_.push(std::move(fn));  // a closed queue drops it: nothing left to clean
}

void HookEngine::wait_for_frame(std::uint64_t frame, SteadyClock::time_point deadline) {
    std::atomic<bool> unused{false};
    auto last_wake = SteadyClock::time_point{};
    await(
        [&](std::chrono::milliseconds slice) {
            if (loop_.frame_count() >= frame) return true;
            // An idle loop sleeps up to a second between frames: wake it, then again now and then.
            if (SteadyClock::now() - last_wake > std::chrono::milliseconds(20)) {
                if (waker_) waker_();
                last_wake = SteadyClock::now();
            }
            std::unique_lock lock(frame_mutex_);
            frame_cv_.wait_for(lock, slice, [&] { return loop_.frame_count() >= frame; });
            return loop_.frame_count() >= frame;
        },
        deadline, unused, "frame " + std::to_string(frame) + " was not rendered in time");
}

std::shared_ptr<const FramePixels> HookEngine::capture_frame(std::chrono::milliseconds timeout) {
    using Promise = std::promise<std::shared_ptr<const FramePixels>>;
    auto promise = std::make_shared<Promise>();
    auto future = promise->get_future();
    run_on_gui(
        [this, promise](std::uint64_t) {
            capture_waiters_.push_back(promise);
            return nlohmann::json();
        },
        timeout);
    std::atomic<bool> unused{false};
    await(
        [&](std::chrono::milliseconds slice) {
            return future.wait_for(slice) == std::future_status::ready;
        },
        SteadyClock::now() + timeout, unused, "no frame was rendered for the screenshot in time");
    try {
        return future.get();
    } catch (const std::future_error&) {
        require_running();
        throw ApiError(ErrorCode::unable_to_capture_screen,
                       "the frame loop stopped before the frame was captured");
    }
}

}  // namespace hooks
