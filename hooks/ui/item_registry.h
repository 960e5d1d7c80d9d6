// item_registry.h: every item with an ID that the GUI drew, seen through ImGui's test-engine
// hooks (imgui_guard/test_engine_hooks.h) and published once per frame for the HTTP threads.
//
//   GUI thread:  install(ctx) once; begin_frame(n) after NewFrame(); ImGui calls item_add() and
//                item_info() while the app draws; end_frame(ctx) after Render() hands the frame
//                over; wait_published() before the frame counts as presented.
//   any thread:  snapshot() -> the last published frame, immutable (hooks/ui/ui_snapshot.h).
//
// Text() has no ID and is not seen here: apps expose such readouts with value bindings. What a
// clipped item carries, and when an item is forgotten: item_table.h.
//
// Duplicate IDs. Two items submitted with the same ImGuiID in one frame are the most common
// Dear ImGui bug ("my button does nothing"): ImGui flags it only while the mouse hovers them.
// The registry sees every item, so an item_add() for an ID already added this frame is a
// conflict (unless ImGuiItemFlags_AllowDuplicateId is set): it notes the first item's label and
// rect, the second's, the panel and the raw stack there (~2 us, once per ID per frame), and
// end_frame() reports each as an imgui_guard::IdConflict record. Without a conflict it costs a
// probe of a small table of the frame's IDs per item.
//
// Two threads. The hooks run on the GUI thread between the app's widgets, so all they do is
// write the frame down (item_capture.h: an event per item, in order). After Render(), end_frame()
// hands that capture to the registry's own thread, which works out the items and publishes the
// snapshot (item_table.h) while the GUI thread draws the frame; wait_published() then waits for
// it, so that frame N presented means snapshot N published. On ImGui's demo with everything open
// this took the registry's cost off the GUI thread's frame, where most of it was cache misses
// between the app's widgets (make bench's frames and demo-frames sections weigh both threads).
// The published snapshots are recycled buffers: a buffer is reused only after every reader has
// dropped it, and an item whose strings the buffer already holds gets only its per-frame fields.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "hooks/gui/published.h"
#include "hooks/ui/item_capture.h"
#include "hooks/ui/item_table.h"
#include "hooks/ui/ui_snapshot.h"
#include "imgui_guard/test_engine_hooks.h"

namespace hooks {

class ItemRegistry {
  public:
    ItemRegistry();
    ~ItemRegistry();
    ItemRegistry(const ItemRegistry&) = delete;
    ItemRegistry& operator=(const ItemRegistry&) = delete;

    // --- GUI thread -----------------------------------------------------------------------
    void install(ImGuiContext& ctx);  // its capture becomes the context's item sink
    void uninstall(ImGuiContext& ctx);
    void begin_frame(std::uint64_t frame);  // right after ImGui::NewFrame()
    // Right after ImGui::Render(): reports the frame's ID conflicts and hands the frame to the
    // registry's thread, which publishes it. Returns at once.
    void end_frame(ImGuiContext& ctx);
    // Until the frame end_frame() handed over is published (at once if none is on the way).
    // begin_frame() waits too, before it reuses the capture.
    void wait_published();
    std::size_t known_items();  // the items the registry keeps (waits for the last frame)

    // --- any thread -----------------------------------------------------------------------
    std::shared_ptr<const UiSnapshot> snapshot() const { return published_.get(); }

  private:
    class SnapshotBuffers;  // recycled UiSnapshots (item_registry.cpp)
    struct Buffer;
    void assemble_frames();  // the registry's thread
    void fill_windows(ImGuiContext& ctx, UiSnapshot& snap);

    ItemCapture capture_;  // the GUI thread's, except while handed over
    ItemTable table_;      // the registry thread's
    std::shared_ptr<SnapshotBuffers> buffers_;
    Published<UiSnapshot> published_;
    // The hand-over: end_frame() puts the frame's buffer here, the registry's thread takes it,
    // assembles the items into it from capture_ and publishes it, then clears `handed_over_`.
    std::mutex mutex_;
    std::condition_variable wake_, done_;
    std::unique_ptr<Buffer> job_;
    bool handed_over_ = false;
    bool stopping_ = false;
    std::thread thread_;  // started by the first end_frame()
};

}  // namespace hooks
