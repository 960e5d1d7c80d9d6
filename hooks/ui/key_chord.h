// key_chord.h: "Ctrl+Shift+Z", "Backspace", "Up", "F5": key chords as a test author writes them.
//
// A chord is modifiers and one key, '+'-separated, case-insensitive. Key names are Dear ImGui's
// own (ImGui::GetKeyName: "A", "0", "F5", "Enter", "Backspace", "Tab", "LeftArrow", "PageDown",
// "KeypadAdd", "Space", ...) plus the usual aliases: "Up"/"Down"/"Left"/"Right", "Esc", "Return",
// "Del", "Ins", "PgUp"/"PgDn", "Plus" (the "=" key, "+" with Shift), "Minus". Modifiers: "Ctrl"
// ("Control"), "Shift", "Alt" ("Option"), "Super" ("Cmd", "Meta", "Win"). A chord of modifiers
// alone
// ("Ctrl") presses the modifier's own key.
#pragma once

#include <string>
#include <string_view>

#include "imgui.h"

namespace hooks {

struct KeyChord {
    ImGuiKeyChord mods = ImGuiMod_None;  // ImGuiMod_Ctrl | ImGuiMod_Shift ...
    ImGuiKey key = ImGuiKey_None;
    std::string name() const;  // canonical: "Ctrl+Shift+Z"
};

inline constexpr std::size_t kMaxKeyChordText = 64;

// Throws ApiError(invalid_argument) naming the part it does not know; pure (it is fuzzed).
KeyChord parse_key_chord(std::string_view text);

// The Ctrl, Shift, Alt and Super keys (left or right), and the modifier each one is.
bool is_modifier_key(ImGuiKey key);
ImGuiKeyChord modifier_of(ImGuiKey key);  // ImGuiMod_None for any other key

}  // namespace hooks
