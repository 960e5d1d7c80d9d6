// misuse_matrix_test.cpp: every kind of the misuse matrix (app/faults/misuse_matrix.h) on a
// headless context: exactly one record, naming the panel and the call, with a stack through the
// mistake; no record in the next 100 frames; no quarantine; a healthy panel drawn every frame.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/faults/misuse_matrix.h"
#include "imgui.h"
#include "imgui_guard/guard.h"
#include "tests/unit/imgui_guard/headless_imgui.h"

namespace imhost::faults {
void PrintTo(const Misuse& m, std::ostream* os) { *os << m.name; }  // test names, not bytes
}  // namespace imhost::faults

namespace {

using imgui_guard::Record;
using imhost::faults::Misuse;

std::string describe(const std::vector<Record>& records) {
    std::string out;
    for (const Record& r : records)
        out += std::string("\n  [") + imgui_guard::kind_name(r.kind) + "] panel '" + r.panel +
               "' x" + std::to_string(r.count) + ": " + r.message + "  (" + r.function + ")";
    return out;
}

class MisuseMatrix : public guard_test::GuardTest, public ::testing::WithParamInterface<Misuse> {};

TEST_P(MisuseMatrix, OneRecordNamingThePanelAndTheCallThenCleanFrames) {
    const Misuse& m = GetParam();
#if defined(__SANITIZE_ADDRESS__)
    if (m.ubsan_stops) GTEST_SKIP() << "UBSan stops inside ImGui first (misuse_matrix.h)";
#endif
    const guard_test::FaultFrame f = guard_test::fault_frame(imgui, healthy, "Misuse", m.run);
    EXPECT_TRUE(f.outcome.rendered);
    EXPECT_FALSE(f.outcome.fatal) << f.outcome.reason;
    EXPECT_FALSE(f.returned) << "guarded() should report the faulty panel";

    ASSERT_EQ(f.records.size(), 1u) << describe(f.records);
    const Record& r = f.records.front();
    EXPECT_EQ(r.panel, "Misuse");
    EXPECT_EQ(r.count, 1u);
    EXPECT_TRUE(r.message.starts_with("panel 'Misuse' ")) << r.message;
    EXPECT_NE(r.message.find(m.words), std::string::npos) << r.message;
    EXPECT_NE(r.stacktrace.find(std::string("imhost::faults::misuse::") + m.name),
              std::string::npos)
        << r.stacktrace;

    const int draws_before = healthy.draws;
    const std::vector<Record> after = guard_test::healthy_frames(imgui, healthy, 100);
    EXPECT_TRUE(after.empty()) << describe(after);
    EXPECT_EQ(healthy.draws, draws_before + 100);
    EXPECT_EQ(healthy.nested_draws, 0);
    EXPECT_TRUE(imgui_guard::snapshot().quarantined_panels.empty());
}

INSTANTIATE_TEST_SUITE_P(EveryKind, MisuseMatrix,
                         ::testing::ValuesIn(imhost::faults::misuse_matrix().begin(),
                                             imhost::faults::misuse_matrix().end()),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace

// The live app runs every kind in one process, in the order of the kind table (by name): no
// kind may leave damage the next one trips over.
using MisuseMatrixInOneContext = guard_test::GuardTest;

TEST_F(MisuseMatrixInOneContext, EveryKindAfterTheOthersStillGivesItsOwnRecord) {
    std::vector<Misuse> kinds(imhost::faults::misuse_matrix().begin(),
                              imhost::faults::misuse_matrix().end());
    std::sort(kinds.begin(), kinds.end(),
              [](const Misuse& a, const Misuse& b) { return std::string(a.name) < b.name; });
    for (const Misuse& m : kinds) {
        SCOPED_TRACE(m.name);
#if defined(__SANITIZE_ADDRESS__)
        if (m.ubsan_stops) continue;  // UBSan stops inside ImGui first (misuse_matrix.h)
#endif
        imgui_guard::clear_errors();
        const std::uint64_t seq = imgui_guard::snapshot().last_seq;
        imgui.frame([&] {
            imgui_guard::guarded("Healthy", [&] { healthy.draw(); });
            imgui_guard::guarded("Misuse", m.run);
        });
        for (int i = 0; i < 3; ++i)  // the panel draws on, well: its fault count starts again
            imgui.frame([&] {
                imgui_guard::guarded("Healthy", [&] { healthy.draw(); });
                imgui_guard::guarded("Misuse", [] {});
            });
        const std::vector<Record> records = imgui_guard::records_since(seq);
        ASSERT_EQ(records.size(), 1u) << describe(records);
        EXPECT_NE(records[0].message.find(m.words), std::string::npos) << records[0].message;
    }
    EXPECT_EQ(healthy.nested_draws, 0);
    EXPECT_TRUE(imgui_guard::snapshot().quarantined_panels.empty());
}
