// item_registry.h: every item with an ID that the GUI drew, seen through ImGui's test-engine
// hooks (imgui_guard/test_engine_hooks.h) and published once per frame for the HTTP threads.
//
//   GUI thread:  install(ctx) once; begin_frame(n) after NewFrame(); ImGui calls item_add() and
//                item_info() while the app draws; end_frame(ctx) after Render() publishes.
//   any thread:  snapshot() -> the last finished frame, immutable (hooks/ui_snapshot.h).
//
// Text() has no ID and is not seen here: apps expose such readouts with value bindings.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "hooks/published.h"
#include "hooks/ui_snapshot.h"
#include "imgui_guard/test_engine_hooks.h"

struct ImGuiWindow;

namespace hooks {

// "Save##btn_save" -> {"Save", "btn_save"}; "Title###win" -> {"Title", "win"}; "Plain" -> {"Plain",
// ""}
struct LabelParts {
    std::string display;
    std::string id;
};
LabelParts split_label(const std::string& raw_label);

class ItemRegistry final : public imgui_guard::ItemSink {
  public:
    // --- GUI thread -----------------------------------------------------------------------
    void install(ImGuiContext& ctx);  // becomes the context's item sink
    void uninstall(ImGuiContext& ctx);
    void begin_frame(std::uint64_t frame);  // right after ImGui::NewFrame()
    void end_frame(ImGuiContext& ctx);      // right after ImGui::Render(): publish
    void item_add(ImGuiContext& ctx, unsigned id, const ImRect& bb,
                  const ImGuiLastItemData* data) override;
    void item_info(ImGuiContext& ctx, unsigned id, const char* label, int status_flags) override;

    // --- any thread -----------------------------------------------------------------------
    std::shared_ptr<const UiSnapshot> snapshot() const { return published_.get(); }

  private:
    struct Pending {
        ItemRecord record;
        ImGuiWindow* window = nullptr;  // valid during the frame only
    };
    Pending& entry(ImGuiContext& ctx, unsigned id);

    std::uint64_t frame_ = 0;
    bool in_frame_ = false;
    std::vector<Pending> current_;
    std::unordered_map<unsigned, std::size_t> index_;  // imgui id -> current_ index
    struct Seen {
        UiRect rect;
        int stable_frames = 1;
    };
    std::unordered_map<unsigned, Seen> previous_;  // last frame's rects, for stability
    Published<UiSnapshot> published_;
};

}  // namespace hooks
