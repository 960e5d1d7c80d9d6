// item_registry.cpp: ImGui's test-engine item hooks -> a published UiSnapshot per frame.
#include "hooks/ui/item_registry.h"

#include "hooks/ui/item_ref.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <algorithm>
#include <cstring>

namespace hooks {

namespace {

UiRect to_rect(const ImRect& r) { return {r.Min.x, r.Min.y, r.GetWidth(), r.GetHeight()}; }

// window + "/" + raw label, or window + "/0x1A2B3C4D" for an item without a label (yet).
void make_path(ItemRecord& r, bool has_label) {
    r.path.assign(r.window).append("/");
    if (has_label)
        r.path.append(r.raw_label);
    else
        r.path.append(format_imgui_id(r.imgui_id));
}

}  // namespace

// Snapshots handed to readers come back here when the last reader drops them, and the next
// frame fills one again: its vectors and strings keep their capacity, so a frame like the last
// one allocates nothing. The mutex orders a reader's last use before the GUI thread's reuse.
class ItemRegistry::SnapshotBuffers {
  public:
    struct Buffer {
        UiSnapshot snap;
        std::vector<std::uint64_t> strings;  // per item: the version of the strings it holds
    };

    SnapshotBuffers() { free_.reserve(kMaxFree); }

    std::unique_ptr<Buffer> take() {
        std::lock_guard lock(mutex_);
        if (free_.empty()) return std::make_unique<Buffer>();
        std::unique_ptr<Buffer> buffer = std::move(free_.back());
        free_.pop_back();
        return buffer;
    }

    // Shares `buffer` with the readers; it returns to `self` when the last one lets go.
    static std::shared_ptr<const UiSnapshot> share(const std::shared_ptr<SnapshotBuffers>& self,
                                                   std::unique_ptr<Buffer> buffer) {
        std::shared_ptr<Buffer> owner(buffer.release(),
                                      [self](Buffer* done) { self->give_back(done); });
        return {owner, &owner->snap};
    }

  private:
    static constexpr std::size_t kMaxFree = 4;  // more readers than that: extra buffers are freed

    void give_back(Buffer* done) {
        std::unique_ptr<Buffer> owned(done);  // freed after the lock is released, if not kept
        std::lock_guard lock(mutex_);
        if (free_.size() < kMaxFree) free_.push_back(std::move(owned));
    }

    std::mutex mutex_;
    std::vector<std::unique_ptr<Buffer>> free_;
};

LabelParts split_label(const std::string& raw) {
    // ImGui's rules: "###id" makes the ID from "###" on; "##" hides the rest of the label.
    const auto hidden = raw.find("##");
    if (hidden == std::string::npos) return {raw, ""};
    const auto triple = raw.find("###");
    if (triple != std::string::npos) return {raw.substr(0, triple), raw.substr(triple + 3)};
    return {raw.substr(0, hidden), raw.substr(hidden + 2)};
}

ItemRegistry::ItemRegistry() : buffers_(std::make_shared<SnapshotBuffers>()) {}
ItemRegistry::~ItemRegistry() = default;

void ItemRegistry::install(ImGuiContext& ctx) { imgui_guard::install_item_sink(ctx, this); }
void ItemRegistry::uninstall(ImGuiContext& ctx) { imgui_guard::install_item_sink(ctx, nullptr); }

void ItemRegistry::begin_frame(std::uint64_t frame) {
    frame_ = frame;
    in_frame_ = true;
    order_.clear();
    predicted_ = 0;
    last_id_ = 0;
    conflicts_.clear();  // a frame that never reached end_frame() reports nothing
    conflict_awaiting_label_ = 0;
}

namespace {
std::size_t index_slot(unsigned id, std::size_t mask) {
    return (static_cast<std::size_t>(id) * 0x9E3779B97F4A7C15ull >> 20) & mask;  // Fibonacci hash
}
}  // namespace

std::uint32_t ItemRegistry::find(unsigned id) {
    if (index_.empty()) return kNone;
    const std::size_t mask = index_.size() - 1;
    for (std::size_t i = index_slot(id, mask);; i = (i + 1) & mask) {
        if (index_[i].id == id) return index_[i].slot;
        if (index_[i].id == 0) return kNone;
    }
}

void ItemRegistry::rebuild_index(std::size_t capacity) {
    index_.assign(capacity, IndexEntry{});
    const std::size_t mask = capacity - 1;
    for (std::uint32_t s = 0; s < hot_.size(); ++s) {
        if (!hot_[s].in_use) continue;
        std::size_t i = index_slot(hot_[s].id, mask);
        while (index_[i].id != 0) i = (i + 1) & mask;
        index_[i] = {hot_[s].id, s};
    }
}

std::uint32_t ItemRegistry::insert(unsigned id) {
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

void ItemRegistry::Hot::set_label(const std::string& raw) {
    label_size = static_cast<std::uint16_t>(std::min<std::size_t>(raw.size(), 0xFFFF));
    std::memcpy(label_head, raw.data(), std::min(raw.size(), kLabelHead));
}

// text == raw (which set_label() was given), from the hot part alone when the label fits in
// label_head; a longer one (1 % of the demo's) is compared whole.
bool ItemRegistry::Hot::label_is(const char* text, const std::string& raw) const {
    if (label_size > kLabelHead) return raw == text;
    for (std::size_t i = 0; i < label_size; ++i)
        if (text[i] != label_head[i]) return false;  // a shorter text ends here: '\0' differs
    return text[label_size] == '\0';
}

// The app draws the widget between one item and the next: time enough for the predicted item's
// hot part to come into the cache.
void ItemRegistry::prefetch_predicted() const {
    if (predicted_ >= previous_order_.size()) return;
    hot_[previous_order_[predicted_]].prefetch();
}

// Frames mostly submit the same items in the same order: the item after the last one seen is
// most likely the one after it in the previous frame too. Checking that slot first skips the
// index, whose random probes missed the cache on most items of a large UI.
std::uint32_t ItemRegistry::lookup(unsigned id) {
    if (predicted_ < previous_order_.size()) {
        const std::uint32_t next = previous_order_[predicted_];
        if (hot_[next].in_use && hot_[next].id == id) return next;
    }
    return find(id);
}

std::uint32_t ItemRegistry::window_name_slot(const ImGuiWindow* window) {
    auto [it, added] =
        window_index_.try_emplace(window, static_cast<std::uint32_t>(window_names_.size()));
    if (added) window_names_.emplace_back();
    return it->second;
}

// Items come in runs per window, and a frame has a few dozen windows: a small cache by pointer
// finds a window's names without the map on nearly every item.
const ItemRegistry::WindowSlots& ItemRegistry::window_slots(const ImGuiWindow* window,
                                                            const ImGuiWindow* root) {
    const auto key = reinterpret_cast<std::uintptr_t>(window);
    WindowSlots& cached = window_cache_[(key >> 6 ^ key >> 12) % kWindowCache];
    if (!cached.valid || cached.window != window || cached.root != root)
        cached = {window, root, window_name_slot(window), window_name_slot(root), true};
    return cached;
}

const ItemRegistry::WindowName& ItemRegistry::checked_name(std::uint32_t slot,
                                                           const ImGuiWindow* window) {
    WindowName& w = window_names_[slot];
    if (w.checked_frame != frame_) {  // once per window per frame
        w.checked_frame = frame_;
        const char* name = window ? window->Name : "";
        if (w.version == 0 || w.name != name) {
            w.name = name;
            w.version = next_window_version_++;
            if (next_window_version_ == 0) next_window_version_ = 1;  // 0: "none yet" in Hot
        }
    }
    return w;
}

std::uint32_t ItemRegistry::entry(ImGuiContext& ctx, unsigned id) {
    if (id == last_id_) return last_slot_;
    // Begin() registers the window itself as an item: a window is listed by /api/windows.
    if (ctx.CurrentWindow && ctx.CurrentWindow->ID == id) return kNone;
    std::uint32_t slot = lookup(id);
    if (slot == kNone) {
        if (ImGui::FindWindowByID(id)) return kNone;  // a window's own entry; /api/windows
        slot = insert(id);
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
        h.window = ctx.CurrentWindow;
        h.seed = 0;
        h.self_scoped = false;
        if (h.window && !h.window->IDStack.empty()) {
            // BeginMenu() pushes its own ID before it adds the item: its scope is the one below.
            const ImVector<ImGuiID>& stack = h.window->IDStack;
            h.self_scoped = stack.back() == id;
            h.seed = h.self_scoped && stack.Size >= 2 ? stack[stack.Size - 2] : stack.back();
        }
        h.visible_rect = {};  // h.rect stays the last frame's until item_add() compares it
        h.visible = false;
        h.enabled = true;
        const ImGuiWindow* root =
            h.window && h.window->RootWindow ? h.window->RootWindow : h.window;
        const WindowSlots& slots = window_slots(h.window, root);
        if (const WindowName& w = checked_name(slots.root_name, root); h.root_name != w.version) {
            records_[slot].root_window = w.name;
            h.root_name = w.version;
            h.strings = next_strings_version_++;
        }
        if (const WindowName& w = checked_name(slots.window_name, h.window);
            h.window_name != w.version) {
            records_[slot].window = w.name;
            h.window_name = w.version;
            make_path(records_[slot], h.has_info);
            if (h.has_info) make_ref(slot);  // a ref starts with the window's name
            h.strings = next_strings_version_++;
        }
        h.order_pos = static_cast<std::uint32_t>(order_.size());
        order_.push_back(slot);
    }
    last_id_ = id;
    last_slot_ = slot;
    return slot;
}

void ItemRegistry::item_add(ImGuiContext& ctx, unsigned id, const ImRect& bb,
                            const ImGuiLastItemData* data) {
    if (!in_frame_ || id == 0) return;
    const std::uint32_t slot = entry(ctx, id);
    if (slot == kNone) return;
    Hot& h = hot_[slot];
    const ImGuiItemFlags flags = data ? data->ItemFlags : ctx.CurrentItemFlags;
    const UiRect rect = to_rect(bb);
    // The same ID again this frame is a conflict, unless it is the same item added twice at the
    // same place (InputTextMultiline() adds its frame before and after its child window).
    if (h.added_frame != Hot::frame32(frame_)) {
        h.added_frame = Hot::frame32(frame_);
        h.moved = !(rect == h.rect);
    } else if ((flags & ImGuiItemFlags_AllowDuplicateId) == 0 && !(rect == h.rect)) {
        note_conflict(slot, bb);
    }
    h.rect = rect;
    h.enabled = (flags & ImGuiItemFlags_Disabled) == 0;
    if (h.window) {
        ImRect clipped = bb;
        clipped.ClipWithFull(h.window->ClipRect);
        clipped.ClipWithFull(ImRect(ImVec2(0, 0), ctx.IO.DisplaySize));
        h.visible = clipped.GetWidth() > 0 && clipped.GetHeight() > 0;
        h.visible_rect = h.visible ? to_rect(clipped) : UiRect{};
    }
}

void ItemRegistry::item_info(ImGuiContext& ctx, unsigned id, const char* label, int status) {
    if (!in_frame_ || id == 0) return;
    const std::uint32_t slot = entry(ctx, id);
    if (slot == kNone) return;
    Hot& h = hot_[slot];
    const char* text = label ? label : "";
    if (conflict_awaiting_label_ == id) {
        conflicts_.back().second_label = text;
        conflict_awaiting_label_ = 0;
    }
    if (!h.has_info || !h.label_is(text, records_[slot].raw_label)) {
        ItemRecord& r = records_[slot];  // the label changed: the only time it allocates
        r.raw_label = text;
        h.set_label(r.raw_label);
        LabelParts parts = split_label(r.raw_label);
        r.label = std::move(parts.display);
        r.id = std::move(parts.id);
        h.has_info = true;
        make_path(r, true);
        make_ref(slot);
        h.strings = next_strings_version_++;
    } else if (h.ref_seed != h.seed && !h.has_ref) {  // a parent's ref may be known now
        make_ref(slot);
        if (h.has_ref) h.strings = next_strings_version_++;
    }
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
void ItemRegistry::make_ref(std::uint32_t slot) {
    Hot& h = hot_[slot];
    ItemRecord& r = records_[slot];
    r.ref.clear();
    h.has_ref = false;
    h.ref_seed = h.seed;
    if (!h.window || r.raw_label.empty() ||
        ImHashStr(r.raw_label.data(), r.raw_label.size(), h.seed) != h.id)
        return;
    if (h.seed == h.window->ID) {
        r.ref = escape_ref_segment(h.window->Name);
    } else if (h.seed == ImHashStr("##MenuBar", 0, h.window->ID)) {  // BeginMenuBar()'s scope
        r.ref = escape_ref_segment(h.window->Name) + "/##MenuBar";
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

// The second (third...) item_add() of an ID this frame. The slot still holds the first item's
// label and rect: the second's label comes with its item_info(), next. A label stays "" when
// ImGui never gave one (a clipped item gets no item_info()).
void ItemRegistry::note_conflict(std::uint32_t slot, const ImRect& bb) {
    const Hot& h = hot_[slot];
    const ItemRecord& r = records_[slot];
    for (imgui_guard::IdConflict& c : conflicts_)
        if (c.id == h.id) {
            ++c.count;
            return;
        }
    imgui_guard::IdConflict& c = conflicts_.emplace_back();
    c.id = h.id;
    c.window = r.window;
    c.panel = imgui_guard::current_panel();
    c.first_label = h.has_info ? r.raw_label : "";
    auto put = [](float(&out)[4], const UiRect& rect) {
        out[0] = rect.x;
        out[1] = rect.y;
        out[2] = rect.w;
        out[3] = rect.h;
    };
    put(c.first_rect, h.rect);
    put(c.second_rect, to_rect(bb));
    c.stack = imgui_guard::capture_raw_stack();
    conflict_awaiting_label_ = h.id;
}

void ItemRegistry::end_frame(ImGuiContext& ctx) {
    if (!in_frame_) return;
    in_frame_ = false;
    for (const imgui_guard::IdConflict& c : conflicts_) imgui_guard::report_id_conflict(c);
    conflicts_.clear();
    conflict_awaiting_label_ = 0;
    std::unique_ptr<SnapshotBuffers::Buffer> buffer = buffers_->take();
    UiSnapshot& snap = buffer->snap;
    snap.frame = frame_;
    snap.items.resize(order_.size());
    buffer->strings.resize(order_.size());
    constexpr std::size_t kAhead = 4;  // items whose lines are fetched while one is copied
    for (std::size_t i = 0; i < order_.size(); ++i) {
        if (i + kAhead < order_.size()) {
            hot_[order_[i + kAhead]].prefetch();
            __builtin_prefetch(&snap.items[i + kAhead].imgui_id, 1);
            __builtin_prefetch(&snap.items[i + kAhead].stable_frames, 1);
        }
        const std::uint32_t slot = order_[i];
        Hot& h = hot_[slot];
        if (h.added_frame != Hot::frame32(frame_)) {  // only an item_info() this frame: no rect
            h.moved = !(h.rect == UiRect{});
            h.rect = {};
        }
        if (h.window && (!h.window->Active || h.window->Hidden)) h.visible = false;
        h.stable_frames = h.was_published && !h.moved ? h.stable_frames + 1 : 1;
        ItemRecord& out = snap.items[i];
        if (buffer->strings[i] != h.strings) {  // string assignments reuse the buffer's capacity
            const ItemRecord& r = records_[slot];
            out.id = r.id;
            out.label = r.label;
            out.raw_label = r.raw_label;
            out.path = r.path;
            out.ref = r.ref;
            out.window = r.window;
            out.root_window = r.root_window;
            buffer->strings[i] = h.strings;
        }
        out.imgui_id = h.id;
        out.rect = h.rect;
        out.visible_rect = h.visible_rect;
        out.visible = h.visible;
        out.enabled = h.enabled;
        out.checkable = h.checkable;
        out.checked = h.checked;
        out.openable = h.openable;
        out.opened = h.opened;
        out.menu = h.menu;
        out.inputable = h.inputable;
        out.focused = ctx.NavId == h.id && ctx.NavWindow == h.window;
        out.hovered = ctx.HoveredId == h.id;
        out.active = ctx.ActiveId == h.id;
        out.last_seen_frame = frame_;
        out.stable_frames = h.stable_frames;
        h.window = nullptr;  // ImGui may free it before the next frame
    }
    last_published_frame_ = frame_;
    if (known_items() > order_.size()) forget_unseen();
    if (window_names_.size() > kMaxWindowNames) forget_window_names();
    previous_order_.swap(order_);
    order_.clear();
    last_id_ = 0;

    fill_windows(ctx, snap);
    published_.publish(SnapshotBuffers::share(buffers_, std::move(buffer)));
}

// Items not submitted this frame are gone: forget them (the cache is this frame's items).
void ItemRegistry::forget_unseen() {
    for (std::uint32_t s = 0; s < hot_.size(); ++s) {
        if (!hot_[s].in_use || hot_[s].frame == Hot::frame32(frame_)) continue;
        hot_[s].in_use = false;
        free_.push_back(s);
    }
    rebuild_index(index_.size());
}

// ImGui keeps every window it ever made, but an app that makes windows under ever new names
// would grow this cache without end: past a bound it starts again (each item then copies its
// window's name once more).
void ItemRegistry::forget_window_names() {
    window_names_.clear();
    window_index_.clear();
    window_cache_.fill(WindowSlots{});
}

void ItemRegistry::fill_windows(ImGuiContext& ctx, UiSnapshot& snap) {
    std::size_t n = 0;
    for (ImGuiWindow* w : ctx.Windows) {
        if (!w->Active) continue;  // not submitted this frame: closed
        if (n == snap.windows.size()) snap.windows.emplace_back();
        WindowRecord& out = snap.windows[n];
        out.name = w->Name;
        if (w->ParentWindow && (w->Flags & ImGuiWindowFlags_ChildWindow))
            out.parent = w->ParentWindow->Name;
        else
            out.parent.clear();
        out.rect = {w->Pos.x, w->Pos.y, w->Size.x, w->Size.y};
        out.visible = !w->Hidden;
        out.collapsed = w->Collapsed;
        out.focused = ctx.NavWindow == w;
        out.popup = (w->Flags & ImGuiWindowFlags_Popup) != 0;
        out.modal = (w->Flags & ImGuiWindowFlags_Modal) != 0;
        out.z_order = static_cast<int>(n++);
    }
    snap.windows.resize(n);
    if (ctx.HoveredWindow)
        snap.hovered_window = ctx.HoveredWindow->Name;
    else
        snap.hovered_window.clear();
    snap.active_id = ctx.ActiveId;
    const ImGuiInputTextState& input = ctx.InputTextState;
    if (input.ID != 0 && ctx.ActiveId == input.ID && input.TextA.Data) {
        if (!snap.active_input) snap.active_input.emplace();
        snap.active_input->imgui_id = input.ID;
        snap.active_input->text.assign(input.TextA.Data, static_cast<std::size_t>(input.TextLen));
        snap.active_input->numeric =
            ctx.TempInputId == input.ID ||
            (input.Flags & (ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_CharsScientific |
                            ImGuiInputTextFlags_CharsHexadecimal |
                            ImGuiInputTextFlags_LocalizeDecimalPoint)) != 0;  // InputScalar's
    } else {
        snap.active_input.reset();
    }
    snap.open_popups = ctx.OpenPopupStack.Size;
    snap.input_queue_empty = ctx.InputEventsQueue.Size == 0;
    snap.framebuffer_scale_x = ctx.IO.DisplayFramebufferScale.x;
    snap.framebuffer_scale_y = ctx.IO.DisplayFramebufferScale.y;
}

}  // namespace hooks
