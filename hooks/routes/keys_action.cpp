// keys_action.cpp: key chords and text, typed as a user types them, to what has keyboard focus.
#include "hooks/routes/item_actions.h"

namespace hooks {

nlohmann::json press_keys(detail::Engine& engine, const std::vector<KeyChord>& chords,
                          const std::string& text, const std::optional<Locator>& target,
                          std::chrono::milliseconds timeout) {
    const auto lease = engine.lease_input(SteadyClock::now() + kActionBudget);
    nlohmann::json reply = {{"keys", nlohmann::json::array()}};
    if (target) {  // a click gives it keyboard focus, as a user's would
        const ItemRecord item =
            wait_item(engine, *target, Need::actionable, SteadyClock::now() + timeout);
        click_item(engine, item, {});
        reply["target"] = item.path;
    }
    const auto deadline = SteadyClock::now() + kActionBudget;
    std::uint64_t frame = engine.ui()->frame;
    for (const KeyChord& chord : chords) {
        // Modifiers down, the key down and up, modifiers up: ImGui's queue keeps that order and
        // spreads it over frames, so the app sees the chord as a user's.
        frame = stage_and_settle(
            engine,
            [chord](InputInjector& in) {
                for (ImGuiKey mod : kModifierKeys)
                    if (chord.mods & mod) in.key(mod, true);
                in.key(chord.key, true);
                in.key(chord.key, false);
                for (ImGuiKey mod : kModifierKeys)
                    if (chord.mods & mod) in.key(mod, false);
            },
            deadline);
        reply["keys"].push_back(chord.name());
    }
    if (!text.empty())
        frame = stage_and_settle(
            engine, [text](InputInjector& in) { in.text(text); }, deadline);
    engine.wait_for_frame(frame + 1, deadline);  // the app has drawn what the keys did
    reply["text"] = text;
    reply["confirmed_frame"] = frame + 1;
    return reply;
}

}  // namespace hooks
