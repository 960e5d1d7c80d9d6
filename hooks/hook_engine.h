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
#include <functional>
#include <string>

#include "hooks/command_queue.h"
#include "hooks/frame_loop_status.h"
#include "hooks/health.h"
#include "hooks/hook_server.h"

namespace hooks {

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

    // --- GUI thread ---------------------------------------------------------------------
    std::size_t run_commands();                      // top of each frame
    void frame_rendered();                           // after each presented frame
    void frame_loop_died(std::string reason);        // phase crashed; commands fail at once

    // --- any thread ---------------------------------------------------------------------
    FrameLoopStatus& loop_status() { return loop_; }
    CommandQueue& commands() { return commands_; }
    bool shutdown_requested() const { return shutdown_.load(std::memory_order_acquire); }
    void request_shutdown();                         // as POST /api/shutdown does
    const HookServer& server() const { return server_; }

private:
    void add_core_routes();

    HookEngineOptions options_;
    FrameLoopStatus loop_;
    CommandQueue commands_;
    Health health_;
    HookServer server_;
    std::function<void()> waker_;
    std::atomic<bool> shutdown_{false};
};

}  // namespace hooks
