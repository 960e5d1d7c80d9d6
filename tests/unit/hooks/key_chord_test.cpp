// key_chord_test.cpp: key chords as test authors write them, to ImGui's keys and modifiers.
#include <gtest/gtest.h>

#include "hooks/http/api_error.h"
#include "hooks/ui/key_chord.h"

namespace {

using hooks::parse_key_chord;

TEST(KeyChord, ModifiersAndAKeyInAnyCase) {
    const hooks::KeyChord chord = parse_key_chord("ctrl+SHIFT+z");
    EXPECT_EQ(chord.mods, ImGuiMod_Ctrl | ImGuiMod_Shift);
    EXPECT_EQ(chord.key, ImGuiKey_Z);
    EXPECT_EQ(chord.name(), "Ctrl+Shift+Z");
}

TEST(KeyChord, ImGuiNamesAndTheUsualAliases) {
    EXPECT_EQ(parse_key_chord("Backspace").key, ImGuiKey_Backspace);
    EXPECT_EQ(parse_key_chord("UpArrow").key, ImGuiKey_UpArrow);
    EXPECT_EQ(parse_key_chord("Up").key, ImGuiKey_UpArrow);
    EXPECT_EQ(parse_key_chord("Esc").key, ImGuiKey_Escape);
    EXPECT_EQ(parse_key_chord("Return").key, ImGuiKey_Enter);
    EXPECT_EQ(parse_key_chord("F5").key, ImGuiKey_F5);
    EXPECT_EQ(parse_key_chord("Shift+Tab").mods, ImGuiMod_Shift);
    EXPECT_EQ(parse_key_chord("Cmd+S").mods, ImGuiMod_Super);
    EXPECT_EQ(parse_key_chord("KeypadAdd").key, ImGuiKey_KeypadAdd);
}

TEST(KeyChord, AModifierAloneIsItsOwnKey) {
    const hooks::KeyChord chord = parse_key_chord("Ctrl");
    EXPECT_EQ(chord.mods, ImGuiMod_None);
    EXPECT_EQ(chord.key, ImGuiKey_LeftCtrl);
}

TEST(KeyChord, WhatItDoesNotKnowIsAnInvalidArgumentNamingThePart) {
    for (const char* bad : {"", "+", "Ctrl+", "+A", "Ctrl+Ctrl+A", "Shfit+A", "A+B", "NoSuchKey",
                            "Ctrl+Shift+Alt+Super+Ctrl+AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
        try {
            parse_key_chord(bad);
            ADD_FAILURE() << "accepted \"" << bad << "\"";
        } catch (const hooks::ApiError& e) {
            EXPECT_EQ(e.code(), hooks::ErrorCode::invalid_argument) << bad;
            EXPECT_NE(std::string(e.what()).find("invalid key chord"), std::string::npos);
        }
    }
}

}  // namespace
