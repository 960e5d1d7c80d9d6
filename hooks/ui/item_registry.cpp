// item_registry.cpp: ImGui's test-engine item hooks -> a published UiSnapshot per frame.
#include "hooks/ui/item_registry.h"

#include "hooks/ui/item_ref.h"

#include "imgui.h"
#include "imgui_internal.h"

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

// s == text in one pass: std::string's operator== runs strlen() over text, then memcmp(), and
// this runs once per labelled item per frame.
bool same_text(const std::string& s, const char* text) {
    const char* a = s.c_str();  // NUL-terminated; a label holds no NUL before its end
    while (*a != '\0' && *a == *text) {
        ++a;
        ++text;
    }
    return *a == *text && a == s.c_str() + s.size();
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

ItemRegistry::Known* ItemRegistry::find(unsigned id) {
    if (index_.empty()) return nullptr;
    const std::size_t mask = index_.size() - 1;
    for (std::size_t i = index_slot(id, mask);; i = (i + 1) & mask) {
        if (index_[i].id == id) return &slots_[index_[i].slot];
        if (index_[i].id == 0) return nullptr;
    }
}

void ItemRegistry::rebuild_index(std::size_t capacity) {
    index_.assign(capacity, IndexEntry{});
    const std::size_t mask = capacity - 1;
    for (std::uint32_t s = 0; s < slots_.size(); ++s) {
        if (!slots_[s].in_use) continue;
        std::size_t i = index_slot(slots_[s].record.imgui_id, mask);
        while (index_[i].id != 0) i = (i + 1) & mask;
        index_[i] = {slots_[s].record.imgui_id, s};
    }
}

ItemRegistry::Known& ItemRegistry::insert(unsigned id) {
    std::uint32_t slot;
    if (!free_.empty()) {
        slot = free_.back();
        free_.pop_back();
    } else {
        slot = static_cast<std::uint32_t>(slots_.size());
        slots_.emplace_back();
    }
    Known& k = slots_[slot];
    ItemRecord& r = k.record;
    r.imgui_id = id;
    r.raw_label.clear();  // a reused slot keeps only its strings' capacity
    r.label.clear();
    r.id.clear();
    r.path.clear();
    r.window.clear();
    r.root_window.clear();
    r.ref.clear();
    r.checkable = r.checked = r.openable = r.opened = r.inputable = r.menu = false;
    r.focused = r.hovered = r.active = false;
    k.seed = k.ref_seed = 0;
    k.window_name = k.root_name = 0;
    r.stable_frames = 1;
    k.frame = 0;
    k.has_info = false;
    k.published_frame = 0;
    k.added_frame = 0;
    k.in_use = true;
    if (2 * known_items() > index_.size()) {
        rebuild_index(std::max<std::size_t>(256, index_.size() * 2));
    } else {
        const std::size_t mask = index_.size() - 1;
        std::size_t i = index_slot(id, mask);
        while (index_[i].id != 0) i = (i + 1) & mask;
        index_[i] = {id, slot};
    }
    return k;
}

// Frames mostly submit the same items in the same order: the item after the last one seen is
// most likely the one after it in the previous frame too. Checking that slot first skips the
// index, whose random probes missed the cache on most items of a large UI.
// The app draws the widget between one item and the next: time enough for the predicted item's
// record to come into the cache, where reading it at once missed on most items of a large UI.
void ItemRegistry::prefetch_predicted() const {
    if (predicted_ >= previous_order_.size()) return;
    const ItemRecord& next = slots_[previous_order_[predicted_]].record;
    __builtin_prefetch(&next.raw_label);
    __builtin_prefetch(&next.imgui_id);
    __builtin_prefetch(&next.stable_frames);
}

ItemRegistry::Known* ItemRegistry::lookup(unsigned id) {
    if (predicted_ < previous_order_.size()) {
        Known& next = slots_[previous_order_[predicted_]];
        if (next.in_use && next.record.imgui_id == id) return &next;
    }
    return find(id);
}

std::uint32_t ItemRegistry::window_name_slot(const ImGuiWindow* window) {
    auto [it, added] =
        window_index_.try_emplace(window, static_cast<std::uint32_t>(window_names_.size()));
    if (added) window_names_.emplace_back();
    return it->second;
}

const ItemRegistry::WindowName& ItemRegistry::checked_name(std::uint32_t slot,
                                                           const ImGuiWindow* window) {
    WindowName& w = window_names_[slot];
    if (w.checked_frame != frame_) {  // once per window per frame
        w.checked_frame = frame_;
        const char* name = window ? window->Name : "";
        if (w.version == 0 || w.name != name) {
            w.name = name;
            w.version = next_strings_version_++;
        }
    }
    return w;
}

ItemRegistry::Known* ItemRegistry::entry(ImGuiContext& ctx, unsigned id) {
    if (id == last_id_) return &slots_[last_slot_];
    // Begin() registers the window itself as an item: a window is listed by /api/windows.
    if (ctx.CurrentWindow && ctx.CurrentWindow->ID == id) return nullptr;
    Known* found = lookup(id);
    if (!found) {
        if (ImGui::FindWindowByID(id)) return nullptr;  // a window's own entry; /api/windows
        found = &insert(id);
    }
    Known& k = *found;
    if (k.frame != frame_) {  // first sighting this frame: reset what each frame says anew
        if (k.frame != 0) {
            predicted_ = k.order_pos + 1;
            prefetch_predicted();
        }
        k.frame = frame_;
        k.window = ctx.CurrentWindow;
        k.seed = 0;
        k.self_scoped = false;
        if (k.window && !k.window->IDStack.empty()) {
            // BeginMenu() pushes its own ID before it adds the item: its scope is the one below.
            const ImVector<ImGuiID>& stack = k.window->IDStack;
            k.self_scoped = stack.back() == id;
            k.seed = k.self_scoped && stack.Size >= 2 ? stack[stack.Size - 2] : stack.back();
        }
        ItemRecord& r = k.record;
        r.last_seen_frame = frame_;
        r.rect = {};
        r.visible_rect = {};
        r.visible = false;
        r.enabled = true;
        const ImGuiWindow* root =
            k.window && k.window->RootWindow ? k.window->RootWindow : k.window;
        if (k.window != last_window_ || root != last_root_) {  // items come in runs per window
            last_window_ = k.window;
            last_root_ = root;
            last_window_slot_ = window_name_slot(k.window);
            last_root_slot_ = window_name_slot(root);
        }
        if (const WindowName& w = checked_name(last_root_slot_, root); k.root_name != w.version) {
            r.root_window = w.name;
            k.root_name = w.version;
            k.strings = next_strings_version_++;
        }
        if (const WindowName& w = checked_name(last_window_slot_, k.window);
            k.window_name != w.version) {
            r.window = w.name;
            k.window_name = w.version;
            make_path(r, k.has_info);
            if (k.has_info) make_ref(k);  // a ref starts with the window's name
            k.strings = next_strings_version_++;
        }
        k.order_pos = static_cast<std::uint32_t>(order_.size());
        order_.push_back(static_cast<std::uint32_t>(&k - slots_.data()));
    }
    last_id_ = id;
    last_slot_ = static_cast<std::uint32_t>(&k - slots_.data());
    return &k;
}

void ItemRegistry::item_add(ImGuiContext& ctx, unsigned id, const ImRect& bb,
                            const ImGuiLastItemData* data) {
    if (!in_frame_ || id == 0) return;
    Known* k = entry(ctx, id);
    if (!k) return;
    ItemRecord& r = k->record;
    __builtin_prefetch(r.raw_label.data());  // item_info() compares it once the widget is drawn
    const ImGuiItemFlags flags = data ? data->ItemFlags : ctx.CurrentItemFlags;
    const UiRect rect = to_rect(bb);
    // The same ID again this frame is a conflict, unless it is the same item added twice at the
    // same place (InputTextMultiline() adds its frame before and after its child window).
    if (k->added_frame != frame_)
        k->added_frame = frame_;
    else if ((flags & ImGuiItemFlags_AllowDuplicateId) == 0 && !(rect == r.rect))
        note_conflict(*k, bb);
    r.rect = rect;
    r.enabled = (flags & ImGuiItemFlags_Disabled) == 0;
    if (k->window) {
        ImRect clipped = bb;
        clipped.ClipWithFull(k->window->ClipRect);
        clipped.ClipWithFull(ImRect(ImVec2(0, 0), ctx.IO.DisplaySize));
        r.visible = clipped.GetWidth() > 0 && clipped.GetHeight() > 0;
        r.visible_rect = r.visible ? to_rect(clipped) : UiRect{};
    }
}

void ItemRegistry::item_info(ImGuiContext& ctx, unsigned id, const char* label, int status) {
    if (!in_frame_ || id == 0) return;
    Known* k = entry(ctx, id);
    if (!k) return;
    ItemRecord& r = k->record;
    const char* text = label ? label : "";
    if (conflict_awaiting_label_ == id) {
        conflicts_.back().second_label = text;
        conflict_awaiting_label_ = 0;
    }
    if (!k->has_info || !same_text(r.raw_label, text)) {  // changed: the only time it allocates
        r.raw_label = text;
        LabelParts parts = split_label(r.raw_label);
        r.label = std::move(parts.display);
        r.id = std::move(parts.id);
        k->has_info = true;
        make_path(r, true);
        make_ref(*k);
        k->strings = next_strings_version_++;
    } else if (k->ref_seed != k->seed && r.ref.empty()) {  // a parent's ref may be known now
        make_ref(*k);
        if (!r.ref.empty()) k->strings = next_strings_version_++;
    }
    r.checkable = (status & ImGuiItemStatusFlags_Checkable) != 0;
    r.checked = (status & ImGuiItemStatusFlags_Checked) != 0;
    r.openable = (status & ImGuiItemStatusFlags_Openable) != 0;
    r.opened = (status & ImGuiItemStatusFlags_Opened) != 0;
    r.inputable = (status & ImGuiItemStatusFlags_Inputable) != 0;
    // BeginMenu() pushes its label's ID before it adds its item; a tree node does not.
    r.menu = r.openable && k->self_scoped;
}

// The item's ref, when ImGui's own hashing confirms it: its label hashed on the ID scope it was
// drawn in gives its ID, and that scope is its window (the ref starts with the window's name) or
// an item whose ref is known (an open tree node, say). PushID() scopes of the app's own are
// unknown here, so their items get no ref (a ref written by hand still finds them).
void ItemRegistry::make_ref(Known& k) {
    ItemRecord& r = k.record;
    r.ref.clear();
    k.ref_seed = k.seed;
    if (!k.window || r.raw_label.empty() ||
        ImHashStr(r.raw_label.data(), r.raw_label.size(), k.seed) != r.imgui_id)
        return;
    if (k.seed == k.window->ID) {
        r.ref = escape_ref_segment(k.window->Name);
    } else if (k.seed == ImHashStr("##MenuBar", 0, k.window->ID)) {  // BeginMenuBar()'s scope
        r.ref = escape_ref_segment(k.window->Name) + "/##MenuBar";
    } else if (const Known* parent = find(k.seed); parent && !parent->record.ref.empty()) {
        r.ref = parent->record.ref;
    } else {
        return;
    }
    r.ref += '/';
    r.ref += escape_ref_segment(r.raw_label);
}

// The second (third...) item_add() of an ID this frame. k still holds the first item's label and
// rect: the second's label comes with its item_info(), next. A label stays "" when ImGui never
// gave one (a clipped item gets no item_info()).
void ItemRegistry::note_conflict(const Known& k, const ImRect& bb) {
    const unsigned id = k.record.imgui_id;
    for (imgui_guard::IdConflict& c : conflicts_)
        if (c.id == id) {
            ++c.count;
            return;
        }
    imgui_guard::IdConflict& c = conflicts_.emplace_back();
    c.id = id;
    c.window = k.record.window;
    c.panel = imgui_guard::current_panel();
    c.first_label = k.has_info ? k.record.raw_label : "";
    auto put = [](float(&out)[4], const UiRect& r) {
        out[0] = r.x;
        out[1] = r.y;
        out[2] = r.w;
        out[3] = r.h;
    };
    put(c.first_rect, k.record.rect);
    put(c.second_rect, to_rect(bb));
    c.stack = imgui_guard::capture_raw_stack();
    conflict_awaiting_label_ = id;
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
            const Known& later = slots_[order_[i + kAhead]];
            __builtin_prefetch(&later.record.imgui_id);
            __builtin_prefetch(&later.record.stable_frames);
            __builtin_prefetch(&snap.items[i + kAhead].imgui_id, 1);
            __builtin_prefetch(&snap.items[i + kAhead].stable_frames, 1);
        }
        Known& k = slots_[order_[i]];
        ItemRecord& r = k.record;
        if (k.window && (!k.window->Active || k.window->Hidden)) r.visible = false;
        r.focused = ctx.NavId == r.imgui_id && ctx.NavWindow == k.window;
        r.hovered = ctx.HoveredId == r.imgui_id;
        r.active = ctx.ActiveId == r.imgui_id;
        const bool was_published =
            last_published_frame_ != 0 && k.published_frame == last_published_frame_;
        r.stable_frames = was_published && k.published_rect == r.rect ? r.stable_frames + 1 : 1;
        k.published_frame = frame_;
        k.published_rect = r.rect;
        k.window = nullptr;  // ImGui may free it before the next frame
        ItemRecord& out = snap.items[i];
        if (buffer->strings[i] == k.strings) {  // same item, same strings: per-frame fields only
            out.rect = r.rect;
            out.visible_rect = r.visible_rect;
            out.visible = r.visible;
            out.enabled = r.enabled;
            out.checkable = r.checkable;
            out.checked = r.checked;
            out.openable = r.openable;
            out.opened = r.opened;
            out.menu = r.menu;
            out.inputable = r.inputable;
            out.focused = r.focused;
            out.hovered = r.hovered;
            out.active = r.active;
            out.last_seen_frame = r.last_seen_frame;
            out.stable_frames = r.stable_frames;
        } else {
            out = r;  // string assignments reuse the buffer's capacity
            buffer->strings[i] = k.strings;
        }
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
    for (std::uint32_t s = 0; s < slots_.size(); ++s) {
        if (!slots_[s].in_use || slots_[s].frame == frame_) continue;
        slots_[s].in_use = false;
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
    last_window_ = nullptr;
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
