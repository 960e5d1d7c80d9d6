// misuse_matrix_live_test.cpp: every kind of the misuse matrix (app/faults/misuse_matrix.h)
// injected into one real imhost under Xvfb, one after another, through POST /api/debug/fault.
// Each gives exactly one record naming the Faults panel and the call, then no record for the
// frames after it; health stays `warn` (never `fail`), no panel is quarantined, the workbench
// keeps drawing, and the process is alive at the end.
#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <string>

#include "app/faults/misuse_matrix.h"
#include "tests/harness/live_gui.h"

namespace {

using nlohmann::json;

// Frames watched after each record for a repeat (ImGui's end-of-frame checks, the next Begin()
// of the same windows), and after the last kind for damage that outlived any of them. The unit
// tests watch 100 frames after every kind; here all the kinds share one CI test, at ~30 ms a frame.
constexpr int kQuietFrames = 2;
constexpr int kQuietFramesAtTheEnd = 60;

json records_since(harness::LiveGui& gui, std::uint64_t seq) {
    return gui.call("GET", "/api/errors?since=" + std::to_string(seq))["records"];
}

TEST(MisuseMatrixLive, EveryKindGivesOneRecordNamingThePanelAndTheCallAndTheAppDrawsOn) {
    harness::LiveGui gui;
    std::set<std::string> listed;
    const json kinds = gui.call("GET", "/api/debug/fault")["kinds"];
    for (const json& k : kinds) {
        EXPECT_FALSE(k["description"].get<std::string>().empty()) << k.dump();
        listed.insert(k["kind"].get<std::string>());
    }
    std::string table = "kind                                   record      message\n";
    for (const imhost::faults::Misuse& m : imhost::faults::misuse_matrix()) {
        SCOPED_TRACE(m.name);
#if defined(__SANITIZE_ADDRESS__)
        if (m.ubsan_stops) continue;  // UBSan stops inside ImGui first (misuse_matrix.h)
#endif
        ASSERT_TRUE(listed.count(m.name)) << "GET /api/debug/fault does not list " << m.name;
        const std::uint64_t seq = gui.call("POST", "/api/errors/clear")["last_seq"];
        EXPECT_EQ(gui.fault(m.name)["armed"], true);
        // The fault runs in the panel's next frame; a frames wait also wakes an idle loop.
        gui.wait({{"type", "frames"}, {"count", 1 + kQuietFrames}});
        const json records = records_since(gui, seq);
        ASSERT_EQ(records.size(), 1u) << records.dump(2);
        const json& r = records[0];
        EXPECT_EQ(r["count"], 1) << "repeated after the fault's frame: " << r.dump(2);
        EXPECT_EQ(r["panel"], "Faults");
        const std::string message = r["message"];
        char row[96];
        std::snprintf(row, sizeof row, "%-38s %-11s ", m.name,
                      r["kind"].get<std::string>().c_str());
        table += row + message.substr(0, 160) + "\n";
        EXPECT_TRUE(message.starts_with("panel 'Faults' ")) << message;
        EXPECT_NE(message.find(m.words), std::string::npos) << message;
        // A leak is found after the mistake returned: its first record's stack is the panel's
        // (the Begin() site comes with a repeat); any other record's goes through the mistake.
        const std::string stack_names =
            r["kind"] == "scope_leak" ? "imhost::faults::FaultInjector::draw_panel" : m.name;
        EXPECT_NE(r["stacktrace"].get<std::string>().find(stack_names), std::string::npos)
            << r["stacktrace"].get<std::string>();
        const json health = gui.health();
        EXPECT_EQ(health["status"], "warn") << health.dump(2);
        EXPECT_EQ(health["phase"], "running");
        EXPECT_TRUE(health["guard"]["quarantined_panels"].empty()) << health.dump(2);
    }
    std::fputs(table.c_str(), stdout);  // what each kind's one record says, for the CI log
    const std::uint64_t seq = gui.call("POST", "/api/errors/clear")["last_seq"];
    gui.wait({{"type", "frames"}, {"count", kQuietFramesAtTheEnd}}, 20000);
    EXPECT_TRUE(records_since(gui, seq).empty()) << records_since(gui, seq).dump(2);
    EXPECT_TRUE(gui.alive());
    const json health = gui.health();
    EXPECT_EQ(health["status"], "pass") << "records cleared, none since: " << health.dump(2);
    const json windows = gui.call("GET", "/api/windows");
    EXPECT_NE(windows.dump().find("Faults"), std::string::npos) << windows.dump(2);
    EXPECT_EQ(gui.stop().describe(), "exit code 0") << gui.stderr_text();
}

}  // namespace
