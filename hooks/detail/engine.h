// engine.h: the parts of a HookEngine, composed (internal: apps include hooks/hook_engine.h).
//
// What the routes of hooks/routes/ work with: the GUI bridge, health, the HTTP server, the item
// registry, the input injector, the app's bindings and providers. The per-frame work is bound
// to the ImGui context through its context hooks:
//   NewFramePre    heartbeat, the before_frame commands (then InputInjector's own hook feeds
//                  the input they staged)
//   NewFramePost   the registry starts the frame; the in_frame commands run
//   RenderPost     the registry hands what the frame drew to its own thread; the recorder
//                  compares it (frame_rendered() waits until it is published)
//   Shutdown       ImGui::DestroyContext(): the engine lets go of the context
// and the app calls frame_rendered() once the frame is in the back buffer (screenshots, frame
// count).
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hooks/gui/gui_bridge.h"
#include "hooks/health/health.h"
#include "hooks/hook_engine.h"
#include "hooks/http/hook_server.h"
#include "hooks/http/operation_limit.h"
#include "hooks/record/record_session.h"
#include "hooks/ui/input_injector.h"
#include "hooks/ui/item_registry.h"

struct ImGuiContext;

namespace hooks::detail {

class Engine {
  public:
    explicit Engine(HookEngineOptions options);  // binds to ImGui's current context, if any
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // --- setup (before start) -----------------------------------------------------------------
    void set_reset_hook(std::function<void()> hook) { reset_hook_ = std::move(hook); }
    void bind_value(const std::string& id, ValueBinding binding);
    void set_state_provider(std::function<nlohmann::json()> provider);
    void set_frame_reader(std::function<FramePixels()> reader) { reader_ = std::move(reader); }

    // --- GUI thread -----------------------------------------------------------------------------
    void frame_rendered();  // screenshots from the back buffer, then the frame counts
    void frame_loop_died(std::string reason) { gui_.die(std::move(reason)); }
    const ValueBinding* binding(const std::string& id) const;
    nlohmann::json app_state() const;  // throws `unsupported operation` without a provider
    const std::function<void()>& reset_hook() const { return reset_hook_; }
    InputInjector& input() { return input_; }
    RecordSession& recording() { return recording_; }  // published() from any thread
    // The item registry on or off from now on (--no-item-registry starts it off): the bench's
    // way to price it on a UI it first drove through the registry. While off, the last
    // published snapshot stays what the item routes see.
    void set_item_registry(bool on);  // and ends alternate_item_registry()
    bool item_registry_on() const { return registry_on_; }
    // The registry on in even frames and off in odd ones (frame numbers as the snapshots carry
    // them), from the next frame until set_item_registry(): the bench prices it frame against
    // frame, so that the machine's noise, slower than two frames, cancels out.
    void alternate_item_registry();
    bool item_registry_alternating() const { return registry_alternating_; }

    // --- any thread -----------------------------------------------------------------------------
    GuiBridge& gui() { return gui_; }
    const GuiBridge& gui() const { return gui_; }
    Router& router() { return server_.router(); }
    Health& health() { return health_; }
    const HookServer& server() const { return server_; }
    HookServer& server() { return server_; }
    const HookEngineOptions& options() const { return options_; }
    OperationLimit& waiting_limit() { return waiting_limit_; }
    // The last frame the app finished (Render() done): the one presented, or the one after it.
    std::shared_ptr<const UiSnapshot> ui() const { return registry_.snapshot(); }
    bool has_state_provider() const { return static_cast<bool>(state_provider_); }
    bool shutdown_requested() const { return shutdown_.load(std::memory_order_acquire); }
    void request_shutdown();

    // The bridge's calls, under the names the routes use.
    nlohmann::json run_on_gui(std::function<nlohmann::json(std::uint64_t)> fn,
                              std::chrono::milliseconds timeout = std::chrono::seconds(5),
                              GuiStage stage = GuiStage::before_frame) {
        return gui_.run_on_gui(std::move(fn), timeout, stage);
    }
    void require_running() const { gui_.require_running(); }
    // A closed queue drops it: nothing is left to clean up then.
    void post_to_gui(std::function<void(std::uint64_t)> fn) {
        (void)gui_.post_to_gui(std::move(fn));
    }
    void wait_for_frame(std::uint64_t frame, SteadyClock::time_point deadline) {
        gui_.wait_for_frame(frame, deadline);
    }
    std::shared_ptr<const FramePixels> capture_frame(std::chrono::milliseconds timeout) {
        return gui_.capture_frame(timeout);
    }
    [[nodiscard]] InputTurns::Turn lease_input(SteadyClock::time_point deadline) {
        return gui_.lease_input(deadline);
    }
    FrameLoopStatus& loop_status() { return gui_.loop(); }

    // From the context hooks (see the top).
    void on_new_frame_pre();
    void on_new_frame_post();
    void on_render_post();
    void on_context_shutdown();

  private:
    void bind_context(ImGuiContext& ctx);
    void unbind_context();
    void switch_item_registry(bool on);

    HookEngineOptions options_;
    GuiBridge gui_;
    Health health_;
    HookServer server_;
    ItemRegistry registry_;
    bool registry_on_;                   // GUI thread; options_.item_registry at the start
    bool registry_alternating_ = false;  // GUI thread
    InputInjector input_;
    RecordSession recording_;
    OperationLimit waiting_limit_;
    std::function<void()> reset_hook_;
    std::function<nlohmann::json()> state_provider_;
    std::function<FramePixels()> reader_;
    std::map<std::string, ValueBinding> bindings_;  // GUI thread only, once started
    std::atomic<bool> shutdown_{false};
    ImGuiContext* ctx_ = nullptr;  // the context bound to, and our context-hook ids on it
    std::vector<unsigned> hook_ids_;
};

// Route groups, one file each in hooks/routes/.
void add_core_routes(Engine& engine);
void add_error_routes(Engine& engine);
void add_item_routes(Engine& engine);
void add_menu_routes(Engine& engine);
void add_wait_routes(Engine& engine);
void add_screenshot_routes(Engine& engine);
void add_text_routes(Engine& engine);
void add_record_routes(Engine& engine);

}  // namespace hooks::detail
