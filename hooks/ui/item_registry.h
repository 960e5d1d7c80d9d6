// item_registry.h: every item with an ID that the GUI drew, seen through ImGui's test-engine
// hooks (imgui_guard/test_engine_hooks.h) and published once per frame for the HTTP threads.
//
//   GUI thread:  install(ctx) once; begin_frame(n) after NewFrame(); ImGui calls item_add() and
//                item_info() while the app draws; end_frame(ctx) after Render() publishes.
//   any thread:  snapshot() -> the last finished frame, immutable (hooks/ui/ui_snapshot.h).
//
// Text() has no ID and is not seen here: apps expose such readouts with value bindings.
//
// Clipped items. ImGui calls ItemAdd for every item but ItemInfo (label, status flags) only for
// items that are not clipped, so an item scrolled out of its window or child has no label of its
// own. The registry keeps what the last ItemInfo said per imgui_id (label, id, path, flags) while
// the item keeps being submitted, so a clipped item still carries them, with visible = false. An
// item that is not submitted in a frame is gone and forgotten: the cache holds only the items of
// the current frame.
//
// Duplicate IDs. Two items submitted with the same ImGuiID in one frame are the most common
// Dear ImGui bug ("my button does nothing"): ImGui flags it only while the mouse hovers them.
// The registry sees every item, so an item_add() for an ID already added this frame is a
// conflict (unless ImGuiItemFlags_AllowDuplicateId is set): it notes the first item's label and
// rect, the second's, the panel and the raw stack there (~2 us, once per ID per frame), and
// end_frame() reports each as an imgui_guard::IdConflict record. Without a conflict it costs one
// comparison per item.
//
// Cost. The per-frame path does not allocate in steady state, and touches little memory, which is
// what it costs on a real UI (the bench's frames and demo-frames sections measure it): each item's
// per-frame state is two cache lines (Hot, below), found where it came in the previous frame;
// its strings are rebuilt and copied only when its label or window changes. The published
// snapshots are recycled buffers. A buffer is reused only after every reader has dropped it; an
// item whose strings the buffer already holds (same version) gets only its per-frame fields.
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "hooks/gui/published.h"
#include "hooks/ui/ui_snapshot.h"
#include "imgui_guard/guard.h"
#include "imgui_guard/test_engine_hooks.h"

struct ImGuiWindow;

namespace hooks {

// "Save##btn_save" -> {"Save", "btn_save"}; "Title###win" -> {"Title", "win"}; "Plain" -> {"Plain",
// ""}
struct LabelParts {
    std::string display;
    std::string id;
};
LabelParts split_label(const std::string& raw_label);

class ItemRegistry final : public imgui_guard::ItemSink {
  public:
    ItemRegistry();
    ~ItemRegistry() override;

    // --- GUI thread -----------------------------------------------------------------------
    void install(ImGuiContext& ctx);  // becomes the context's item sink
    void uninstall(ImGuiContext& ctx);
    void begin_frame(std::uint64_t frame);  // right after ImGui::NewFrame()
    void end_frame(ImGuiContext& ctx);      // right after ImGui::Render(): publish
    void item_add(ImGuiContext& ctx, unsigned id, const ImRect& bb,
                  const ImGuiLastItemData* data) override;
    void item_info(ImGuiContext& ctx, unsigned id, const char* label, int status_flags) override;
    std::size_t known_items() const { return hot_.size() - free_.size(); }  // cache size

    // --- any thread -----------------------------------------------------------------------
    std::shared_ptr<const UiSnapshot> snapshot() const { return published_.get(); }

  private:
    // One item, kept from frame to frame while it is submitted, in two parts. ImGui's demo with
    // everything open draws ~2200 items a frame, and between two of them its own work evicts
    // ours from the cache: the registry's cost there was the cache lines it touched per item
    // (six, at ~400 bytes a record), not its instructions. So all that a frame touches per item
    // is its Hot part, two cache lines; its strings (records_) only when one of them changes.
    struct alignas(64) Hot {
        static constexpr std::size_t kLabelHead = 40;  // 99 % of the demo's labels fit

        unsigned id = 0;
        std::uint32_t order_pos = 0;  // its place in order_ in the frame it was last seen
        // Frames, as their low 32 bits (frame32()): only ever compared with this frame's or the
        // last one's, and an item not submitted in a frame is forgotten at its end.
        std::uint32_t frame = 0;        // the last frame it was submitted in
        std::uint32_t added_frame = 0;  // the last frame an item_add() came for it: a second
                                        // one in the same frame is an ID conflict
        std::uint64_t strings = 0;      // version of its strings: changes when any of them does
        ImGuiWindow* window = nullptr;  // valid during the current frame only
        unsigned seed = 0;              // the ID scope it was drawn in this frame (IDStack.back())
        unsigned ref_seed = 0;          // the scope its ref was last worked out for
        std::uint32_t window_name = 0;  // the versions of its window's and root window's names
        std::uint32_t root_name = 0;    // that its strings hold (WindowName::version)
        int stable_frames = 1;          // published frames in a row with the same rect
        UiRect rect;                    // this frame's, once item_add() came; the last one's before
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
        bool label_is(const char* text, const std::string& raw) const;  // raw: the whole label
        void prefetch() const {  // both lines, for a use a little later
            __builtin_prefetch(this);
            __builtin_prefetch(reinterpret_cast<const char*>(this) + 64);
        }
    };
    // imgui id -> slot, open addressing: a few KB that stay in cache, where a node-based map
    // cost two cache misses per item per frame (most of the registry's cost at 1000 items).
    struct IndexEntry {
        unsigned id = 0;  // 0: empty (ImGui never gives an item the ID 0)
        std::uint32_t slot = 0;
    };
    // A window's name as the registry last saw it. Items compare their window by this version,
    // a number, instead of by name: a demo frame has ~2200 items in ~60 windows, and three string
    // comparisons per item were a third of the registry's cost. ImGui renames a window in place
    // (the same ImGuiWindow*, with "###" titles while Ctrl+Tab lists them, and child menus), but
    // only in its first Begin() of a frame, before any of its items: so checking the name once
    // per window per frame, at its first item, keeps every version true.
    struct WindowName {
        std::string name;
        std::uint32_t version = 0;
        std::uint64_t checked_frame = 0;
    };
    static_assert(sizeof(Hot) == 128, "Hot: two cache lines");
    class SnapshotBuffers;  // recycled UiSnapshots (item_registry.cpp)

    // Items are named by slot: hot_[slot] and records_[slot].
    std::uint32_t entry(ImGuiContext& ctx, unsigned id);  // kNone: not an item
    std::uint32_t lookup(unsigned id);  // the previous frame's order first, then the index
    void prefetch_predicted() const;
    // A window and its root window, and their slots in window_names_.
    struct WindowSlots {
        const ImGuiWindow* window = nullptr;
        const ImGuiWindow* root = nullptr;
        std::uint32_t window_name = 0, root_name = 0;  // slots in window_names_
        bool valid = false;
    };
    static constexpr std::size_t kWindowCache = 64;
    const WindowSlots& window_slots(const ImGuiWindow* window, const ImGuiWindow* root);
    std::uint32_t window_name_slot(const ImGuiWindow* window);  // -> window_names_
    const WindowName& checked_name(std::uint32_t slot, const ImGuiWindow* window);
    void make_ref(std::uint32_t slot);  // record.ref, from its label, its scope and its parent
    std::uint32_t find(unsigned id);
    std::uint32_t insert(unsigned id);
    void rebuild_index(std::size_t capacity);
    void forget_unseen();
    void forget_window_names();
    static constexpr std::size_t kMaxWindowNames = 4096;
    void fill_windows(ImGuiContext& ctx, UiSnapshot& snap);
    void note_conflict(std::uint32_t slot, const ImRect& bb);
    static constexpr std::uint32_t kNone = ~0u;

    std::uint64_t frame_ = 0;
    std::uint64_t last_published_frame_ = 0;
    std::uint64_t next_strings_version_ = 1;
    std::uint32_t next_window_version_ = 1;
    bool in_frame_ = false;
    std::vector<Hot> hot_;              // the items; a slot keeps its place while in use
    std::vector<ItemRecord> records_;   // the same slots: each item's strings (the rest is Hot's)
    std::vector<std::uint32_t> free_;   // slots not in use
    std::vector<IndexEntry> index_;     // a power of two, at most half full
    std::vector<std::uint32_t> order_;  // this frame's items (slots), in submission order
    std::vector<std::uint32_t> previous_order_;  // the last published frame's
    std::uint32_t predicted_ = 0;  // where in previous_order_ the next new item likely is
    std::vector<WindowName> window_names_;
    std::unordered_map<const ImGuiWindow*, std::uint32_t> window_index_;  // -> window_names_
    std::array<WindowSlots, kWindowCache> window_cache_{};
    unsigned last_id_ = 0;  // item_info follows item_add: skip a lookup
    std::uint32_t last_slot_ = 0;
    std::vector<imgui_guard::IdConflict> conflicts_;  // this frame's, reported at end_frame()
    unsigned conflict_awaiting_label_ = 0;            // the second item's item_info() is next
    std::shared_ptr<SnapshotBuffers> buffers_;
    Published<UiSnapshot> published_;
};

}  // namespace hooks
