// item_ref.cpp: splitting refs, and hashing them exactly as Dear ImGui does.
#include "hooks/ui/item_ref.h"

#include <imgui.h>
#include <imgui_internal.h>

#include "hooks/http/api_error.h"

namespace hooks {

namespace {

[[noreturn]] void bad(const std::string& why) {
    throw ApiError(ErrorCode::invalid_selector, "invalid ref: " + why);
}

}  // namespace

std::vector<std::string> split_ref(std::string_view ref) {
    std::vector<std::string> segments(1);
    for (std::size_t i = 0; i < ref.size(); ++i) {
        const char c = ref[i];
        if (c == '\\') {
            if (i + 1 == ref.size()) bad("it ends with a lone '\\' (write \"\\\\\")");
            const char next = ref[++i];
            if (next != '/' && next != '\\') {
                std::string why = "unknown escape \"\\";  // (built in steps: GCC 12 warns
                why += next;                              // falsely on one expression)
                bad(why + "\" (only \"\\/\" and \"\\\\\")");
            }
            segments.back() += next;
        } else if (c == '/') {
            if (segments.back().empty()) break;  // reported below
            segments.emplace_back();
        } else {
            segments.back() += c;
        }
    }
    for (const std::string& segment : segments)
        if (segment.empty())
            bad("it has an empty segment (\"a//b\", or a leading or trailing '/')");
    return segments;
}

std::uint32_t ref_id(const std::vector<std::string>& segments, std::size_t count) {
    ImGuiID id = 0;  // the window's ID is its name hashed from seed 0
    for (std::size_t i = 0; i < segments.size() && i < count; ++i)
        id = ImHashStr(segments[i].data(), segments[i].size(), id);
    return id;
}

std::string escape_ref_segment(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '/' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace hooks
