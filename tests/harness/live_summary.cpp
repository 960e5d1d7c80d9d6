// live_summary.cpp: counts a live test file's results and prints its summary line.
#include "tests/harness/live_summary.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <vector>

namespace harness {

namespace {

std::vector<std::string>& respawn_notes() {
    static std::vector<std::string> notes;
    return notes;
}

class SummaryPrinter : public ::testing::EmptyTestEventListener {
  public:
    explicit SummaryPrinter(std::string file_name) : file_name_(std::move(file_name)) {}

    void OnTestProgramEnd(const ::testing::UnitTest& unit) override {
        const int failed = unit.failed_test_count();
        const bool suite_failure = !unit.Passed() && failed == 0;
        const std::string line =
            live_summary_line(file_name_, unit.successful_test_count(), failed,
                              unit.skipped_test_count(), suite_failure, respawn_notes());
        std::cout << line << std::endl;
        if (const char* dir = std::getenv("IMHOST_SUMMARY_DIR"); dir && *dir) {
            std::error_code ec;
            std::filesystem::create_directories(dir, ec);
            std::ofstream(std::filesystem::path(dir) / (file_name_ + ".txt")) << line << "\n";
        }
    }

  private:
    std::string file_name_;
};

}  // namespace

void note_respawn(const std::string& note) { respawn_notes().push_back(note); }

std::string live_summary_line(const std::string& file_name, int passed, int failed, int skipped,
                              bool suite_failure, const std::vector<std::string>& notes) {
    std::string line = "live: " + file_name + ": " + std::to_string(passed) + " passed, " +
                       std::to_string(failed) + " failed";
    if (skipped > 0) line += ", " + std::to_string(skipped) + " skipped";
    if (suite_failure) line += ", suite-level failure";
    line += ", respawns " + std::to_string(notes.size());
    if (!notes.empty()) {
        line += " (";
        for (std::size_t i = 0; i < notes.size(); ++i) line += (i ? "; " : "") + notes[i];
        line += ")";
    }
    return line;
}

void install_live_summary(const std::string& file_name) {
    ::testing::UnitTest::GetInstance()->listeners().Append(new SummaryPrinter(file_name));
}

}  // namespace harness
