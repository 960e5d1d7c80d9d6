// hook_engine.h: what a Dear ImGui app calls to be driven and watched over HTTP.
//
// This is the interface an app's setup uses. It owns the hook server, the frame-loop status,
// the command queue, the health model, the item registry and the input injector, and registers
// every route of docs/hook-api.md. Where things happen, by file:
//   hook_server.cpp       HTTP transport (cpp-httplib), the pre-routing security gate
//   router.cpp            route lookup, token, error envelope
//   routes_core.cpp       /api/gui_health, /api/status, /api/shutdown
//   routes_errors.cpp     /api/errors, /api/errors/clear, /api/reset
//   routes_items.cpp      /api/windows, /api/items, /api/items/find|click|value
//   item_click.cpp        actionability and the injected click
//   item_value.cpp        value bindings and real text input
//   routes_wait.cpp       /api/wait
//   routes_screenshot.cpp /api/screenshot (+ png_encoder.cpp)
//   item_registry.cpp     what the GUI drew (ImGui's test-engine hooks), ui_snapshot.h its shape
//   locator.cpp           {"id"} / {"label","window"} / {"path"} / {"imgui_id"}, strict matching
//   input_injector.cpp    real mouse/keyboard events fed to ImGui at NewFrame
//   wait_condition.cpp    the /api/wait conditions; route_args.cpp shared argument checks
//   guard_summary.cpp     imgui_guard's records as health shows them
//
//   hooks::HookEngine hooks(options);          // after ImGui::CreateContext()
//   hooks.set_waker([] { glfwPostEmptyEvent(); });
//   if (auto error = hooks.start(); !error.empty()) { ... }
//   while (!hooks.shutdown_requested()) {
//       hooks.loop_status().heartbeat();
//       hooks.run_commands();            // top of the frame, before NewFrame()
//       ImGui::NewFrame(); hooks.on_new_frame();
//       ...draw...
//       ImGui::Render();   hooks.on_end_frame();
//       render; hooks.after_render(read_back); present;
//       hooks.frame_rendered();
//   }
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hooks/command_queue.h"
#include "hooks/frame_loop_status.h"
#include "hooks/frame_pixels.h"
#include "hooks/health.h"
#include "hooks/hook_server.h"
#include "hooks/input_injector.h"
#include "hooks/input_turns.h"
#include "hooks/item_registry.h"
#include "hooks/operation_limit.h"

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
    std::string app_version;       // reported by /api/status
    int max_waiting_requests = 8;  // concurrent waits/clicks/finds; past it 503 busy
    bool item_registry = true;     // false: no item hooks, no /api/items data (bench/ only)
};

// Where in the frame a GUI command runs.
enum class GuiStage {
    before_frame,  // at the top of the frame, before NewFrame() (ImGui calls not allowed)
    in_frame,      // right after NewFrame() (ImGui calls allowed: popups, focus...)
};

class HookEngine {
  public:
    explicit HookEngine(HookEngineOptions options);
    ~HookEngine();

    // --- setup (before start) -----------------------------------------------------------
    void set_waker(std::function<void()> waker);   // wakes the frame loop from any thread
    Router& router() { return server_.router(); }  // app routes
    Health& health() { return health_; }
    std::string start();  // empty, or why the server cannot listen
    void stop();
    void set_reset_hook(std::function<void()> hook);  // app part of POST /api/reset (GUI thread)
    void bind_value(const std::string& id, ValueBinding binding);  // GUI thread or before start
    // The app's state document for GET /api/state and wait {"type": "state_equals"}. Runs on
    // the GUI thread. Setting it registers GET /api/state (token) unless the app already has.
    void set_state_provider(std::function<nlohmann::json()> provider);

    // --- GUI thread ---------------------------------------------------------------------
    std::size_t run_commands();  // top of each frame, before NewFrame()
    void on_new_frame();         // right after ImGui::NewFrame()
    void on_end_frame();         // right after ImGui::Render()
    // After the frame is rendered, before it is presented: serves screenshot requests.
    void after_render(const std::function<FramePixels()>& read_back);
    bool capture_pending() const { return !capture_waiters_.empty(); }  // a screenshot waits
    void frame_rendered();                     // after each presented frame
    void frame_loop_died(std::string reason);  // phase crashed; commands fail at once
    InputInjector& input() { return input_; }  // GUI thread only
    const ValueBinding* binding(const std::string& id) const;  // GUI thread only
    nlohmann::json app_state() const;                          // GUI thread; throws if no provider
    const std::function<void()>& reset_hook() const { return reset_hook_; }

    // --- any thread ---------------------------------------------------------------------
    FrameLoopStatus& loop_status() { return loop_; }
    CommandQueue& commands() { return commands_; }
    bool shutdown_requested() const { return shutdown_.load(std::memory_order_acquire); }
    void request_shutdown();  // as POST /api/shutdown does
    std::shared_ptr<const UiSnapshot> ui() const { return registry_.snapshot(); }
    bool has_state_provider() const { return static_cast<bool>(state_provider_); }
    OperationLimit& waiting_limit() { return waiting_limit_; }
    const HookEngineOptions& options() const { return options_; }

    // Runs `fn` on the GUI thread and returns its result; `fn` gets the number of the frame it
    // runs in (frame N is the one whose presentation makes frame_count() == N). Never hangs:
    // throws ApiError `gui not running` (503, data {phase, reason}) at once if the frame loop is
    // not running or dies while waiting, and `timeout` (500) past the deadline. A command whose
    // caller gave up is cancelled, never run late.
    nlohmann::json run_on_gui(std::function<nlohmann::json(std::uint64_t frame)> fn,
                              std::chrono::milliseconds timeout = std::chrono::seconds(5),
                              GuiStage stage = GuiStage::before_frame);
    // Queues `fn` for the GUI thread and does not wait (best-effort clean-ups).
    void post_to_gui(std::function<void(std::uint64_t frame)> fn);
    // Waits until frame `frame` has been presented (frame_count() >= frame), waking the loop as
    // needed. Same failure rules as run_on_gui; `timeout` past `deadline`.
    void wait_for_frame(std::uint64_t frame, SteadyClock::time_point deadline);
    // Reads the next frame from the GUI thread (for screenshots). Same failure rules.
    std::shared_ptr<const FramePixels> capture_frame(std::chrono::milliseconds timeout);
    void require_running() const;  // throws `gui not running` unless running
    const HookServer& server() const { return server_; }

    // The app has one mouse and one keyboard: an action that injects input (a click, typing)
    // holds them for its whole length, and concurrent actions take turns (input_turns.h).
    // Throws `busy`, `timeout` past `deadline`, or `gui not running` if the loop dies.
    [[nodiscard]] InputTurns::Turn lease_input(SteadyClock::time_point deadline);

  private:
    // Waits for `ready` (polled in short slices) unless the loop dies, stalls or the deadline
    // passes; sets `cancelled` when giving up so the GUI side drops the work.
    void await(const std::function<bool(std::chrono::milliseconds)>& ready,
               SteadyClock::time_point deadline, std::atomic<bool>& cancelled,
               const std::string& what);
    void install_on_context();

    HookEngineOptions options_;
    FrameLoopStatus loop_;
    CommandQueue commands_;
    Health health_;
    HookServer server_;
    ItemRegistry registry_;
    InputInjector input_;
    OperationLimit waiting_limit_;
    std::function<void()> waker_;
    std::function<void()> reset_hook_;
    std::function<nlohmann::json()> state_provider_;
    std::map<std::string, ValueBinding> bindings_;              // GUI thread only, once started
    std::vector<std::function<void(std::uint64_t)>> in_frame_;  // GUI thread only
    std::vector<std::shared_ptr<std::promise<std::shared_ptr<const FramePixels>>>>
        capture_waiters_;     // GUI thread only
    bool installed_ = false;  // GUI thread only
    std::atomic<bool> shutdown_{false};
    std::mutex frame_mutex_;
    std::condition_variable frame_cv_;
    // At ~4 frames a click, 4 waiting actions are done well within a click's budget; more
    // would wait past their deadlines under load, so they are refused as busy.
    static constexpr int kMaxInputWaiters = 4;
    InputTurns input_turns_;  // see lease_input()
};

// Route groups, one file each (see the index at the top).
void add_core_routes(HookEngine& engine);
void add_error_routes(HookEngine& engine);
void add_item_routes(HookEngine& engine);
void add_wait_routes(HookEngine& engine);
void add_screenshot_routes(HookEngine& engine);

}  // namespace hooks
