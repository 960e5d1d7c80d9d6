// draw_fingerprint_test.cpp: the fingerprint tells apart any two frames that draw differently,
// and only those (app/host/draw_fingerprint.h).
#include "app/host/draw_fingerprint.h"

#include <gtest/gtest.h>

#include "imgui.h"
#include "imgui_internal.h"

namespace {

using imhost::draw_fingerprint;

// Draw data made by hand: two lists of quads, each quad one command. No frame is run.
class DrawFingerprint : public ::testing::Test {
  protected:
    void SetUp() override {
        ctx_ = ImGui::CreateContext();
        lists_[0] = IM_NEW(ImDrawList)(&ctx_->DrawListSharedData);
        lists_[1] = IM_NEW(ImDrawList)(&ctx_->DrawListSharedData);
        fill(*lists_[0], 3);
        fill(*lists_[1], 150);  // past one batch of commands (64)
        data_.Valid = true;
        data_.DisplaySize = ImVec2(1280, 800);
        data_.FramebufferScale = ImVec2(1, 1);
        data_.AddDrawList(lists_[0]);
        data_.AddDrawList(lists_[1]);
    }
    void TearDown() override {
        IM_DELETE(lists_[0]);
        IM_DELETE(lists_[1]);
        ImGui::DestroyContext(ctx_);
    }

    static void fill(ImDrawList& list, int quads) {
        for (int q = 0; q < quads; ++q) {
            const auto base = static_cast<unsigned>(list.VtxBuffer.Size);
            for (int v = 0; v < 4; ++v)
                list.VtxBuffer.push_back({ImVec2(float(q * 10 + v), float(v)), ImVec2(0, 0),
                                          IM_COL32(200, 100, 50, 255)});
            for (const unsigned i : {0u, 1u, 2u, 0u, 2u, 3u})
                list.IdxBuffer.push_back(static_cast<ImDrawIdx>(base + i));
            ImDrawCmd cmd;
            cmd.ClipRect = ImVec4(0, 0, 1280, 800);
            cmd.IdxOffset = static_cast<unsigned>(q * 6);
            cmd.ElemCount = 6;
            list.CmdBuffer.push_back(cmd);
        }
    }

    ImGuiContext* ctx_ = nullptr;
    ImDrawList* lists_[2] = {};
    ImDrawData data_;
};

TEST_F(DrawFingerprint, TheSameDrawDataGivesTheSameFingerprint) {
    const std::uint64_t first = draw_fingerprint(data_);
    EXPECT_EQ(draw_fingerprint(data_), first);
}

TEST_F(DrawFingerprint, AnyChangeThatReachesTheGpuChangesIt) {
    const std::uint64_t before = draw_fingerprint(data_);
    auto differs = [&](auto&& change, auto&& undo, const char* what) {
        change();
        EXPECT_NE(draw_fingerprint(data_), before) << what;
        undo();
        EXPECT_EQ(draw_fingerprint(data_), before) << what << ", undone";
    };
    ImDrawList& a = *lists_[0];
    ImDrawList& b = *lists_[1];
    differs([&] { a.VtxBuffer[5].col = IM_COL32(0, 0, 0, 255); },
            [&] { a.VtxBuffer[5].col = IM_COL32(200, 100, 50, 255); }, "a vertex's colour");
    differs([&] { b.IdxBuffer[7] = 0; }, [&] { b.IdxBuffer[7] = 5; }, "an index");
    differs([&] { b.CmdBuffer[1].ClipRect.z = 640; }, [&] { b.CmdBuffer[1].ClipRect.z = 1280; },
            "a clip rect in the first batch");
    differs([&] { b.CmdBuffer[140].ElemCount = 3; }, [&] { b.CmdBuffer[140].ElemCount = 6; },
            "a command in the last, partial batch");
    differs([&] { b.CmdBuffer[70].TexRef = ImTextureRef(ImTextureID(7)); },
            [&] { b.CmdBuffer[70].TexRef = ImTextureRef(); }, "a command's texture");
    differs([&] { data_.DisplaySize.x = 1000; }, [&] { data_.DisplaySize.x = 1280; },
            "the display size");
}

// The same commands split differently between two lists draw in another order of lists: the
// fingerprint sees where one list ends.
TEST_F(DrawFingerprint, WhereOneListEndsAndTheNextBeginsCounts) {
    const std::uint64_t before = draw_fingerprint(data_);
    ImDrawList& a = *lists_[0];
    ImDrawList& b = *lists_[1];
    // The first command of b, with its vertices and indices, moves to the end of a.
    for (int v = 0; v < 4; ++v) a.VtxBuffer.push_back(b.VtxBuffer[v]);
    b.VtxBuffer.erase(b.VtxBuffer.begin(), b.VtxBuffer.begin() + 4);
    for (int i = 0; i < 6; ++i) a.IdxBuffer.push_back(b.IdxBuffer[i]);
    b.IdxBuffer.erase(b.IdxBuffer.begin(), b.IdxBuffer.begin() + 6);
    a.CmdBuffer.push_back(b.CmdBuffer[0]);
    b.CmdBuffer.erase(b.CmdBuffer.begin());
    EXPECT_NE(draw_fingerprint(data_), before);
}

// A user callback draws what it likes: a frame with one is never taken as the one on screen.
TEST_F(DrawFingerprint, AFrameWithAUserCallbackIsNeverTheSameAsTheLast) {
    lists_[1]->CmdBuffer[3].UserCallback = [](const ImDrawList*, const ImDrawCmd*) {};
    const std::uint64_t first = draw_fingerprint(data_);
    ctx_->FrameCount += 1;  // the next frame, the same draw data
    EXPECT_NE(draw_fingerprint(data_), first);
}

}  // namespace
