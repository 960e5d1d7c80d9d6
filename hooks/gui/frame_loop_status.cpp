// frame_loop_status.cpp: the GUI thread's published view of its own frame loop.
#include "hooks/gui/frame_loop_status.h"

#include "imgui_guard/crash_handler.h"

namespace hooks {

std::string_view phase_name(Phase phase) {
    switch (phase) {
        case Phase::starting:
            return "starting";
        case Phase::running:
            return "running";
        case Phase::stalled:
            return "stalled";
        case Phase::crashed:
            return "crashed";
        case Phase::stopping:
            return "stopping";
    }
    return "unknown";
}

std::int64_t FrameLoopStatus::now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               SteadyClock::now().time_since_epoch())
        .count();
}

void FrameLoopStatus::set_running() {
    heartbeat();
    phase_.store(Phase::running, std::memory_order_release);
}

void FrameLoopStatus::set_stopping() {
    if (phase_.load() != Phase::crashed) phase_.store(Phase::stopping, std::memory_order_release);
}

void FrameLoopStatus::set_crashed(std::string reason) {
    reason_.publish(std::move(reason));
    phase_.store(Phase::crashed, std::memory_order_release);
}

void FrameLoopStatus::heartbeat() { heartbeat_ns_.store(now_ns(), std::memory_order_release); }

void FrameLoopStatus::idle_begin() {
    heartbeat();
    idle_.store(true, std::memory_order_release);
}

void FrameLoopStatus::idle_end() {
    idle_.store(false, std::memory_order_release);
    heartbeat();
}

void FrameLoopStatus::frame_rendered() {
    const std::int64_t now = now_ns();
    last_frame_ns_.store(now, std::memory_order_release);
    frames_.fetch_add(1, std::memory_order_acq_rel);
    ++fps_window_frames_;
    if (fps_window_start_ns_ == 0) fps_window_start_ns_ = now;
    const std::int64_t window = now - fps_window_start_ns_;
    if (window >= 1'000'000'000) {
        fps_.store(static_cast<double>(fps_window_frames_) * 1e9 / static_cast<double>(window));
        fps_window_start_ns_ = now;
        fps_window_frames_ = 0;
    }
}

Phase FrameLoopStatus::raw_phase() const {
    if (crashed_by_signal()) return Phase::crashed;
    return phase_.load(std::memory_order_acquire);
}

std::string FrameLoopStatus::reason() const {
    if (const auto crash = imgui_guard::fatal_signal()) return imgui_guard::describe(*crash);
    return *reason_.get();
}

bool FrameLoopStatus::crashed_by_signal() const { return imgui_guard::fatal_signal().has_value(); }

Phase FrameLoopStatus::phase(std::chrono::milliseconds stall_after) const {
    const Phase raw = raw_phase();
    if (raw != Phase::running) return raw;
    const bool stuck = !idle() && heartbeat_age_ms() > static_cast<double>(stall_after.count());
    if (stuck) return Phase::stalled;
    // Running means a frame is on screen: before the first one there are no items to drive.
    return frame_count() == 0 ? Phase::starting : Phase::running;
}

double FrameLoopStatus::fps() const {
    // A loop that stopped drawing must not keep reporting its old rate.
    const double age = last_frame_age_ms();
    return (age < 0 || age > 2000.0) ? 0.0 : fps_.load();
}

double FrameLoopStatus::last_frame_age_ms() const {
    const std::int64_t last = last_frame_ns_.load(std::memory_order_acquire);
    return last == 0 ? -1.0 : static_cast<double>(now_ns() - last) / 1e6;
}

double FrameLoopStatus::heartbeat_age_ms() const {
    return static_cast<double>(now_ns() - heartbeat_ns_.load(std::memory_order_acquire)) / 1e6;
}

}  // namespace hooks
