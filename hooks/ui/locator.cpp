// locator.cpp: parsing and strict matching of item locators.
#include "hooks/ui/locator.h"

#include <charconv>

#include "hooks/http/api_error.h"
#include "hooks/ui/item_ref.h"

namespace hooks {

namespace {

[[noreturn]] void bad(const std::string& why) {
    throw ApiError(ErrorCode::invalid_selector,
                   "invalid target: " + why +
                       " (use exactly one of {\"id\"}, {\"label\", \"window\"?}, {\"path\"}, "
                       "{\"imgui_id\"}, {\"ref\"})");
}

std::string text_field(const nlohmann::json& target, const char* name) {
    const nlohmann::json& v = target.at(name);
    if (!v.is_string()) bad(std::string("'") + name + "' must be a string");
    std::string s = v.get<std::string>();
    if (s.empty()) bad(std::string("'") + name + "' is empty");
    if (s.size() > kMaxLocatorText) bad(std::string("'") + name + "' is longer than 1024 bytes");
    return s;
}

std::uint32_t parse_imgui_id(const nlohmann::json& v) {
    std::uint64_t id = 0;
    if (v.is_number_unsigned()) {
        id = v.get<std::uint64_t>();
    } else if (v.is_number_integer()) {
        if (v.get<long long>() < 0) bad("'imgui_id' must not be negative");
        id = static_cast<std::uint64_t>(v.get<long long>());
    } else if (v.is_string()) {
        const std::string s = v.get<std::string>();
        std::string_view digits = s;
        int base = 10;
        if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
            digits.remove_prefix(2);
            base = 16;
        }
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id, base);
        if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size())
            bad("'imgui_id' must look like \"0x1A2B3C4D\"");
    } else {
        bad("'imgui_id' must be a hex string like \"0x1A2B3C4D\" or an integer");
    }
    if (id == 0 || id > 0xFFFFFFFFull) bad("'imgui_id' must be a non-zero 32-bit value");
    return static_cast<std::uint32_t>(id);
}

std::vector<std::string_view> split(std::string_view s) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        auto slash = s.find('/', start);
        parts.push_back(s.substr(start, slash == std::string_view::npos ? s.npos : slash - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return parts;
}

// '*' matches any run of characters inside one segment. O(|p|*|s|) DP, no recursion.
bool segment_matches(std::string_view p, std::string_view s) {
    std::vector<char> row(s.size() + 1, 0), next(s.size() + 1, 0);
    row[0] = 1;
    for (char c : p) {
        std::fill(next.begin(), next.end(), 0);
        for (std::size_t j = 0; j <= s.size(); ++j) {
            if (c == '*')
                next[j] = row[j] || (j > 0 && next[j - 1]);
            else
                next[j] = j > 0 && row[j - 1] && s[j - 1] == c;
        }
        row.swap(next);
    }
    return row[s.size()] != 0;
}

}  // namespace

std::string Locator::describe() const {
    switch (kind) {
        case Kind::id:
            return "id \"" + text + "\"";
        case Kind::label:
            return "label \"" + text + "\"" +
                   (window.empty() ? "" : " in window \"" + window + "\"");
        case Kind::path:
            return "path \"" + text + "\"";
        case Kind::imgui_id:
            return "imgui_id " + format_imgui_id(imgui_id);
        case Kind::ref:
            return "ref \"" + text + "\"";
    }
    return "?";
}

nlohmann::json Locator::to_json() const {
    switch (kind) {
        case Kind::id:
            return {{"id", text}};
        case Kind::label:
            return window.empty() ? nlohmann::json{{"label", text}}
                                  : nlohmann::json{{"label", text}, {"window", window}};
        case Kind::path:
            return {{"path", text}};
        case Kind::imgui_id:
            return {{"imgui_id", format_imgui_id(imgui_id)}};
        case Kind::ref:
            return {{"ref", text}};
    }
    return nullptr;
}

Locator parse_locator(const nlohmann::json& target) {
    if (!target.is_object()) bad("'target' must be a JSON object");
    int forms = 0;
    for (auto it = target.begin(); it != target.end(); ++it) {
        const std::string& key = it.key();
        if (key == "id" || key == "label" || key == "path" || key == "imgui_id" || key == "ref")
            ++forms;
        else if (key != "window")
            bad("unknown field '" + key + "'");
    }
    if (forms != 1) bad(forms == 0 ? "no locator field" : "more than one locator field");
    if (target.contains("window") && !target.contains("label"))
        bad("'window' goes only with 'label'");
    Locator loc;
    if (target.contains("id")) {
        loc.kind = Locator::Kind::id;
        loc.text = text_field(target, "id");
    } else if (target.contains("label")) {
        loc.kind = Locator::Kind::label;
        loc.text = text_field(target, "label");
        if (target.contains("window")) loc.window = text_field(target, "window");
    } else if (target.contains("path")) {
        loc.kind = Locator::Kind::path;
        loc.text = text_field(target, "path");
        for (std::string_view seg : split(loc.text))
            if (seg.empty())
                bad("'path' has an empty segment (\"a//b\", or a leading/trailing '/')");
    } else if (target.contains("ref")) {
        loc.kind = Locator::Kind::ref;
        loc.text = text_field(target, "ref");
        loc.imgui_id = ref_id(split_ref(loc.text));
    } else {
        loc.kind = Locator::Kind::imgui_id;
        loc.imgui_id = parse_imgui_id(target.at("imgui_id"));
    }
    return loc;
}

Locator locator_from_query(const HttpRequest& request) {
    nlohmann::json target = nlohmann::json::object();
    for (const char* key : {"id", "label", "window", "path", "imgui_id", "ref"})
        if (auto v = request.query_param(key)) target[key] = *v;
    return parse_locator(target);
}

bool path_matches(std::string_view pattern, std::string_view path) {
    const auto p = split(pattern);
    const auto s = split(path);
    // ok[j]: the pattern so far matches the first j segments of the path.
    std::vector<char> ok(s.size() + 1, 0), next(s.size() + 1, 0);
    ok[0] = 1;
    for (std::string_view seg : p) {
        std::fill(next.begin(), next.end(), 0);
        for (std::size_t j = 0; j <= s.size(); ++j) {
            if (seg == "**")
                next[j] = ok[j] || (j > 0 && next[j - 1]);
            else
                next[j] = j > 0 && ok[j - 1] && segment_matches(seg, s[j - 1]);
        }
        ok.swap(next);
    }
    return ok[s.size()] != 0;
}

bool item_matches(const Locator& loc, const ItemRecord& item) {
    switch (loc.kind) {
        case Locator::Kind::id:
            return !item.id.empty() && item.id == loc.text;
        case Locator::Kind::label:
            return item.label == loc.text && (loc.window.empty() || item.window == loc.window ||
                                              item.root_window == loc.window);
        case Locator::Kind::path:
            // The last segment may be the label as written ("Save##btn_save") or as shown ("Save").
            return path_matches(loc.text, item.path) ||
                   (item.label != item.raw_label &&
                    path_matches(loc.text, item.window + "/" + item.label));
        case Locator::Kind::imgui_id:
        case Locator::Kind::ref:
            return item.imgui_id == loc.imgui_id;
    }
    return false;
}

std::vector<const ItemRecord*> find_items(const Locator& loc, const UiSnapshot& snapshot) {
    std::vector<const ItemRecord*> out;
    for (const ItemRecord& item : snapshot.items)
        if (item_matches(loc, item)) out.push_back(&item);
    return out;
}

nlohmann::json candidates_json(const std::vector<const ItemRecord*>& items) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < items.size() && i < 20; ++i) {
        const ItemRecord& it = *items[i];
        out.push_back({{"id", it.id.empty() ? nlohmann::json(nullptr) : nlohmann::json(it.id)},
                       {"imgui_id", format_imgui_id(it.imgui_id)},
                       {"label", it.label},
                       {"path", it.path},
                       {"window", it.window}});
    }
    return out;
}

namespace {

// For a ref that matched nothing: the longest prefix of it that was drawn, as a hint.
std::string nearest_drawn_ancestor(const Locator& loc, const UiSnapshot& snapshot, bool& closed) {
    const std::vector<std::string> segments = split_ref(loc.text);
    for (std::size_t n = segments.size() - 1; n >= 1; --n) {
        const std::uint32_t id = ref_id(segments, n);
        if (const ItemRecord* item = snapshot.find_item(id)) {
            closed = item->openable && !item->opened;
            return item->ref.empty() ? format_imgui_id(id) : item->ref;
        }
        if (n == 1)
            for (const WindowRecord& window : snapshot.windows)
                if (window.name == segments[0]) return escape_ref_segment(window.name);
    }
    return "";
}

}  // namespace

const ItemRecord& resolve_one(const Locator& loc, const UiSnapshot& snapshot) {
    auto found = find_items(loc, snapshot);
    if (found.empty()) {
        std::string message =
            "no item with " + loc.describe() + " in frame " + std::to_string(snapshot.frame);
        nlohmann::json data = {{"target", loc.to_json()}, {"frame", snapshot.frame}};
        bool closed = false;
        if (loc.kind == Locator::Kind::ref) {
            if (const std::string near = nearest_drawn_ancestor(loc, snapshot, closed);
                !near.empty()) {
                message += "; the nearest ancestor drawn is \"" + near + "\"" +
                           (closed ? " (closed: open it first)" : "");
                data["nearest"] = near;
            } else {
                message += "; not even its window was drawn";
            }
        }
        throw ApiError(ErrorCode::no_such_element, message, data);
    }
    if (found.size() > 1)
        throw ApiError(ErrorCode::ambiguous_element,
                       std::to_string(found.size()) + " items match " + loc.describe() +
                           "; narrow the target (add \"window\", or use \"id\" or \"path\")",
                       {{"target", loc.to_json()},
                        {"count", found.size()},
                        {"candidates", candidates_json(found)}});
    return *found.front();
}

}  // namespace hooks
