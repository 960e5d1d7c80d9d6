// port_file_fuzz.cpp: hooks::parse_port_file() on arbitrary bytes.
//
// A launcher reads the port file while imhost may be writing it, or after a crash left it
// partial, or when someone else wrote it. Invariants: the parser never throws or crashes; what it
// accepts has a port in 1..65535 and survives a write/parse round trip unchanged; a refusal
// carries a reason a human can act on.
#include <cstdint>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "hooks/http/port_file.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto parsed = hooks::parse_port_file(text);
    if (const auto* reason = std::get_if<std::string>(&parsed)) {
        FUZZ_CHECK(!reason->empty(), "a refusal says why");
        return 0;
    }
    const auto& info = std::get<hooks::PortFileInfo>(parsed);
    FUZZ_CHECK(info.port > 0 && info.port <= 65535, "an accepted port is a TCP port");
    // The numbers are the file's numbers, not a narrowed or wrapped version of them.
    const auto file = nlohmann::json::parse(text);
    FUZZ_CHECK(file["port"] == info.port, "the port is the file's port");
    FUZZ_CHECK(file["pid"] == info.pid, "the pid is the file's pid");

    // What write_port_file() would write for this info parses back to the same info.
    const nlohmann::json again = {{"url", info.url},
                                  {"port", info.port},
                                  {"pid", info.pid},
                                  {"token", info.token},
                                  {"instance_id", info.instance_id}};
    const auto reparsed = hooks::parse_port_file(
        again.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    const auto* round = std::get_if<hooks::PortFileInfo>(&reparsed);
    FUZZ_CHECK(round != nullptr, "an accepted port file survives a round trip");
    FUZZ_CHECK(round->port == info.port && round->pid == info.pid, "numbers survive");
    FUZZ_CHECK(round->url == info.url && round->token == info.token &&
                   round->instance_id == info.instance_id,
               "strings survive");
    return 0;
}
