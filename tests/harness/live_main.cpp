// live_main.cpp: main() of every live test binary: GoogleTest plus the file's summary line.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/harness/live_summary.h"

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    harness::install_live_summary(std::filesystem::path(argv[0]).filename().string());
    return RUN_ALL_TESTS();
}
