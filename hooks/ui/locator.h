// locator.h: how a request names one item (the `target` field), and strict matching.
//
// A locator is exactly one of:
//   {"id": "btn_save"}                      the part after "##" in the label (or a bound id)
//   {"label": "Save", "window": "Project"}  the shown text; "window" is optional
//   {"path": "Project/**/Save"}             window/…/label, "**" = any number of segments,
//                                           "*" = any text inside one segment
//   {"imgui_id": "0x1A2B3C4D"}              ImGui's hashed ID (hex string or integer)
//   {"ref": "Dear ImGui Demo/Basic/Button"} the ID ImGui computes for that path (item_ref.h)
// Matching is strict: zero matches is `no such element`, more than one is `ambiguous element`
// with the candidates in `data`. parse_locator() is pure and total: any JSON gives a Locator or
// an ApiError `invalid selector`, never anything else (it is fuzzed).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "hooks/http/http_types.h"
#include "hooks/ui/ui_snapshot.h"

namespace hooks {

struct Locator {
    enum class Kind { id, label, path, imgui_id, ref };
    Kind kind = Kind::id;
    std::string text;            // id, label, path or ref
    std::string window;          // label locators only, may be empty
    std::uint32_t imgui_id = 0;  // imgui_id, or the ref's hash

    std::string describe() const;  // for messages: `id "btn_save"`
    nlohmann::json to_json() const;
};

inline constexpr std::size_t kMaxLocatorText = 1024;

Locator parse_locator(const nlohmann::json& target);  // throws ApiError(invalid_selector)
// The same forms as query parameters: ?id=, ?label=[&window=], ?path=, ?imgui_id=, ?ref=.
Locator locator_from_query(const HttpRequest& request);

// Glob match of a '/'-separated path ("**" segments, "*" inside a segment). Linear-time DP.
bool path_matches(std::string_view pattern, std::string_view path);

bool item_matches(const Locator& locator, const ItemRecord& item);
std::vector<const ItemRecord*> find_items(const Locator& locator, const UiSnapshot& snapshot);

// Exactly one match or ApiError: no_such_element (404) / ambiguous_element (400, data.candidates).
// A ref that matches nothing names, in the message and data.nearest, the nearest ancestor that
// was drawn (a closed tree node, say), when there is one.
const ItemRecord& resolve_one(const Locator& locator, const UiSnapshot& snapshot);
nlohmann::json candidates_json(const std::vector<const ItemRecord*>& items);  // at most 20

}  // namespace hooks
