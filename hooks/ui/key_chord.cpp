// key_chord.cpp: key names to ImGuiKey, from Dear ImGui's own name table.
#include "hooks/ui/key_chord.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

#include "hooks/http/api_error.h"

namespace hooks {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Lower-case name -> key: every named key by ImGui's own name, then the aliases.
const std::map<std::string, ImGuiKey>& key_names() {
    static const std::map<std::string, ImGuiKey> names = [] {
        std::map<std::string, ImGuiKey> out;
        for (int k = ImGuiKey_NamedKey_BEGIN; k < ImGuiKey_NamedKey_END; ++k) {
            const ImGuiKey key = static_cast<ImGuiKey>(k);
            if (key >= ImGuiKey_GamepadStart && key <= ImGuiKey_GamepadRStickDown) continue;
            if (key >= ImGuiKey_MouseLeft && key <= ImGuiKey_MouseWheelY) continue;
            out.emplace(lower(ImGui::GetKeyName(key)), key);
        }
        const std::pair<const char*, ImGuiKey> aliases[] = {
            {"up", ImGuiKey_UpArrow},     {"down", ImGuiKey_DownArrow},
            {"left", ImGuiKey_LeftArrow}, {"right", ImGuiKey_RightArrow},
            {"esc", ImGuiKey_Escape},     {"return", ImGuiKey_Enter},
            {"del", ImGuiKey_Delete},     {"ins", ImGuiKey_Insert},
            {"pgup", ImGuiKey_PageUp},    {"pgdn", ImGuiKey_PageDown},
            {"plus", ImGuiKey_Equal},     {"minus", ImGuiKey_Minus},
            {"ctrl", ImGuiKey_LeftCtrl},  {"shift", ImGuiKey_LeftShift},
            {"alt", ImGuiKey_LeftAlt},    {"super", ImGuiKey_LeftSuper},
        };
        for (const auto& [name, key] : aliases) out.emplace(name, key);
        return out;
    }();
    return names;
}

ImGuiKeyChord modifier(const std::string& name) {
    if (name == "ctrl" || name == "control") return ImGuiMod_Ctrl;
    if (name == "shift") return ImGuiMod_Shift;
    if (name == "alt" || name == "option") return ImGuiMod_Alt;
    if (name == "super" || name == "cmd" || name == "meta" || name == "win") return ImGuiMod_Super;
    return ImGuiMod_None;
}

[[noreturn]] void bad(const std::string& why) {
    throw ApiError(ErrorCode::invalid_argument,
                   "invalid key chord: " + why +
                       " (e.g. \"Ctrl+A\", \"Shift+Tab\", \"Backspace\", \"Up\", \"F5\")");
}

}  // namespace

KeyChord parse_key_chord(std::string_view text) {
    if (text.empty()) bad("it is empty");
    if (text.size() > kMaxKeyChordText) bad("it is longer than 64 bytes");
    std::vector<std::string> parts;
    for (std::size_t start = 0;;) {
        const std::size_t plus = text.find('+', start);
        parts.push_back(lower(text.substr(start, plus == text.npos ? text.npos : plus - start)));
        if (plus == text.npos) break;
        start = plus + 1;
    }
    KeyChord chord;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::string& part = parts[i];
        if (part.empty()) bad("\"" + std::string(text) + "\" has an empty part");
        const bool last = i + 1 == parts.size();
        if (const ImGuiKeyChord mod = modifier(part); mod != ImGuiMod_None && !last) {
            if (chord.mods & mod) bad("\"" + part + "\" twice");
            chord.mods |= mod;
            continue;
        }
        if (!last) bad("\"" + part + "\" is not a modifier (Ctrl, Shift, Alt, Super)");
        const auto& names = key_names();
        const auto it = names.find(part);
        if (it == names.end()) bad("unknown key \"" + part + "\"");
        chord.key = it->second;
    }
    return chord;
}

ImGuiKeyChord modifier_of(ImGuiKey key) {
    switch (key) {
        case ImGuiKey_LeftCtrl:
        case ImGuiKey_RightCtrl:
            return ImGuiMod_Ctrl;
        case ImGuiKey_LeftShift:
        case ImGuiKey_RightShift:
            return ImGuiMod_Shift;
        case ImGuiKey_LeftAlt:
        case ImGuiKey_RightAlt:
            return ImGuiMod_Alt;
        case ImGuiKey_LeftSuper:
        case ImGuiKey_RightSuper:
            return ImGuiMod_Super;
        default:
            return ImGuiMod_None;
    }
}

bool is_modifier_key(ImGuiKey key) { return modifier_of(key) != ImGuiMod_None; }

std::string KeyChord::name() const {
    std::string out;
    if (mods & ImGuiMod_Ctrl) out += "Ctrl+";
    if (mods & ImGuiMod_Shift) out += "Shift+";
    if (mods & ImGuiMod_Alt) out += "Alt+";
    if (mods & ImGuiMod_Super) out += "Super+";
    return out + ImGui::GetKeyName(key);
}

}  // namespace hooks
