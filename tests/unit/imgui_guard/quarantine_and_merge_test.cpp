// quarantine_and_merge_test.cpp: a panel that keeps faulting is quarantined and comes back when
// re-enabled; 5000 identical faults make one record with count 5000, in bounded memory.
#include <gtest/gtest.h>
#include <malloc.h>

#include <algorithm>

#include "app/faults/imgui_misuse.h"
#include "imgui_guard/guard.h"
#include "tests/unit/imgui_guard/headless_imgui.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
// From the sanitizer runtime (GCC ships no sanitizer/allocator_interface.h): its own allocator
// replaces malloc, so mallinfo2() would not see anything.
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#endif

namespace {

std::size_t allocated_bytes() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    return __sanitizer_get_current_allocated_bytes();
#else
    return mallinfo2().uordblks;
#endif
}

bool is_quarantined(const std::string& panel) {
    const auto q = imgui_guard::snapshot().quarantined_panels;
    return std::find(q.begin(), q.end(), panel) != q.end();
}

using Guard = guard_test::GuardTest;

TEST_F(Guard, APanelFaultingThreeFramesInARowIsQuarantinedUntilReenabled) {
    int faulty_draws = 0;
    bool fault = true;
    auto draw_faulty = [&] {
        ++faulty_draws;
        if (fault) imhost::faults::missing_pop_id();
    };
    auto frame = [&] {
        imgui.frame([&] {
            imgui_guard::guarded("Flaky", draw_faulty);
            imgui_guard::guarded("Healthy", [&] { healthy.draw(); });
        });
    };
    frame();
    frame();
    EXPECT_FALSE(is_quarantined("Flaky")) << "two faulty frames are not enough";
    frame();
    EXPECT_TRUE(is_quarantined("Flaky"));
    EXPECT_TRUE(imgui_guard::panel_quarantined("Flaky"));
    EXPECT_EQ(faulty_draws, 3);

    for (int i = 0; i < 5; ++i) frame();
    EXPECT_EQ(faulty_draws, 3) << "a quarantined panel is not drawn";
    EXPECT_EQ(healthy.draws, 8) << "the other panel kept drawing";

    fault = false;
    imgui_guard::reenable_panel("Flaky");
    EXPECT_FALSE(is_quarantined("Flaky"));
    frame();
    EXPECT_EQ(faulty_draws, 4) << "re-enabled panels are drawn again";
    EXPECT_FALSE(is_quarantined("Flaky"));
}

TEST_F(Guard, OnlyConsecutiveFaultsCount) {
    int n = 0;
    for (int i = 0; i < 9; ++i)
        imgui.frame([&] {
            imgui_guard::guarded("Sometimes", [&] {
                if (++n % 3 != 0) imhost::faults::missing_pop_id();  // 2 bad, 1 good, ...
            });
        });
    EXPECT_FALSE(is_quarantined("Sometimes"));
    EXPECT_EQ(n, 9);
}

TEST_F(Guard, FiveThousandFaultyFramesMakeOneRecordWithCount5000InBoundedMemory) {
    auto faulty_frame = [&] {
        imgui.frame([&] {
            imgui_guard::guarded("Leaky", &imhost::faults::missing_end);
            imgui_guard::guarded("Healthy", [&] { healthy.draw(); });
            imgui_guard::reenable_panel("Leaky");  // keep it drawn: quarantine is not tested here
        });
    };
    const imgui_guard::GuardSnapshot start = imgui_guard::snapshot();
    std::size_t bytes_at_500 = 0;
    for (int i = 1; i <= 5000; ++i) {
        faulty_frame();
        if (i == 500) bytes_at_500 = allocated_bytes();
    }
    const std::size_t bytes_at_5000 = allocated_bytes();

    const auto records = imgui_guard::records_since(start.last_seq);
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].count, 5000u);
    EXPECT_EQ(records[0].kind, imgui_guard::RecordKind::scope_leak);
    EXPECT_EQ(records[0].frame, imgui.frames()) << "a merged repeat carries the newest frame";
    const imgui_guard::GuardSnapshot end = imgui_guard::snapshot();
    EXPECT_EQ(end.scope_leaks - start.scope_leaks, 5000u);
    EXPECT_EQ(end.errors_since_clear, 5000u);
    EXPECT_EQ(end.last_seq - start.last_seq, 5000u) << "each repeat takes a new seq";
    EXPECT_EQ(end.last_assert->count, 5000u);
    EXPECT_EQ(healthy.draws, 5000);
    // 4500 more faults may not cost more than a little allocator noise.
    const long long growth =
        static_cast<long long>(bytes_at_5000) - static_cast<long long>(bytes_at_500);
    EXPECT_LT(growth, 64 * 1024) << "memory grew by " << growth << " bytes over 4500 faults";
}

}  // namespace
