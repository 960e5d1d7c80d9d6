// workspace_test.cpp: atomic writes, the workspace folder, corrupt files left alone.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "app/project/atomic_file.h"
#include "app/project/workspace.h"

namespace {

namespace fs = std::filesystem;

struct TempDir {
    fs::path path;
    TempDir() {
        static int n = 0;
        path = fs::temp_directory_path() /
               ("imhost-ws-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        fs::remove_all(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

std::string slurp(const fs::path& p) {
    std::string error;
    return imhost::read_whole_file(p, error).value_or("<" + error + ">");
}

void spit(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

std::vector<std::string> listing(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

TEST(AtomicFile, WritesAndReplacesLeavingNoTempFiles) {
    TempDir dir;
    fs::create_directories(dir.path);
    const fs::path file = dir.path / "a.json";
    ASSERT_EQ(imhost::write_file_atomically(file, "one"), "");
    EXPECT_EQ(slurp(file), "one");
    ASSERT_EQ(imhost::write_file_atomically(file, "two, longer"), "");
    EXPECT_EQ(slurp(file), "two, longer");
    EXPECT_EQ(listing(dir.path), std::vector<std::string>{"a.json"});
}

TEST(AtomicFile, ReportsTheOsReason) {
    TempDir dir;  // never created
    const std::string error = imhost::write_file_atomically(dir.path / "a.json", "x");
    EXPECT_NE(error.find("No such file or directory"), std::string::npos) << error;
    std::string read_error;
    EXPECT_FALSE(imhost::read_whole_file(dir.path / "nope", read_error));
    EXPECT_NE(read_error.find("No such file or directory"), std::string::npos);
}

TEST(AtomicFile, StaleTempFilesOfDeadWritersAreRemoved) {
    TempDir dir;
    fs::create_directories(dir.path);
    // pid 2^22+1 is above the default pid_max, so no such process exists.
    spit(dir.path / ".a.json.tmp.4194305.0", "half written");
    spit(dir.path / (".b.json.tmp." + std::to_string(::getpid()) + ".0"), "ours, in flight");
    EXPECT_EQ(imhost::remove_stale_temp_files(dir.path), 1);
    EXPECT_EQ(listing(dir.path),
              std::vector<std::string>{".b.json.tmp." + std::to_string(::getpid()) + ".0"});
}

TEST(Workspace, SeedsFromTheSampleOnlyWhenTheFolderIsNew) {
    TempDir seed, ws_dir;
    fs::create_directories(seed.path);
    imhost::Project sample;
    sample.name = "welcome";
    spit(seed.path / "welcome.json", imhost::project_to_text(sample));
    imhost::Workspace ws(ws_dir.path);
    ASSERT_EQ(ws.create_if_missing(seed.path), "");
    auto entries = ws.scan();
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].name, "welcome");
    EXPECT_EQ(entries[0].error, "");

    ASSERT_EQ(ws.write_current("welcome"), "");  // the workbench used it
    ASSERT_EQ(ws.remove("welcome"), "");
    ASSERT_EQ(ws.create_if_missing(seed.path), "");  // used before: not seeded again
    EXPECT_TRUE(ws.scan().empty());
}

TEST(Workspace, AnExistingButUnusedFolderIsSeeded) {
    TempDir seed, ws_dir;
    fs::create_directories(seed.path);
    fs::create_directories(ws_dir.path / "crash");  // made by the crash handler at start
    imhost::Project sample;
    sample.name = "welcome";
    spit(seed.path / "welcome.json", imhost::project_to_text(sample));
    imhost::Workspace ws(ws_dir.path);
    ASSERT_EQ(ws.create_if_missing(seed.path), "");
    ASSERT_EQ(ws.scan().size(), 1u);
}

TEST(Workspace, SaveLoadAndCurrent) {
    TempDir dir;
    imhost::Workspace ws(dir.path);
    ASSERT_EQ(ws.create_if_missing({}), "");
    imhost::Project p;
    p.name = "alpha";
    p.discussion.push_back({"you", 1.0, "hi"});
    ASSERT_EQ(ws.save("alpha", imhost::project_to_text(p)), "");
    auto loaded = ws.load("alpha");
    ASSERT_TRUE(std::holds_alternative<imhost::Project>(loaded));
    EXPECT_EQ(std::get<imhost::Project>(loaded), p);
    EXPECT_FALSE(ws.read_current());
    ASSERT_EQ(ws.write_current("alpha"), "");
    EXPECT_EQ(ws.read_current(), "alpha");
    EXPECT_NE(ws.save("../escape", "{}"), "");
    EXPECT_FALSE(fs::exists(dir.path.parent_path() / "escape.json"));
}

TEST(Workspace, CorruptFilesAreListedNeverOverwritten) {
    TempDir dir;
    imhost::Workspace ws(dir.path);
    ASSERT_EQ(ws.create_if_missing({}), "");
    spit(dir.path / "broken.json", "{\"format\": \"imhost-proj");
    imhost::Project other;
    other.name = "someone-else";
    spit(dir.path / "renamed.json", imhost::project_to_text(other));  // name does not match

    auto entries = ws.scan();
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].name, "broken");
    EXPECT_NE(entries[0].error.find("is corrupt (not valid JSON)"), std::string::npos)
        << entries[0].error;
    EXPECT_NE(entries[1].error.find("names the project 'someone-else'"), std::string::npos);

    imhost::Project fresh;
    fresh.name = "broken";
    const std::string refused = ws.save("broken", imhost::project_to_text(fresh));
    EXPECT_NE(refused.find("the file there is corrupt"), std::string::npos) << refused;
    EXPECT_EQ(slurp(dir.path / "broken.json"), "{\"format\": \"imhost-proj");
}

TEST(Workspace, AutomatedNamesTakeTheFirstFreeNumber) {
    EXPECT_EQ(imhost::next_automated_name({}), "project-1");
    EXPECT_EQ(imhost::next_automated_name({"project-1", "project-3", "x"}), "project-2");
}

}  // namespace
