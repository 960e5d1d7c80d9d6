// engine.cpp: the parts composed, bound to ImGui's context through its context hooks.
#include "hooks/detail/engine.h"

#include <imgui.h>
#include <imgui_internal.h>

#include "hooks/http/api_error.h"
#include "imgui_guard/crash_handler.h"

namespace hooks::detail {

namespace {

// Each hook's user data is the engine; the hook type says which step runs.
void on_context_hook(ImGuiContext*, ImGuiContextHook* hook) {
    auto* engine = static_cast<Engine*>(hook->UserData);
    switch (hook->Type) {
        case ImGuiContextHookType_NewFramePre:
            engine->on_new_frame_pre();
            break;
        case ImGuiContextHookType_NewFramePost:
            engine->on_new_frame_post();
            break;
        case ImGuiContextHookType_RenderPost:
            engine->on_render_post();
            break;
        case ImGuiContextHookType_Shutdown:
            engine->on_context_shutdown();
            break;
        default:
            break;
    }
}

}  // namespace

namespace {

// An empty token would let `Authorization: Bearer ` (nothing after it) drive the app: an engine
// whose app set none gets a random one, which the port file and HookEngine::token() give out.
HookEngineOptions with_token(HookEngineOptions options) {
    if (options.server.token.empty()) options.server.token = random_token();
    return options;
}

}  // namespace

Engine::Engine(HookEngineOptions options)
    : options_(with_token(std::move(options))),
      gui_(options_.stall_after),
      health_(gui_.loop(), {options_.server.instance_id, options_.stall_after}),
      server_(options_.server),
      registry_on_(options_.item_registry),
      recording_(options_.app),
      waiting_limit_(options_.max_waiting_requests, "requests that wait") {
    add_core_routes(*this);
    add_error_routes(*this);
    add_item_routes(*this);
    add_menu_routes(*this);
    add_wait_routes(*this);
    add_screenshot_routes(*this);
    add_text_routes(*this);
    add_record_routes(*this);
    if (ImGuiContext* ctx = ImGui::GetCurrentContext()) bind_context(*ctx);
}

Engine::~Engine() {
    server_.stop();
    recording_.stop();  // an --record file gets its closing checks
    unbind_context();
}

void Engine::bind_context(ImGuiContext& ctx) {
    ctx_ = &ctx;
    // Order matters: the engine's NewFramePre runs the commands that stage input before the
    // injector's NewFramePre (added next) hands that input to ImGui, in the same frame.
    for (ImGuiContextHookType type :
         {ImGuiContextHookType_NewFramePre, ImGuiContextHookType_NewFramePost,
          ImGuiContextHookType_RenderPost, ImGuiContextHookType_Shutdown}) {
        ImGuiContextHook hook;
        hook.Type = type;
        hook.Callback = &on_context_hook;
        hook.UserData = this;
        hook_ids_.push_back(ImGui::AddContextHook(&ctx, &hook));
    }
    if (registry_on_) registry_.install(ctx);
    input_.install(ctx);
}

void Engine::unbind_context() {
    if (!ctx_) return;  // never bound, or the context is gone (on_context_shutdown)
    for (unsigned id : hook_ids_) ImGui::RemoveContextHook(ctx_, id);
    hook_ids_.clear();
    if (registry_on_) registry_.uninstall(*ctx_);
    input_.uninstall(*ctx_);
    ctx_ = nullptr;
}

// --- per frame, from the context hooks (GUI thread) --------------------------------------------

void Engine::on_new_frame_pre() {
    FrameLoopStatus& loop = gui_.loop();
    if (loop.raw_phase() == Phase::starting) {
        imgui_guard::set_thread_role("GUI");  // names this thread in a crash (health, report)
        loop.set_running();
    }
    loop.heartbeat();
    gui_.run_commands();
    if (registry_alternating_) switch_item_registry((gui_.frame_count() + 1) % 2 == 0);
}

void Engine::on_new_frame_post() {
    if (registry_on_) registry_.begin_frame(gui_.frame_count() + 1);
    gui_.run_in_frame();
}

void Engine::on_render_post() {
    if (!registry_on_ || !ctx_) return;
    registry_.end_frame(*ctx_);
    // The recorder compares this frame's snapshot with the last: snapshot() waits for it.
    if (recording_.recording()) recording_.frame(*ctx_, registry_.snapshot());
}

// ImGui::DestroyContext() before the engine: the context frees our hooks itself.
void Engine::on_context_shutdown() {
    if (registry_on_ && ctx_) registry_.uninstall(*ctx_);
    hook_ids_.clear();
    input_ = InputInjector();  // its hook went with the context
    ctx_ = nullptr;
}

void Engine::set_item_registry(bool on) {
    registry_alternating_ = false;
    switch_item_registry(on);
}

void Engine::alternate_item_registry() { registry_alternating_ = true; }

void Engine::switch_item_registry(bool on) {
    if (on == registry_on_) return;
    if (ctx_) {
        if (on)
            registry_.install(*ctx_);
        else
            registry_.uninstall(*ctx_);
    }
    registry_on_ = on;
}

void Engine::frame_rendered() {
    gui_.serve_captures(reader_);
    // Frame N presented: a route's next snapshot() waits for snapshot N if it is not out yet.
    gui_.frame_presented();
}

// --- the app's bindings and providers ----------------------------------------------------------

void Engine::bind_value(const std::string& id, ValueBinding binding) {
    bindings_[id] = std::move(binding);
}

const ValueBinding* Engine::binding(const std::string& id) const {
    auto it = bindings_.find(id);
    return it == bindings_.end() ? nullptr : &it->second;
}

void Engine::set_state_provider(std::function<nlohmann::json()> provider) {
    const bool first = !state_provider_;
    state_provider_ = std::move(provider);
    if (!first || router().has("GET", "/api/state")) return;
    router().add("GET", "/api/state", Access::token, [this](const HttpRequest&) {
        return value_reply(run_on_gui([this](std::uint64_t) { return app_state(); }));
    });
}

nlohmann::json Engine::app_state() const {
    if (!state_provider_)
        throw ApiError(ErrorCode::unsupported_operation,
                       "the app registered no state provider (HookEngine::set_state_provider)");
    return state_provider_();
}

void Engine::request_shutdown() {
    shutdown_.store(true, std::memory_order_release);
    gui_.wake();
}

}  // namespace hooks::detail
