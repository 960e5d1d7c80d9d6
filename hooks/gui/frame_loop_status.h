// frame_loop_status.h: what the GUI thread says about its frame loop, readable from any thread.
//
// The GUI thread is the only writer. Readers (health, the command paths) never block it and are
// never blocked by it: everything here is an atomic or a Published value.
//
// A fatal signal on any thread (imgui_guard's crash handler) overrides what the GUI thread said:
// from the handler's first instruction the phase is `crashed`, and the reason names the signal
// and the thread ("fatal signal SIGSEGV on the GUI thread (tid 123); writing the crash report").
//
// Progress is measured by a heartbeat, not by frames: an event-driven loop that sleeps in
// glfwWaitEventsTimeout() draws no frames and is healthy. The loop is *stalled* only when it is
// not idle-waiting and has not beaten for longer than the stall threshold.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "hooks/gui/published.h"

namespace hooks {

enum class Phase : int { starting, running, stalled, crashed, stopping };
std::string_view phase_name(Phase phase);

using SteadyClock = std::chrono::steady_clock;

class FrameLoopStatus {
  public:
    // --- GUI thread ---------------------------------------------------------------------
    void set_running();
    void set_stopping();
    void set_crashed(std::string reason);  // the frame loop is gone; the reason says why
    void heartbeat();                      // the loop made progress (top of each iteration)
    void idle_begin();                     // about to wait for events
    void idle_end();                       // woke up
    void frame_rendered();                 // a frame was presented: count, age, fps

    // --- any thread ---------------------------------------------------------------------
    // Derives `stalled`, and stays `starting` until the first frame was presented.
    Phase phase(std::chrono::milliseconds stall_after) const;
    Phase raw_phase() const;         // as the GUI thread set it, or `crashed` by a fatal signal
    std::string reason() const;      // why crashed/stopping
    bool crashed_by_signal() const;  // the crash handler is writing its report, or has
    std::uint64_t frame_count() const { return frames_.load(std::memory_order_acquire); }
    double fps() const;                // over the last second
    double last_frame_age_ms() const;  // -1 before the first frame
    double heartbeat_age_ms() const;
    bool idle() const { return idle_.load(std::memory_order_acquire); }

  private:
    static std::int64_t now_ns();

    std::atomic<Phase> phase_{Phase::starting};
    Published<std::string> reason_;
    std::atomic<std::uint64_t> frames_{0};
    std::atomic<std::int64_t> last_frame_ns_{0};
    std::atomic<std::int64_t> heartbeat_ns_{now_ns()};
    std::atomic<bool> idle_{false};
    // fps: frames counted in the current one-second window, published when it closes.
    std::int64_t fps_window_start_ns_ = 0;  // GUI thread only
    std::uint64_t fps_window_frames_ = 0;   // GUI thread only
    std::atomic<double> fps_{0.0};
};

}  // namespace hooks
