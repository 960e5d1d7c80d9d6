// open_action.cpp: opening and closing tree nodes, collapsing headers and menus by real clicks.
#include "hooks/routes/item_actions.h"

namespace hooks {

nlohmann::json open_item(detail::Engine& engine, const Locator& locator, bool open,
                         std::chrono::milliseconds timeout) {
    const ItemRecord item =
        wait_item(engine, locator, Need::actionable, SteadyClock::now() + timeout);
    if (!item.openable)
        throw ApiError(ErrorCode::invalid_argument,
                       "item with " + locator.describe() +
                           " is not openable (a tree node, collapsing header or menu is)",
                       {{"target", locator.to_json()}, {"item", to_json(item)}});
    nlohmann::json reply = {
        {"id", item.id.empty() ? nlohmann::json(nullptr) : nlohmann::json(item.id)},
        {"imgui_id", format_imgui_id(item.imgui_id)},
        {"path", item.path},
        {"opened", item.opened},
        {"changed", false}};
    if (item.opened == open) return reply;

    // The arrow first: it toggles every kind of tree node, OpenOnArrow ones included, and sits
    // within the first row-height of the item. A menu opens from anywhere on its label, so the
    // centre is the second try.
    ClickOptions options;
    for (const float at_x : {item.rect.h * 0.5f, -1.0f}) {
        options.at_x = at_x;
        const ClickFrames frames = click_item(engine, item, options);
        const auto snap = engine.ui();
        const ItemRecord* now = snap->find_item(item.imgui_id);
        if (!now)
            throw ApiError(ErrorCode::stale_element_reference,
                           "item " + item.path + " disappeared when it was clicked",
                           {{"item", to_json(item)}});
        if (now->opened == open) {
            reply["opened"] = now->opened;
            reply["changed"] = true;
            reply["confirmed_frame"] = frames.confirmed_frame;
            return reply;
        }
    }
    throw ApiError(ErrorCode::element_not_interactable,
                   "item " + item.path + " did not " + (open ? "open" : "close") +
                       " when clicked on its arrow and on its label",
                   {{"target", locator.to_json()}, {"item", to_json(item)}});
}

}  // namespace hooks
