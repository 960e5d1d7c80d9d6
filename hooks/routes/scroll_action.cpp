// scroll_action.cpp: bringing an item into view, as a user scrolls to it.
//
// ImGui scrolls a window to a rect itself (ScrollToRectEx): the window's scroll target is set,
// and with it every scrolling parent's, and the new scroll applies in the next frame. The item's
// rect is the one of the last frame, in the same coordinates ImGui uses, so the request runs on
// the GUI thread right after NewFrame(), before any window is drawn again.
#include <imgui.h>
#include <imgui_internal.h>

#include "hooks/routes/item_actions.h"

namespace hooks {

bool fully_visible(const ItemRecord& item) {
    constexpr float kSlack = 0.5f;
    return item.visible && item.visible_rect.w >= item.rect.w - kSlack &&
           item.visible_rect.h >= item.rect.h - kSlack;
}

void request_scroll_into_view(detail::Engine& engine, const ItemRecord& item,
                              SteadyClock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
    engine.run_on_gui(
        [window = item.window, rect = item.rect, path = item.path](std::uint64_t) {
            ImGuiWindow* w = ImGui::FindWindowByName(window.c_str());
            if (!w || !w->WasActive)
                throw ApiError(ErrorCode::stale_element_reference,
                               "the window of " + path + " ('" + window + "') is gone",
                               {{"window", window}});
            const ImRect bb(rect.x, rect.y, rect.x + rect.w, rect.y + rect.h);
            ImGui::ScrollToRectEx(
                w, bb, ImGuiScrollFlags_KeepVisibleEdgeX | ImGuiScrollFlags_KeepVisibleCenterY);
            return nlohmann::json();
        },
        std::max(left, std::chrono::milliseconds(1)), GuiStage::in_frame);
}

PageScroll scroll_page(detail::Engine& engine, const std::string& window, bool to_top,
                       SteadyClock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
    const nlohmann::json out = engine.run_on_gui(
        [window, to_top](std::uint64_t) -> nlohmann::json {
            ImGuiWindow* w = ImGui::FindWindowByName(window.c_str());
            if (!w || !w->WasActive) return {{"shown", false}, {"at_end", true}};
            if (to_top) {
                ImGui::SetScrollY(w, 0.0f);
                return {{"shown", true}, {"at_end", w->ScrollMax.y <= 0.0f}};
            }
            if (w->Scroll.y >= w->ScrollMax.y) return {{"shown", true}, {"at_end", true}};
            ImGui::SetScrollY(w, w->Scroll.y + w->InnerRect.GetHeight() * 0.75f);
            return {{"shown", true}, {"at_end", false}};
        },
        std::max(left, std::chrono::milliseconds(1)), GuiStage::in_frame);
    return {out["shown"].get<bool>(), out["at_end"].get<bool>()};
}

}  // namespace hooks
