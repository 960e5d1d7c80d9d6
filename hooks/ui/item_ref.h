// item_ref.h: refs, the names Dear ImGui itself gives items: "Dear ImGui Demo/Basic/Button".
//
// A ref is a window name, then the labels of the ID scopes down to the item, '/'-separated, the
// way imgui_test_engine writes them. Its ID is computed as ImGui computes IDs: the window's ID
// is ImHashStr(window name), and each segment is hashed on the one before it (PushID / GetID).
// ImHashStr's own rules hold inside a segment ("###" restarts the hash from the seed, so
// "Title###win" hashes as "###win" does). "\/" is a '/' inside a segment, "\\" a backslash.
// So a ref finds an item whatever its label shows, nameless ones included (combos, tab bars,
// color buttons), as long as the item was drawn in the last frame.
//
// Which scopes push an ID: a window, PushID(), TreeNode() while open, BeginTabBar(), BeginMenu(),
// BeginCombo()'s popup, BeginChild(); CollapsingHeader() pushes none.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hooks {

// "A/B\/C/D" -> {"A", "B/C", "D"}. Throws ApiError(invalid_selector) for an empty segment, a
// trailing lone '\', or an escape other than "\/" and "\\".
std::vector<std::string> split_ref(std::string_view ref);
// The ImGui ID of the first `count` segments (all of them by default).
std::uint32_t ref_id(const std::vector<std::string>& segments, std::size_t count = SIZE_MAX);
std::string escape_ref_segment(std::string_view text);  // '/' -> "\/", '\' -> "\\"

}  // namespace hooks
