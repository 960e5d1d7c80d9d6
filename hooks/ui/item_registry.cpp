// item_registry.cpp: the item hooks' two halves (capture on the GUI thread, the table on the
// registry's own thread), the hand-over between them, and the published snapshots.
#include "hooks/ui/item_registry.h"

#include "imgui.h"
#include "imgui_guard/crash_handler.h"
#include "imgui_internal.h"

#include <pthread.h>

namespace hooks {

struct ItemRegistry::Buffer {
    UiSnapshot snap;
    std::vector<std::uint64_t> strings;  // per item: the version of the strings it holds
};

// Snapshots handed to readers come back here when the last reader drops them, and the next
// frame fills one again: its vectors and strings keep their capacity, so a frame like the last
// one allocates nothing. The mutex orders a reader's last use before the GUI thread's reuse.
class ItemRegistry::SnapshotBuffers {
  public:
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

// A frame on its way to the registry's thread: what the hooks wrote down, and what
// fill_windows() took of the context after Render() (its items stay empty: the table makes them).
struct ItemRegistry::Job {
    FrameCapture frame;
    UiSnapshot state;
};

ItemRegistry::ItemRegistry() : buffers_(std::make_shared<SnapshotBuffers>()) {}

ItemRegistry::~ItemRegistry() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;  // frames still queued are dropped: nobody can read them any more
    }
    wake_.notify_one();
    done_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void ItemRegistry::install(ImGuiContext& ctx) { imgui_guard::install_item_sink(ctx, &capture_); }
void ItemRegistry::uninstall(ImGuiContext& ctx) { imgui_guard::install_item_sink(ctx, nullptr); }

void ItemRegistry::begin_frame(std::uint64_t frame) { capture_.begin_frame(frame); }

void ItemRegistry::end_frame(ImGuiContext& ctx) {
    if (!capture_.end_frame(ctx)) return;
    for (const imgui_guard::IdConflict& c : capture_.conflicts())
        imgui_guard::report_id_conflict(c);
    if (!next_) next_ = std::make_unique<Job>();
    capture_.swap_frame(next_->frame);
    fill_windows(ctx, next_->state);
    bool wake = false;
    {
        std::unique_lock lock(mutex_);
        if (queued_.size() >= kMaxQueued) {  // woken at kBatch: it is at work, and behind
            ++waiters_;
            done_.wait(lock, [this] { return queued_.size() < kMaxQueued || stopping_; });
            --waiters_;
        }
        queued_.push_back(std::move(next_));
        if (!spare_.empty()) {
            next_ = std::move(spare_.back());
            spare_.pop_back();
        }
        const std::uint64_t handed = handed_.load(std::memory_order_relaxed) + 1;
        handed_.store(handed, std::memory_order_release);
        const bool eager = handed - last_read_.load(std::memory_order_relaxed) <= kEagerFrames;
        if (!woken_ && (eager || queued_.size() >= kBatch)) woken_ = wake = true;
        if (!thread_.joinable()) thread_ = std::thread([this] { assemble_frames(); });
    }
    if (wake) wake_.notify_one();
}

std::shared_ptr<const UiSnapshot> ItemRegistry::snapshot() const {
    last_read_.store(handed_.load(std::memory_order_relaxed), std::memory_order_relaxed);
    wait_published();
    return published_.get();
}

void ItemRegistry::wait_published() const {
    const std::uint64_t handed = handed_.load(std::memory_order_acquire);
    if (published_count_.load(std::memory_order_acquire) < handed) catch_up(handed);
}

void ItemRegistry::catch_up(std::uint64_t frames) const {
    std::unique_lock lock(mutex_);
    if (!woken_) {
        woken_ = true;
        wake_.notify_one();
    }
    ++waiters_;
    done_.wait(lock, [&] {
        return published_count_.load(std::memory_order_relaxed) >= frames || stopping_;
    });
    --waiters_;
}

std::size_t ItemRegistry::known_items() {
    wait_published();  // on the GUI thread no frame is handed over meanwhile: the table is idle
    return table_.known_items();
}

// The registry's thread: woken by end_frame() or a reader, it publishes every queued frame in
// order, then sleeps. It touches no ImGui state: a job holds all it needs of the frame.
void ItemRegistry::assemble_frames() {
    imgui_guard::install_alt_stack_for_this_thread();
    imgui_guard::set_thread_role("item registry");
    pthread_setname_np(pthread_self(), "imhost-items");  // the bench finds its CPU time by name
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return woken_ || stopping_; });
        while (!queued_.empty() && !stopping_) {
            std::unique_ptr<Job> job = std::move(queued_.front());
            queued_.pop_front();
            lock.unlock();
            publish(*job);
            lock.lock();
            spare_.push_back(std::move(job));
            published_count_.fetch_add(1, std::memory_order_release);
            if (waiters_ > 0) done_.notify_all();
        }
        if (stopping_) return;
        woken_ = false;
    }
}

void ItemRegistry::publish(Job& job) {
    try {
        std::unique_ptr<Buffer> buffer = buffers_->take();
        UiSnapshot& snap = buffer->snap;
        // The buffer's recycled items go with the frame's state into the snapshot, and its old
        // state goes back to the job: every vector and string keeps its capacity.
        job.state.items.swap(snap.items);
        std::swap(snap, job.state);
        table_.assemble(job.frame, snap, buffer->strings);
        published_.publish(SnapshotBuffers::share(buffers_, std::move(buffer)));
    } catch (...) {
        // Out of memory, say: the last snapshot stays, and the frame counts as published, so
        // that no reader waits on.
    }
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
