// item_capture.h: what ImGui's item hooks said during one frame, written down as it came, on the
// GUI thread; the item table (item_table.h) makes sense of it on the registry's own thread.
//
// Written down, not worked out. The hooks run between the app's widgets: every cache line they
// touch is one the app's next widget may miss, and on ImGui's demo with everything open that, not
// the instructions, was the registry's cost. So an item here costs one 48-byte event appended in
// order (its rect as ImGui gave it, and which of the frame's clip rects it was added within: the
// registry's thread works out what of it can be seen), its label kept (a literal's place, any
// other copied into one growing buffer: kInProgramText), and a check for an ID added before in the
// frame. That check stays on this thread because an ID conflict's stack must be taken there and
// then, at the second item's call; it is nearly free while the frame adds the same items as the
// last one (see AddSeq below).
//
// item_add() and item_info() each have a fast path for the common case (the frame repeating the
// last, in the last item's window, with room in the buffers; item_add()'s makes no call), and
// fall back to the general case, out of line, for the rest. ImGui's hook functions are laid out the
// same way (test_engine_hooks.cpp). On the demo window with everything open (bench/registry_cost's
// scene, headless, counted by valgrind) the hooks add 277k instructions to a frame of 8.2M:
// 299k before these fast paths.
//
// Nothing here is read by another thread while the GUI thread writes it: the registry takes each
// finished FrameCapture away whole (swap_frame()) and gives the capture another to write.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hooks/ui/append_buffer.h"
#include "hooks/ui/ui_snapshot.h"
#include "imgui_guard/guard.h"
#include "imgui_guard/test_engine_hooks.h"

struct ImGuiContext;
struct ImGuiLastItemData;
struct ImGuiWindow;
struct ImRect;

namespace hooks {

// A rectangle as ImGui keeps it, by its corners: the registry's thread makes the UiRect.
struct Corners {
    float min_x = 0, min_y = 0, max_x = 0, max_y = 0;
    bool operator==(const Corners&) const = default;
    UiRect rect() const { return {min_x, min_y, max_x - min_x, max_y - min_y}; }
};

// One item_add(), with the item_info() that ImGui calls right after it for the same ID merged in
// (or an item_info() alone: ImGui gives some items only that).
struct ItemEvent {
    unsigned id = 0;
    std::uint32_t window = 0;      // in FrameCapture::windows, the window it was drawn in
    unsigned seed = 0;             // the ID scope it was drawn in (the window's IDStack.back())
    std::uint32_t label_at = 0;    // its label: FrameCapture::labels, from here
    std::uint32_t label_size = 0;  // ... this long; or kInProgramText (FrameCapture::label())
    int status = 0;                // item_info()'s status flags
    Corners bb;                    // item_add()'s
    std::uint32_t clip = 0;        // FrameCapture::clips': its window's clip rect then
    bool added : 1 = false;        // an item_add() (else only an item_info())
    bool has_info : 1 = false;     // an item_info(): label and status
    bool self_scoped : 1 = false;  // its own ID was pushed before it was added (BeginMenu)
    bool enabled : 1 = true;
};
static_assert(sizeof(ItemEvent) <= 48, "ItemEvent: three cache lines hold four");

// A label ImGui was given as a string literal is not copied: the program's read-only data (its
// non-writable segments, where the compiler puts literals) lasts as long as the program and never
// changes, so the event keeps only where it is, label_at bytes into FrameCapture::program_text,
// and the registry's thread measures it. On ImGui's demo that is 97 % of the labels, and their
// strlen() and memcpy() were a tenth of the instructions the hooks added to a frame (valgrind,
// bench/registry_cost's scene), on the GUI thread between the app's widgets. Labels anywhere else
// (formatted ones, a std::string's, a shared library's literals) are copied as ImGui gave them.
inline constexpr std::uint32_t kInProgramText = ~0u;

// A window that items were drawn in this frame, or the root window of one.
struct CapturedWindow {
    const ImGuiWindow* window = nullptr;  // a key only: never followed off the GUI thread
    unsigned imgui_id = 0;
    std::uint32_t root = 0;  // in FrameCapture::windows
    bool shown = false;      // active and not hidden at the end of the frame
    std::string name;
};

struct FrameCapture {
    static constexpr std::uint32_t kNoWindow = ~0u;

    std::uint64_t frame = 0;
    AppendBuffer<ItemEvent> events;  // in submission order
    // The clip rects items were added within, each once per run of items that shared it: what
    // of an item can be seen is in it. clips[0] is none, for an item drawn outside any window.
    AppendBuffer<Corners> clips;
    std::vector<char> labels;  // labels_size of them in use: the labels, one after another
    std::size_t labels_size = 0;
    const char* program_text = nullptr;  // the program's read-only data, for kInProgramText
    // This frame's windows, windows[0, window_count): the vector keeps the names' capacity.
    std::vector<CapturedWindow> windows;
    std::uint32_t window_count = 0;
    std::vector<unsigned> window_ids;  // every window's ID, sorted: a window's own entry is no item
    const ImGuiWindow* nav_window = nullptr;  // a key only
    float display_w = 0, display_h = 0;       // the display, which bounds what can be seen
    unsigned nav_id = 0, hovered_id = 0, active_id = 0;

    std::string_view label(const ItemEvent& e) const {
        if (e.label_size == kInProgramText) return program_text + e.label_at;  // NUL-terminated
        return {labels.data() + e.label_at, e.label_size};
    }
    bool is_window(unsigned id) const;
    // The part of an added item inside its window's clip rect and the display; false if none.
    bool visible_part(const ItemEvent& e, UiRect& out) const;
};

// ImGui's item hooks come straight here (the registry installs this as the context's sink).
class ItemCapture final : public imgui_guard::ItemSink {
  public:
    ItemCapture();
    void begin_frame(std::uint64_t frame);
    void item_add(ImGuiContext& ctx, unsigned id, const ImRect& bb,
                  const ImGuiLastItemData* data) override;
    void item_info(ImGuiContext& ctx, unsigned id, const char* label, int status_flags) override;
    // Right after Render(): the windows' last state, and the conflicts' labels filled in.
    // false: no frame was begun.
    bool end_frame(ImGuiContext& ctx);

    // Between end_frame() and the next begin_frame(): the finished frame goes to `other`, which
    // is written from the next frame on (a FrameCapture that another frame left, or a new one).
    void swap_frame(FrameCapture& other);
    const std::vector<imgui_guard::IdConflict>& conflicts() const { return conflicts_; }

  private:
    // The general case, and what item_add() and item_info() fall back to off their fast paths.
    void add_event(ImGuiContext& ctx, unsigned id, const ImRect& bb, const ImGuiLastItemData* data);
    void info_event(ImGuiContext& ctx, unsigned id, const char* label, int status_flags);
    std::uint32_t window_index(const ImGuiWindow* window);  // the last one's, or window_slot()
    std::uint32_t window_slot(const ImGuiWindow* window);   // adds it (and its root) to the frame
    std::uint32_t clip_index(const ImGuiWindow* window);    // its clip rect, in frame_.clips
    ItemEvent& new_event(const ImGuiWindow* window, unsigned id);  // appended: ID, window, scope
    std::uint32_t earlier_add(unsigned id);  // this frame's latest add of `id` so far, or kNone
    std::uint32_t earlier_add_in_table(unsigned id);  // the same, once the replay has ended
    bool seen_before(unsigned id);  // and notes it: was it added before this frame?
    void grow_ids();
    void keep_label(ItemEvent& e, const char* label);
    void note_conflict(const ImGuiWindow* window, std::uint32_t first, std::uint32_t second);
    void note_room();  // fast_room_, after the general case appended

    static constexpr std::uint32_t kNone = ~0u;
    FrameCapture frame_;
    const char* program_text_ = nullptr;    // the main program's read-only data (keep_label())
    std::uintptr_t program_text_size_ = 0;  // from program_text_: 0 if it is not known
    bool in_frame_ = false;
    // This frame's adds, in order. Frames mostly add the same items in the same order: while
    // this frame's adds repeat the last frame's one for one (the replay), an ID was added before
    // in this frame exactly when it was at that place in the last one (AddSeq::earlier), and no
    // table is probed. At the first difference the IDs added so far go into the table (ids_),
    // and the rest of the frame probes it.
    struct AddSeq {
        unsigned id = 0;
        std::uint32_t event = 0;    // in FrameCapture::events
        std::uint32_t earlier = 0;  // this ID's latest add before it, in the same sequence; kNone
    };
    AppendBuffer<AddSeq> adds_, previous_adds_;
    // The replay goes on while adds_.size() < replay_end_: previous_adds_.size() from
    // begin_frame(), 0 from the first difference and outside a frame.
    std::uint32_t replay_end_ = 0;
    bool ids_used_ = false;  // the replay ended: the table holds this frame's IDs so far
    // item_add()'s fast path appends at most one event, clip and add, with no check of its own:
    // this many times before the buffers must grow (the general case grows them).
    std::uint32_t fast_room_ = 0;
    // This frame's item IDs, added so far, once the replay has ended: open addressing, a power
    // of two at most 5/8 full. A hit (rare) looks for the ID's add back in adds_.
    std::vector<unsigned> ids_;  // 0: empty (ImGui never gives an item the ID 0)
    std::uint32_t id_count_ = 0;
    // Window (by its ID) -> its index this frame: open addressing, at most 5/8 full, each entry
    // stamped with the frame it was last seen in, so nothing is cleared per frame. Stamped by
    // begin_frame()'s count, not the frame number: a frame that failed before its end is begun
    // again under the same number. Items come in runs per window, so the last one is kept too.
    struct WindowSeen {
        unsigned id = 0;  // 0: empty
        std::uint32_t index = 0;
        std::uint64_t generation = 0;
    };
    WindowSeen* find_window_seen(unsigned id);  // its entry, or the empty one it would take
    std::vector<WindowSeen> window_seen_;
    std::size_t window_seen_count_ = 0;
    static constexpr std::size_t kMaxWindowsSeen = 8192;  // an app making ever new windows
    std::uint64_t generation_ = 0;
    const ImGuiWindow* last_window_ = nullptr;
    std::uint32_t last_window_index_ = FrameCapture::kNoWindow;
    std::vector<imgui_guard::IdConflict> conflicts_;
    struct ConflictEvents {
        std::uint32_t first = 0, second = 0;  // the first's event, and the second's
    };
    std::vector<ConflictEvents> conflict_events_;  // conflicts_'s, for their labels
};

}  // namespace hooks
