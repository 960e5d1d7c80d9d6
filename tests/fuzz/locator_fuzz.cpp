// locator_fuzz.cpp: hooks::parse_locator() and hooks::path_matches() on arbitrary input.
//
// Every automation request names its item with a locator (the `target` field), so the parser
// sees whatever a client sends. The first byte picks the mode:
//   even: the rest is JSON, given to parse_locator();
//   odd:  the rest is "PATTERN\nPATH", given to path_matches().
// Invariants (abort on failure, so libFuzzer keeps the input):
// - parse_locator() returns a Locator or throws ApiError `invalid selector`, nothing else;
// - an accepted locator round-trips: parse_locator(loc.to_json()) is the same locator;
// - path_matches() agrees with plain equality for patterns without '*', "**" matches every
//   path, and a path without '*' matches itself.
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "hooks/http/api_error.h"
#include "hooks/ui/locator.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

void fuzz_parse(std::string_view text) {
    const auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) return;
    hooks::Locator locator;
    try {
        locator = hooks::parse_locator(json);
    } catch (const hooks::ApiError& error) {
        FUZZ_CHECK(error.code() == hooks::ErrorCode::invalid_selector, "only invalid selector");
        FUZZ_CHECK(std::string_view(error.what()).size() > 0, "the refusal says why");
        return;
    }
    FUZZ_CHECK(!locator.describe().empty(), "a locator describes itself");
    const hooks::Locator again = hooks::parse_locator(locator.to_json());  // must not throw
    FUZZ_CHECK(again.kind == locator.kind && again.text == locator.text &&
                   again.window == locator.window && again.imgui_id == locator.imgui_id,
               "to_json() round-trips");
}

void fuzz_match(std::string_view text) {
    const auto newline = text.find('\n');
    const std::string_view pattern = text.substr(0, newline);
    const std::string_view path = newline == std::string_view::npos ? "" : text.substr(newline + 1);
    const bool matched = hooks::path_matches(pattern, path);
    if (pattern.find('*') == std::string_view::npos)
        FUZZ_CHECK(matched == (pattern == path), "no wildcard: a match is equality");
    FUZZ_CHECK(hooks::path_matches("**", path), "** matches every path");
    if (path.find('*') == std::string_view::npos)
        FUZZ_CHECK(hooks::path_matches(path, path), "a path matches itself");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (data[0] % 2 == 0)
        fuzz_parse(rest);
    else
        fuzz_match(rest);
    return 0;
}
