// warm_up_test.cpp: the symbolizer warming on its own thread (imgui_guard::warm_up_in_background)
// while the program starts. Each case runs in a fresh process (a "threadsafe" death test
// re-executes this binary), so its symbolizer is cold whatever ran before in this one:
//   - a stack captured during the warm-up waits for it and is symbolized;
//   - a crash during the warm-up still leaves a report with symbolized frames (its handler waits
//     for the warm-up), and the process dies of it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "imgui_guard/crash_handler.h"
#include "imgui_guard/detail/stacktrace.h"
#include "imgui_guard/guard.h"
#include "tests/unit/crash_report_file.h"

namespace {

namespace fs = std::filesystem;

[[gnu::noinline]] bool capture_names_its_caller() {
    const std::string stack = imgui_guard::stacktrace::format(imgui_guard::stacktrace::capture());
    return stack.find("capture_names_its_caller") != std::string::npos &&
           stack.find("warm_up_test.cpp:") != std::string::npos;
}

[[gnu::noinline]] void crash_during_the_warm_up() {
    volatile std::uintptr_t unmapped = 16;  // not nullptr: UBSan would stop at a null store
    *reinterpret_cast<volatile int*>(unmapped) = 42;
}

// The report's folder, the same in the re-executed child as in this test (through the
// environment the child inherits).
fs::path report_dir() {
    constexpr const char* kVar = "IMGUI_GUARD_WARM_UP_TEST_DIR";
    if (const char* set = std::getenv(kVar)) return set;
    const fs::path dir =
        fs::temp_directory_path() / ("imgui-guard-warm-" + std::to_string(::getpid()));
    ::setenv(kVar, dir.c_str(), 1);
    return dir;
}

class WarmUp : public ::testing::Test {
  protected:
    void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

TEST_F(WarmUp, AStackCapturedDuringTheWarmUpIsSymbolized) {
    EXPECT_EXIT(
        {
            imgui_guard::warm_up_in_background();
            std::_Exit(capture_names_its_caller() ? 0 : 1);
        },
        ::testing::ExitedWithCode(0), "");
}

TEST_F(WarmUp, ACrashDuringTheWarmUpStillLeavesAReport) {
    const fs::path dir = report_dir();
    EXPECT_EXIT(
        {
            imgui_guard::warm_up_in_background();
            if (!imgui_guard::install_crash_handler(dir.string()).empty()) std::_Exit(100);
            crash_during_the_warm_up();
            std::_Exit(101);
        },
        ::testing::KilledBySignal(SIGSEGV), "");
    ::unsetenv("IMGUI_GUARD_WARM_UP_TEST_DIR");
    ASSERT_TRUE(fs::exists(dir)) << dir;
    std::string report;
    for (const auto& entry : fs::directory_iterator(dir))
        report = unit_test::crash_report_of(dir, std::stoi(entry.path().stem().string().substr(6)));
    fs::remove_all(dir);
    EXPECT_NE(report.find("signal: 11 (SIGSEGV)"), std::string::npos) << report;
    EXPECT_NE(report.find("--- raw frames ---"), std::string::npos) << report;
    EXPECT_NE(report.find("--- /proc/self/maps ---"), std::string::npos) << report;
    // The handler waited for the warm-up, then symbolized with its state.
    const auto symbolized = report.find("--- symbolized frames ---");
    ASSERT_NE(symbolized, std::string::npos) << report;
    EXPECT_NE(report.find("crash_during_the_warm_up", symbolized), std::string::npos) << report;
    EXPECT_NE(report.find("warm_up_test.cpp:", symbolized), std::string::npos) << report;
    EXPECT_NE(report.find("--- end of report ---"), std::string::npos) << report;
}

}  // namespace
