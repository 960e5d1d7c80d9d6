// workspace.h: the folder of project files. Every call does disk IO: run it on the IO pool.
//
// Layout: <workspace>/<name>.json per project, plus .imhost-workspace.json remembering the
// project that was open. A file that does not parse is "corrupt": it is listed with its reason,
// never overwritten (save() refuses), and the app opens without it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "app/project/project.h"

namespace imhost {

struct WorkspaceEntry {
    std::string name;
    std::string error;  // "" if the file parses; else why not (the file is left alone)
};

class Workspace {
  public:
    explicit Workspace(std::filesystem::path folder) : folder_(std::move(folder)) {}
    const std::filesystem::path& folder() const { return folder_; }
    std::filesystem::path file_for(const std::string& name) const;

    // Creates the folder if needed and, on a first run (no project file and no workspace state
    // file yet), copies the *.json projects of `seed` (the sample workspace) into it. "" on
    // success, else why not. A workspace that was ever used is left as it is.
    std::string create_if_missing(const std::filesystem::path& seed) const;

    std::vector<WorkspaceEntry> scan() const;  // sorted by name; also removes stale temp files
    std::variant<Project, std::string> load(const std::string& name) const;
    // Writes the project file atomically. Refuses (with the reason) to replace a file that exists
    // but does not parse, so a corrupt file is never lost.
    std::string save(const std::string& name, const std::string& text) const;
    std::string remove(const std::string& name) const;
    bool exists(const std::string& name) const;

    std::optional<std::string> read_current() const;  // the project open last time
    std::string write_current(const std::string& name) const;

  private:
    std::filesystem::path folder_;
};

// "project-N" with the smallest N >= 1 not in `taken`.
std::string next_automated_name(const std::vector<std::string>& taken);

}  // namespace imhost
