// demo_guarded_test.cpp: Dear ImGui's own demo window, with every tree node and header in it
// open, drawn as a guarded panel. Code nobody here wrote, used as its authors meant it, must give
// no record: none of the guard's checks (ImGui's own, and the ones ImGui leaves out:
// imgui_guard/detail/unchecked_state.h) may take well-formed code for a misuse.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "imgui.h"
#include "imgui_guard/guard.h"
#include "imgui_guard/test_engine_hooks.h"
#include "imgui_internal.h"
#include "tests/unit/imgui_guard/headless_imgui.h"

namespace {

// Opens every closed tree node and collapsing header as it is submitted: its next frame draws
// what is under it, so a few frames open the demo down to its deepest node.
class OpenEveryNode : public imgui_guard::ItemSink {
  public:
    void item_add(ImGuiContext&, unsigned, const ImRect&, const ImGuiLastItemData*) override {}
    void item_info(ImGuiContext&, unsigned id, const char*, int status_flags) override {
        if ((status_flags & ImGuiItemStatusFlags_Openable) &&
            !(status_flags & ImGuiItemStatusFlags_Opened)) {
            ImGui::GetStateStorage()->SetInt(id, 1);
            ++opened;
        }
    }
    int opened = 0;
};

using DemoGuarded = guard_test::GuardTest;

TEST_F(DemoGuarded, EveryNodeOpenGivesNoRecord) {
    ImGuiContext& ctx = *ImGui::GetCurrentContext();
    OpenEveryNode sink;
    imgui_guard::install_item_sink(ctx, &sink);
    const std::uint64_t seq = imgui_guard::snapshot().last_seq;
    for (int i = 0; i < 40; ++i) {
        const auto frame = imgui.frame(
            [] { imgui_guard::guarded("Dear ImGui Demo", [] { ImGui::ShowDemoWindow(); }); });
        ASSERT_TRUE(frame.rendered && !frame.fatal) << "frame " << i << ": " << frame.reason;
    }
    imgui_guard::install_item_sink(ctx, nullptr);
    EXPECT_GT(sink.opened, 200) << "the demo's nodes were not opened: the test shows nothing";
    const std::vector<imgui_guard::Record> records = imgui_guard::records_since(seq);
    for (const imgui_guard::Record& r : records)
        ADD_FAILURE() << imgui_guard::kind_name(r.kind) << " x" << r.count << ": " << r.message;
    EXPECT_TRUE(imgui_guard::snapshot().quarantined_panels.empty());
}

}  // namespace
