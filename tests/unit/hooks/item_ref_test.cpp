// item_ref_test.cpp: refs hash to exactly the IDs Dear ImGui computes (GetID, PushID, TreeNode,
// "###", escapes), the registry names items by their ref, and a ref locator finds them.
#include <gtest/gtest.h>

#include "hooks/http/api_error.h"
#include "hooks/ui/item_ref.h"
#include "hooks/ui/item_registry.h"
#include "hooks/ui/locator.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace {

using hooks::ref_id;
using hooks::split_ref;

class RefTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ctx_ = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(800, 600);
        io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;
        io.Fonts->AddFontDefault();
        registry_.install(*ctx_);
    }
    void TearDown() override {
        registry_.uninstall(*ctx_);
        ImGui::DestroyContext(ctx_);
    }
    // One frame of `draw` inside window "Demo Window"; returns what `probe` computed in it.
    template <typename Draw>
    void frame(Draw draw) {
        ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
        ImGui::NewFrame();
        registry_.begin_frame(++frames_);
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(400, 500));
        ImGui::Begin("Demo Window");
        draw();
        ImGui::End();
        ImGui::Render();
        registry_.end_frame(*ctx_);
        registry_.wait_published();
    }
    std::uint32_t id_of(const std::string& ref) { return ref_id(split_ref(ref)); }

    ImGuiContext* ctx_ = nullptr;
    hooks::ItemRegistry registry_;
    std::uint64_t frames_ = 0;
};

TEST_F(RefTest, HashesAsImGuiGetIdDoes) {
    ImGuiID window = 0, button = 0, pushed = 0, hashed_reset = 0, escaped = 0, backslash = 0;
    frame([&] {
        window = ImGui::GetCurrentWindow()->ID;
        button = ImGui::GetID("Button");
        ImGui::PushID("Basic");
        pushed = ImGui::GetID("Checkbox##chk");
        ImGui::PopID();
        ImGui::PushID("Shown title###stable");
        hashed_reset = ImGui::GetID("x");
        ImGui::PopID();
        ImGui::PushID("a/b");
        escaped = ImGui::GetID("c");
        ImGui::PopID();
        backslash = ImGui::GetID("back\\slash");
    });
    EXPECT_EQ(id_of("Demo Window"), window);
    EXPECT_EQ(id_of("Demo Window/Button"), button);
    EXPECT_EQ(id_of("Demo Window/Basic/Checkbox##chk"), pushed);
    // "###" restarts the hash from the scope's seed: any text before it gives the same ID.
    EXPECT_EQ(id_of("Demo Window/Other title###stable/x"), hashed_reset);
    EXPECT_EQ(id_of("Demo Window/a\\/b/c"), escaped);
    EXPECT_EQ(id_of("Demo Window/back\\\\slash"), backslash);
    EXPECT_NE(id_of("Demo Window/a/b/c"), escaped);  // without the escape: three scopes
}

TEST_F(RefTest, BadRefsAreInvalidSelectors) {
    for (const char* bad : {"", "/a", "a/", "a//b", "a\\", "a\\x/b"}) {
        try {
            split_ref(bad);
            ADD_FAILURE() << "accepted: " << bad;
        } catch (const hooks::ApiError& e) {
            EXPECT_EQ(e.code(), hooks::ErrorCode::invalid_selector) << bad;
        }
    }
    EXPECT_THROW(hooks::parse_locator({{"ref", "W//x"}}), hooks::ApiError);
}

TEST_F(RefTest, RegistryNamesItemsByTheirRefThroughOpenTreeNodes) {
    for (int i = 0; i < 2; ++i)
        frame([] {
            ImGui::SetNextItemOpen(true);
            if (ImGui::TreeNode("Basic")) {
                ImGui::Button("Click##me");
                ImGui::TreePop();
            }
            ImGui::PushID(7);  // an integer scope of the app's own: its items get no ref
            ImGui::Button("Hidden scope");
            ImGui::PopID();
        });
    const auto snap = registry_.snapshot();
    const hooks::ItemRecord& node =
        hooks::resolve_one(hooks::parse_locator({{"label", "Basic"}}), *snap);
    EXPECT_EQ(node.ref, "Demo Window/Basic");
    const hooks::ItemRecord& button =
        hooks::resolve_one(hooks::parse_locator({{"ref", "Demo Window/Basic/Click##me"}}), *snap);
    EXPECT_EQ(button.label, "Click");
    EXPECT_EQ(button.ref, "Demo Window/Basic/Click##me");
    const hooks::ItemRecord& hidden =
        hooks::resolve_one(hooks::parse_locator({{"label", "Hidden scope"}}), *snap);
    EXPECT_TRUE(hidden.ref.empty());
}

TEST_F(RefTest, AnItemUnderAClosedNodeIsMissingWithItsNearestAncestorNamed) {
    frame([] {
        ImGui::SetNextItemOpen(false);
        if (ImGui::TreeNode("Basic")) {
            ImGui::Button("Click");
            ImGui::TreePop();
        }
    });
    const auto snap = registry_.snapshot();
    try {
        hooks::resolve_one(hooks::parse_locator({{"ref", "Demo Window/Basic/Click"}}), *snap);
        FAIL() << "found an item that was not drawn";
    } catch (const hooks::ApiError& e) {
        EXPECT_EQ(e.code(), hooks::ErrorCode::no_such_element);
        EXPECT_NE(std::string(e.what()).find("\"Demo Window/Basic\" (closed: open it first)"),
                  std::string::npos)
            << e.what();
    }
}

}  // namespace
