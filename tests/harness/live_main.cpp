// live_main.cpp: main() of every live test binary of imhost: GoogleTest plus the file's summary
// line. The harness itself knows no app (it is installed, and launches any app that embeds the
// hooks): this main makes the imhost of this build the default, unless $IMHOST_EXE names another.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "tests/harness/live_summary.h"

int main(int argc, char** argv) {
    ::setenv("IMHOST_EXE", IMHOST_EXE, /*overwrite=*/0);
    ::testing::InitGoogleTest(&argc, argv);
    harness::install_live_summary(std::filesystem::path(argv[0]).filename().string());
    return RUN_ALL_TESTS();
}
