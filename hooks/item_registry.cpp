// item_registry.cpp: ImGui's test-engine item hooks -> a published UiSnapshot per frame.
#include "hooks/item_registry.h"

#include "imgui.h"
#include "imgui_internal.h"

namespace hooks {

namespace {

UiRect to_rect(const ImRect& r) { return {r.Min.x, r.Min.y, r.GetWidth(), r.GetHeight()}; }

}  // namespace

LabelParts split_label(const std::string& raw) {
    // ImGui's rules: "###id" makes the ID from "###" on; "##" hides the rest of the label.
    const auto hidden = raw.find("##");
    if (hidden == std::string::npos) return {raw, ""};
    const auto triple = raw.find("###");
    if (triple != std::string::npos) return {raw.substr(0, triple), raw.substr(triple + 3)};
    return {raw.substr(0, hidden), raw.substr(hidden + 2)};
}

void ItemRegistry::install(ImGuiContext& ctx) { imgui_guard::install_item_sink(ctx, this); }
void ItemRegistry::uninstall(ImGuiContext& ctx) { imgui_guard::install_item_sink(ctx, nullptr); }

void ItemRegistry::begin_frame(std::uint64_t frame) {
    frame_ = frame;
    in_frame_ = true;
    current_.clear();
    index_.clear();
}

ItemRegistry::Pending& ItemRegistry::entry(ImGuiContext& ctx, unsigned id) {
    auto [it, inserted] = index_.try_emplace(id, current_.size());
    if (inserted) {
        Pending p;
        p.record.imgui_id = id;
        p.record.last_seen_frame = frame_;
        p.window = ctx.CurrentWindow;
        if (p.window) {
            p.record.window = p.window->Name;
            p.record.root_window =
                p.window->RootWindow ? p.window->RootWindow->Name : p.window->Name;
        }
        current_.push_back(std::move(p));
    }
    return current_[it->second];
}

void ItemRegistry::item_add(ImGuiContext& ctx, unsigned id, const ImRect& bb,
                            const ImGuiLastItemData* data) {
    if (!in_frame_ || id == 0) return;
    if (ImGui::FindWindowByID(id)) return;  // a window's own entry; /api/windows lists those
    Pending& p = entry(ctx, id);
    ItemRecord& r = p.record;
    r.rect = to_rect(bb);
    const ImGuiItemFlags flags = data ? data->ItemFlags : ctx.CurrentItemFlags;
    r.enabled = (flags & ImGuiItemFlags_Disabled) == 0;
    if (p.window) {
        ImRect clipped = bb;
        clipped.ClipWithFull(p.window->ClipRect);
        clipped.ClipWithFull(ImRect(ImVec2(0, 0), ctx.IO.DisplaySize));
        r.visible = clipped.GetWidth() > 0 && clipped.GetHeight() > 0;
        r.visible_rect = r.visible ? to_rect(clipped) : UiRect{};
    }
}

void ItemRegistry::item_info(ImGuiContext& ctx, unsigned id, const char* label, int status) {
    if (!in_frame_ || id == 0 || ImGui::FindWindowByID(id)) return;
    Pending& p = entry(ctx, id);
    ItemRecord& r = p.record;
    r.raw_label = label ? label : "";
    LabelParts parts = split_label(r.raw_label);
    r.label = std::move(parts.display);
    r.id = std::move(parts.id);
    r.path = r.window + "/" + r.raw_label;
    r.checkable = (status & ImGuiItemStatusFlags_Checkable) != 0;
    r.checked = (status & ImGuiItemStatusFlags_Checked) != 0;
    r.openable = (status & ImGuiItemStatusFlags_Openable) != 0;
    r.opened = (status & ImGuiItemStatusFlags_Opened) != 0;
    r.inputable = (status & ImGuiItemStatusFlags_Inputable) != 0;
}

void ItemRegistry::end_frame(ImGuiContext& ctx) {
    if (!in_frame_) return;
    in_frame_ = false;
    UiSnapshot snap;
    snap.frame = frame_;
    snap.items.reserve(current_.size());
    std::unordered_map<unsigned, Seen> seen;
    seen.reserve(current_.size());
    for (Pending& p : current_) {
        ItemRecord& r = p.record;
        if (p.window && (!p.window->Active || p.window->Hidden)) r.visible = false;
        if (r.path.empty()) r.path = r.window + "/" + format_imgui_id(r.imgui_id);
        auto prev = previous_.find(r.imgui_id);
        r.stable_frames = (prev != previous_.end() && prev->second.rect == r.rect)
                              ? prev->second.stable_frames + 1
                              : 1;
        seen[r.imgui_id] = {r.rect, r.stable_frames};
        snap.items.push_back(std::move(r));
    }
    previous_.swap(seen);
    current_.clear();
    index_.clear();

    int z = 0;
    for (ImGuiWindow* w : ctx.Windows) {
        if (!w->Active) continue;  // not submitted this frame: closed
        WindowRecord out;
        out.name = w->Name;
        if (w->ParentWindow && (w->Flags & ImGuiWindowFlags_ChildWindow))
            out.parent = w->ParentWindow->Name;
        out.rect = {w->Pos.x, w->Pos.y, w->Size.x, w->Size.y};
        out.visible = !w->Hidden;
        out.collapsed = w->Collapsed;
        out.focused = ctx.NavWindow == w;
        out.popup = (w->Flags & ImGuiWindowFlags_Popup) != 0;
        out.z_order = z++;
        snap.windows.push_back(std::move(out));
    }
    if (ctx.HoveredWindow) snap.hovered_window = ctx.HoveredWindow->Name;
    snap.active_id = ctx.ActiveId;
    const ImGuiInputTextState& input = ctx.InputTextState;
    if (input.ID != 0 && ctx.ActiveId == input.ID && input.TextA.Data)
        snap.active_input = ActiveInput{input.ID, std::string(input.TextA.Data, input.TextLen)};
    snap.open_popups = ctx.OpenPopupStack.Size;
    snap.input_queue_empty = ctx.InputEventsQueue.Size == 0;
    snap.framebuffer_scale_x = ctx.IO.DisplayFramebufferScale.x;
    snap.framebuffer_scale_y = ctx.IO.DisplayFramebufferScale.y;
    published_.publish(std::move(snap));
}

}  // namespace hooks
