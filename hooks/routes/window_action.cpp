// window_action.cpp: what a user does to a window with the mouse: click its title bar to focus
// it, its arrow to collapse or expand it, its cross to close it, drag its title bar to move it
// and its bottom-right corner to resize it.
//
// The title bar's buttons are the window's own items "#COLLAPSE" and "#CLOSE" (their refs are
// "<window>/#COLLAPSE" and "<window>/#CLOSE"); the title bar and the corner have no item, so the
// points are worked out from the window's rect (the title bar is a line of text and two frame
// paddings tall).
#include "hooks/routes/item_actions.h"
#include "hooks/ui/item_ref.h"

namespace hooks {

namespace {

constexpr float kTitleGrip = 8;   // into the title bar from its top, and from its left
constexpr float kCornerGrip = 3;  // into the bottom-right corner

WindowRecord find_open_window(detail::Engine& engine, const std::string& name) {
    const auto snap = engine.ui();
    const WindowRecord* w = snap->find_window(name);
    if (!w)
        throw ApiError(
            ErrorCode::no_such_window,
            "no open window named '" + name + "' in frame " + std::to_string(snap->frame),
            {{"window", name}});
    return *w;
}

ItemRecord title_button(detail::Engine& engine, const std::string& window, const char* button,
                        const char* what) {
    Locator locator;
    locator.kind = Locator::Kind::ref;
    locator.text = escape_ref_segment(window) + "/" + button;
    locator.imgui_id = ref_id(split_ref(locator.text));
    try {
        return wait_item(engine, locator, Need::actionable,
                         SteadyClock::now() + std::chrono::seconds(2));
    } catch (const ApiError& e) {
        if (e.code() != ErrorCode::no_such_element) throw;
        throw ApiError(ErrorCode::invalid_element_state,
                       "window '" + window + "' has no " + what + " button in its title bar",
                       {{"window", window}});
    }
}

// The window's record once `done` holds for it (`done` gets nullptr once it is gone).
nlohmann::json window_after(detail::Engine& engine, const std::string& name,
                            const std::function<bool(const WindowRecord*)>& done) {
    const auto deadline = SteadyClock::now() + std::chrono::seconds(2);
    while (true) {
        auto snap = engine.ui();
        const WindowRecord* w = snap->find_window(name);
        if (done(w)) return w ? to_json(*w) : nlohmann::json{{"name", name}, {"open", false}};
        try {
            if (SteadyClock::now() >= deadline) throw ApiError(ErrorCode::timeout, "past");
            engine.wait_for_frame(snap->frame + 1, deadline);
        } catch (const ApiError& e) {
            if (e.code() != ErrorCode::timeout) throw;
            throw ApiError(ErrorCode::element_not_interactable,
                           "window '" + name +
                               "' did not change as asked (is its title bar or corner under "
                               "another window?)",
                           {{"window", w ? to_json(*w) : nlohmann::json(nullptr)}});
        }
    }
}

}  // namespace

nlohmann::json window_action(detail::Engine& engine, const std::string& action,
                             const std::string& name, const nlohmann::json& args) {
    const auto lease = engine.lease_input(SteadyClock::now() + kActionBudget);
    const WindowRecord w = find_open_window(engine, name);
    if (action == "focus") {  // its title bar may lie under another window: focused directly
        bring_to_front(engine, name, SteadyClock::now() + kActionBudget);
        return window_after(engine, name,
                            [](const WindowRecord* now) { return now && now->focused; });
    }
    if (action == "collapse" || action == "expand") {
        const bool collapse = action == "collapse";
        if (w.collapsed != collapse)
            click_item(engine, title_button(engine, name, "#COLLAPSE", "collapse"), {});
        return window_after(engine, name, [collapse](const WindowRecord* now) {
            return now && now->collapsed == collapse;
        });
    }
    if (action == "close") {
        click_item(engine, title_button(engine, name, "#CLOSE", "close"), {});
        return window_after(engine, name, [](const WindowRecord* now) { return !now; });
    }
    const float dx = args.at("x").get<float>(), dy = args.at("y").get<float>();
    if (action == "move") {
        const float x = w.rect.x + kTitleGrip * 4, y = w.rect.y + kTitleGrip;
        drag_between(engine, x, y, x + dx, y + dy);
        return window_after(engine, name, [&](const WindowRecord* now) {
            return now &&
                   (now->rect.x != w.rect.x || now->rect.y != w.rect.y || (dx == 0 && dy == 0));
        });
    }
    // resize: the bottom-right corner grip
    {
        const float x = w.rect.x + w.rect.w - kCornerGrip, y = w.rect.y + w.rect.h - kCornerGrip;
        drag_between(engine, x, y, x + dx, y + dy);
    }
    return window_after(engine, name, [&](const WindowRecord* now) {
        return now && (now->rect.w != w.rect.w || now->rect.h != w.rect.h || (dx == 0 && dy == 0));
    });
}

}  // namespace hooks
