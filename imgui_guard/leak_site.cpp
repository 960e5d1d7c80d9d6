// leak_site.cpp: watches on leaked windows, and the stack of their next Begin().
#include "imgui_guard/detail/leak_site.h"

#include <algorithm>
#include <string_view>

#include "imgui.h"
#include "imgui_internal.h"

namespace imgui_guard::detail {

namespace {

struct Watch {
    const ImGuiContext* ctx;  // compared, never dereferenced: it may have been destroyed since
    unsigned window_id;
    int until_frame;  // ImGuiContext::FrameCount
};

struct LeakWatches {
    std::vector<Watch> watches;
    std::vector<LeakSiteCapture> captures;
};

LeakWatches& state() {
    thread_local LeakWatches s;
    return s;
}

bool watches_context(const LeakWatches& s, const ImGuiContext& ctx) {
    return std::any_of(s.watches.begin(), s.watches.end(),
                       [&](const Watch& w) { return w.ctx == &ctx; });
}

bool is_imgui_frame(const StackFrame& f) {
    return std::string_view(f.function).starts_with("ImGui::");
}

}  // namespace

void refresh_item_hooks(ImGuiContext& ctx) {
    ctx.TestEngineHookItems = ctx.TestEngine != nullptr || watches_context(state(), ctx);
}

void arm_leak_watch(ImGuiContext& ctx, const std::vector<unsigned>& window_ids) {
    if (window_ids.empty()) return;
    LeakWatches& s = state();
    // One context at a time: watches of another (maybe destroyed) context are dropped unseen.
    std::erase_if(s.watches, [&](const Watch& w) { return w.ctx != &ctx; });
    const int until = ctx.FrameCount + kLeakWatchFrames;
    for (unsigned id : window_ids) {
        auto it = std::find_if(s.watches.begin(), s.watches.end(),
                               [&](const Watch& w) { return w.window_id == id; });
        if (it != s.watches.end())
            it->until_frame = until;
        else
            s.watches.push_back({&ctx, id, until});
    }
    ctx.TestEngineHookItems = true;
}

bool leak_watch_enabled() { return !state().watches.empty(); }

void on_window_item_add(ImGuiContext& ctx, unsigned id) {
    LeakWatches& s = state();
    bool expired = false;
    for (auto it = s.watches.begin(); it != s.watches.end();) {
        if (it->ctx != &ctx) {
            ++it;
        } else if (ctx.FrameCount > it->until_frame) {
            it = s.watches.erase(it);
            expired = true;
        } else {
            if (it->window_id == id) {
                std::erase_if(s.captures,
                              [&](const LeakSiteCapture& c) { return c.window_id == id; });
                LeakSiteCapture& c = s.captures.emplace_back();
                c.window_id = id;
                c.count = stacktrace::capture_pcs(c.pcs, stacktrace::kMaxFrames);
            }
            ++it;
        }
    }
    if (expired) refresh_item_hooks(ctx);
}

std::vector<StackFrame> take_leak_site(const std::vector<unsigned>& window_ids) {
    LeakWatches& s = state();
    for (unsigned id : window_ids) {
        auto it = std::find_if(s.captures.begin(), s.captures.end(),
                               [&](const LeakSiteCapture& c) { return c.window_id == id; });
        if (it == s.captures.end()) continue;
        std::vector<StackFrame> stack = stacktrace::symbolize(it->pcs, it->count);
        s.captures.erase(it);
        // Frame 0 becomes ImGui's Begin*(): the hook's own frames are of no interest.
        auto first = std::find_if(stack.begin(), stack.end(), is_imgui_frame);
        if (first == stack.end()) return {};
        stack.erase(stack.begin(), first);
        return stack;
    }
    return {};
}

void drop_unclaimed_leak_sites() { state().captures.clear(); }

const StackFrame* leak_call_site(const std::vector<StackFrame>& stack) {
    for (const StackFrame& f : stack)
        if (!is_imgui_frame(f)) return &f;
    return nullptr;
}

}  // namespace imgui_guard::detail
