// wait_condition.h: the conditions POST /api/wait can wait for, parsed strictly (pure, tested).
//
//   {"type": "item_exists" | "item_gone" | "item_visible", "target": LOCATOR}
//   {"type": "value_equals", "target": LOCATOR, "value": JSON}
//   {"type": "window_open" | "window_closed", "window": NAME}
//   {"type": "frames", "count": N}                 N more frames rendered (1..10000)
//   {"type": "health", "status": "pass"|"warn"}    default "pass"
//   {"type": "state_equals", "pointer": "/project/name", "value": JSON}   (app state provider)
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "hooks/ui/locator.h"

namespace hooks {

struct WaitCondition {
    enum class Type {
        item_exists,
        item_gone,
        item_visible,
        value_equals,
        window_open,
        window_closed,
        frames,
        health,
        state_equals
    };
    Type type = Type::frames;
    std::optional<Locator> target;  // item_* and value_equals
    std::string window;             // window_*
    std::uint64_t count = 0;        // frames
    std::string status = "pass";    // health
    std::string pointer;            // state_equals, a JSON pointer ("" = the whole state)
    nlohmann::json value;           // value_equals, state_equals
    nlohmann::json source;          // the condition as given, echoed in replies
};

WaitCondition parse_wait_condition(const nlohmann::json& condition);  // ApiError on bad input
const char* type_name(WaitCondition::Type type);

}  // namespace hooks
