// panel_faults_test.cpp: every panel fault kind, from missing_end to exception, on a headless
// context: the right record (kind, message, panel, stack), recovery, and a healthy neighbour.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/faults/imgui_misuse.h"
#include "imgui.h"
#include "imgui_guard/guard.h"
#include "tests/unit/imgui_guard/headless_imgui.h"

namespace {

using imgui_guard::Record;
using imgui_guard::RecordKind;

struct FaultCase {
    const char* name;
    void (*panel)();
    RecordKind kind;
    const char* message;   // a substring of the record's message
    const char* function;  // the panel function the stack must name
};

void PrintTo(const FaultCase& c, std::ostream* os) { *os << c.name; }

const FaultCase kCases[] = {
    {"missing_end", &imhost::faults::missing_end, RecordKind::scope_leak,
     "panel 'Faulty' left a window open (Begin(\"Fault: missing_end\") without End())",
     "imhost::faults::missing_end"},
    {"missing_pop_id", &imhost::faults::missing_pop_id, RecordKind::user_error,
     "panel 'Faulty' left an ID pushed (PushID() without PopID())",
     "imhost::faults::missing_pop_id"},
    {"extra_end", &imhost::faults::extra_end, RecordKind::user_error,
     "Calling End() too many times!", "imhost::faults::extra_end"},
    {"extra_pop_id", &imhost::faults::extra_pop_id, RecordKind::user_error,
     "Calling PopID() too many times!", "imhost::faults::extra_pop_id"},
    {"missing_end_child", &imhost::faults::missing_end_child, RecordKind::scope_leak,
     "panel 'Faulty' left a child window open (BeginChild(\"Fault: missing_end_child\") "
     "without EndChild())",
     "imhost::faults::missing_end_child"},
    {"missing_end_table", &imhost::faults::missing_end_table, RecordKind::user_error,
     "left a table open (BeginTable() without EndTable())", "imhost::faults::missing_end_table"},
    {"missing_pop_style_var", &imhost::faults::missing_pop_style_var, RecordKind::user_error,
     "left a style var pushed (PushStyleVar() without PopStyleVar())",
     "imhost::faults::missing_pop_style_var"},
    {"missing_pop_style_color", &imhost::faults::missing_pop_style_color, RecordKind::user_error,
     "left a style color pushed (PushStyleColor() without PopStyleColor())",
     "imhost::faults::missing_pop_style_color"},
    {"missing_tree_pop", &imhost::faults::missing_tree_pop, RecordKind::user_error,
     "left a tree node open (TreeNode() without TreePop())", "imhost::faults::missing_tree_pop"},
    {"missing_end_group", &imhost::faults::missing_end_group, RecordKind::user_error,
     "left a group open (BeginGroup() without EndGroup())", "imhost::faults::missing_end_group"},
    {"hard_assert", &imhost::faults::hard_assert, RecordKind::assert_failure,
     "fault injection: hard_assert", "imhost::faults::hard_assert"},
    {"exception", &imhost::faults::throw_exception, RecordKind::exception,
     "fault injection: exception thrown from panel code", "imhost::faults::throw_exception"},
};

bool names_function(const Record& r, const std::string& function) {
    return std::any_of(r.stack.begin(), r.stack.end(), [&](const imgui_guard::StackFrame& f) {
        return f.function.find(function) != std::string::npos;
    });
}

// A frame of our own source (not ImGui's, not the C++ library's) with a line number.
bool has_our_file_line(const Record& r) {
    return std::any_of(r.stack.begin(), r.stack.end(), [](const imgui_guard::StackFrame& f) {
        return f.line > 0 && f.file.find("app/faults/imgui_misuse.cpp") != std::string::npos;
    });
}

class PanelFault : public guard_test::GuardTest, public ::testing::WithParamInterface<FaultCase> {};

TEST_P(PanelFault, IsRecordedWithPanelAndStackThenImGuiKeepsGoing) {
    const FaultCase& c = GetParam();
    const guard_test::FaultFrame f = guard_test::fault_frame(imgui, healthy, "Faulty", c.panel);
    EXPECT_TRUE(f.outcome.rendered);
    EXPECT_FALSE(f.outcome.fatal) << f.outcome.reason;
    EXPECT_FALSE(f.returned) << "guarded() should report the faulty panel";

    const std::vector<Record>& records = f.records;
    ASSERT_FALSE(records.empty());
    const auto found = std::find_if(records.begin(), records.end(), [&](const Record& r) {
        return r.kind == c.kind && r.message.find(c.message) != std::string::npos;
    });
    ASSERT_NE(found, records.end()) << "no " << imgui_guard::kind_name(c.kind) << " record with '"
                                    << c.message << "'; first: " << records.front().message;
    const Record& r = *found;
    EXPECT_EQ(r.panel, "Faulty");
    EXPECT_EQ(r.count, 1u);
    EXPECT_EQ(r.frame, imgui.frames());
    EXPECT_GT(r.time, 1.6e9);
    EXPECT_TRUE(names_function(r, c.function)) << r.stacktrace;
    EXPECT_TRUE(has_our_file_line(r)) << r.stacktrace;
    EXPECT_NE(r.stacktrace.find(c.function), std::string::npos);
    for (const Record& other : records)
        EXPECT_EQ(other.panel, "Faulty") << "a record outside the faulty panel: " << other.message;

    // 100 more frames: no new record, the healthy panel draws at the top level every time.
    const int draws_before = healthy.draws;
    EXPECT_TRUE(guard_test::healthy_frames(imgui, healthy, 100).empty());
    EXPECT_EQ(healthy.draws, draws_before + 100);
    EXPECT_EQ(healthy.nested_draws, 0);
    EXPECT_TRUE(imgui_guard::snapshot().quarantined_panels.empty());
}

INSTANTIATE_TEST_SUITE_P(EveryKind, PanelFault, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(PanelFaultMessages, ALeakedWindowAndTheIdInsideItAreBothNamed) {
    imgui_guard::clear_errors();
    guard_test::HeadlessImGui imgui;
    const std::uint64_t seq = imgui_guard::snapshot().last_seq;
    imgui.frame([] {
        imgui_guard::guarded("Context", [] {
            ImGui::Begin("Files");
            ImGui::PushID("row");
        });
    });
    const auto records = imgui_guard::records_since(seq);
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].kind, RecordKind::scope_leak);
    EXPECT_EQ(
        records[0].message,
        "panel 'Context' left a window open (Begin(\"Files\") without End()) and an ID pushed");
    EXPECT_EQ(records[0].window, "Files");
}

TEST(PanelFaultMessages, AnAssertInADestructorIsRecordedButNeverThrown) {
    struct AssertsWhenDestroyed {
        ~AssertsWhenDestroyed() { IM_ASSERT(false && "assert in a destructor"); }
    };
    imgui_guard::clear_errors();
    guard_test::HeadlessImGui imgui;
    bool returned = true;
    const auto outcome = imgui.frame(
        [&] { returned = imgui_guard::guarded("Destructor", [] { AssertsWhenDestroyed a; }); });
    EXPECT_TRUE(outcome.rendered);
    EXPECT_FALSE(returned);
    const auto snap = imgui_guard::snapshot();
    ASSERT_TRUE(snap.last_assert.has_value());
    EXPECT_EQ(snap.last_assert->message, "assert in a destructor");
    EXPECT_EQ(snap.last_assert->panel, "Destructor");
}

}  // namespace
