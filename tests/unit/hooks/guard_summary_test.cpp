// guard_summary_test.cpp: the guard's snapshot as health shows it.
#include <gtest/gtest.h>

#include "hooks/guard_summary.h"

namespace {

TEST(GuardSummary, CountsQuarantineAndLastRecordsWithTheirStack) {
    imgui_guard::GuardSnapshot s;
    s.asserts = 2;
    s.user_errors = 3;
    s.scope_leaks = 1;
    s.exceptions = 4;
    s.recoveries = 5;
    s.errors_since_clear = 6;
    s.quarantined_panels = {"Context"};
    imgui_guard::Record r;
    r.seq = 9;
    r.kind = imgui_guard::RecordKind::scope_leak;
    r.message = "panel 'Context' left 1 window open";
    r.panel = "Context";
    r.stack = {{"imhost::ContextPanel::draw", "app/workbench/context_panel.cpp", 42}};
    r.stacktrace = "#0 imhost::ContextPanel::draw at app/workbench/context_panel.cpp:42";
    s.last_assert = r;

    const hooks::GuardSummary g = hooks::summarize(s);
    EXPECT_EQ(g.asserts, 2u);
    EXPECT_EQ(g.user_errors, 3u);
    EXPECT_EQ(g.scope_leaks, 1u);
    EXPECT_EQ(g.exceptions, 4u);
    EXPECT_EQ(g.recoveries, 5u);
    EXPECT_EQ(g.errors_since_clear, 6u);
    EXPECT_EQ(g.quarantined_panels, std::vector<std::string>{"Context"});
    ASSERT_TRUE(g.last_assert.is_object());
    EXPECT_EQ(g.last_assert["seq"], 9);
    EXPECT_EQ(g.last_assert["kind"], "scope_leak");
    EXPECT_TRUE(g.last_assert.contains("stacktrace"));
    EXPECT_TRUE(g.last_error.is_null());
}

TEST(GuardSummary, FeedsTheHealthStatus) {
    imgui_guard::GuardSnapshot s;
    s.errors_since_clear = 1;
    std::vector<std::string> reasons;
    EXPECT_EQ(hooks::decide_status(hooks::Phase::running, "", 0, {}, hooks::summarize(s), reasons),
              hooks::HealthStatus::warn);
    s.errors_since_clear = 0;
    reasons.clear();
    EXPECT_EQ(hooks::decide_status(hooks::Phase::running, "", 0, {}, hooks::summarize(s), reasons),
              hooks::HealthStatus::pass);
}

}  // namespace
