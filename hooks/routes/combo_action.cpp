// combo_action.cpp: picking a combo entry as a user does: open the combo, scroll its list to the
// entry, click it.
//
// A combo's list is the popup window "##Combo_00" (by depth, as BeginComboPopup() names it).
// Combo() draws its entries through a list clipper, so entries out of the list's view are not
// drawn at all and cannot be found by their rect: the list is scrolled from its top a page at a
// time until the entry is drawn (or the list ends), then the entry is scrolled fully into view
// and clicked.
#include "hooks/routes/item_actions.h"

namespace hooks {

namespace {

constexpr const char* kComboList = "##Combo_00";

// The entries drawn in the list in the last frame.
std::vector<const ItemRecord*> entries_named(const UiSnapshot& snap, const std::string& label) {
    std::vector<const ItemRecord*> out;
    for (const ItemRecord& item : snap.items)
        if (item.window == kComboList && item.label == label) out.push_back(&item);
    return out;
}

void append_labels(const UiSnapshot& snap, nlohmann::json& seen) {
    for (const ItemRecord& item : snap.items)
        if (item.window == kComboList && !item.label.empty() &&
            std::find(seen.begin(), seen.end(), item.label) == seen.end())
            seen.push_back(item.label);
}

}  // namespace

nlohmann::json combo_select(detail::Engine& engine, const Locator& locator,
                            const std::string& entry, std::chrono::milliseconds timeout) {
    const auto deadline = SteadyClock::now() + timeout;
    const auto lease = engine.lease_input(SteadyClock::now() + kActionBudget);
    const ItemRecord combo = wait_item(engine, locator, Need::actionable, deadline);
    try {
        if (!engine.ui()->find_window(kComboList)) click_item(engine, combo, {});
        PageScroll scroll = scroll_page(engine, kComboList, /*to_top=*/true, deadline);
        if (!scroll.shown)
            throw ApiError(ErrorCode::element_not_interactable,
                           "item with " + locator.describe() +
                               " opened no combo list when clicked (is it a combo?)",
                           {{"target", locator.to_json()}, {"item", to_json(combo)}});
        nlohmann::json seen = nlohmann::json::array();
        for (int page = 0; page < 1000; ++page) {
            engine.wait_for_frame(engine.ui()->frame + 2, deadline);  // the scroll applied
            auto snap = engine.ui();
            append_labels(*snap, seen);
            const auto found = entries_named(*snap, entry);
            if (found.size() > 1)
                throw ApiError(
                    ErrorCode::ambiguous_element,
                    "the combo lists \"" + entry + "\" " + std::to_string(found.size()) + " times",
                    {{"candidates", candidates_json(found)}});
            if (found.size() == 1) {
                const Locator at{Locator::Kind::imgui_id, "", "", found.front()->imgui_id};
                const ItemRecord item = wait_item(engine, at, Need::actionable, deadline);
                const ClickFrames frames = click_item(engine, item, {});
                return {{"imgui_id", format_imgui_id(combo.imgui_id)},
                        {"path", combo.path},
                        {"item", entry},
                        {"selected", true},
                        {"confirmed_frame", frames.confirmed_frame}};
            }
            if (scroll.at_end) break;
            scroll = scroll_page(engine, kComboList, /*to_top=*/false, deadline);
        }
        throw ApiError(ErrorCode::no_such_element,
                       "the combo " + combo.path + " has no entry \"" + entry + "\"",
                       {{"target", locator.to_json()}, {"item", entry}, {"entries", seen}});
    } catch (...) {
        close_popups(engine, SteadyClock::now() + kActionBudget);
        throw;
    }
}

}  // namespace hooks
