// report.h: the tables the reliability live tests print (hostile input, load, fault matrix,
// data safety). Each line goes to stdout at once; publish() also writes the whole report to
// $IMHOST_REPORT_DIR/<name>.txt, which `make test` prints after the run even when the tests
// pass (tests/harness/ctest_with_summary.sh), so the tables show in its output.
#pragma once

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace reliability {

class Report {
  public:
    // printf-style; one line (the newline is added).
    __attribute__((format(printf, 2, 3))) void line(const char* format, ...) {
        char buffer[1024];
        va_list args;
        va_start(args, format);
        std::vsnprintf(buffer, sizeof(buffer), format, args);
        va_end(args);
        text_ += buffer;
        text_ += '\n';
        std::printf("%s\n", buffer);
        std::fflush(stdout);
    }

    void publish(const std::string& name) const {
        const char* dir = std::getenv("IMHOST_REPORT_DIR");
        if (!dir || !*dir) return;
        std::error_code ignored;
        std::filesystem::create_directories(dir, ignored);
        std::ofstream(std::filesystem::path(dir) / (name + ".txt")) << text_;
    }

  private:
    std::string text_;
};

}  // namespace reliability
