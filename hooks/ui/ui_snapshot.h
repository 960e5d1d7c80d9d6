// ui_snapshot.h: what the GUI showed in its last finished frame, as plain data.
//
// The item registry (item_registry.h) builds one UiSnapshot per frame, from what the GUI thread
// captured, and publishes it whole; the routes read it from the HTTP threads. Nothing here points
// into ImGui.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace hooks {

struct UiRect {
    float x = 0, y = 0, w = 0, h = 0;
    bool operator==(const UiRect&) const = default;
    bool empty() const { return w <= 0 || h <= 0; }
};

// One item with an ID, as ImGui's test-engine hooks reported it. A field added here must also be
// copied in ItemTable::publish()'s fast path (item_table.cpp).
struct ItemRecord {
    std::string id;           // the part after "##" ("###"), "" if the label has none
    std::string label;        // the text shown (before "##")
    std::string raw_label;    // the label as the code wrote it, "Save##btn_save"
    std::string path;         // window name + "/" + raw label; child windows add segments
    std::string ref;          // the ref that names it (item_ref.h), "" when it cannot be known
    std::string window;       // name of the window the item is in
    std::string root_window;  // name of its top-level window
    // From here on, what the registry writes every frame: kept together, in few cache lines.
    std::uint32_t imgui_id = 0;
    UiRect rect;           // full rectangle, in window-content (ImGui screen) coordinates
    UiRect visible_rect;   // the part inside the window's clip rect (where a click lands)
    bool visible = false;  // drawn and not clipped away
    bool enabled = true;   // not inside BeginDisabled()
    bool checkable = false, checked = false;
    bool openable = false, opened = false;
    bool menu = false;       // a BeginMenu(): it opens a popup, not a subtree
    bool inputable = false;  // InputText, or a slider/drag that takes Ctrl+click text input
    bool focused = false;    // it has keyboard (nav) focus
    bool hovered = false;    // under the mouse
    bool active = false;     // being interacted with (held, or an InputText being edited)
    std::uint64_t last_seen_frame = 0;
    int stable_frames = 1;  // consecutive frames with this same rect
};

struct WindowRecord {
    std::string name;
    std::string parent;  // "" for a top-level window
    UiRect rect;
    bool visible = false;
    bool collapsed = false;
    bool focused = false;
    bool popup = false;
    bool modal = false;  // a modal popup: nothing behind it takes input
    int z_order = 0;     // display order, 0 = back
};

// The text of the InputText that has keyboard focus, if any.
struct ActiveInput {
    std::uint32_t imgui_id = 0;
    std::string text;
    bool numeric = false;  // a number's text: a slider or drag in text mode, InputInt/Float/...
};

struct UiSnapshot {
    std::uint64_t frame = 0;            // the frame these items were drawn in
    std::vector<ItemRecord> items;      // in submission order
    std::vector<WindowRecord> windows;  // back to front
    std::string hovered_window;         // the window under the mouse, "" if none
    std::uint32_t active_id = 0;        // the item being interacted with, 0 if none
    std::optional<ActiveInput> active_input;
    int open_popups = 0;
    bool input_queue_empty = true;  // every injected input event was consumed
    float framebuffer_scale_x = 1, framebuffer_scale_y = 1;

    const WindowRecord* find_window(const std::string& name) const;
    const ItemRecord* find_item(std::uint32_t imgui_id) const;  // nullptr if not drawn
};

std::string format_imgui_id(std::uint32_t id);   // "0x1A2B3C4D"
nlohmann::json to_json(const UiRect& rect);      // {"x","y","w","h"}
nlohmann::json to_json(const ItemRecord& item);  // the /api/items shape
nlohmann::json to_json(const WindowRecord& window);

}  // namespace hooks
