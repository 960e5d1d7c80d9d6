// click_action.cpp: where a click is executed. Actionability waits and injected mouse input.
#include <imgui.h>
#include <imgui_internal.h>

#include "hooks/routes/item_actions.h"

namespace hooks {

namespace {

bool same_window_tree(const std::string& hovered, const ItemRecord& item) {
    return hovered == item.window || hovered == item.root_window ||
           hovered.rfind(item.root_window + "/", 0) == 0;
}

}  // namespace

ItemRecord wait_item(detail::Engine& engine, const Locator& locator, Need need,
                     SteadyClock::time_point deadline) {
    std::string problem;
    const bool scroll = need == Need::in_view || need == Need::actionable;
    std::uint32_t scrolled = 0;  // the item last scrolled for (once: it may not fit its window)
    while (true) {
        engine.require_running();
        auto snap = engine.ui();
        auto found = find_items(locator, *snap);
        if (found.size() > 1) resolve_one(locator, *snap);  // throws `ambiguous element`
        if (found.size() == 1) {
            const ItemRecord& item = *found.front();
            if (need == Need::exists) return item;
            if (scroll && !fully_visible(item) && scrolled != item.imgui_id) {
                request_scroll_into_view(engine, item, deadline);
                scrolled = item.imgui_id;
                problem = "out of view (scrolling it into view did not show it)";
            } else if (!item.visible) {
                problem = scrolled == item.imgui_id
                              ? "not visible, even scrolled into view (is its window covered "
                                "or off the screen?)"
                              : "not visible";
            } else if (need == Need::visible) {
                return item;
            } else if (item.stable_frames < 2) {
                problem = "still moving (its rect changed in the last frame)";
            } else if (need == Need::actionable && !item.enabled) {
                problem = "disabled";
            } else {
                return item;
            }
        }
        if (SteadyClock::now() >= deadline) {
            if (found.empty()) resolve_one(locator, *snap);  // throws `no such element`
            throw ApiError(ErrorCode::element_not_interactable,
                           "item with " + locator.describe() + " is " + problem,
                           {{"target", locator.to_json()},
                            {"reason", problem},
                            {"item", to_json(*found.front())}});
        }
        try {
            engine.wait_for_frame(snap->frame + 1, deadline);
        } catch (const ApiError& e) {
            if (e.code() != ErrorCode::timeout) throw;  // the deadline: one last look above
        }
    }
}

ClickFrames click_item(detail::Engine& engine, const ItemRecord& item,
                       const ClickOptions& options) {
    const auto deadline = SteadyClock::now() + kActionBudget;
    const float x = item.visible_rect.x + (options.at_x >= 0 && options.at_x < item.visible_rect.w
                                               ? options.at_x
                                               : item.visible_rect.w * 0.5f);
    const float y = item.visible_rect.y + item.visible_rect.h * 0.5f;
    const int button = options.button;
    const ImGuiKeyChord mods = options.mods | (options.ctrl ? ImGuiMod_Ctrl : ImGuiMod_None);
    const auto lease = engine.lease_input(deadline);
    ClickFrames frames;
    frames.queued_frame = engine.loop_status().frame_count();

    auto step = [&](std::function<void(InputInjector&)> stage) {
        return stage_input(engine, std::move(stage), deadline);
    };
    try {
        step([x, y, mods](InputInjector& in) {
            in.pin_mouse(x, y);
            for (ImGuiKey mod : kModifierKeys)
                if (mods & mod) in.key(mod, true);
        });
        for (int attempt = 0;; ++attempt) {
            auto snap = engine.ui();
            const ItemRecord* now = snap->find_item(item.imgui_id);
            if (!now || !now->visible)
                throw ApiError(ErrorCode::stale_element_reference,
                               "item " + format_imgui_id(item.imgui_id) + " (" + item.path +
                                   ") disappeared before the click",
                               {{"item", to_json(item)}});
            if (same_window_tree(snap->hovered_window, item)) break;
            const WindowRecord* over = snap->find_window(snap->hovered_window);
            for (const WindowRecord& w : snap->windows)  // a modal blocks all behind it
                if (w.modal && w.visible && w.name != item.root_window) over = &w;
            if (attempt > 0 || (over && over->popup))
                throw ApiError(ErrorCode::element_click_intercepted,
                               "the click on " + item.path + " would land on " +
                                   (over && over->popup ? "the popup '" : "window '") +
                                   (over ? over->name : snap->hovered_window) + "' instead of '" +
                                   item.window + "'",
                               {{"item", to_json(item)},
                                {"hovered_window", over ? over->name : snap->hovered_window},
                                {"point", {{"x", x}, {"y", y}}}});
            bring_to_front(engine, item.root_window, deadline);
            step([](InputInjector&) {});  // one frame for the new order
        }
        // An open popup keeps the mouse from the items outside it (but for those of the windows
        // it was opened from): ImGui did not let the item be hovered, and the click would only
        // close the popup.
        if (const auto snap = engine.ui(); snap->open_popups > 0) {
            const ItemRecord* now = snap->find_item(item.imgui_id);
            const WindowRecord* popup = nullptr;
            for (const WindowRecord& w : snap->windows)  // back to front: the last is in front
                if (w.popup && w.visible) popup = &w;
            if (now && !now->hovered && popup)
                throw ApiError(ErrorCode::element_click_intercepted,
                               "the click on " + item.path + " would only close the popup '" +
                                   popup->name +
                                   "' (ImGui keeps the mouse from items outside "
                                   "an open popup); close it first (POST /api/popups/close)",
                               {{"item", to_json(item)},
                                {"popup", popup->name},
                                {"point", {{"x", x}, {"y", y}}}});
        }
        const int clicks = options.double_click ? 2 : 1;
        for (int i = 0; i < clicks; ++i) {
            const std::uint64_t pressed =
                step([button](InputInjector& in) { in.mouse_button(button, true); });
            // Held: frames go on (ImGui counts the hold in frames and time) until it is long
            // enough.
            const auto until = SteadyClock::now() + options.hold;
            for (std::uint64_t f = pressed + 1; SteadyClock::now() < until; ++f)
                engine.wait_for_frame(f, deadline);
            frames.applied_frame =
                step([button](InputInjector& in) { in.mouse_button(button, false); });
        }
        // The frame after the release: the app has seen the click and drawn its result.
        frames.confirmed_frame = step([mods](InputInjector& in) {
            for (ImGuiKey mod : kModifierKeys)
                if (mods & mod) in.key(mod, false);
            in.unpin_mouse();
        });
    } catch (...) {
        engine.post_to_gui([&engine](std::uint64_t) { engine.input().release_all(); });
        throw;
    }
    return frames;
}

// Focuses a top-level window, which brings it in front of the others, as a click on it would.
void bring_to_front(detail::Engine& engine, const std::string& window,
                    SteadyClock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
    engine.run_on_gui(
        [window](std::uint64_t) {
            if (ImGuiWindow* w = ImGui::FindWindowByName(window.c_str())) ImGui::FocusWindow(w);
            return nlohmann::json();
        },
        std::max(left, std::chrono::milliseconds(1)), GuiStage::in_frame);
}

nlohmann::json click_reply(const ItemRecord& item, const ClickFrames& frames) {
    return {{"id", item.id.empty() ? nlohmann::json(nullptr) : nlohmann::json(item.id)},
            {"imgui_id", format_imgui_id(item.imgui_id)},
            {"path", item.path},
            {"clicked", true},
            {"queued_frame", frames.queued_frame},
            {"applied_frame", frames.applied_frame},
            {"confirmed_frame", frames.confirmed_frame}};
}

}  // namespace hooks
