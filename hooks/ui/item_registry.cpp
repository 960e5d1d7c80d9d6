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

ItemRegistry::ItemRegistry() : buffers_(std::make_shared<SnapshotBuffers>()) {}

ItemRegistry::~ItemRegistry() {
    {
        std::unique_lock lock(mutex_);
        done_.wait(lock, [this] { return !handed_over_; });
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void ItemRegistry::install(ImGuiContext& ctx) { imgui_guard::install_item_sink(ctx, &capture_); }
void ItemRegistry::uninstall(ImGuiContext& ctx) { imgui_guard::install_item_sink(ctx, nullptr); }

void ItemRegistry::begin_frame(std::uint64_t frame) {
    wait_published();  // the capture is this thread's again
    capture_.begin_frame(frame);
}

void ItemRegistry::end_frame(ImGuiContext& ctx) {
    if (!capture_.end_frame(ctx)) return;
    for (const imgui_guard::IdConflict& c : capture_.conflicts())
        imgui_guard::report_id_conflict(c);
    std::unique_ptr<Buffer> buffer = buffers_->take();
    fill_windows(ctx, buffer->snap);
    {
        std::lock_guard lock(mutex_);
        job_ = std::move(buffer);
        handed_over_ = true;
        if (!thread_.joinable()) thread_ = std::thread([this] { assemble_frames(); });
    }
    wake_.notify_one();
}

void ItemRegistry::wait_published() {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return !handed_over_; });
}

std::size_t ItemRegistry::known_items() {
    wait_published();
    return table_.known_items();
}

// The registry's thread: one frame at a time, from end_frame()'s hand-over to its publication.
// It touches no ImGui state: the capture holds all it needs of the frame.
void ItemRegistry::assemble_frames() {
    imgui_guard::install_alt_stack_for_this_thread();
    imgui_guard::set_thread_role("item registry");
    pthread_setname_np(pthread_self(), "imhost-items");  // the bench finds its CPU time by name
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return job_ != nullptr || stopping_; });
        if (stopping_) return;
        std::unique_ptr<Buffer> buffer = std::move(job_);
        lock.unlock();
        try {
            table_.assemble(capture_.frame(), buffer->snap, buffer->strings);
            published_.publish(SnapshotBuffers::share(buffers_, std::move(buffer)));
        } catch (...) {
            // Out of memory, say: the last snapshot stays, and the GUI thread must not wait on.
        }
        lock.lock();
        handed_over_ = false;
        done_.notify_all();
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
