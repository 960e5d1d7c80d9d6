// atomic_file.h: whole-file reads and crash-safe writes.
//
// write_file_atomically() writes a temp file in the same folder, fsyncs it, renames it over the
// target and fsyncs the folder. A reader, a crash or a SIGKILL at any point sees the old file or
// the new one, never a mix. Temp files are named ".<file>.tmp.<pid>.<n>", so a later start can
// remove those left by a killed process (remove_stale_temp_files).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace imhost {

// "" on success, else what failed with the OS's reason ("fsync /ws/a.json.tmp: No space left").
std::string write_file_atomically(const std::filesystem::path& path, const std::string& text);

// The whole file, or nullopt with `error` set ("open /ws/a.json: No such file or directory").
std::optional<std::string> read_whole_file(const std::filesystem::path& path, std::string& error,
                                           std::size_t max_bytes = 64u << 20);

// Removes temp files of write_file_atomically() in `folder` whose writer process is gone.
int remove_stale_temp_files(const std::filesystem::path& folder);

}  // namespace imhost
