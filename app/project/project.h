// project.h: a project of the workbench, the JSON file that stores it, and the checks on names.
//
// Index of this file
//   Project           what one project holds (discussion, context files, settings, tools)
//   JSON              to_json / parse_project: the file format, validated field by field
//   Names             check_project_name / check_tool_name: what users and the API may name
//
// File format (one file per project, <workspace>/<name>.json):
//   {"format": "imhost-project", "version": 1, "name": "demo", "folder": "/src/demo",
//    "discussion": [{"author": "you", "time": 1718000000.5, "text": "..."}],
//    "context": [{"path": "README.md"}],
//    "settings": {"model": "gpt-4o", "temperature": 0.7, "max_tokens": 1024, "stream": true},
//    "tools": [{"name": "build", "command": "make -j2", "shell": false, "timeout_s": 60,
//               "last_exit_code": 0}]}
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace imhost {

struct Message {
    std::string author;
    double time = 0;  // seconds since the Unix epoch
    std::string text;
    bool operator==(const Message&) const = default;
};

struct ContextFile {
    std::string path;  // absolute, or relative to the project folder
    bool operator==(const ContextFile&) const = default;
};

struct Settings {
    std::string model = "gpt-4o-mini";
    double temperature = 0.7;  // 0..2
    int max_tokens = 1024;     // 1..1000000
    bool stream = true;
    bool operator==(const Settings&) const = default;
};

struct Tool {
    std::string name;
    std::string command;
    bool shell = false;                 // run through /bin/sh -c; otherwise split into argv
    int timeout_s = 60;                 // 1..3600
    std::optional<int> last_exit_code;  // kept across runs and restarts
    bool operator==(const Tool&) const = default;
};

struct Project {
    std::string name;
    std::string folder;  // the code base the notes are about; "" = the workspace folder
    std::vector<Message> discussion;
    std::vector<ContextFile> context;
    Settings settings;
    std::vector<Tool> tools;

    Tool* find_tool(const std::string& tool_name);
    bool operator==(const Project&) const = default;
};

// --- JSON -------------------------------------------------------------------------------------

inline constexpr int kProjectFormatVersion = 1;
inline constexpr double kMaxTemperature = 2.0;
inline constexpr int kMaxTokensLimit = 1000000;

nlohmann::json project_to_json(const Project& project);
std::string project_to_text(const Project& project);  // pretty JSON, ends with a newline

// The project, or why the text is not a valid project file ("settings.temperature: must be a
// number from 0 to 2"). Unknown fields are ignored, so newer files still open.
std::variant<Project, std::string> parse_project(const std::string& text);

// Checks a settings value from the UI or the API; "" if fine, else the reason.
std::string check_settings(const Settings& settings);

// --- Names ------------------------------------------------------------------------------------

inline constexpr std::size_t kMaxNameLength = 64;

// "" if `name` may name a project (and its file), else the reason. Allowed: letters, digits,
// space, '-', '_', '.'; 1..64 bytes; not starting with '.' or a space; no "..", no path
// separators, no control characters.
std::string check_project_name(const std::string& name);
// Same rules for tools (the name becomes the widget id btn_tool_run_<name>), no spaces.
std::string check_tool_name(const std::string& name);

}  // namespace imhost
