// open_all_action.cpp: every openable item of a window opened (or closed), as a user would, one
// real click at a time, until none is left; and every toggle of a menu set.
//
// Opening a node draws new items, some of them openable too, so the window is looked at again
// after each click. Items that were never visible have told ImGui's hooks nothing yet (no label,
// no flags), so when no known item is left the window is scrolled a page further, until its end.
#include <set>

#include "hooks/routes/item_actions.h"
#include "hooks/ui/item_ref.h"

namespace hooks {

namespace {

constexpr int kMaxOpens = 2000;  // a bound on one call's clicks, whatever the UI does

bool in_window(const ItemRecord& item, const std::string& window) {
    return item.window == window || item.root_window == window;
}

// Menus open on a click and close on the next: they are not nodes to leave open.
bool is_menu(const ItemRecord& item) {
    return item.menu || item.window.find("###Menu_") != std::string::npos;  // a menu's items
}

// How many ID scopes below `under` the item's ref lies: 1 for `under` itself and its direct
// items, 0 when not under it. Without `under`, the depth below the window (unknown refs: 1).
int depth_below(const ItemRecord& item, const std::string& under) {
    if (under.empty())
        return item.ref.empty() ? 1 : static_cast<int>(split_ref(item.ref).size()) - 1;
    if (item.ref == under) return 1;
    if (item.ref.size() <= under.size() + 1 || item.ref.compare(0, under.size(), under) != 0 ||
        item.ref[under.size()] != '/')
        return 0;
    return static_cast<int>(split_ref(item.ref).size() - split_ref(under).size()) + 1;
}

}  // namespace

nlohmann::json open_all(detail::Engine& engine, const std::string& window, const std::string& under,
                        bool open, int max_depth, std::chrono::milliseconds timeout) {
    const auto deadline = SteadyClock::now() + timeout;
    const auto lease = engine.lease_input(SteadyClock::now() + kActionBudget);
    if (!engine.ui()->find_window(window))
        throw ApiError(ErrorCode::no_such_window, "no open window named '" + window + "'",
                       {{"window", window}});
    std::set<std::uint32_t> tried;
    nlohmann::json changed = nlohmann::json::array();
    for (int clicks = 0; clicks < kMaxOpens;) {
        if (SteadyClock::now() >= deadline)
            throw ApiError(ErrorCode::timeout,
                           "open_all: " + std::to_string(changed.size()) + " item(s) " +
                               (open ? "opened" : "closed") + " before the deadline; more are left",
                           {{"changed", changed.size()}});
        const auto snap = engine.ui();
        const ItemRecord* next = nullptr;
        for (const ItemRecord& item : snap->items) {
            if (!in_window(item, window) || !item.openable || item.opened == open ||
                is_menu(item) || tried.count(item.imgui_id))
                continue;
            const int depth = depth_below(item, under);
            if (depth == 0 || (max_depth > 0 && depth > max_depth)) continue;
            next = &item;
            break;
        }
        if (!next) {
            if (!open || scroll_page(engine, window, /*to_top=*/false, deadline).at_end) break;
            engine.wait_for_frame(snap->frame + 2, deadline);
            continue;
        }
        const ItemRecord item = *next;
        tried.insert(item.imgui_id);
        ++clicks;
        try {
            const nlohmann::json reply =
                open_item(engine, Locator{Locator::Kind::imgui_id, "", "", item.imgui_id}, open,
                          std::chrono::milliseconds(2000));
            if (reply.value("changed", false))
                changed.push_back(item.ref.empty() ? nlohmann::json(item.path)
                                                   : nlohmann::json(item.ref));
        } catch (const ApiError& e) {
            // A node that went away or would not toggle is left as it is; the rest go on.
            if (e.code() != ErrorCode::stale_element_reference &&
                e.code() != ErrorCode::element_not_interactable &&
                e.code() != ErrorCode::no_such_element)
                throw;
        }
    }
    return {{"window", window}, {open ? "opened" : "closed", changed.size()}, {"items", changed}};
}

nlohmann::json check_all(detail::Engine& engine, const std::string& path, const std::string& window,
                         bool check, std::chrono::milliseconds timeout) {
    const auto lease = engine.lease_input(SteadyClock::now() + kActionBudget);
    const std::size_t depth = split_ref(path).size();
    menu_click(engine, path, window, std::nullopt, timeout);  // the last level: left open
    const std::string menu = menu_popup(depth - 1);
    std::vector<std::string> toggles;
    for (const ItemRecord& item : engine.ui()->items)
        if (item.checkable && window_is(item.window, menu) && item.checked != check)
            toggles.push_back(item.raw_label);
    close_popups(engine, SteadyClock::now() + kActionBudget);
    nlohmann::json changed = nlohmann::json::array();
    for (const std::string& label : toggles) {
        const nlohmann::json reply =
            menu_click(engine, path + "/" + escape_ref_segment(label), window, check, timeout);
        if (reply.value("clicked", false)) changed.push_back(label);
    }
    return {{"path", path}, {"checked", check}, {"changed", changed}};
}

}  // namespace hooks
