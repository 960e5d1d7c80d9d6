// item_registry.h: every item with an ID that the GUI drew, seen through ImGui's test-engine
// hooks (imgui_guard/test_engine_hooks.h) and published once per frame for the HTTP threads.
//
//   GUI thread:  install(ctx) once; begin_frame(n) after NewFrame(); ImGui calls item_add() and
//                item_info() while the app draws; end_frame(ctx) after Render() queues the frame.
//   any thread:  snapshot() -> the last frame handed over, published and immutable
//                (hooks/ui/ui_snapshot.h).
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
// queues that capture for the registry's own thread, which works out the items and publishes
// each frame's snapshot in order (item_table.h), and gives the capture a recycled one to write
// the next frame in. On ImGui's demo with everything open this took the registry's cost off the
// GUI thread's frame, where most of it was cache misses between the app's widgets (make bench's
// frames and demo-frames sections weigh both threads).
//
// Pulled, not pushed. Waking a thread asleep on the other CPU costs the waker ~20 us of its own
// CPU time on a 2-vCPU KVM machine (the cross-CPU interrupt, whatever that CPU is doing), about a
// point of the demo's frame. So while nobody reads, the GUI thread wakes the registry's thread only
// once kBatch frames are queued, and snapshot() catches up first: it wakes the thread and waits
// until every frame handed over so far is published. The reader, not the frame, pays for the wake.
// A read makes the hand-over eager for the next kEagerFrames frames (a test driving the UI reads
// after each step), so a snapshot is then ready by the time its frame is presented.
//
// The published snapshots are recycled buffers: a buffer is reused only after every reader has
// dropped it, and an item whose strings the buffer already holds gets only its per-frame fields.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
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
    // Right after ImGui::Render(): reports the frame's ID conflicts and queues the frame for the
    // registry's thread. Returns at once, unless kMaxQueued frames are already waiting.
    void end_frame(ImGuiContext& ctx);
    std::size_t known_items();  // the items the registry keeps (waits for the last frame)

    // --- any thread -----------------------------------------------------------------------
    // The last frame end_frame() handed over, once it is published: waits for the registry's
    // thread to get there (at once if it has; at most the queued frames' work, ~0.1-0.2 ms each
    // on the demo with everything open), never for a frame still being drawn. In the host that
    // is the frame presented last, or the next one, which is past Render() and being drawn.
    std::shared_ptr<const UiSnapshot> snapshot() const;
    void wait_published() const;  // the same wait, without the snapshot or counting as a read
    // What is out now, without a wait or counting as a read: frames behind while they queue.
    std::shared_ptr<const UiSnapshot> published_now() const { return published_.get(); }

    // While nobody reads, the registry's thread is woken once this many frames are queued.
    static constexpr std::size_t kBatch = 4;
    // A read keeps the hand-over eager (the thread woken at every frame) for this many frames.
    static constexpr std::uint64_t kEagerFrames = 30;
    // The registry's thread is behind by this many frames: end_frame() waits for it.
    static constexpr std::size_t kMaxQueued = 16;

  private:
    class SnapshotBuffers;  // recycled UiSnapshots (item_registry.cpp)
    struct Buffer;
    struct Job;              // a frame queued: its capture, and its windows from fill_windows()
    void assemble_frames();  // the registry's thread
    void publish(Job& job);  // ... one frame of it
    static void fill_windows(ImGuiContext& ctx, UiSnapshot& snap);
    void catch_up(std::uint64_t frames) const;  // until `frames` frames are published

    ItemCapture capture_;  // the GUI thread's
    ItemTable table_;      // the registry thread's
    std::shared_ptr<SnapshotBuffers> buffers_;
    Published<UiSnapshot> published_;
    std::unique_ptr<Job> next_;  // the GUI thread's: the job its next end_frame() fills
    // The queue: end_frame() appends, the registry's thread takes from the front, publishes,
    // and puts the job in spare_ for end_frame() to fill again.
    mutable std::mutex mutex_;
    mutable std::condition_variable wake_, done_;
    std::deque<std::unique_ptr<Job>> queued_;
    std::vector<std::unique_ptr<Job>> spare_;
    mutable bool woken_ = false;  // the thread was told to work the queue off (or is at it)
    mutable int waiters_ = 0;     // threads waiting on done_
    bool stopping_ = false;
    // Frames handed over and published so far; the last count a reader saw (end_frame() is
    // eager while it is recent). Atomic for snapshot()'s check without the lock.
    std::atomic<std::uint64_t> handed_{0}, published_count_{0};
    mutable std::atomic<std::uint64_t> last_read_{0};
    std::thread thread_;  // started by the first end_frame()
};

}  // namespace hooks
