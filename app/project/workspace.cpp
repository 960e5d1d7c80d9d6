// workspace.cpp: project files on disk.
#include "app/project/workspace.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "app/project/atomic_file.h"

namespace imhost {

namespace fs = std::filesystem;

namespace {
constexpr const char* kStateFile = ".imhost-workspace.json";
}

fs::path Workspace::file_for(const std::string& name) const { return folder_ / (name + ".json"); }

std::string Workspace::create_if_missing(const fs::path& seed) const {
    std::error_code ec;
    if (fs::exists(folder_, ec) && !fs::is_directory(folder_, ec))
        return "workspace " + folder_.string() + " exists but is not a folder";
    fs::create_directories(folder_, ec);
    if (ec) return "cannot create workspace " + folder_.string() + ": " + ec.message();
    // A first run: the folder may exist already (the crash dir lives inside it), but no project
    // was ever saved there.
    if (fs::exists(folder_ / kStateFile, ec)) return "";
    for (const auto& entry : fs::directory_iterator(folder_, ec))
        if (entry.path().extension() == ".json") return "";
    if (seed.empty() || !fs::is_directory(seed, ec)) return "";
    for (const auto& entry : fs::directory_iterator(seed, ec)) {
        if (entry.path().extension() != ".json") continue;
        std::string error;
        auto text = read_whole_file(entry.path(), error);
        if (!text) return "cannot copy the sample workspace: " + error;
        if (auto failed = write_file_atomically(folder_ / entry.path().filename(), *text);
            !failed.empty())
            return "cannot copy the sample workspace: " + failed;
    }
    return "";
}

std::vector<WorkspaceEntry> Workspace::scan() const {
    std::vector<WorkspaceEntry> entries;
    std::error_code ec;
    remove_stale_temp_files(folder_);
    for (const auto& entry : fs::directory_iterator(folder_, ec)) {
        const fs::path& path = entry.path();
        const std::string stem = path.stem().string();
        if (path.extension() != ".json" || stem.empty() || stem[0] == '.') continue;
        if (!check_project_name(stem).empty()) continue;  // not ours to open
        auto loaded = load(stem);
        const auto* error = std::get_if<std::string>(&loaded);
        entries.push_back({stem, error ? *error : std::string()});
    }
    std::sort(entries.begin(), entries.end(),
              [](const WorkspaceEntry& a, const WorkspaceEntry& b) { return a.name < b.name; });
    return entries;
}

std::variant<Project, std::string> Workspace::load(const std::string& name) const {
    if (auto why = check_project_name(name); !why.empty())
        return "invalid project name '" + name + "': " + why;
    const fs::path path = file_for(name);
    std::string error;
    auto text = read_whole_file(path, error);
    if (!text) return error;
    auto parsed = parse_project(*text);
    if (auto* why = std::get_if<std::string>(&parsed))
        return path.string() + " is corrupt (" + *why + "); it was left as it is";
    auto& project = std::get<Project>(parsed);
    if (project.name != name)
        return path.string() + " is corrupt (it names the project '" + project.name + "', not '" +
               name + "'); it was left as it is";
    return parsed;
}

std::string Workspace::save(const std::string& name, const std::string& text) const {
    if (auto why = check_project_name(name); !why.empty())
        return "invalid project name '" + name + "': " + why;
    const fs::path path = file_for(name);
    std::error_code ec;
    if (fs::exists(path, ec)) {
        std::string error;
        auto existing = read_whole_file(path, error);
        if (existing) {
            const auto parsed = parse_project(*existing);
            if (const auto* why = std::get_if<std::string>(&parsed))
                return "not saving over " + path.string() + ": the file there is corrupt (" + *why +
                       "); move it away first";
        }
    }
    if (auto failed = write_file_atomically(path, text); !failed.empty())
        return "saving " + name + " failed: " + failed;
    return "";
}

std::string Workspace::remove(const std::string& name) const {
    if (auto why = check_project_name(name); !why.empty())
        return "invalid project name '" + name + "': " + why;
    std::error_code ec;
    if (!fs::remove(file_for(name), ec))
        return "cannot delete " + file_for(name).string() + ": " +
               (ec ? ec.message() : std::string("no such file"));
    return "";
}

bool Workspace::exists(const std::string& name) const {
    std::error_code ec;
    return fs::exists(file_for(name), ec);
}

std::optional<std::string> Workspace::read_current() const {
    std::string error;
    auto text = read_whole_file(folder_ / kStateFile, error);
    if (!text) return std::nullopt;
    auto doc = nlohmann::json::parse(*text, nullptr, false);
    if (!doc.is_object() || !doc.contains("current") || !doc["current"].is_string())
        return std::nullopt;
    return doc["current"].get<std::string>();
}

std::string Workspace::write_current(const std::string& name) const {
    return write_file_atomically(folder_ / kStateFile,
                                 nlohmann::json{{"current", name}}.dump() + "\n");
}

std::string next_automated_name(const std::vector<std::string>& taken) {
    std::set<std::string> used(taken.begin(), taken.end());
    for (int n = 1;; ++n) {
        std::string name = "project-" + std::to_string(n);
        if (!used.count(name)) return name;
    }
}

}  // namespace imhost
