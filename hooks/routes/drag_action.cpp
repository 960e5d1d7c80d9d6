// drag_action.cpp: dragging with the mouse, and resting it on an item, as a user does.
//
// A drag is a press on the item, the mouse moved in steps over frames (so ImGui sees it cross its
// drag threshold and the target hovered, as with a hand on the mouse), a rest on the target for
// a drop to be accepted, and the release there. It serves drag-and-drop and dragging a slider's
// grab or a drag widget alike.
#include <cmath>

#include "hooks/routes/item_actions.h"

namespace hooks {

namespace {

constexpr int kMoveSteps = 8;   // frames from the press to the target
constexpr int kRestFrames = 2;  // frames on the target before the release

}  // namespace

std::uint64_t drag_between(detail::Engine& engine, float x0, float y0, float x1, float y1) {
    const auto deadline = SteadyClock::now() + kActionBudget;
    const auto lease = engine.lease_input(deadline);
    try {
        stage_input(
            engine, [x0, y0](InputInjector& in) { in.pin_mouse(x0, y0); }, deadline);
        stage_input(
            engine, [](InputInjector& in) { in.mouse_button(0, true); }, deadline);
        for (int i = 1; i <= kMoveSteps + kRestFrames; ++i) {
            const float t = std::min(1.0f, static_cast<float>(i) / kMoveSteps);
            const float x = x0 + (x1 - x0) * t, y = y0 + (y1 - y0) * t;
            stage_input(
                engine, [x, y](InputInjector& in) { in.pin_mouse(x, y); }, deadline);
        }
        stage_input(
            engine, [](InputInjector& in) { in.mouse_button(0, false); }, deadline);
        return stage_input(
            engine, [](InputInjector& in) { in.unpin_mouse(); }, deadline);
    } catch (...) {
        engine.post_to_gui([&engine](std::uint64_t) { engine.input().release_all(); });
        throw;
    }
}

nlohmann::json drag_item(detail::Engine& engine, const ItemRecord& item, float to_x, float to_y) {
    const float x0 = item.visible_rect.x + item.visible_rect.w * 0.5f;
    const float y0 = item.visible_rect.y + item.visible_rect.h * 0.5f;
    const std::uint64_t queued = engine.loop_status().frame_count();
    const std::uint64_t frame = drag_between(engine, x0, y0, to_x, to_y);
    return {{"imgui_id", format_imgui_id(item.imgui_id)},
            {"path", item.path},
            {"from", {{"x", x0}, {"y", y0}}},
            {"to", {{"x", to_x}, {"y", to_y}}},
            {"queued_frame", queued},
            {"confirmed_frame", frame}};
}

nlohmann::json hover_item(detail::Engine& engine, const ItemRecord& item,
                          std::chrono::milliseconds rest) {
    const auto deadline = SteadyClock::now() + kActionBudget + rest;
    const float x = item.visible_rect.x + item.visible_rect.w * 0.5f;
    const float y = item.visible_rect.y + item.visible_rect.h * 0.5f;
    const auto lease = engine.lease_input(deadline);
    const std::uint64_t frame = stage_input(
        engine, [x, y](InputInjector& in) { in.pin_mouse(x, y); }, deadline);
    engine.wait_for_frame(frame + 1, deadline);  // ImGui's hover state follows a frame later
    const auto until = SteadyClock::now() + rest;
    for (std::uint64_t f = frame + 2; SteadyClock::now() < until; ++f)
        engine.wait_for_frame(f, deadline);
    const auto snap = engine.ui();
    const ItemRecord* now = snap->find_item(item.imgui_id);
    return {{"imgui_id", format_imgui_id(item.imgui_id)},
            {"path", item.path},
            {"hovered", now && now->hovered},
            {"hovered_window", snap->hovered_window},
            {"frame", snap->frame}};
}

}  // namespace hooks
