// hook_engine.cpp: the public HookEngine, a thin face over detail::Engine.
#include "hooks/hook_engine.h"

#include "hooks/detail/engine.h"

namespace hooks {

HookEngine::HookEngine(HookEngineOptions options)
    : engine_(std::make_unique<detail::Engine>(std::move(options))) {}
HookEngine::~HookEngine() = default;

void HookEngine::set_waker(std::function<void()> waker) {
    engine_->gui().set_waker(std::move(waker));
}
void HookEngine::set_frame_reader(std::function<FramePixels()> reader) {
    engine_->set_frame_reader(std::move(reader));
}
void HookEngine::set_io_pool_source(std::function<IoPoolFigures()> source) {
    engine_->health().set_io_pool_source(std::move(source));
}
void HookEngine::set_reset_hook(std::function<void()> hook) {
    engine_->set_reset_hook(std::move(hook));
}
bool HookEngine::record_start() { return engine_->recording().start(); }
bool HookEngine::record_stop() { return engine_->recording().stop(); }
nlohmann::json HookEngine::recorded() const { return *engine_->recording().published(); }
std::string HookEngine::record_to(const std::string& path) {
    return engine_->recording().record_to_file(path);
}
void HookEngine::bind_value(const std::string& id, ValueBinding binding) {
    engine_->bind_value(id, std::move(binding));
}
void HookEngine::set_state_provider(std::function<nlohmann::json()> provider) {
    engine_->set_state_provider(std::move(provider));
}
Router& HookEngine::router() { return engine_->router(); }

std::string HookEngine::start() { return engine_->server().start(); }
void HookEngine::stop() { engine_->server().stop(); }
std::string HookEngine::url() const { return engine_->server().url(); }
std::string HookEngine::token() const { return engine_->options().server.token; }

void HookEngine::frame_rendered() { engine_->frame_rendered(); }

bool HookEngine::shutdown_requested() const { return engine_->shutdown_requested(); }
void HookEngine::request_shutdown() { engine_->request_shutdown(); }
nlohmann::json HookEngine::health() const { return engine_->health().report().body; }
GuiBridge& HookEngine::gui() { return engine_->gui(); }

std::uint64_t HookEngine::frame_count() const { return engine_->gui().frame_count(); }
bool HookEngine::work_pending() const { return engine_->gui().work_pending(); }
bool HookEngine::capture_pending() const { return engine_->gui().capture_pending(); }
bool HookEngine::action_in_progress() const { return engine_->gui().action_in_progress(); }
void HookEngine::idle_begin() { engine_->gui().loop().idle_begin(); }
void HookEngine::idle_end() { engine_->gui().loop().idle_end(); }
void HookEngine::frame_loop_stopping() { engine_->gui().loop().set_stopping(); }
void HookEngine::frame_loop_died(std::string reason) {
    engine_->frame_loop_died(std::move(reason));
}

}  // namespace hooks
