// replay_call.cpp: a step -> the request that does it.
#include "hooks/record/replay_call.h"

#include <cmath>

#include "hooks/http/api_error.h"

namespace hooks {

namespace {

const nlohmann::json& field(const nlohmann::json& step, const char* name, const char* action) {
    auto it = step.find(name);
    if (it == step.end())
        throw ApiError(ErrorCode::invalid_argument,
                       std::string("a '") + action + "' step needs '" + name + "'");
    return *it;
}

const nlohmann::json& string_field(const nlohmann::json& step, const char* name,
                                   const char* action) {
    const nlohmann::json& v = field(step, name, action);
    if (!v.is_string())
        throw ApiError(ErrorCode::invalid_argument,
                       std::string("a '") + action + "' step's '" + name + "' is a string");
    return v;
}

}  // namespace

ReplayCall replay_call(const nlohmann::json& step) {
    if (!step.is_object() || !step.contains("action") || !step["action"].is_string())
        throw ApiError(ErrorCode::invalid_argument,
                       "a step is an object with an 'action', e.g. {\"action\": \"click\", "
                       "\"target\": {\"id\": \"btn_save\"}}");
    const std::string action = step["action"].get<std::string>();
    const char* a = action.c_str();
    ReplayCall call{"POST", "", nlohmann::json::object(), nullptr};
    if (action == "click") {
        call.path = "/api/items/click";
        call.body = {{"target", field(step, "target", a)}};
    } else if (action == "set_value") {
        call.path = "/api/items/value";
        call.body = {{"target", field(step, "target", a)}, {"value", field(step, "value", a)}};
    } else if (action == "open") {
        call.path = "/api/items/open";
        call.body = {{"target", field(step, "target", a)}, {"open", field(step, "open", a)}};
    } else if (action == "menu") {
        call.path = "/api/menu/click";
        call.body = {{"path", string_field(step, "path", a)}};
        if (step.contains("window")) call.body["window"] = string_field(step, "window", a);
    } else if (action == "combo") {
        call.path = "/api/combo/select";
        call.body = {{"target", field(step, "target", a)}, {"item", string_field(step, "item", a)}};
    } else if (action == "keys") {
        call.path = "/api/keys";
        call.body = {{"keys", field(step, "keys", a)}};
    } else if (action == "close_popups") {
        call.path = "/api/popups/close";
    } else if (action == "window") {
        const std::string what = string_field(step, "do", a).get<std::string>();
        if (what != "close" && what != "collapse" && what != "expand" && what != "focus")
            throw ApiError(ErrorCode::invalid_argument,
                           "a 'window' step's 'do' is \"close\", \"collapse\", \"expand\" or "
                           "\"focus\", not \"" +
                               what + "\"");
        call.path = "/api/windows/" + what;
        call.body = {{"window", string_field(step, "window", a)}};
    } else if (action == "wait") {
        call.path = "/api/wait";
        call.body = {{"condition", field(step, "condition", a)}};
    } else if (action == "expect") {
        const nlohmann::json& target = field(step, "target", a);
        if (!target.is_object())
            throw ApiError(ErrorCode::invalid_argument, "an 'expect' step's 'target' is a locator");
        call.method = "GET";
        call.path = "/api/items/value";
        call.body = target;
        call.expected = field(step, "value", a);
    } else {
        throw ApiError(ErrorCode::invalid_argument,
                       "unknown action '" + action +
                           "' (click, set_value, open, menu, combo, keys, close_popups, window, "
                           "wait, expect)");
    }
    return call;
}

bool same_value(const nlohmann::json& got, const nlohmann::json& expected) {
    if (got.is_number() && expected.is_number() && !got.is_boolean())
        return std::abs(got.get<double>() - expected.get<double>()) <= 1e-3;
    return got == expected;
}

}  // namespace hooks
