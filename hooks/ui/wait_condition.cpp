// wait_condition.cpp: strict parsing of /api/wait conditions.
#include "hooks/ui/wait_condition.h"

#include "hooks/http/api_error.h"

namespace hooks {

namespace {

[[noreturn]] void bad(const std::string& why) {
    throw ApiError(ErrorCode::invalid_argument, "invalid wait condition: " + why);
}

struct TypeEntry {
    const char* name;
    WaitCondition::Type type;
};
constexpr TypeEntry kTypes[] = {
    {"item_exists", WaitCondition::Type::item_exists},
    {"item_gone", WaitCondition::Type::item_gone},
    {"item_visible", WaitCondition::Type::item_visible},
    {"value_equals", WaitCondition::Type::value_equals},
    {"window_open", WaitCondition::Type::window_open},
    {"window_closed", WaitCondition::Type::window_closed},
    {"frames", WaitCondition::Type::frames},
    {"health", WaitCondition::Type::health},
    {"state_equals", WaitCondition::Type::state_equals},
};

void only(const nlohmann::json& c, std::initializer_list<const char*> known) {
    for (auto it = c.begin(); it != c.end(); ++it) {
        bool ok = it.key() == "type";
        for (const char* k : known) ok = ok || it.key() == k;
        if (!ok)
            bad("unknown field '" + it.key() + "' for type '" + c["type"].get<std::string>() + "'");
    }
}

}  // namespace

const char* type_name(WaitCondition::Type type) {
    for (const TypeEntry& e : kTypes)
        if (e.type == type) return e.name;
    return "?";
}

WaitCondition parse_wait_condition(const nlohmann::json& c) {
    if (!c.is_object()) bad("'condition' must be a JSON object with a 'type'");
    auto type_it = c.find("type");
    if (type_it == c.end() || !type_it->is_string()) bad("missing string 'type'");
    WaitCondition w;
    w.source = c;
    const std::string type = type_it->get<std::string>();
    bool known = false;
    for (const TypeEntry& e : kTypes)
        if (type == e.name) w.type = e.type, known = true;
    if (!known)
        bad("unknown type '" + type +
            "' (item_exists, item_gone, item_visible, value_equals, window_open, window_closed, "
            "frames, health, state_equals)");
    using T = WaitCondition::Type;
    switch (w.type) {
        case T::item_exists:
        case T::item_gone:
        case T::item_visible:
        case T::value_equals:
            if (w.type == T::value_equals) {
                only(c, {"target", "value"});
                if (!c.contains("value")) bad("'value_equals' needs a 'value'");
                w.value = c["value"];
            } else {
                only(c, {"target"});
            }
            if (!c.contains("target")) bad("'" + type + "' needs a 'target'");
            w.target = parse_locator(c["target"]);
            break;
        case T::window_open:
        case T::window_closed:
            only(c, {"window"});
            if (!c.contains("window") || !c["window"].is_string() ||
                c["window"].get<std::string>().empty())
                bad("'" + type + "' needs a non-empty string 'window'");
            w.window = c["window"].get<std::string>();
            break;
        case T::frames:
            only(c, {"count"});
            if (!c.contains("count") || !c["count"].is_number_integer() ||
                c["count"].get<long long>() < 1 || c["count"].get<long long>() > 10000)
                bad("'frames' needs an integer 'count' from 1 to 10000");
            w.count = c["count"].get<std::uint64_t>();
            break;
        case T::health:
            only(c, {"status"});
            if (c.contains("status")) {
                if (!c["status"].is_string()) bad("'status' must be \"pass\" or \"warn\"");
                w.status = c["status"].get<std::string>();
                if (w.status != "pass" && w.status != "warn")
                    bad("'status' must be \"pass\" or \"warn\" (a failing GUI ends the wait with "
                        "503)");
            }
            break;
        case T::state_equals:
            only(c, {"pointer", "value"});
            if (!c.contains("value")) bad("'state_equals' needs a 'value'");
            w.value = c["value"];
            if (c.contains("pointer")) {
                if (!c["pointer"].is_string()) bad("'pointer' must be a JSON pointer string");
                w.pointer = c["pointer"].get<std::string>();
                try {
                    (void)nlohmann::json::json_pointer(w.pointer);
                } catch (const nlohmann::json::exception& e) {
                    bad("'pointer' is not a JSON pointer (RFC 6901), e.g. \"/project/name\"");
                }
            }
            break;
    }
    return w;
}

}  // namespace hooks
