// hook_engine.h: what a Dear ImGui app calls to be driven and watched over HTTP.
//
// This is the interface an app's setup uses. It owns the hook server, the frame-loop status,
// the command queue and the health model, and registers the core routes.
//
//   hooks::HookEngine hooks(options);
//   hooks.set_waker([] { glfwPostEmptyEvent(); });
//   if (auto error = hooks.start(); !error.empty()) { ... }
//   while (!hooks.shutdown_requested()) {
//       hooks.loop_status().heartbeat();
//       hooks.run_commands();          // top of the frame, GUI thread
//       ...draw...
//       hooks.frame_rendered();        // after the frame is presented
//   }
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "hooks/command_queue.h"
#include "hooks/frame_loop_status.h"
#include "hooks/frame_pixels.h"
#include "hooks/health.h"
#include "hooks/hook_server.h"

namespace hooks {

// A readout or setting the app exposes to GET/POST /api/items/value, for items whose value ImGui
// does not carry (Text() readouts, sliders backed by app state). Both run on the GUI thread.
// `set` throws ApiError(invalid_argument) for a wrong type or range; empty `set` = read-only.
struct ValueBinding {
    std::function<nlohmann::json()> get;
    std::function<void(const nlohmann::json&)> set;
};

struct HookEngineOptions {
    HookServerOptions server;
    std::chrono::milliseconds stall_after{2000};
    std::string app_version;   // reported by /api/status
};

class HookEngine {
public:
    explicit HookEngine(HookEngineOptions options);
    ~HookEngine();

    // --- setup (before start) -----------------------------------------------------------
    void set_waker(std::function<void()> waker);     // wakes the frame loop from any thread
    Router& router() { return server_.router(); }    // app routes
    Health& health() { return health_; }
    std::string start();                             // empty, or why the server cannot listen
    void stop();
    void set_reset_hook(std::function<void()> hook); // app part of POST /api/reset (GUI thread)
    void bind_value(const std::string& id, ValueBinding binding);  // GUI thread or before start

    // --- GUI thread ---------------------------------------------------------------------
    std::size_t run_commands();                      // top of each frame, before NewFrame()
    void on_new_frame();                             // right after ImGui::NewFrame()
    void on_end_frame();                             // right after ImGui::Render()
    // After the frame is rendered, before it is presented: serves screenshot requests.
    void after_render(const std::function<FramePixels()>& read_back);
    void frame_rendered();                           // after each presented frame
    void frame_loop_died(std::string reason);        // phase crashed; commands fail at once

    // --- any thread ---------------------------------------------------------------------
    FrameLoopStatus& loop_status() { return loop_; }
    CommandQueue& commands() { return commands_; }
    bool shutdown_requested() const { return shutdown_.load(std::memory_order_acquire); }
    void request_shutdown();                         // as POST /api/shutdown does

    // Runs `fn` on the GUI thread at the top of a frame and returns its result. Never hangs:
    // throws ApiError `gui not running` (503, data {phase, reason}) at once if the frame loop is
    // not running or dies while waiting, and `timeout` (500) past the deadline. A command whose
    // caller gave up is cancelled, never run late.
    nlohmann::json run_on_gui(std::function<nlohmann::json(std::uint64_t frame)> fn,
                              std::chrono::milliseconds timeout = std::chrono::seconds(5));
    void require_running() const;                    // throws `gui not running` unless running
    const HookServer& server() const { return server_; }

private:
    void add_core_routes();

    HookEngineOptions options_;
    FrameLoopStatus loop_;
    CommandQueue commands_;
    Health health_;
    HookServer server_;
    std::function<void()> waker_;
    std::function<void()> reset_hook_;
    std::map<std::string, ValueBinding> bindings_;   // GUI thread only, once started
    std::atomic<bool> shutdown_{false};
};

}  // namespace hooks
