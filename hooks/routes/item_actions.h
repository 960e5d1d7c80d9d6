// item_actions.h: what the item routes do, on the HTTP thread, frame by frame.
//
// Each action waits on the published UI snapshot, then stages input for the GUI thread through
// GuiBridge::run_on_gui and waits for the frames that apply it. A loop that dies or stalls
// fails the action at once with 503 `gui not running` (GuiBridge::require_running).
//   click_action.cpp wait_item (existence, actionability), click_item (injected mouse input)
//   value_action.cpp get_item_value / set_item_value (bindings, or real text input)
#pragma once

#include <chrono>

#include <nlohmann/json.hpp>

#include "hooks/detail/engine.h"
#include "hooks/ui/locator.h"

namespace hooks {

enum class Need {
    exists,      // one match
    visible,     // one match, visible
    actionable,  // one match, visible, enabled, same rect for 2 frames
};

// Waits until exactly one item matches and meets `need`. Ambiguity fails at once; past the
// deadline: `no such element` (404), or `element not interactable` (400, data.reason).
ItemRecord wait_item(detail::Engine& engine, const Locator& locator, Need need,
                     SteadyClock::time_point deadline);

struct ClickOptions {
    int button = 0;  // 0 left, 1 right, 2 middle
    bool double_click = false;
    bool ctrl = false;  // held during the click (turns sliders into text fields)
    std::chrono::milliseconds timeout{2000};  // for the item to become actionable
};

struct ClickFrames {
    std::uint64_t queued_frame = 0, applied_frame = 0, confirmed_frame = 0;
};

// Moves the mouse onto the item, presses and releases (twice for a double click), and returns
// once the release was applied and one more frame was rendered.
ClickFrames click_item(detail::Engine& engine, const ItemRecord& item, const ClickOptions& options);
nlohmann::json click_reply(const ItemRecord& item, const ClickFrames& frames);

// GET /api/items/value: a value binding, else what the item itself shows (checked, opened, the
// text of a focused input). `unsupported operation` when there is neither.
nlohmann::json get_item_value(detail::Engine& engine, const Locator& locator);
// POST /api/items/value: a binding's setter, a click for checkboxes, or real typing (Ctrl+click,
// select all, type, Enter) for input fields, sliders and drags. Reply: {id, old, new, method}.
enum class ValueVia {
    automatic,  // the binding if the app registered one, else real input
    binding,    // the binding only (`unsupported operation` without one)
    input,      // real input only (typing, or a click for checkboxes), even if a binding exists
};
nlohmann::json set_item_value(detail::Engine& engine, const Locator& locator,
                              const nlohmann::json& value, std::chrono::milliseconds timeout,
                              ValueVia via = ValueVia::automatic);

}  // namespace hooks
