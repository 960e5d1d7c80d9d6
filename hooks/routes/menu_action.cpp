// menu_action.cpp: menus driven as a user drives them, and popups closed as a user closes them.
//
// A menu bar's items live in BeginMenuBar()'s ID scope ("<window>/##MenuBar/<label>"; the main
// menu bar is the window "##MainMenuBar"). Each open menu level is a popup window that ImGui
// names by depth, "Tools###Menu_00", "Open Recent###Menu_01", ..., whose items' refs are
// "###Menu_00/<label>" ("###" restarts the hash). So the path "Tools/Style Editor" is: click
// "Tools" in the bar, then click "Style Editor" in "###Menu_00". A submenu on the way opens when
// the mouse rests on it (as a user's would: a click on a submenu that hovering already opened would
// close it again), or with a click if it did not.
#include "hooks/routes/item_actions.h"
#include "hooks/ui/item_ref.h"

namespace hooks {

namespace {

bool window_shown(const UiSnapshot& snap, const std::string& name) {
    for (const WindowRecord& w : snap.windows)
        if (w.visible && window_is(w.name, name)) return true;
    return false;
}

// Waits (a frame at a time) until `done` holds for the latest snapshot, or the deadline.
bool wait_until(detail::Engine& engine, const std::function<bool(const UiSnapshot&)>& done,
                SteadyClock::time_point deadline) {
    while (true) {
        auto snap = engine.ui();
        if (done(*snap)) return true;
        if (SteadyClock::now() >= deadline) return false;
        try {
            engine.wait_for_frame(snap->frame + 1, deadline);
        } catch (const ApiError& e) {
            if (e.code() != ErrorCode::timeout) throw;
        }
    }
}

// The labels a menu level offers, for the message when the path names none of them.
nlohmann::json labels_in(const UiSnapshot& snap, const std::string& window) {
    nlohmann::json out = nlohmann::json::array();
    for (const ItemRecord& item : snap.items)
        if (window_is(item.window, window) && !item.label.empty()) out.push_back(item.label);
    return out;
}

ItemRecord menu_entry(detail::Engine& engine, const std::string& scope, const std::string& label,
                      const std::string& where, SteadyClock::time_point deadline) {
    Locator locator;
    locator.kind = Locator::Kind::ref;
    locator.text = scope + "/" + escape_ref_segment(label);
    locator.imgui_id = ref_id(split_ref(locator.text));
    try {
        return wait_item(engine, locator, Need::actionable, deadline);
    } catch (const ApiError& e) {
        if (e.code() != ErrorCode::no_such_element) throw;
        const std::string window = scope.substr(0, scope.find("/##MenuBar"));
        throw ApiError(
            ErrorCode::no_such_element, where + " has no item \"" + label + "\"",
            {{"menu", where}, {"item", label}, {"items", labels_in(*engine.ui(), window)}});
    }
}

}  // namespace

std::string menu_popup(std::size_t depth) {
    return (depth < 10 ? "###Menu_0" : "###Menu_") + std::to_string(depth);
}

bool window_is(const std::string& window, const std::string& name) {
    if (window == name) return true;
    return name.rfind("###", 0) == 0 && window.size() > name.size() &&
           window.compare(window.size() - name.size(), name.size(), name) == 0;
}

std::vector<std::string> close_popups(detail::Engine& engine, SteadyClock::time_point deadline) {
    std::vector<std::string> open;
    for (const WindowRecord& w : engine.ui()->windows)
        if (w.popup && w.visible) open.insert(open.begin(), w.name);  // front to back
    // Escape closes the popup in front (ImGui's own "cancel"), one per press, as a user does.
    for (int press = 0; press < 16 && engine.ui()->open_popups > 0; ++press) {
        const int before = engine.ui()->open_popups;
        press_key(engine, ImGuiKey_Escape, deadline);
        engine.wait_for_frame(engine.ui()->frame + 1, deadline);
        if (engine.ui()->open_popups >= before) break;  // Escape does nothing here (no nav)
    }
    std::vector<std::string> closed;
    auto snap = engine.ui();
    for (const std::string& name : open)
        if (!window_shown(*snap, name)) closed.push_back(name);
    return closed;
}

nlohmann::json menu_click(detail::Engine& engine, const std::string& path,
                          const std::string& window, std::optional<bool> check,
                          std::chrono::milliseconds timeout) {
    const std::vector<std::string> levels = split_ref(path);
    const std::string bar = window.empty() ? "##MainMenuBar" : window;
    const auto deadline = SteadyClock::now() + timeout;
    const auto lease = engine.lease_input(SteadyClock::now() + kActionBudget);
    nlohmann::json reply = {{"path", path}, {"window", bar}};
    try {
        for (std::size_t depth = 0; depth < levels.size(); ++depth) {
            const bool last = depth + 1 == levels.size();
            const std::string scope =
                depth == 0 ? escape_ref_segment(bar) + "/##MenuBar" : menu_popup(depth - 1);
            const std::string where = depth == 0 ? "the menu bar of \"" + bar + "\""
                                                 : "the menu \"" + levels[depth - 1] + "\"";
            const ItemRecord item = menu_entry(engine, scope, levels[depth], where, deadline);
            if (!last) {
                if (!item.openable)
                    throw ApiError(ErrorCode::invalid_argument,
                                   "\"" + levels[depth] + "\" in " + where +
                                       " is an item, not a menu; the path goes on after it",
                                   {{"item", to_json(item)}});
                const std::string next = menu_popup(depth);
                if (!window_shown(*engine.ui(), next)) {
                    if (depth > 0) {  // a submenu opens when the mouse rests on it
                        const float x = item.visible_rect.x + item.visible_rect.w * 0.5f;
                        const float y = item.visible_rect.y + item.visible_rect.h * 0.5f;
                        stage_input(
                            engine, [x, y](InputInjector& in) { in.pin_mouse(x, y); }, deadline);
                    }
                    const auto hover_deadline = std::min(
                        deadline, SteadyClock::now() + std::chrono::milliseconds(depth ? 500 : 0));
                    if (!wait_until(
                            engine, [&](const UiSnapshot& s) { return window_shown(s, next); },
                            hover_deadline))
                        click_item(engine, item, {});
                    if (!wait_until(
                            engine, [&](const UiSnapshot& s) { return window_shown(s, next); },
                            deadline))
                        throw ApiError(ErrorCode::element_not_interactable,
                                       "the menu \"" + levels[depth] + "\" did not open",
                                       {{"item", to_json(item)}});
                }
                continue;
            }
            reply["label"] = item.label;
            reply["checkable"] = item.checkable;
            if (check && item.checkable && item.checked == *check) {  // already as asked
                close_popups(engine, SteadyClock::now() + kActionBudget);
                reply["clicked"] = false;
                reply["checked"] = item.checked;
                return reply;
            }
            const ClickFrames frames = click_item(engine, item, {});
            reply["clicked"] = true;
            reply["checked"] =
                item.checkable ? nlohmann::json(!item.checked) : nlohmann::json(nullptr);
            reply["confirmed_frame"] = frames.confirmed_frame;
        }
    } catch (...) {
        close_popups(engine, SteadyClock::now() + kActionBudget);  // leave no menu hanging open
        throw;
    }
    return reply;
}

}  // namespace hooks
