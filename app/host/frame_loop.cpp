// frame_loop.cpp: pacing, waking, and one frame at a time.
#include "app/host/frame_loop.h"

#include <chrono>
#include <cstdio>

#include "app/host/glfw_host.h"
#include "hooks/hook_engine.h"
#include "imgui.h"
#include "imgui_guard/guard.h"

namespace imhost {

namespace {

using Clock = std::chrono::steady_clock;

// How long the loop may sleep before the next frame. ImGui needs a few frames after an event
// to settle (hover, layout); a text cursor blinks; otherwise an idle app draws one frame a
// second, which keeps health's frame age fresh at almost no CPU cost.
double next_wait_s(int frames_since_event, bool want_text_input, int max_fps) {
    if (frames_since_event < 3) return 1.0 / max_fps;
    if (want_text_input) return 0.1;
    return 1.0;
}

}  // namespace

FrameLoop::FrameLoop(GlfwHost& host, hooks::HookEngine& hooks, const AppOptions& options)
    : host_(host), hooks_(hooks), options_(options) {}

void FrameLoop::set_draw(std::function<void()> draw) { draw_ = std::move(draw); }

void FrameLoop::set_on_fatal(std::function<void(const std::string&)> on_fatal) {
    on_fatal_ = std::move(on_fatal);
}

int FrameLoop::run() {
    ImGuiIO& io = ImGui::GetIO();
    int frames_since_event = 0;
    long long frames = 0;
    while (!host_.should_close() && !hooks_.shutdown_requested()) {
        // The cap counts from this frame's start, not on a fixed schedule: frames drawn early
        // for hook commands must not push the next allowed frame into the future.
        const auto next_frame =
            Clock::now() + std::chrono::microseconds(1'000'000 / options_.max_fps);
        // The hooks run their commands from ImGui's NewFramePre context hook; a command that
        // waits counts as an event (its effects take a few frames to settle).
        if (hooks_.work_pending()) frames_since_event = 0;

        // The frame behind the guard's last line of defence: failures outside the panels' own
        // guards are recorded and recovered, Render() is retried once, and a frame ImGui can no
        // longer make stops the loop instead of the process.
        imgui_guard::set_frame_index(hooks_.frame_count() + 1);
        const imgui_guard::FrameOutcome outcome = imgui_guard::guarded_frame(
            [this] {
                host_.begin_frame();
                ImGui::NewFrame();
            },
            [this] {
                if (draw_) draw_();
            });
        if (outcome.fatal) return die(outcome.reason);
        // A frame identical to the one on screen is not drawn again (the idle cost under a
        // software renderer); a screenshot request always gets a freshly drawn frame. Nor is a
        // frame in the middle of an automated action (a click is four one-frame steps): the app
        // runs it all the same, but nobody looks at its pixels, and rasterising them is most of
        // a frame's cost under llvmpipe. The frame after the action is drawn, and so is one
        // every 100 ms of a long action, for a person watching.
        const auto now = Clock::now();
        const bool unseen = !options_.raster_every_frame && hooks_.action_in_progress() &&
                            now - last_present_ < std::chrono::milliseconds(100);
        const bool drawn = host_.render(/*force=*/hooks_.capture_pending(), unseen);
        hooks_.frame_rendered();  // screenshots read the back buffer here, before present()
        if (drawn) {
            host_.present();
            last_present_ = now;
        }
        ++frames;
        if (options_.exit_after_frames && frames >= *options_.exit_after_frames) break;

        // Pace: never faster than max_fps (swap interval is ignored under Xvfb), and sleep in
        // glfwWaitEventsTimeout while nothing happens. Hook commands are the exception: an
        // automated click is a chain of one-frame steps, so a pending command starts the next
        // frame at once (imgui_test_engine's "fast mode"), and a test pays for the frames it
        // needs, not for the cap.
        ++frames_since_event;
        hooks_.idle_begin();
        const double wait = next_wait_s(frames_since_event, io.WantTextInput, options_.max_fps);
        const auto wait_start = Clock::now();
        if (!commands_pending()) host_.wait_events(wait);
        // Woken before the timeout: input or a command arrived, so draw a few frames.
        if (Clock::now() - wait_start < std::chrono::duration<double>(wait * 0.9))
            frames_since_event = 0;
        // Early user input still respects the cap; a command (it wakes this wait) does not.
        while (!commands_pending() && Clock::now() < next_frame)
            host_.wait_events(std::chrono::duration<double>(next_frame - Clock::now()).count());
        hooks_.idle_end();
    }
    hooks_.frame_loop_stopping();
    return kExitOk;
}

bool FrameLoop::commands_pending() const { return hooks_.work_pending(); }

int FrameLoop::die(const std::string& reason) {
    hooks_.frame_loop_died(reason);  // phase `crashed`; queued and later commands fail at once
    std::fprintf(stderr, "imhost: the frame loop stopped: %s\n", reason.c_str());
    if (on_fatal_) {
        try {
            on_fatal_(reason);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "imhost: the frame-loop failure callback threw: %s\n", e.what());
        }
    }
    // Keep the process (and the hook server) alive so a harness can read health and errors,
    // until POST /api/shutdown, the window closes, or --linger seconds pass.
    const bool forever = options_.linger_s < 0;
    std::fprintf(stderr, "imhost: the hook server keeps answering until POST /api/shutdown%s\n",
                 forever ? "" : (" or " + std::to_string(options_.linger_s) + " s").c_str());
    const auto until =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(
                           std::chrono::duration<double>(forever ? 0 : options_.linger_s));
    while (!hooks_.shutdown_requested() && !host_.should_close() &&
           (forever || Clock::now() < until))
        host_.wait_events(0.25);  // GLFW events only: no ImGui frame is ever started again
    // A stop that was asked for is an orderly end, crash or not: the crash stays in health, the
    // guard's records and stderr. Only a process that ends by itself because of it says so.
    if (hooks_.shutdown_requested() || host_.should_close()) return kExitOk;
    std::fprintf(stderr, "imhost: --linger %g s ran out after the frame-loop crash: exit code %d\n",
                 options_.linger_s, static_cast<int>(kExitCrashed));
    return kExitCrashed;
}

}  // namespace imhost
