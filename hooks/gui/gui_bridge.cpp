// gui_bridge.cpp: the cross-thread calls (run_on_gui, frame waits, captures, input turns), and
// their GUI-thread side.
#include "hooks/gui/gui_bridge.h"

#include <optional>
#include <variant>

#include "hooks/http/api_error.h"

namespace hooks {

GuiBridge::GuiBridge(std::chrono::milliseconds stall_after) : stall_after_(stall_after) {}

void GuiBridge::set_waker(std::function<void()> waker) {
    waker_ = waker;
    commands_.set_waker(std::move(waker));
}

void GuiBridge::wake() const {
    if (waker_) waker_();
}

// --- GUI thread --------------------------------------------------------------------------------

std::size_t GuiBridge::run_commands() { return commands_.run_pending(loop_.frame_count() + 1); }

void GuiBridge::run_in_frame() {
    const std::uint64_t frame = loop_.frame_count() + 1;
    std::vector<std::function<void(std::uint64_t)>> calls;
    calls.swap(in_frame_);
    for (auto& call : calls) call(frame);
}

void GuiBridge::serve_captures(const std::function<FramePixels()>& read_back) {
    if (capture_waiters_.empty() || !read_back) return;
    auto pixels = std::make_shared<const FramePixels>(read_back());
    for (auto& waiter : capture_waiters_) waiter->set_value(pixels);
    capture_waiters_.clear();
}

void GuiBridge::frame_presented() {
    loop_.frame_rendered();
    frame_cv_.notify_all();
}

void GuiBridge::die(std::string reason) {
    loop_.set_crashed(reason);
    commands_.close("frame loop is not running: " + reason);
    in_frame_.clear();
    capture_waiters_.clear();  // their owners see broken_promise and answer at once
    frame_cv_.notify_all();
}

// --- any thread --------------------------------------------------------------------------------

void GuiBridge::require_running() const {
    const Phase phase = this->phase();
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

void GuiBridge::await(const std::function<bool(std::chrono::milliseconds)>& ready,
                      SteadyClock::time_point deadline, std::atomic<bool>& cancelled,
                      const std::string& what) const {
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

nlohmann::json GuiBridge::run_on_gui(std::function<nlohmann::json(std::uint64_t)> fn,
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
                       {{"phase", phase_name(phase())}, {"reason", loop_.reason()}});

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
                       {{"phase", phase_name(phase())}, {"reason", loop_.reason()}});
    }
    if (auto* error = std::get_if<ApiError>(&outcome)) throw *error;
    return std::get<nlohmann::json>(std::move(outcome));
}

InputTurns::Turn GuiBridge::lease_input(SteadyClock::time_point deadline) {
    return input_turns_.take(deadline, [this] { require_running(); });
}

std::optional<std::string> GuiBridge::post_to_gui(std::function<void(std::uint64_t)> fn) {
    return commands_.push(std::move(fn));
}

void GuiBridge::wait_for_frame(std::uint64_t frame, SteadyClock::time_point deadline) {
    std::atomic<bool> unused{false};
    auto last_wake = SteadyClock::time_point{};
    await(
        [&](std::chrono::milliseconds slice) {
            if (loop_.frame_count() >= frame) return true;
            // An idle loop sleeps up to a second between frames: wake it, then again now and then.
            if (SteadyClock::now() - last_wake > std::chrono::milliseconds(20)) {
                wake();
                last_wake = SteadyClock::now();
            }
            std::unique_lock lock(frame_mutex_);
            frame_cv_.wait_for(lock, slice, [&] { return loop_.frame_count() >= frame; });
            return loop_.frame_count() >= frame;
        },
        deadline, unused, "frame " + std::to_string(frame) + " was not rendered in time");
}

std::shared_ptr<const FramePixels> GuiBridge::capture_frame(std::chrono::milliseconds timeout) {
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
