// project.cpp: the project file format and the name rules.
#include "app/project/project.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace imhost {

using nlohmann::json;

Tool* Project::find_tool(const std::string& tool_name) {
    for (Tool& t : tools)
        if (t.name == tool_name) return &t;
    return nullptr;
}

json project_to_json(const Project& p) {
    json discussion = json::array();
    for (const Message& m : p.discussion)
        discussion.push_back({{"author", m.author}, {"time", m.time}, {"text", m.text}});
    json context = json::array();
    for (const ContextFile& c : p.context) context.push_back({{"path", c.path}});
    json tools = json::array();
    for (const Tool& t : p.tools) {
        json tool = {{"name", t.name},
                     {"command", t.command},
                     {"shell", t.shell},
                     {"timeout_s", t.timeout_s},
                     {"last_exit_code", nullptr}};
        if (t.last_exit_code) tool["last_exit_code"] = *t.last_exit_code;
        tools.push_back(std::move(tool));
    }
    return {{"format", "imhost-project"},
            {"version", kProjectFormatVersion},
            {"name", p.name},
            {"folder", p.folder},
            {"discussion", std::move(discussion)},
            {"context", std::move(context)},
            {"settings",
             {{"model", p.settings.model},
              {"temperature", p.settings.temperature},
              {"max_tokens", p.settings.max_tokens},
              {"stream", p.settings.stream}}},
            {"tools", std::move(tools)}};
}

std::string project_to_text(const Project& project) {
    return project_to_json(project).dump(2) + "\n";
}

namespace {

// Field readers that throw a readable "where: what" on a wrong type.
struct BadField {
    std::string reason;
};

const json& field(const json& object, const char* key, const std::string& where) {
    auto it = object.find(key);
    if (it == object.end()) throw BadField{where + key + ": missing"};
    return *it;
}
std::string get_string(const json& o, const char* key, const std::string& where) {
    const json& v = field(o, key, where);
    if (!v.is_string()) throw BadField{where + key + ": must be a string"};
    return v.get<std::string>();
}
double get_number(const json& o, const char* key, const std::string& where) {
    const json& v = field(o, key, where);
    if (!v.is_number()) throw BadField{where + key + ": must be a number"};
    return v.get<double>();
}
int get_int(const json& o, const char* key, const std::string& where) {
    const json& v = field(o, key, where);
    if (!v.is_number_integer()) throw BadField{where + key + ": must be an integer"};
    const auto n = v.get<long long>();
    if (n < -2147483647LL || n > 2147483647LL) throw BadField{where + key + ": out of range"};
    return static_cast<int>(n);
}
bool get_bool(const json& o, const char* key, const std::string& where) {
    const json& v = field(o, key, where);
    if (!v.is_boolean()) throw BadField{where + key + ": must be true or false"};
    return v.get<bool>();
}
const json& get_array(const json& o, const char* key, const std::string& where) {
    const json& v = field(o, key, where);
    if (!v.is_array()) throw BadField{where + key + ": must be an array"};
    return v;
}
void require_object(const json& v, const std::string& where) {
    if (!v.is_object()) throw BadField{where + ": must be an object"};
}

}  // namespace

std::string check_settings(const Settings& s) {
    if (s.model.empty() || s.model.size() > 128) return "model: must be 1 to 128 characters";
    if (!std::isfinite(s.temperature) || s.temperature < 0 || s.temperature > kMaxTemperature)
        return "temperature: must be a number from 0 to 2";
    if (s.max_tokens < 1 || s.max_tokens > kMaxTokensLimit)
        return "max_tokens: must be an integer from 1 to 1000000";
    return "";
}

std::variant<Project, std::string> parse_project(const std::string& text) {
    json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return std::string("not valid JSON");
    try {
        require_object(doc, "file");
        if (get_string(doc, "format", "") != "imhost-project")
            return std::string("format: not an imhost project file");
        const int version = get_int(doc, "version", "");
        if (version < 1 || version > kProjectFormatVersion)
            return "version: " + std::to_string(version) + " is not supported (this build reads " +
                   std::to_string(kProjectFormatVersion) + ")";
        Project p;
        p.name = get_string(doc, "name", "");
        if (auto why = check_project_name(p.name); !why.empty()) return "name: " + why;
        p.folder = doc.contains("folder") ? get_string(doc, "folder", "") : "";

        const json& discussion = get_array(doc, "discussion", "");
        for (std::size_t i = 0; i < discussion.size(); ++i) {
            const std::string where = "discussion[" + std::to_string(i) + "].";
            require_object(discussion[i], where);
            p.discussion.push_back({get_string(discussion[i], "author", where),
                                    get_number(discussion[i], "time", where),
                                    get_string(discussion[i], "text", where)});
        }
        const json& context = get_array(doc, "context", "");
        for (std::size_t i = 0; i < context.size(); ++i) {
            const std::string where = "context[" + std::to_string(i) + "].";
            require_object(context[i], where);
            p.context.push_back({get_string(context[i], "path", where)});
        }
        const json& settings = field(doc, "settings", "");
        require_object(settings, "settings");
        p.settings.model = get_string(settings, "model", "settings.");
        p.settings.temperature = get_number(settings, "temperature", "settings.");
        p.settings.max_tokens = get_int(settings, "max_tokens", "settings.");
        p.settings.stream = get_bool(settings, "stream", "settings.");
        if (auto why = check_settings(p.settings); !why.empty()) return "settings." + why;

        const json& tools = get_array(doc, "tools", "");
        for (std::size_t i = 0; i < tools.size(); ++i) {
            const std::string where = "tools[" + std::to_string(i) + "].";
            require_object(tools[i], where);
            Tool t;
            t.name = get_string(tools[i], "name", where);
            if (auto why = check_tool_name(t.name); !why.empty()) return where + "name: " + why;
            t.command = get_string(tools[i], "command", where);
            t.shell = tools[i].contains("shell") ? get_bool(tools[i], "shell", where) : false;
            t.timeout_s =
                tools[i].contains("timeout_s") ? get_int(tools[i], "timeout_s", where) : 60;
            if (t.timeout_s < 1 || t.timeout_s > 3600)
                return where + "timeout_s: must be from 1 to 3600";
            if (auto it = tools[i].find("last_exit_code"); it != tools[i].end() && !it->is_null())
                t.last_exit_code = get_int(tools[i], "last_exit_code", where);
            if (p.find_tool(t.name)) return where + "name: '" + t.name + "' appears twice";
            p.tools.push_back(std::move(t));
        }
        return p;
    } catch (const BadField& bad) {
        return bad.reason;
    }
}

namespace {

std::string check_name(const std::string& name, bool allow_space) {
    if (name.empty()) return "the name is empty";
    if (name.size() > kMaxNameLength)
        return "the name is longer than " + std::to_string(kMaxNameLength) + " bytes";
    if (name.find("..") != std::string::npos) return "the name must not contain '..'";
    if (name.front() == '.' || name.front() == ' ')
        return "the name must not start with '.' or a space";
    if (name.back() == ' ') return "the name must not end with a space";
    for (unsigned char c : name) {
        if (c == '/' || c == '\\') return "the name must not contain a path separator";
        if (c < 0x20 || c == 0x7f) return "the name must not contain control characters";
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
                        (allow_space && c == ' ');
        if (!ok)
            return std::string("the name may only use letters, digits, ") +
                   (allow_space ? "spaces, " : "") + "'-', '_' and '.' (found '" +
                   static_cast<char>(c) + "')";
    }
    return "";
}

}  // namespace

std::string check_project_name(const std::string& name) { return check_name(name, true); }
std::string check_tool_name(const std::string& name) { return check_name(name, false); }

}  // namespace imhost
