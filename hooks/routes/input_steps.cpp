// input_steps.cpp: the steps every input action is made of (stage events, wait for the frame).
#include "hooks/routes/item_actions.h"

namespace hooks {

std::uint64_t stage_input(detail::Engine& engine, std::function<void(InputInjector&)> stage,
                          SteadyClock::time_point deadline) {
    const auto frame = engine
                           .run_on_gui(
                               [&engine, stage = std::move(stage)](std::uint64_t f) {
                                   stage(engine.input());
                                   return nlohmann::json(f);
                               },
                               std::chrono::duration_cast<std::chrono::milliseconds>(kActionBudget))
                           .get<std::uint64_t>();
    engine.wait_for_frame(frame, deadline);
    return frame;
}

std::uint64_t stage_and_settle(detail::Engine& engine, std::function<void(InputInjector&)> stage,
                               SteadyClock::time_point deadline) {
    std::uint64_t frame = stage_input(engine, std::move(stage), deadline);
    while (!engine.ui()->input_queue_empty) engine.wait_for_frame(++frame, deadline);
    return frame;
}

std::uint64_t press_key(detail::Engine& engine, ImGuiKey key, SteadyClock::time_point deadline) {
    return stage_and_settle(
        engine,
        [key](InputInjector& in) {
            in.key(key, true);
            in.key(key, false);
        },
        deadline);
}

}  // namespace hooks
