// route_args.h: reading a route's arguments, with `invalid argument` errors a caller can act on.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "hooks/http/http_types.h"

namespace hooks {

inline constexpr long kMaxTimeoutMs = 120'000;

// The body as a JSON object ("" is {}); anything else is `invalid argument`.
nlohmann::json json_body(const HttpRequest& request);
// body[name] as milliseconds in [0, max_ms], or `fallback` when absent.
std::chrono::milliseconds timeout_arg(const nlohmann::json& body, const char* name,
                                      std::chrono::milliseconds fallback,
                                      long max_ms = kMaxTimeoutMs);
// body[name] as a string; absent or null is "" unless `required` (then `invalid argument`).
std::string string_arg(const nlohmann::json& body, const char* name, bool required = false);
// body[name] as true or false; absent or null is std::nullopt, anything else `invalid argument`.
std::optional<bool> bool_arg(const nlohmann::json& body, const char* name);
// Rejects fields the route does not know (a typo must not be silently ignored).
void only_fields(const nlohmann::json& body, std::initializer_list<const char*> known);

}  // namespace hooks
