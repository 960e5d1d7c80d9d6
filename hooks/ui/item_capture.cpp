// item_capture.cpp: ImGui's item hooks -> one frame's events, on the GUI thread.
#include "hooks/ui/item_capture.h"

#include "imgui.h"
#include "imgui_internal.h"

#include <link.h>

#include <algorithm>
#include <cstring>

namespace hooks {

namespace {

Corners corners(const ImRect& r) { return {r.Min.x, r.Min.y, r.Max.x, r.Max.y}; }

// Bit for bit, in memory: two 8-byte compares, where == on floats is four and their branches.
// Only ever a shortcut: rects that are equal but not bit for bit (-0 and 0) are kept twice.
bool same_bits(const ImRect& a, const Corners& b) {
    static_assert(sizeof(ImRect) == sizeof(Corners));
    return std::memcmp(&a, &b, sizeof b) == 0;  // NOLINT(bugprone-suspicious-memory-comparison)
}

// An added item's scope: the top of its window's ID stack, or the one below it when the item
// pushed its own ID before it was added (BeginMenu()).
struct Scope {
    unsigned seed = 0;
    bool self_scoped = false;
};
[[gnu::always_inline]] inline Scope scope_of(const ImGuiWindow* window, unsigned id) {
    const ImVector<ImGuiID>& stack = window->IDStack;  // Data[] directly: back() asserts
    if (stack.Size <= 0) return {};
    const unsigned top = stack.Data[stack.Size - 1];
    if (top != id) return {top, false};
    return {stack.Size >= 2 ? stack.Data[stack.Size - 2] : top, true};
}

// The span of the main program's non-writable segments (dl_iterate_phdr() lists it first), if
// no writable one lies inside it: what kInProgramText labels point into.
struct ProgramText {
    const char* begin = nullptr;
    std::uintptr_t size = 0;
};
ProgramText find_program_text() {
    ProgramText text;
    dl_iterate_phdr(
        [](dl_phdr_info* info, std::size_t, void* out) {
            std::uintptr_t lo = UINTPTR_MAX, hi = 0;
            for (int w = 0; w < 2; ++w)  // the read-only span, then a writable segment within it
                for (ElfW(Half) i = 0; i < info->dlpi_phnum; ++i) {
                    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
                    if (ph.p_type != PT_LOAD || ((ph.p_flags & PF_W) != 0) != (w == 1)) continue;
                    const std::uintptr_t start = info->dlpi_addr + ph.p_vaddr;
                    const std::uintptr_t end = start + ph.p_memsz;
                    if (w == 0) {
                        lo = std::min(lo, start);
                        hi = std::max(hi, end);
                    } else if (start < hi && end > lo) {
                        return 1;  // an unusual layout: copy every label
                    }
                }
            if (hi > lo && hi - lo < kInProgramText) {
                auto* text = static_cast<ProgramText*>(out);
                text->begin =
                    reinterpret_cast<const char*>(lo);  // NOLINT(performance-no-int-to-ptr)
                text->size = hi - lo;
            }
            return 1;  // the main program only
        },
        &text);
    return text;
}

std::size_t id_slot(unsigned id, std::size_t mask) {
    return (static_cast<std::size_t>(id) * 0x9E3779B97F4A7C15ull >> 20) & mask;  // Fibonacci hash
}

}  // namespace

ItemCapture::ItemCapture() {
    static const ProgramText text = find_program_text();
    program_text_ = text.begin;
    program_text_size_ = text.size;
}

void ItemCapture::swap_frame(FrameCapture& other) { std::swap(frame_, other); }

bool FrameCapture::is_window(unsigned id) const {
    return std::binary_search(window_ids.begin(), window_ids.end(), id);
}

bool FrameCapture::visible_part(const ItemEvent& e, UiRect& out) const {
    const Corners& clip = clips[e.clip];
    const float x0 = std::max({e.bb.min_x, clip.min_x, 0.0f});
    const float y0 = std::max({e.bb.min_y, clip.min_y, 0.0f});
    const float x1 = std::min({e.bb.max_x, clip.max_x, display_w});
    const float y1 = std::min({e.bb.max_y, clip.max_y, display_h});
    if (!(x1 > x0 && y1 > y0)) return false;
    out = {x0, y0, x1 - x0, y1 - y0};
    return true;
}

void ItemCapture::begin_frame(std::uint64_t frame) {
    in_frame_ = true;
    frame_.frame = frame;
    frame_.program_text = program_text_;
    frame_.events.clear();
    frame_.clips.clear();
    frame_.clips.append() = Corners{};  // clips[0]: none
    frame_.labels_size = 0;
    frame_.window_count = 0;
    ++generation_;
    last_window_ = nullptr;
    last_window_index_ = FrameCapture::kNoWindow;
    // A UI that once had many more items than now would clear a big table every frame.
    previous_adds_.swap(adds_);
    adds_.clear();
    replay_end_ = previous_adds_.size();
    if (ids_used_) {
        if (ids_.size() > 1024 && std::size_t{8} * id_count_ < ids_.size())
            ids_.resize(ids_.size() / 2);
        std::fill(ids_.begin(), ids_.end(), 0u);
        id_count_ = 0;
        ids_used_ = false;
    }
    conflicts_.clear();  // a frame that never reached end_frame() reports nothing
    conflict_events_.clear();
    note_room();
}

std::uint32_t ItemCapture::window_slot(const ImGuiWindow* window) {
    if (8 * (window_seen_count_ + 1) > 5 * window_seen_.size()) {  // grow, or start again
        const bool restart = window_seen_.size() >= kMaxWindowsSeen;
        std::vector<WindowSeen> old = std::move(window_seen_);
        window_seen_.assign(restart ? 64 : std::max<std::size_t>(64, old.size() * 2), {});
        window_seen_count_ = 0;
        for (const WindowSeen& w : old) {
            if (w.id == 0 || restart) continue;
            *find_window_seen(w.id) = w;
            ++window_seen_count_;
        }
    }
    WindowSeen* seen = find_window_seen(window->ID);
    if (seen->id == 0) {
        seen->id = window->ID;
        ++window_seen_count_;
    } else if (seen->generation == generation_) {
        return seen->index;
    }
    const std::uint32_t index = frame_.window_count++;
    seen->generation = generation_;
    seen->index = index;
    if (frame_.windows.size() < frame_.window_count) frame_.windows.emplace_back();
    frame_.windows[index].window = window;
    frame_.windows[index].imgui_id = window->ID;
    const ImGuiWindow* root = window->RootWindow ? window->RootWindow : window;
    const std::uint32_t root_index = root == window ? index : window_slot(root);
    frame_.windows[index].root = root_index;
    return index;
}

ItemCapture::WindowSeen* ItemCapture::find_window_seen(unsigned id) {
    const std::size_t mask = window_seen_.size() - 1;
    std::size_t i = id_slot(id, mask);
    while (window_seen_[i].id != 0 && window_seen_[i].id != id) i = (i + 1) & mask;
    return &window_seen_[i];
}

// The hot path. ImGui calls item_add() for every item it submits and item_info() for most of
// the visible ones: each has a fast path for the common case, and falls back to the general case
// for the rest (a new window, a frame unlike the last, an ID added before in the frame, a buffer
// to grow). item_add()'s makes no call and checks all that before it saves a register; it
// appends without a check of its own while fast_room_ lasts.
void ItemCapture::item_add(ImGuiContext& ctx, unsigned id, const ImRect& bb,
                           const ImGuiLastItemData* data) {
    const ImGuiWindow* window = ctx.CurrentWindow;
    const std::uint32_t k = adds_.size();
    // The replay says this ID was not added before in the frame; the last item's window.
    if (k < replay_end_ && previous_adds_[k].id == id && previous_adds_[k].earlier == kNone &&
        window == last_window_ && window != nullptr && window->ID != id && fast_room_ != 0)
        [[likely]] {
        --fast_room_;
        const ImGuiItemFlags flags = data ? data->ItemFlags : ctx.CurrentItemFlags;
        const Scope scope = scope_of(window, id);
        if (!same_bits(window->ClipRect, frame_.clips.back()))
            frame_.clips.append_unchecked() = corners(window->ClipRect);
        const std::uint32_t index = frame_.events.size();
        ItemEvent& e = frame_.events.append_unchecked();  // written whole, field by field
        e.id = id;
        e.window = last_window_index_;
        e.seed = scope.seed;
        e.label_at = e.label_size = 0;
        e.status = 0;
        e.bb = corners(bb);
        e.clip = frame_.clips.size() - 1;
        e.added = true;
        e.has_info = false;
        e.self_scoped = scope.self_scoped;
        e.enabled = (flags & ImGuiItemFlags_Disabled) == 0;
        adds_.append_unchecked() = {id, index, kNone};
        return;
    }
    add_event(ctx, id, bb, data);
}

void ItemCapture::item_info(ImGuiContext& ctx, unsigned id, const char* label, int status) {
    // The item_add() just before, for the same ID: this is its label and status.
    const ImGuiWindow* window = ctx.CurrentWindow;
    if (in_frame_ && !frame_.events.empty() && frame_.events.back().id == id &&
        !frame_.events.back().has_info && window != nullptr && window->ID != id) [[likely]] {
        ItemEvent& e = frame_.events.back();
        e.has_info = true;
        e.status = status;
        keep_label(e, label);
        return;
    }
    info_event(ctx, id, label, status);
}

std::uint32_t ItemCapture::window_index(const ImGuiWindow* window) {
    if (window != last_window_) {
        last_window_ = window;
        last_window_index_ = window ? window_slot(window) : FrameCapture::kNoWindow;
    }
    return last_window_index_;
}

std::uint32_t ItemCapture::clip_index(const ImGuiWindow* window) {
    if (!window) return 0;  // none of it can be seen
    if (!same_bits(window->ClipRect, frame_.clips.back()))
        frame_.clips.append() = corners(window->ClipRect);
    return frame_.clips.size() - 1;
}

ItemEvent& ItemCapture::new_event(const ImGuiWindow* window, unsigned id) {
    ItemEvent& e = frame_.events.append();
    e = ItemEvent{};
    e.id = id;
    e.window = window_index(window);
    if (window) {
        const Scope scope = scope_of(window, id);
        e.seed = scope.seed;
        e.self_scoped = scope.self_scoped;
    }
    return e;
}

[[gnu::cold]] void ItemCapture::grow_ids() {
    std::vector<unsigned> old = std::move(ids_);
    ids_.assign(std::max<std::size_t>(1024, old.size() * 2), 0u);
    const std::size_t mask = ids_.size() - 1;
    for (const unsigned id : old) {
        if (id == 0) continue;
        std::size_t i = id_slot(id, mask);
        while (ids_[i] != 0) i = (i + 1) & mask;
        ids_[i] = id;
    }
}

bool ItemCapture::seen_before(unsigned id) {
    if (std::size_t{8} * (id_count_ + 1) > 5 * ids_.size()) grow_ids();
    const std::size_t mask = ids_.size() - 1;
    for (std::size_t i = id_slot(id, mask);; i = (i + 1) & mask) {
        if (ids_[i] == id) return true;
        if (ids_[i] == 0) {
            ids_[i] = id;
            ++id_count_;
            return false;
        }
    }
}

std::uint32_t ItemCapture::earlier_add(unsigned id) {
    const std::uint32_t k = adds_.size();
    if (k < replay_end_ && previous_adds_[k].id == id) return previous_adds_[k].earlier;
    return earlier_add_in_table(id);
}

std::uint32_t ItemCapture::earlier_add_in_table(unsigned id) {
    if (!ids_used_) {  // the first difference from the last frame
        replay_end_ = 0;
        ids_used_ = true;
        for (const AddSeq& a : adds_) seen_before(a.id);
    }
    if (!seen_before(id)) return kNone;
    for (std::uint32_t i = adds_.size(); i-- > 0;)
        if (adds_[i].id == id) return i;
    return kNone;  // not reached: seen_before() said there is one
}

// The label: a literal's place in the program's text (kInProgramText), or else a copy into room
// made ahead: glibc's strlen() and memcpy() read and write 32 bytes at a time. (A std::string
// append per label was a third of what the hooks cost the GUI thread on the demo; a byte loop that
// copied as it read was 0.4-0.5 points slower than this on bench/registry_cost, and an inlined SSE2
// scan and copy no faster on the demo.)
[[gnu::always_inline]] inline void ItemCapture::keep_label(ItemEvent& e, const char* label) {
    const std::uintptr_t in_text =
        reinterpret_cast<std::uintptr_t>(label) - reinterpret_cast<std::uintptr_t>(program_text_);
    if (in_text < program_text_size_) {  // a literal: kept where it is (kInProgramText)
        e.label_at = static_cast<std::uint32_t>(in_text);
        e.label_size = kInProgramText;
        return;
    }
    const std::size_t size = label ? std::strlen(label) : 0;
    std::vector<char>& out = frame_.labels;
    const std::size_t start = frame_.labels_size;
    if (out.size() < start + size) [[unlikely]]
        out.resize(std::max(2 * out.size(), start + size + 4096));
    if (size > 0) std::memcpy(out.data() + start, label, size);
    e.label_at = static_cast<std::uint32_t>(start);
    e.label_size = static_cast<std::uint32_t>(size);
    frame_.labels_size = start + size;
}

[[gnu::noinline]] void ItemCapture::add_event(ImGuiContext& ctx, unsigned id, const ImRect& bb,
                                              const ImGuiLastItemData* data) {
    const ImGuiWindow* window = ctx.CurrentWindow;
    // Begin() registers the window itself as an item: a window is listed by /api/windows.
    if (!in_frame_ || id == 0 || (window && window->ID == id)) return;
    const ImGuiItemFlags flags = data ? data->ItemFlags : ctx.CurrentItemFlags;
    const std::uint32_t clip = clip_index(window);
    const std::uint32_t index = frame_.events.size();
    ItemEvent& e = new_event(window, id);
    e.added = true;
    e.bb = corners(bb);
    e.clip = clip;
    e.enabled = (flags & ImGuiItemFlags_Disabled) == 0;
    // The same ID again this frame is a conflict, unless it is the same item added twice at the
    // same place (InputTextMultiline() adds its frame before and after its child window).
    const std::uint32_t earlier = earlier_add(id);
    adds_.append() = {id, index, earlier};
    if (earlier != kNone && (flags & ImGuiItemFlags_AllowDuplicateId) == 0) {
        const std::uint32_t last = adds_[earlier].event;
        if (!(frame_.events[last].bb == e.bb)) note_conflict(window, last, index);
    }
    note_room();
}

[[gnu::noinline]] void ItemCapture::info_event(ImGuiContext& ctx, unsigned id, const char* label,
                                               int status) {
    const ImGuiWindow* window = ctx.CurrentWindow;
    if (!in_frame_ || id == 0 || (window && window->ID == id)) return;  // Begin()'s, as above
    ItemEvent* e = frame_.events.empty() ? nullptr : &frame_.events.back();
    if (!e || e->id != id || e->has_info) e = &new_event(window, id);
    e->has_info = true;
    e->status = status;
    keep_label(*e, label);
    note_room();
}

void ItemCapture::note_room() {
    fast_room_ = std::min({frame_.events.room(), frame_.clips.room(), adds_.room()});
}

// The second (third...) item_add() of an ID this frame. Its label comes with its item_info(),
// next: end_frame() fills both labels in from the events.
[[gnu::cold]] void ItemCapture::note_conflict(const ImGuiWindow* window, std::uint32_t first,
                                              std::uint32_t second) {
    const unsigned id = frame_.events[second].id;
    for (imgui_guard::IdConflict& c : conflicts_)
        if (c.id == id) {
            ++c.count;
            return;
        }
    imgui_guard::IdConflict& c = conflicts_.emplace_back();
    c.id = id;
    c.window = window ? window->Name : "";
    c.panel = imgui_guard::current_panel();
    auto put = [](float(&out)[4], const UiRect& rect) {
        out[0] = rect.x;
        out[1] = rect.y;
        out[2] = rect.w;
        out[3] = rect.h;
    };
    put(c.first_rect, frame_.events[first].bb.rect());
    put(c.second_rect, frame_.events[second].bb.rect());
    c.stack = imgui_guard::capture_raw_stack();
    conflict_events_.push_back({first, second});
}

bool ItemCapture::end_frame(ImGuiContext& ctx) {
    if (!in_frame_) return false;
    in_frame_ = false;
    replay_end_ = 0;
    for (std::uint32_t i = 0; i < frame_.window_count; ++i) {
        CapturedWindow& w = frame_.windows[i];
        w.shown = w.window->Active && !w.window->Hidden;
        w.name = w.window->Name;
    }
    frame_.window_ids.clear();  // WindowsById is sorted by ID
    for (const ImGuiStoragePair& pair : ctx.WindowsById.Data) frame_.window_ids.push_back(pair.key);
    frame_.display_w = ctx.IO.DisplaySize.x;
    frame_.display_h = ctx.IO.DisplaySize.y;
    frame_.nav_window = ctx.NavWindow;
    frame_.nav_id = ctx.NavId;
    frame_.hovered_id = ctx.HoveredId;
    frame_.active_id = ctx.ActiveId;
    // A label stays "" when ImGui never gave one (a clipped item gets no item_info()).
    for (std::size_t k = 0; k < conflicts_.size(); ++k) {
        const ItemEvent& first = frame_.events[conflict_events_[k].first];
        const ItemEvent& second = frame_.events[conflict_events_[k].second];
        if (first.has_info) conflicts_[k].first_label = frame_.label(first);
        if (second.has_info) conflicts_[k].second_label = frame_.label(second);
    }
    return true;
}

}  // namespace hooks
