// key_chord_fuzz.cpp: hooks::parse_key_chord() on arbitrary text, as POST /api/keys takes it.
// Invariants: it returns a chord or throws ApiError `invalid argument`, nothing else; an
// accepted chord names a real key, and its canonical name parses back to the same chord.
#include <cstdint>
#include <string_view>

#include "hooks/http/api_error.h"
#include "hooks/ui/key_chord.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    hooks::KeyChord chord;
    try {
        chord = hooks::parse_key_chord(text);
    } catch (const hooks::ApiError& error) {
        FUZZ_CHECK(error.code() == hooks::ErrorCode::invalid_argument, "only invalid argument");
        return 0;
    }
    FUZZ_CHECK(chord.key != ImGuiKey_None, "an accepted chord has a key");
    const hooks::KeyChord again = hooks::parse_key_chord(chord.name());  // must not throw
    FUZZ_CHECK(again.key == chord.key && again.mods == chord.mods, "name() round-trips");
    return 0;
}
