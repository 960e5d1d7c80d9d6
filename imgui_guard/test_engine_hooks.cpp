// test_engine_hooks.cpp: the ImGuiTestEngineHook_* definitions imgui.cpp links against.
#include "imgui_guard/test_engine_hooks.h"

#include "imgui.h"
#include "imgui_guard/detail/leak_site.h"
#include "imgui_internal.h"

namespace imgui_guard {

void install_item_sink(ImGuiContext& ctx, ItemSink* sink) {
    ctx.TestEngine = sink;
    detail::refresh_item_hooks(ctx);  // on while a sink or a leak watch needs them
}

ItemSink* installed_item_sink(const ImGuiContext& ctx) {
    return static_cast<ItemSink*>(ctx.TestEngine);
}

}  // namespace imgui_guard

namespace {

// Begin() registers a window with no item data: all that a leak watch looks for. Asking it only
// then, out of line, keeps its thread-local lookup and its registers off every other item.
[[gnu::cold, gnu::noinline]] void window_item_add(ImGuiContext& ctx, ImGuiID id) {
    if (imgui_guard::detail::leak_watch_enabled()) imgui_guard::detail::on_window_item_add(ctx, id);
}

}  // namespace

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb,
                                 const ImGuiLastItemData* item_data) {
    if (item_data == nullptr) [[unlikely]]
        window_item_add(*ctx, id);
    if (auto* sink = static_cast<imgui_guard::ItemSink*>(ctx->TestEngine))
        sink->item_add(*ctx, id, bb, item_data);
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label,
                                  ImGuiItemStatusFlags flags) {
    if (auto* sink = static_cast<imgui_guard::ItemSink*>(ctx->TestEngine))
        sink->item_info(*ctx, id, label, flags);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
