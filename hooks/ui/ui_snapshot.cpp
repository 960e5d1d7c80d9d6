// ui_snapshot.cpp: JSON shapes of the published UI snapshot.
#include "hooks/ui/ui_snapshot.h"

#include <cstdio>

namespace hooks {

const ItemRecord* UiSnapshot::find_item(std::uint32_t imgui_id) const {
    for (const ItemRecord& item : items)
        if (item.imgui_id == imgui_id) return &item;
    return nullptr;
}

const WindowRecord* UiSnapshot::find_window(const std::string& name) const {
    for (const WindowRecord& w : windows)
        if (w.name == name) return &w;
    return nullptr;
}

std::string format_imgui_id(std::uint32_t id) {
    char text[16];
    std::snprintf(text, sizeof(text), "0x%08X", id);
    return text;
}

nlohmann::json to_json(const UiRect& r) { return {{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}}; }

nlohmann::json to_json(const ItemRecord& item) {
    return {{"id", item.id.empty() ? nlohmann::json(nullptr) : nlohmann::json(item.id)},
            {"imgui_id", format_imgui_id(item.imgui_id)},
            {"label", item.label},
            {"path", item.path},
            {"ref", item.ref.empty() ? nlohmann::json(nullptr) : nlohmann::json(item.ref)},
            {"window", item.window},
            {"rect", to_json(item.rect)},
            {"visible", item.visible},
            {"enabled", item.enabled},
            {"checkable", item.checkable},
            {"checked", item.checked},
            {"openable", item.openable},
            {"opened", item.opened},
            {"menu", item.menu},
            {"focused", item.focused},
            {"hovered", item.hovered},
            {"active", item.active},
            {"last_seen_frame", item.last_seen_frame}};
}

nlohmann::json to_json(const WindowRecord& w) {
    return {{"name", w.name},
            {"parent", w.parent.empty() ? nlohmann::json(nullptr) : nlohmann::json(w.parent)},
            {"rect", to_json(w.rect)},
            {"visible", w.visible},
            {"collapsed", w.collapsed},
            {"focused", w.focused},
            {"popup", w.popup},
            {"modal", w.modal},
            {"z_order", w.z_order}};
}

}  // namespace hooks
