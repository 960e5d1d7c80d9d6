// panel_registry.cpp: consecutive-fault counting and quarantine.
#include "imgui_guard/detail/panel_registry.h"

#include "imgui_guard/detail/guard_context.h"
#include "imgui_guard/detail/record_store.h"
#include "imgui_guard/guard.h"

namespace imgui_guard {

namespace detail {

PanelRegistry& PanelRegistry::instance() {
    static PanelRegistry* registry = new PanelRegistry();  // never destroyed
    return *registry;
}

bool PanelRegistry::begin(const std::string& panel, std::uint64_t frame) {
    std::lock_guard lock(mutex_);
    PanelState& state = panels_[panel];
    state.last_frame = frame;
    return !state.quarantined;
}

bool PanelRegistry::end(const std::string& panel, bool faulted) {
    std::lock_guard lock(mutex_);
    PanelState& state = panels_[panel];
    if (!faulted) {
        state.consecutive_faults = 0;
        return false;
    }
    if (++state.consecutive_faults < kQuarantineAfterFrames || state.quarantined) return false;
    state.quarantined = true;
    publish_locked();
    return true;
}

void PanelRegistry::quarantine(const std::string& panel) {
    std::lock_guard lock(mutex_);
    PanelState& state = panels_[panel];
    state.quarantined = true;
    publish_locked();
}

void PanelRegistry::reenable(const std::string& panel) {
    std::lock_guard lock(mutex_);
    auto it = panels_.find(panel);
    if (it == panels_.end()) return;
    it->second.quarantined = false;
    it->second.consecutive_faults = 0;
    publish_locked();
}

void PanelRegistry::reenable_all() {
    std::lock_guard lock(mutex_);
    for (auto& [name, state] : panels_) {
        state.quarantined = false;
        state.consecutive_faults = 0;
    }
    publish_locked();
}

bool PanelRegistry::quarantined(const std::string& panel) const {
    std::lock_guard lock(mutex_);
    auto it = panels_.find(panel);
    return it != panels_.end() && it->second.quarantined;
}

std::vector<std::string> PanelRegistry::drawn_since(std::uint64_t frame) const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [name, state] : panels_)
        if (state.last_frame >= frame) out.push_back(name);
    return out;
}

void PanelRegistry::publish_locked() const {
    std::vector<std::string> names;
    for (const auto& [name, state] : panels_)
        if (state.quarantined) names.push_back(name);
    RecordStore::instance().set_quarantined(std::move(names));
}

}  // namespace detail

void reenable_panel(const std::string& panel) { detail::PanelRegistry::instance().reenable(panel); }
void reenable_all_panels() { detail::PanelRegistry::instance().reenable_all(); }
bool panel_quarantined(const std::string& panel) {
    return detail::PanelRegistry::instance().quarantined(panel);
}
std::vector<std::string> panels_drawn_recently() {
    const std::uint64_t frame = detail::current_frame();
    return detail::PanelRegistry::instance().drawn_since(frame > 0 ? frame - 1 : 0);
}

}  // namespace imgui_guard
