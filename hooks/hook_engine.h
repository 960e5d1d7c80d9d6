// hook_engine.h: what a Dear ImGui app includes to be driven and watched over HTTP.
//
// This is the interface an app's set-up uses. Authors of app routes also include route_api.h;
// everything else of hooks/ is internal. The engine binds its per-frame work to ImGui's context
// through ImGui's own context hooks, so an app with a GLFW + OpenGL 3 loop adds a few lines:
//
//   ImGui::CreateContext();
//   hooks::HookEngineOptions options;
//   options.server.port = 0;                     // any free port; the port file says which
//   options.server.port_file = "port.json";      // {url, port, pid, token, instance_id}
//   hooks::HookEngine hooks(options);                                                // [1]
//   hooks::use_glfw_opengl3(hooks);              // [2] waking, screenshots (glfw_opengl3.h)
//   if (auto error = hooks.start(); !error.empty()) { ... }                         // [3]
//   while (!glfwWindowShouldClose(window) && !hooks.shutdown_requested()) {
//       glfwPollEvents();
//       ImGui_ImplOpenGL3_NewFrame(); ImGui_ImplGlfw_NewFrame(); ImGui::NewFrame();
//       imgui_guard::guarded("My panel", draw_my_panel);    // optional: per-panel recovery
//       ImGui::Render();
//       glClear(...); ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
//       hooks.frame_rendered();                                                     // [4]
//       glfwSwapBuffers(window);
//   }
//   hooks.stop();                                // the server ends; health stops answering
//
// Index of this file
//   [SECTION] Options and bindings
//   [SECTION] HookEngine: set-up, each frame, a host's own frame loop
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "hooks/gui/frame_pixels.h"
#include "hooks/health/health_rules.h"
#include "hooks/http/server_options.h"

namespace hooks {

class GuiBridge;  // route_api.h: run work on the GUI thread from a route
class Router;     // route_api.h: add the app's own routes
namespace detail {
class Engine;  // the composed parts (internal)
}

//-----------------------------------------------------------------------------
// [SECTION] Options and bindings
//-----------------------------------------------------------------------------

struct HookEngineOptions {
    HookServerOptions server;  // bind, port (0: any free one), token (empty: a random one),
                               // port_file, ...
    std::chrono::milliseconds stall_after{2000};  // health says `stalled` past this
    std::string app_version;                      // reported by /api/status
    std::string app = "app";       // which app is hosted, reported by /api/status as "app"
    int max_waiting_requests = 8;  // concurrent waits/clicks/finds; past it 503 busy
    bool item_registry = true;     // false: no item hooks, no /api/items data (benchmarks)
};

// A readout or setting the app exposes to GET/POST /api/items/value, for items whose value ImGui
// does not carry (Text() readouts, sliders backed by app state). Both run on the GUI thread.
// `set` throws ApiError(invalid_argument) for a wrong type or range; empty `set` = read-only.
struct ValueBinding {
    std::function<nlohmann::json()> get;
    std::function<void(const nlohmann::json&)> set;
};

//-----------------------------------------------------------------------------
// [SECTION] HookEngine
//-----------------------------------------------------------------------------

class HookEngine {
  public:
    // Construct after ImGui::CreateContext(): the engine binds to the current context (its
    // context hooks and item hooks), and lets go of it when destroyed or when the context is
    // destroyed first. The hook server listens only once start() is called.
    explicit HookEngine(HookEngineOptions options);
    ~HookEngine();
    HookEngine(const HookEngine&) = delete;
    HookEngine& operator=(const HookEngine&) = delete;

    // --- set-up (before start) ------------------------------------------------------------
    void set_waker(std::function<void()> waker);  // wakes an idle frame loop, from any thread
    // Reads the frame just rendered (the back buffer) for GET /api/screenshot; GUI thread.
    void set_frame_reader(std::function<FramePixels()> reader);
    void set_io_pool_source(std::function<IoPoolFigures()> source);  // health's io_pool part
    void set_reset_hook(std::function<void()> hook);  // the app's part of POST /api/reset (GUI)
    void bind_value(const std::string& id, ValueBinding binding);  // GUI thread or before start
    // The app's state document for GET /api/state and wait {"type": "state_equals"}. Runs on
    // the GUI thread. Setting it registers GET /api/state (token) unless the app already has.
    void set_state_provider(std::function<nlohmann::json()> provider);
    Router& router();  // the app's own routes (route_api.h)
    // Records the session from the first frame into `path` (imhost --record FILE), in the
    // format its extension says (.py, .cpp, .json), rewritten as steps come and when the
    // recording stops (POST /api/record/stop, or the engine's end). Returns "" or why not.
    std::string record_to(const std::string& path);

    // --- the recorder, for an app's own UI (GUI thread) ---------------------------------------
    bool record_start();              // false: already recording (POST /api/record/start)
    bool record_stop();               // false: not recording
    nlohmann::json recorded() const;  // {"recording", "app", "steps"} (GET /api/record)

    std::string start();        // listens; returns "" or why it cannot
    void stop();                // idempotent
    std::string url() const;    // http://127.0.0.1:<port>, once started
    std::string token() const;  // the bearer token of the automation routes (port file too)

    // --- each frame (GUI thread) ------------------------------------------------------------
    // Once per frame, after ImGui's draw data is rendered into the back buffer and before it is
    // presented (glfwSwapBuffers): serves screenshot requests, then counts the frame.
    void frame_rendered();

    // --- any thread ---------------------------------------------------------------------------
    bool shutdown_requested() const;  // POST /api/shutdown was received: leave the loop
    void request_shutdown();          // as POST /api/shutdown does (SIGTERM handlers, ...)
    nlohmann::json health() const;    // the GET /api/gui_health document
    GuiBridge& gui();                 // run_on_gui() and friends (route_api.h)

    // --- a host's own frame loop (optional; imhost's uses them) ------------------------------
    std::uint64_t frame_count() const;  // frames presented so far
    bool work_pending() const;          // a command waits: start the next frame now
    bool capture_pending() const;       // a screenshot waits: render the next frame (GUI thread)
    // An automated action (a click, typing, a drag) is between its steps: nobody looks at the
    // pixels of this frame, so the app may skip rasterising it (the frame itself still runs).
    bool action_in_progress() const;
    // An event-driven loop (glfwWaitEvents) says when it sleeps, so that a long wait for input
    // is not taken for a stall. A loop that polls needs neither.
    void idle_begin();
    void idle_end();
    void frame_loop_stopping();  // the loop ends in order (health: `stopping`)
    // The loop cannot go on (ImGui can make no more frames): health says `crashed` with the
    // reason, and every command fails at once while the hook server keeps answering.
    void frame_loop_died(std::string reason);

  private:
    std::unique_ptr<detail::Engine> engine_;
};

}  // namespace hooks
