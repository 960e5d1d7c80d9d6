// item_table.cpp: one frame's captured events -> the items it drew, and their snapshot.
#include "hooks/ui/item_table.h"

#include "hooks/ui/item_ref.h"

#include "imgui.h"
#include "imgui_internal.h"  // ImHashStr(): a pure function, the same hash ImGui's IDs use

#include <algorithm>
#include <cstring>

namespace hooks {

namespace {

// window + "/" + raw label, or window + "/0x1A2B3C4D" for an item without a label (yet).
void make_path(ItemRecord& r, bool has_label) {
    r.path.assign(r.window).append("/");
    if (has_label)
        r.path.append(r.raw_label);
    else
        r.path.append(format_imgui_id(r.imgui_id));
}

std::size_t index_slot(unsigned id, std::size_t mask) {
    return (static_cast<std::size_t>(id) * 0x9E3779B97F4A7C15ull >> 20) & mask;  // Fibonacci hash
}

}  // namespace

LabelParts split_label(const std::string& raw) {
    // ImGui's rules: "###id" makes the ID from "###" on; "##" hides the rest of the label.
    const auto hidden = raw.find("##");
    if (hidden == std::string::npos) return {raw, ""};
    const auto triple = raw.find("###");
    if (triple != std::string::npos) return {raw.substr(0, triple), raw.substr(triple + 3)};
    return {raw.substr(0, hidden), raw.substr(hidden + 2)};
}

std::uint32_t ItemTable::find(unsigned id) {
    if (index_.empty()) return kNone;
    const std::size_t mask = index_.size() - 1;
    for (std::size_t i = index_slot(id, mask);; i = (i + 1) & mask) {
        if (index_[i].id == id) return index_[i].slot;
        if (index_[i].id == 0) return kNone;
    }
}

void ItemTable::rebuild_index(std::size_t capacity) {
    index_.assign(capacity, IndexEntry{});
    const std::size_t mask = capacity - 1;
    for (std::uint32_t s = 0; s < hot_.size(); ++s) {
        if (!hot_[s].in_use) continue;
        std::size_t i = index_slot(hot_[s].id, mask);
        while (index_[i].id != 0) i = (i + 1) & mask;
        index_[i] = {hot_[s].id, s};
    }
}

std::uint32_t ItemTable::insert(unsigned id) {
    std::uint32_t slot;
    if (!free_.empty()) {
        slot = free_.back();
        free_.pop_back();
    } else {
        slot = static_cast<std::uint32_t>(hot_.size());
        hot_.emplace_back();
        records_.emplace_back();
    }
    Hot& h = hot_[slot];
    h = Hot{};
    h.id = id;
    h.in_use = true;
    ItemRecord& r = records_[slot];
    r.imgui_id = id;
    r.raw_label.clear();  // a reused slot keeps only its strings' capacity
    r.label.clear();
    r.id.clear();
    r.path.clear();
    r.window.clear();
    r.root_window.clear();
    r.ref.clear();
    if (2 * known_items() > index_.size()) {
        rebuild_index(std::max<std::size_t>(256, index_.size() * 2));
    } else {
        const std::size_t mask = index_.size() - 1;
        std::size_t i = index_slot(id, mask);
        while (index_[i].id != 0) i = (i + 1) & mask;
        index_[i] = {id, slot};
    }
    return slot;
}

void ItemTable::Hot::set_label(const std::string& raw) {
    label_size = static_cast<std::uint16_t>(std::min<std::size_t>(raw.size(), 0xFFFF));
    std::memcpy(label_head, raw.data(), std::min(raw.size(), kLabelHead));
}

// text == raw (which set_label() was given), from the hot part alone when the label fits in
// label_head; a longer one (1 % of the demo's) is compared whole.
bool ItemTable::Hot::label_is(std::string_view text, const std::string& raw) const {
    if (std::min<std::size_t>(text.size(), 0xFFFF) != label_size) return false;
    if (label_size > kLabelHead) return raw == text;
    return std::memcmp(text.data(), label_head, label_size) == 0;
}

// Between one event and the next: time enough for the predicted item's hot part to come into
// the cache.
void ItemTable::prefetch_predicted() const {
    if (predicted_ >= previous_order_.size()) return;
    hot_[previous_order_[predicted_]].prefetch();
}

// Frames mostly submit the same items in the same order: the item after the last one seen is
// most likely the one after it in the previous frame too. Checking that slot first skips the
// index, whose random probes missed the cache on most items of a large UI.
std::uint32_t ItemTable::lookup(unsigned id) {
    if (predicted_ < previous_order_.size()) {
        const std::uint32_t next = previous_order_[predicted_];
        if (hot_[next].in_use && hot_[next].id == id) return next;
    }
    return find(id);
}

std::uint32_t ItemTable::name_slot(const ImGuiWindow* window) {
    auto [it, added] =
        window_index_.try_emplace(window, static_cast<std::uint32_t>(window_names_.size()));
    if (added) window_names_.emplace_back();
    return it->second;
}

// ImGui keeps every window it ever made, but an app that makes windows under ever new names
// would grow the names without end: past a bound they start again (each item then copies its
// window's name once more).
void ItemTable::check_window_names(const FrameCapture& capture) {
    if (window_names_.size() > kMaxWindowNames) {
        window_names_.clear();
        window_index_.clear();
    }
    frame_names_.resize(capture.window_count + 1);
    for (std::uint32_t i = 0; i <= capture.window_count; ++i) {
        const bool none = i == capture.window_count;  // the last one: items without a window
        const std::uint32_t slot = name_slot(none ? nullptr : capture.windows[i].window);
        static const std::string kNoName;
        const std::string& name = none ? kNoName : capture.windows[i].name;
        WindowName& w = window_names_[slot];
        if (w.version == 0 || w.name != name) {
            w.name = name;
            w.version = next_window_version_++;
            if (next_window_version_ == 0) next_window_version_ = 1;  // 0: "none yet" in Hot
        }
        frame_names_[i] = slot;
    }
}

std::uint32_t ItemTable::entry(const FrameCapture& capture, const ItemEvent& e) {
    if (e.id == last_id_) return last_slot_;
    std::uint32_t slot = lookup(e.id);
    if (slot == kNone) {
        if (capture.is_window(e.id)) return kNone;  // a window's own entry; /api/windows
        slot = insert(e.id);
    }
    Hot& h = hot_[slot];
    // The first sighting this frame: reset what each frame says anew.
    if (h.frame != Hot::frame32(frame_)) {
        if (h.frame != 0) {
            predicted_ = h.order_pos + 1;
            prefetch_predicted();
        }
        h.was_published =
            last_published_frame_ != 0 && h.frame == Hot::frame32(last_published_frame_);
        h.frame = Hot::frame32(frame_);
        h.window = e.window;
        h.seed = e.seed;
        h.self_scoped = e.self_scoped;
        h.visible_rect = {};  // h.rect stays the last frame's until an add compares it
        h.visible = false;
        h.enabled = true;
        const bool in_window = e.window != FrameCapture::kNoWindow;
        const std::uint32_t none = capture.window_count;
        const WindowName& root =
            window_names_[frame_names_[in_window ? capture.windows[e.window].root : none]];
        const WindowName& window = window_names_[frame_names_[in_window ? e.window : none]];
        if (h.root_name != root.version) {
            records_[slot].root_window = root.name;
            h.root_name = root.version;
            h.strings = next_strings_version_++;
        }
        if (h.window_name != window.version) {
            records_[slot].window = window.name;
            h.window_name = window.version;
            make_path(records_[slot], h.has_info);
            if (h.has_info) make_ref(capture, slot);  // a ref starts with the window's name
            h.strings = next_strings_version_++;
        }
        h.order_pos = static_cast<std::uint32_t>(order_.size());
        order_.push_back(slot);
    }
    last_id_ = e.id;
    last_slot_ = slot;
    return slot;
}

void ItemTable::apply_add(const FrameCapture& capture, std::uint32_t slot, const ItemEvent& e) {
    Hot& h = hot_[slot];
    const UiRect rect = e.bb.rect();
    if (h.added_frame != Hot::frame32(frame_)) {
        h.added_frame = Hot::frame32(frame_);
        h.moved = !(rect == h.rect);
    }
    h.rect = rect;
    h.enabled = e.enabled;
    h.visible = capture.visible_part(e, h.visible_rect);
    if (!h.visible) h.visible_rect = {};
}

void ItemTable::apply_info(const FrameCapture& capture, std::uint32_t slot, const ItemEvent& e) {
    Hot& h = hot_[slot];
    const std::string_view text = capture.label(e);
    if (!h.has_info || !h.label_is(text, records_[slot].raw_label)) {
        ItemRecord& r = records_[slot];  // the label changed: the only time it allocates
        r.raw_label = text;
        h.set_label(r.raw_label);
        LabelParts parts = split_label(r.raw_label);
        r.label = std::move(parts.display);
        r.id = std::move(parts.id);
        h.has_info = true;
        make_path(r, true);
        make_ref(capture, slot);
        h.strings = next_strings_version_++;
    } else if (h.ref_seed != h.seed && !h.has_ref) {  // a parent's ref may be known now
        make_ref(capture, slot);
        if (h.has_ref) h.strings = next_strings_version_++;
    }
    const int status = e.status;
    h.checkable = (status & ImGuiItemStatusFlags_Checkable) != 0;
    h.checked = (status & ImGuiItemStatusFlags_Checked) != 0;
    h.openable = (status & ImGuiItemStatusFlags_Openable) != 0;
    h.opened = (status & ImGuiItemStatusFlags_Opened) != 0;
    h.inputable = (status & ImGuiItemStatusFlags_Inputable) != 0;
    // BeginMenu() pushes its label's ID before it adds its item; a tree node does not.
    h.menu = h.openable && h.self_scoped;
}

// The item's ref, when ImGui's own hashing confirms it: its label hashed on the ID scope it was
// drawn in gives its ID, and that scope is its window (the ref starts with the window's name) or
// an item whose ref is known (an open tree node, say). PushID() scopes of the app's own are
// unknown here, so their items get no ref (a ref written by hand still finds them).
void ItemTable::make_ref(const FrameCapture& capture, std::uint32_t slot) {
    Hot& h = hot_[slot];
    ItemRecord& r = records_[slot];
    r.ref.clear();
    h.has_ref = false;
    h.ref_seed = h.seed;
    if (h.window == FrameCapture::kNoWindow || r.raw_label.empty() ||
        ImHashStr(r.raw_label.data(), r.raw_label.size(), h.seed) != h.id)
        return;
    const CapturedWindow& window = capture.windows[h.window];
    if (h.seed == window.imgui_id) {
        r.ref = escape_ref_segment(window.name);
    } else if (h.seed == ImHashStr("##MenuBar", 0, window.imgui_id)) {  // BeginMenuBar()'s scope
        r.ref = escape_ref_segment(window.name) + "/##MenuBar";
    } else if (const std::uint32_t parent = find(h.seed);
               parent != kNone && !records_[parent].ref.empty()) {
        r.ref = records_[parent].ref;
    } else {
        return;
    }
    r.ref += '/';
    r.ref += escape_ref_segment(r.raw_label);
    h.has_ref = true;
}

void ItemTable::assemble(const FrameCapture& capture, UiSnapshot& out,
                         std::vector<std::uint64_t>& out_strings) {
    frame_ = capture.frame;
    order_.clear();
    predicted_ = 0;
    last_id_ = 0;
    check_window_names(capture);
    for (const ItemEvent& e : capture.events) {
        const std::uint32_t slot = entry(capture, e);
        if (slot == kNone) continue;
        if (e.added) apply_add(capture, slot, e);
        if (e.has_info) apply_info(capture, slot, e);
    }
    publish(capture, out, out_strings);
    last_published_frame_ = frame_;
    if (known_items() > order_.size()) forget_unseen();
    previous_order_.swap(order_);
    order_.clear();
    last_id_ = 0;
}

void ItemTable::publish(const FrameCapture& capture, UiSnapshot& out,
                        std::vector<std::uint64_t>& out_strings) {
    out.frame = frame_;
    out.items.resize(order_.size());
    out_strings.resize(order_.size());
    constexpr std::size_t kAhead = 4;  // items whose lines are fetched while one is copied
    for (std::size_t i = 0; i < order_.size(); ++i) {
        if (i + kAhead < order_.size()) {
            hot_[order_[i + kAhead]].prefetch();
            __builtin_prefetch(&out.items[i + kAhead].imgui_id, 1);
            __builtin_prefetch(&out.items[i + kAhead].stable_frames, 1);
        }
        const std::uint32_t slot = order_[i];
        Hot& h = hot_[slot];
        if (h.added_frame != Hot::frame32(frame_)) {  // only an item_info() this frame: no rect
            h.moved = !(h.rect == UiRect{});
            h.rect = {};
        }
        const bool in_window = h.window != FrameCapture::kNoWindow;
        if (in_window && !capture.windows[h.window].shown) h.visible = false;
        h.stable_frames = h.was_published && !h.moved ? h.stable_frames + 1 : 1;
        ItemRecord& item = out.items[i];
        if (out_strings[i] != h.strings) {  // string assignments reuse the buffer's capacity
            const ItemRecord& r = records_[slot];
            item.id = r.id;
            item.label = r.label;
            item.raw_label = r.raw_label;
            item.path = r.path;
            item.ref = r.ref;
            item.window = r.window;
            item.root_window = r.root_window;
            out_strings[i] = h.strings;
        }
        item.imgui_id = h.id;
        item.rect = h.rect;
        item.visible_rect = h.visible_rect;
        item.visible = h.visible;
        item.enabled = h.enabled;
        item.checkable = h.checkable;
        item.checked = h.checked;
        item.openable = h.openable;
        item.opened = h.opened;
        item.menu = h.menu;
        item.inputable = h.inputable;
        const ImGuiWindow* window = in_window ? capture.windows[h.window].window : nullptr;
        item.focused = capture.nav_id == h.id && capture.nav_window == window;
        item.hovered = capture.hovered_id == h.id;
        item.active = capture.active_id == h.id;
        item.last_seen_frame = frame_;
        item.stable_frames = h.stable_frames;
    }
}

// Items not submitted this frame are gone: forget them (the table is this frame's items).
void ItemTable::forget_unseen() {
    for (std::uint32_t s = 0; s < hot_.size(); ++s) {
        if (!hot_[s].in_use || hot_[s].frame == Hot::frame32(frame_)) continue;
        hot_[s].in_use = false;
        free_.push_back(s);
    }
    rebuild_index(index_.size());
}

}  // namespace hooks
