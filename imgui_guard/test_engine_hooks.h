// test_engine_hooks.h: Dear ImGui's test-engine hook points, forwarded to one installable sink.
//
// imhost builds ImGui with IMGUI_ENABLE_TEST_ENGINE, so imgui.cpp calls
// ImGuiTestEngineHook_ItemAdd/ItemInfo/Log for every item that has an ID. imgui_te_engine is not
// used: imgui_guard defines those functions here, because every binary that links imgui must
// have them, and forwards them to whatever sink the hooks library installs (its item registry).
// With no sink installed the hooks are off (ImGuiContext::TestEngineHookItems stays false),
// except while the guard watches a leaked window for the Begin() that opened it (leak_site.h).
#pragma once

#include <cstdint>

struct ImGuiContext;
struct ImRect;
struct ImGuiLastItemData;

namespace imgui_guard {

// Receives ImGui's item hooks on the GUI thread, during the frame.
class ItemSink {
  public:
    virtual ~ItemSink() = default;
    virtual void item_add(ImGuiContext& ctx, unsigned id, const ImRect& bb,
                          const ImGuiLastItemData* data) = 0;  // every item with an ID
    virtual void item_info(ImGuiContext& ctx, unsigned id, const char* label,
                           int status_flags) = 0;  // label + status flags
};

void install_item_sink(ImGuiContext& ctx, ItemSink* sink);  // nullptr uninstalls; GUI thread only
ItemSink* installed_item_sink(const ImGuiContext& ctx);     // nullptr if none; GUI thread only

}  // namespace imgui_guard
