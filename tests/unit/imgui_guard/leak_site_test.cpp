// leak_site_test.cpp: a scope_leak record learns the Begin() call that leaked its window.
//
// The first leak is found after the panel returned (its stack starts at the panel). The guard
// then watches the leaked window; when the panel leaks it again, the record (merged, count 2)
// carries the stack of that Begin(): frame 0 ImGui's Begin, then the call in imgui_misuse.cpp,
// whose file:line is the record's place and its leak_site. The watch costs nothing when no
// leak happened, and it ends by itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "app/faults/imgui_misuse.h"
#include "imgui.h"
#include "imgui_guard/guard.h"
#include "imgui_internal.h"
#include "tests/unit/imgui_guard/headless_imgui.h"

namespace {

using imgui_guard::Record;
using imgui_guard::RecordKind;

// Line `line` of `file` (an absolute path from the debug info).
std::string source_line(const std::string& file, int line) {
    std::ifstream in(file);
    std::string text;
    for (int i = 0; i < line && std::getline(in, text); ++i) {
    }
    return text;
}

class LeakSite : public ::testing::Test {
  protected:
    void SetUp() override {
        imgui_guard::clear_errors();
        imgui_guard::reenable_all_panels();
    }
    void TearDown() override { imgui_guard::reenable_all_panels(); }

    // One frame drawing `panel` under the name "Leaky"; returns the records it made.
    std::vector<Record> leak_frame(void (*panel)()) {
        const std::uint64_t seq = imgui_guard::snapshot().last_seq;
        const auto outcome = imgui.frame([&] { imgui_guard::guarded("Leaky", panel); });
        EXPECT_TRUE(outcome.rendered && !outcome.fatal) << outcome.reason;
        return imgui_guard::records_since(seq);
    }
    bool item_hooks_on() const { return ImGui::GetCurrentContext()->TestEngineHookItems; }

    guard_test::HeadlessImGui imgui;
};

TEST_F(LeakSite, TheSecondLeakNamesTheBeginCallInThePanelsCode) {
    const auto first = leak_frame(&imhost::faults::missing_end);
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].kind, RecordKind::scope_leak);
    EXPECT_FALSE(first[0].leak_site.has_value()) << "the Begin() has not been seen yet";

    const auto second = leak_frame(&imhost::faults::missing_end);
    ASSERT_EQ(second.size(), 1u) << "the repeat merges into the first record";
    const Record& r = second[0];
    EXPECT_EQ(r.count, 2u);
    EXPECT_EQ(r.message, first[0].message);
    ASSERT_TRUE(r.leak_site.has_value()) << r.stacktrace;
    EXPECT_NE(r.leak_site->file.find("app/faults/imgui_misuse.cpp"), std::string::npos)
        << r.stacktrace;
    EXPECT_NE(source_line(r.leak_site->file, r.leak_site->line).find("ImGui::Begin("),
              std::string::npos)
        << r.leak_site->file << ":" << r.leak_site->line << " is not the Begin() call";
    EXPECT_EQ(r.file, r.leak_site->file);
    EXPECT_EQ(r.line, r.leak_site->line);
    EXPECT_EQ(r.function, r.leak_site->function);
    ASSERT_FALSE(r.stack.empty());
    EXPECT_TRUE(r.stack.front().function.starts_with("ImGui::Begin(")) << r.stacktrace;
    EXPECT_NE(r.stacktrace.find("imhost::faults::missing_end"), std::string::npos) << r.stacktrace;
    const nlohmann::json j = r;
    EXPECT_EQ(j["leak_site"]["line"], r.leak_site->line);
    EXPECT_EQ(j["file"], r.leak_site->file);
}

TEST_F(LeakSite, ALeakedChildWindowNamesTheBeginChildCall) {
    leak_frame(&imhost::faults::missing_end_child);
    const auto second = leak_frame(&imhost::faults::missing_end_child);
    ASSERT_EQ(second.size(), 1u);
    const Record& r = second[0];
    ASSERT_TRUE(r.leak_site.has_value()) << r.stacktrace;
    EXPECT_NE(source_line(r.leak_site->file, r.leak_site->line).find("ImGui::BeginChild("),
              std::string::npos)
        << r.leak_site->file << ":" << r.leak_site->line;
    EXPECT_NE(r.leak_site->function.find("missing_end_child"), std::string::npos);
}

// No tail call into ImGui (-O2 would turn it into a jump and drop the caller's frame).
inline void keep_frame() { __asm__ volatile(""); }

[[gnu::noinline]] void opens_shared_properly() {
    ImGui::Begin("Shared");
    ImGui::End();
    keep_frame();
}
[[gnu::noinline]] void leaks_shared() {
    ImGui::Begin("Shared");
    keep_frame();
}

TEST_F(LeakSite, ARepeatSeenWithoutItsSiteKeepsTheSiteFoundBefore) {
    // Frame 1: the leak. Frame 2: the site (Leaky opens "Shared" first in the frame).
    leak_frame(&leaks_shared);
    const auto second = leak_frame(&leaks_shared);
    ASSERT_EQ(second.size(), 1u);
    ASSERT_TRUE(second[0].leak_site.has_value()) << second[0].stacktrace;
    const int site_line = second[0].leak_site->line;

    // Frame 3: another panel opens "Shared" first, so Leaky's Begin() is not the window's first
    // of the frame and is not seen. The repeat still merges and keeps the site.
    const std::uint64_t seq = imgui_guard::snapshot().last_seq;
    imgui.frame([&] {
        imgui_guard::guarded("Proper", &opens_shared_properly);
        imgui_guard::guarded("Leaky", &leaks_shared);
    });
    const auto third = imgui_guard::records_since(seq);
    ASSERT_EQ(third.size(), 1u);
    EXPECT_EQ(third[0].panel, "Leaky");
    EXPECT_EQ(third[0].count, 3u);
    ASSERT_TRUE(third[0].leak_site.has_value());
    EXPECT_EQ(third[0].leak_site->line, site_line);
    EXPECT_NE(third[0].leak_site->function.find("leaks_shared"), std::string::npos);
    EXPECT_TRUE(imgui_guard::panel_quarantined("Leaky"));
}

TEST_F(LeakSite, NoWatchWithoutALeakAndTheWatchEndsByItself) {
    guard_test::HealthyPanel healthy;
    for (int i = 0; i < 5; ++i)
        imgui.frame([&] { imgui_guard::guarded("Healthy", [&] { healthy.draw(); }); });
    EXPECT_FALSE(item_hooks_on()) << "no leak: ImGui's item hooks stay off";

    leak_frame(&imhost::faults::missing_end);  // once only
    EXPECT_TRUE(item_hooks_on()) << "the leaked window is watched";
    int frames = 0;
    while (item_hooks_on() && frames < 2000) {
        imgui.frame([&] { imgui_guard::guarded("Healthy", [&] { healthy.draw(); }); });
        ++frames;
    }
    EXPECT_FALSE(item_hooks_on()) << "the watch never ended";
    EXPECT_GT(frames, 500) << "the watch ended before its time";
    EXPECT_LT(frames, 700);
}

}  // namespace
