// crash_report_file.h: the crash report a child process left (<dir>/crash-<pid>.txt), for unit
// tests that crash a child on purpose. "" when there is none.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace unit_test {

inline std::string crash_report_of(const std::filesystem::path& dir, pid_t pid) {
    std::ifstream in(dir / ("crash-" + std::to_string(pid) + ".txt"));
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace unit_test
