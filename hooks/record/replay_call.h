// replay_call.h: one recorded step as the hook API request that does it, for POST /api/replay.
//
//   {"action": "click", "target": T}                  POST /api/items/click {target}
//   {"action": "set_value", "target": T, "value": V}  POST /api/items/value {target, value}
//   {"action": "open", "target": T, "open": B}        POST /api/items/open {target, open}
//   {"action": "menu", "path": P, "window"?: W}       POST /api/menu/click {path, window}
//   {"action": "combo", "target": T, "item": E}       POST /api/combo/select {target, item}
//   {"action": "keys", "keys": [...]}                 POST /api/keys {keys}
//   {"action": "close_popups"}                        POST /api/popups/close {}
//   {"action": "window", "window": W, "do": A}        POST /api/windows/<A> {window}
//   {"action": "wait", "condition": C}                POST /api/wait {condition}
//   {"action": "expect", "target": T, "value": V}     GET /api/items/value?<T>, then compared
// "why" and "frame" (what the recorder noted) are ignored. The request's own checks do the rest
// (a bad locator is that route's `invalid selector`), so a step is exactly an API call.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace hooks {

struct ReplayCall {
    std::string method;  // "POST", or "GET" for expect
    std::string path;
    nlohmann::json body = nlohmann::json::object();  // POST body; for GET, the query fields
    nlohmann::json expected;                         // expect: the value to compare with
};

// Throws ApiError(invalid_argument) for a step that is not an object, an unknown action, or a
// missing or mistyped field.
ReplayCall replay_call(const nlohmann::json& step);

// The reply's value equals `expected` (numbers within 1e-3, as the generated tests compare).
bool same_value(const nlohmann::json& got, const nlohmann::json& expected);

}  // namespace hooks
