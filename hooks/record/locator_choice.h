// locator_choice.h: the locator a recorded step names its item by.
//
// The most stable form that is unique in the frame the step was seen in, in this order:
//   1. {"id": ...}                  the part after "##" (an app's own, made to last)
//   2. {"ref": ...}                 the ID scopes ImGui hashes (item_ref.h)
//   3. {"label": ..., "window": ...}
//   4. {"path": ...}
//   5. {"imgui_id": ...}            the hash itself, when nothing else is unique
// When a better form exists but matches more than one item, `why` says so ("id \"x\" matches 3
// items"), and the step carries it.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hooks/ui/ui_snapshot.h"

namespace hooks {

struct LocatorChoice {
    nlohmann::json target;  // the locator, as a request's "target" takes it
    std::string why;        // "" when the first form that exists was unique
};

LocatorChoice choose_locator(const ItemRecord& item, const UiSnapshot& snapshot);

// The ref of an item ImGui gave no label (a combo: BeginCombo reports none), found from the
// texts drawn over it: a text whose hash, in the scope of a sibling's ref, gives the item's ID.
// "" when none does.
std::string ref_from_drawn_label(const ItemRecord& item, const UiSnapshot& snapshot,
                                 const std::vector<std::string>& drawn_texts);

}  // namespace hooks
