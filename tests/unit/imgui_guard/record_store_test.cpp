// record_store_test.cpp: the history is bounded, clear keeps totals, report_error works from
// any thread while snapshots are read (run under TSan too).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include <nlohmann/json.hpp>

#include "imgui_guard/guard.h"

namespace {

using imgui_guard::RecordKind;

TEST(RecordStore, KeepsTheLast256RecordsAndAllTotals) {
    imgui_guard::clear_errors();
    const auto start = imgui_guard::snapshot();
    for (int i = 0; i < 300; ++i)
        imgui_guard::report_error(RecordKind::io_error, "disk error #" + std::to_string(i));
    const auto records = imgui_guard::records_since(start.last_seq);
    ASSERT_EQ(records.size(), imgui_guard::kHistorySize);
    EXPECT_EQ(records.front().message, "disk error #44");
    EXPECT_EQ(records.back().message, "disk error #299");
    EXPECT_TRUE(std::is_sorted(records.begin(), records.end(),
                               [](auto& a, auto& b) { return a.seq < b.seq; }));
    const auto end = imgui_guard::snapshot();
    EXPECT_EQ(end.io_errors - start.io_errors, 300u);
    ASSERT_TRUE(end.last_error.has_value());
    EXPECT_EQ(end.last_error->message, "disk error #299");

    imgui_guard::clear_errors();
    const auto cleared = imgui_guard::snapshot();
    EXPECT_EQ(cleared.errors_since_clear, 0u);
    EXPECT_FALSE(cleared.last_error.has_value());
    EXPECT_EQ(cleared.io_errors, end.io_errors) << "totals survive a clear";
    EXPECT_TRUE(imgui_guard::records_since(0).empty());
}

[[gnu::noinline]] void load_project_fails() {
    imgui_guard::report_error(RecordKind::io_error, "cannot read project.json", "io: load project");
}

TEST(RecordStore, AReportedErrorCarriesTheCallersStackAndJson) {
    imgui_guard::clear_errors();
    load_project_fails();
    const auto snap = imgui_guard::snapshot();
    ASSERT_TRUE(snap.last_error.has_value());
    const imgui_guard::Record& r = *snap.last_error;
    EXPECT_EQ(r.function, "io: load project");
    ASSERT_FALSE(r.stack.empty());
    EXPECT_NE(r.stack.front().function.find("load_project_fails"), std::string::npos)
        << r.stacktrace;
    EXPECT_NE(r.stack.front().file.find("record_store_test.cpp"), std::string::npos);

    const nlohmann::json j = r;
    EXPECT_EQ(j["kind"], "io_error");
    EXPECT_EQ(j["message"], "cannot read project.json");
    EXPECT_EQ(j["count"], 1);
    EXPECT_TRUE(j["stack"].is_array());
    EXPECT_TRUE(j["stack"][0].contains("function"));
    EXPECT_TRUE(j["stack"][0].contains("file"));
    EXPECT_TRUE(j["stack"][0].contains("line"));
    for (const char* key : {"seq", "expr", "file", "line", "panel", "window", "window_stack",
                            "frame", "time", "stacktrace"})
        EXPECT_TRUE(j.contains(key)) << key;
}

TEST(RecordStore, ReportsFromManyThreadsWhileSnapshotsAreRead) {
    imgui_guard::clear_errors();
    const auto start = imgui_guard::snapshot();
    std::atomic<bool> done{false};
    std::thread reader([&] {
        while (!done.load()) {
            const auto s = imgui_guard::snapshot();
            if (s.last_error) {
                EXPECT_FALSE(s.last_error->message.empty());
            }
            (void)imgui_guard::records_since(0);
        }
    });
    std::vector<std::thread> writers;
    for (int t = 0; t < 4; ++t)
        writers.emplace_back([t] {
            for (int i = 0; i < 100; ++i)
                imgui_guard::report_error(RecordKind::io_error, "worker " + std::to_string(t));
        });
    for (auto& w : writers) w.join();
    done = true;
    reader.join();
    const auto end = imgui_guard::snapshot();
    EXPECT_EQ(end.io_errors - start.io_errors, 400u);
    // Same message and same call site: 4 records (one per worker) with count 100 each.
    const auto records = imgui_guard::records_since(start.last_seq);
    ASSERT_EQ(records.size(), 4u);
    for (const auto& r : records) EXPECT_EQ(r.count, 100u);
}

}  // namespace
