// panel_registry.h: what the guard knows about each panel: when it was last drawn, how many
// frames in a row it faulted, whether it is quarantined (internal to imgui_guard).
//
// The GUI thread draws; re-enabling and reading may come from any thread, so a small mutex
// guards the map (uncontended: tens of nanoseconds per panel per frame).
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace imgui_guard::detail {

class PanelRegistry {
  public:
    static PanelRegistry& instance();

    bool begin(const std::string& panel, std::uint64_t frame);  // false: quarantined, skip it
    // After the panel ran. Returns true if this fault put the panel into quarantine.
    bool end(const std::string& panel, bool faulted);
    void quarantine(const std::string& panel);  // at once, whatever its fault count
    void reenable(const std::string& panel);
    void reenable_all();
    bool quarantined(const std::string& panel) const;
    std::vector<std::string> drawn_since(std::uint64_t frame) const;

  private:
    struct PanelState {
        std::uint64_t last_frame = 0;
        int consecutive_faults = 0;
        bool quarantined = false;
    };
    void publish_locked() const;

    mutable std::mutex mutex_;
    std::map<std::string, PanelState, std::less<>> panels_;
};

}  // namespace imgui_guard::detail
