// gui_bridge.h: how the hook server's threads get work done on the GUI thread, and wait for it.
//
// The GUI thread is the only one that touches ImGui and GL. Other threads go through here:
//   run_on_gui(fn)       queue `fn` for the next frame and wait for its result (or its error)
//   post_to_gui(fn)      queue `fn` and do not wait
//   wait_for_frame(n)    wait until frame n has been presented
//   capture_frame()      the pixels of the next rendered frame (screenshots)
//   lease_input()        the app's one mouse and keyboard, one action at a time
// None of them hangs: each throws ApiError `gui not running` (503, data {phase, reason}) at once
// when the frame loop is not running or dies while waiting, and `timeout` (500) past the deadline.
// A command whose caller gave up is cancelled, never run late.
//
// The GUI thread's side (the engine calls these from ImGui's context hooks): run_commands() at
// the top of a frame, run_in_frame() right after NewFrame(), serve_captures() once the frame is
// rendered, frame_presented(), and die() when the frame loop cannot go on.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hooks/gui/command_queue.h"
#include "hooks/gui/frame_loop_status.h"
#include "hooks/gui/frame_pixels.h"
#include "hooks/gui/input_turns.h"

namespace hooks {

// Where in the frame a GUI command runs.
enum class GuiStage {
    before_frame,  // at the top of the frame, before ImGui processes input (no ImGui calls)
    in_frame,      // right after NewFrame() (ImGui calls allowed: popups, focus...)
};

class GuiBridge {
  public:
    explicit GuiBridge(std::chrono::milliseconds stall_after);

    // --- any thread -----------------------------------------------------------------------
    // Runs `fn` on the GUI thread and returns its result; `fn` gets the number of the frame it
    // runs in (frame N is the one whose presentation makes frame_count() == N).
    nlohmann::json run_on_gui(std::function<nlohmann::json(std::uint64_t frame)> fn,
                              std::chrono::milliseconds timeout = std::chrono::seconds(5),
                              GuiStage stage = GuiStage::before_frame);
    // Queues `fn` without waiting. Returns why it was dropped (the frame loop is gone), if it was.
    std::optional<std::string> post_to_gui(std::function<void(std::uint64_t frame)> fn);
    // Waits until frame `frame` has been presented, waking the loop as needed.
    void wait_for_frame(std::uint64_t frame, SteadyClock::time_point deadline);
    std::shared_ptr<const FramePixels> capture_frame(std::chrono::milliseconds timeout);
    void require_running() const;  // throws `gui not running` unless running
    // An action that injects input (a click, typing) holds the mouse and keyboard for its
    // whole length, and concurrent actions take turns (input_turns.h). Throws `busy`,
    // `timeout` past `deadline`, or `gui not running` if the loop dies.
    [[nodiscard]] InputTurns::Turn lease_input(SteadyClock::time_point deadline);
    void wake() const;  // wakes an idle frame loop (the app's waker)

    Phase phase() const { return loop_.phase(stall_after_); }
    FrameLoopStatus& loop() { return loop_; }
    const FrameLoopStatus& loop() const { return loop_; }
    std::uint64_t frame_count() const { return loop_.frame_count(); }
    bool work_pending() const { return commands_.size() > 0; }
    bool action_in_progress() const { return input_turns_.held(); }

    // --- setup ------------------------------------------------------------------------------
    void set_waker(std::function<void()> waker);  // before the hook server starts

    // --- GUI thread ---------------------------------------------------------------------------
    std::size_t run_commands();  // before_frame commands; returns how many ran
    void run_in_frame();         // in_frame commands
    bool capture_pending() const { return !capture_waiters_.empty(); }
    void serve_captures(const std::function<FramePixels()>& read_back);
    void frame_presented();        // counts the frame and wakes frame waiters
    void die(std::string reason);  // phase `crashed`; queued and later commands fail at once

  private:
    // Waits for `ready` (polled in short slices) unless the loop dies, stalls or the deadline
    // passes; sets `cancelled` when giving up so the GUI side drops the work.
    void await(const std::function<bool(std::chrono::milliseconds)>& ready,
               SteadyClock::time_point deadline, std::atomic<bool>& cancelled,
               const std::string& what) const;

    const std::chrono::milliseconds stall_after_;
    FrameLoopStatus loop_;
    CommandQueue commands_;
    std::function<void()> waker_;
    std::vector<std::function<void(std::uint64_t)>> in_frame_;  // GUI thread only
    std::vector<std::shared_ptr<std::promise<std::shared_ptr<const FramePixels>>>>
        capture_waiters_;  // GUI thread only
    std::mutex frame_mutex_;
    std::condition_variable frame_cv_;
    // At ~4 frames a click, 4 waiting actions are done well within a click's budget; more
    // would wait past their deadlines under load, so they are refused as busy.
    static constexpr int kMaxInputWaiters = 4;
    InputTurns input_turns_{kMaxInputWaiters};
};

}  // namespace hooks
