// item_table.h: the items the registry knows, kept from frame to frame, and each frame's
// snapshot made from them: the half of the item registry that runs on its own thread.
//
// The GUI thread writes a frame down as it comes (item_capture.h); assemble() works it out here:
// which item each event is, what changed (labels, windows, refs), and every item's line of the
// snapshot. It never touches ImGui: a window is known by what the capture copied of it.
//
// Clipped items. ImGui calls ItemAdd for every item but ItemInfo (label, status flags) only for
// items that are not clipped, so an item scrolled out of its window or child has no label of its
// own. The table keeps what the last ItemInfo said per imgui_id (label, id, path, flags) while
// the item keeps being submitted, so a clipped item still carries them, with visible = false. An
// item that is not submitted in a frame is gone and forgotten: the table holds only the items of
// the last frame.
//
// Cost. In steady state a frame allocates nothing, and its strings are rebuilt and copied only
// when an item's label or window changes: each item's per-frame state is two cache lines (Hot,
// below), found where it came in the previous frame.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "hooks/ui/item_capture.h"
#include "hooks/ui/ui_snapshot.h"

namespace hooks {

// "Save##btn_save" -> {"Save", "btn_save"}; "Title###win" -> {"Title", "win"};
// "Plain" -> {"Plain", ""}
struct LabelParts {
    std::string display;
    std::string id;
};
LabelParts split_label(const std::string& raw_label);

class ItemTable {
  public:
    // `out` is a recycled snapshot: out_strings[i] is the version of the strings its item i
    // holds, and only an item whose strings changed since gets them copied again.
    void assemble(const FrameCapture& capture, UiSnapshot& out,
                  std::vector<std::uint64_t>& out_strings);
    std::size_t known_items() const { return hot_.size() - free_.size(); }

  private:
    // One item, in two parts: all that a frame touches per item is its Hot part; its strings
    // (records_) only when one of them changes.
    struct alignas(64) Hot {
        static constexpr std::size_t kLabelHead = 40;  // 99 % of the demo's labels fit

        unsigned id = 0;
        std::uint32_t order_pos = 0;  // its place in order_ in the frame it was last seen
        // Frames, as their low 32 bits (frame32()): only ever compared with this frame's or the
        // last one's, and an item not submitted in a frame is forgotten at its end.
        std::uint32_t frame = 0;        // the last frame it was submitted in
        std::uint32_t added_frame = 0;  // the last frame an item_add() came for it
        std::uint64_t strings = 0;      // version of its strings: changes when any of them does
        std::uint32_t window = FrameCapture::kNoWindow;  // this frame's, in the capture
        unsigned seed = 0;                               // the ID scope it was drawn in this frame
        unsigned ref_seed = 0;          // the scope its ref was last worked out for
        std::uint32_t window_name = 0;  // the versions of its window's and root window's names
        std::uint32_t root_name = 0;    // that its strings hold (WindowName::version)
        int stable_frames = 1;          // published frames in a row with the same rect
        UiRect rect;                    // this frame's, once an add came; the last one's before
        UiRect visible_rect;
        bool in_use : 1 = false;         // false: a free slot (its strings keep their capacity)
        bool has_info : 1 = false;       // an ItemInfo was seen for it, ever
        bool has_ref : 1 = false;        // its strings hold a ref
        bool self_scoped : 1 = false;    // its own ID was pushed before it was added (BeginMenu)
        bool was_published : 1 = false;  // it was in the last published frame
        bool moved : 1 = false;          // its rect differs from the last frame's
        bool visible : 1 = false;
        bool enabled : 1 = true;
        bool checkable : 1 = false, checked : 1 = false;
        bool openable : 1 = false, opened : 1 = false;
        bool inputable : 1 = false, menu : 1 = false;
        std::uint16_t label_size = 0;  // of the raw label, at most 0xFFFF
        char label_head[kLabelHead] = {};

        void set_label(const std::string& raw);
        static std::uint32_t frame32(std::uint64_t frame) {
            return static_cast<std::uint32_t>(frame);
        }
        bool label_is(std::string_view text, const std::string& raw) const;  // raw: the whole
        void prefetch() const {  // both lines, for a use a little later
            __builtin_prefetch(this);
            __builtin_prefetch(reinterpret_cast<const char*>(this) + 64);
        }
    };
    static_assert(sizeof(Hot) == 128, "Hot: two cache lines");
    // imgui id -> slot, open addressing: a few KB that stay in cache, where a node-based map
    // cost two cache misses per item per frame.
    struct IndexEntry {
        unsigned id = 0;  // 0: empty (ImGui never gives an item the ID 0)
        std::uint32_t slot = 0;
    };
    // A window's name as the table last saw it. Items compare their window by this version, a
    // number, instead of by name: a demo frame has ~2200 items in ~60 windows. ImGui renames a
    // window in place (the same ImGuiWindow*, with "###" titles while Ctrl+Tab lists them, and
    // child menus), but only in its first Begin() of a frame, before any of its items: so the
    // name the capture copied at the frame's end is the one all its items were drawn under.
    struct WindowName {
        std::string name;
        std::uint32_t version = 0;
    };

    // Items are named by slot: hot_[slot] and records_[slot].
    std::uint32_t entry(const FrameCapture& capture, const ItemEvent& e);  // kNone: not an item
    void apply_add(const FrameCapture& capture, std::uint32_t slot, const ItemEvent& e);
    void apply_info(const FrameCapture& capture, std::uint32_t slot, const ItemEvent& e);
    std::uint32_t lookup(unsigned id);  // the previous frame's order first, then the index
    void prefetch_predicted() const;
    void check_window_names(const FrameCapture& capture);  // frame_names_, once per window
    std::uint32_t name_slot(const ImGuiWindow* window);    // -> window_names_
    void make_ref(const FrameCapture& capture, std::uint32_t slot);
    void publish(const FrameCapture& capture, UiSnapshot& out,
                 std::vector<std::uint64_t>& out_strings);
    std::uint32_t find(unsigned id);
    std::uint32_t insert(unsigned id);
    void rebuild_index(std::size_t capacity);
    void forget_unseen();
    static constexpr std::size_t kMaxWindowNames = 4096;
    static constexpr std::uint32_t kNone = ~0u;

    std::uint64_t frame_ = 0;
    std::uint64_t last_published_frame_ = 0;
    std::uint64_t next_strings_version_ = 1;
    std::uint32_t next_window_version_ = 1;
    std::vector<Hot> hot_;              // the items; a slot keeps its place while in use
    std::vector<ItemRecord> records_;   // the same slots: each item's strings (the rest is Hot's)
    std::vector<std::uint32_t> free_;   // slots not in use
    std::vector<IndexEntry> index_;     // a power of two, at most half full
    std::vector<std::uint32_t> order_;  // this frame's items (slots), in submission order
    std::vector<std::uint32_t> previous_order_;  // the last published frame's
    std::uint32_t predicted_ = 0;  // where in previous_order_ the next new item likely is
    std::vector<WindowName> window_names_;
    std::unordered_map<const ImGuiWindow*, std::uint32_t> window_index_;  // -> window_names_
    // This frame's windows (the capture's, then one for "no window") -> window_names_.
    std::vector<std::uint32_t> frame_names_;
    unsigned last_id_ = 0;  // two events of one item follow each other: skip a lookup
    std::uint32_t last_slot_ = 0;
};

}  // namespace hooks
