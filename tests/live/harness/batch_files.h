// batch_files.h: live test files run as a CTest batch would run them, for the tests that check
// the harness itself (crash_isolation_live_test, seed_batch_live_test).
//
//   BatchDir dir("imhost-crash-batch");
//   FileRun first = dir.run("first", CRASH_FIRST_EXE);        // its own Xvfb (DISPLAY unset)
//   EXPECT_TRUE(failed(first.tests["Suite.Name"]));
//
// Each file's gtest JSON is read back per test; its output (stdout + stderr) is printed, so a
// failing check shows what the file said. `while_running` is called every few ms while the file
// runs, with the output so far (for a batch that crashes a GUI from outside).
#pragma once

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/harness/child_process.h"
#include "tests/harness/eventually.h"

namespace batch {

using nlohmann::json;

struct FileRun {
    harness::ExitStatus exit;
    std::string output;                 // stdout + stderr of the test binary
    std::map<std::string, json> tests;  // "Suite.Name" -> gtest JSON entry
};

class BatchDir {
  public:
    explicit BatchDir(const std::string& prefix)
        : dir_(std::filesystem::temp_directory_path() /
               (prefix + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    ~BatchDir() { std::filesystem::remove_all(dir_); }
    const std::filesystem::path& path() const { return dir_; }

    FileRun run(const std::string& name, const std::string& exe, std::vector<std::string> args = {},
                const std::function<void(const std::string& output)>& while_running = {}) const {
        const std::filesystem::path json_path = dir_ / (name + ".json");
        args.insert(args.begin(), {exe, "--gtest_output=json:" + json_path.string()});
        harness::ChildProcess child(
            args,
            {"DISPLAY=", "IMHOST_SUMMARY_DIR=" + (dir_ / "summary").string(),
             "IMHOST_ARTIFACTS_DIR=" + (dir_ / ("artifacts-" + name)).string()},
            (dir_ / (name + ".out")).string(), (dir_ / (name + ".out")).string());
        FileRun r;
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(120);
        while (while_running && child.running() && std::chrono::steady_clock::now() < until) {
            while_running(harness::read_file(child.stdout_path()));
            std::this_thread::sleep_for(std::chrono::milliseconds(5));  // a file: no event
        }
        r.exit = child.wait_for(std::chrono::seconds(120)).value_or(harness::ExitStatus{});
        r.output = harness::read_file(child.stdout_path());
        std::cout << "----- batch file " << name << " (" << r.exit.describe() << ") -----\n"
                  << r.output << "----- end of batch file " << name << " -----" << std::endl;
        const json report = json::parse(harness::read_file(json_path.string()), nullptr, false);
        if (report.is_object())
            for (const auto& suite : report["testsuites"])
                for (const auto& test : suite["testsuite"])
                    r.tests[suite["name"].get<std::string>() + "." +
                            test["name"].get<std::string>()] = test;
        return r;
    }

    std::string summary(const std::string& file) const {  // the file's summary line(s)
        return harness::read_file((dir_ / "summary" / (file + ".txt")).string());
    }

  private:
    std::filesystem::path dir_;
};

inline bool failed(const json& test) { return test.contains("failures"); }
inline double seconds(const json& test) {
    return std::stod(test.value("time", std::string("999s")));
}
inline std::string failure_text(const json& test) {
    std::string text;
    for (const auto& f : test.value("failures", json::array()))
        text += f.value("failure", std::string()) + "\n";
    return text;
}

// /proc/<pid> of a process that still runs (zombies waiting to be reaped have ended).
inline bool still_running(const std::string& pid) {
    const std::string stat = harness::read_file("/proc/" + pid + "/stat");
    if (stat.empty()) return false;
    const auto close = stat.rfind(')');
    return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] != 'Z';
}

}  // namespace batch
