// project_file_fuzz.cpp: imhost::parse_project() on arbitrary bytes.
//
// Project files live in a folder users edit, sync and copy, and a crash may have cut one short,
// so the loader sees anything. Invariants (abort on failure, so libFuzzer keeps the input):
// - parse_project() returns a Project or a non-empty reason; it never throws or crashes;
// - an accepted project has valid settings, and saving it (project_to_text) and loading the
//   result gives the same project: what the app writes, it can read back unchanged.
#include <cstdint>
#include <string>
#include <variant>

#include "app/project/project.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto parsed = imhost::parse_project(text);
    if (const auto* reason = std::get_if<std::string>(&parsed)) {
        FUZZ_CHECK(!reason->empty(), "a refusal says why");
        return 0;
    }
    const imhost::Project& project = std::get<imhost::Project>(parsed);
    FUZZ_CHECK(imhost::check_settings(project.settings).empty(), "accepted settings are valid");
    const auto again = imhost::parse_project(imhost::project_to_text(project));
    const auto* round = std::get_if<imhost::Project>(&again);
    FUZZ_CHECK(round != nullptr, "a saved project loads again");
    FUZZ_CHECK(*round == project, "save then load gives the same project");
    return 0;
}
