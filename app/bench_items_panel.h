// bench_items_panel.h: the benchmarks' panel, drawn only with --bench-items N (bench/ owns it).
//
// It gives bench/run_bench.py what it times:
//   - btn_bench_bump: a button that counts clicks, read back through the value `bench_clicks`;
//   - bench_value: an integer the API sets and reads back (POST/GET /api/items/value);
//   - N more items with IDs ("item K##bench_item_K", small buttons in a scrolling child), so the
//     per-frame cost of the item registry can be weighed at 100, 1000, 5000 items;
//   - bench_frame_cpu: {frames, cpu_ns}, the GUI thread's CPU time from the top of NewFrame() to
//     the start of the GL draw, summed over frames. That span holds every panel, ImGui's own
//     work and the hooks' per-frame work (item hooks, the registry's publish after Render()),
//     and leaves out GL rasterisation and the swap, whose noise under Xvfb would hide it.
//     `registry_frames` and `registry_cpu_ns` are the part of those drawn with the item
//     registry on: with POST /api/debug/item_registry {"on": "alternate"}, every other frame.
// With --bench-animate it asks for the next frame at once, so the loop draws at --max-fps.
#pragma once

#include <cstdint>
#include <functional>

struct ImDrawList;
struct ImDrawCmd;
struct ImGuiContext;
struct ImGuiContextHook;

namespace hooks {
class HookEngine;
}

namespace imhost {

class BenchItemsPanel {
  public:
    // Adds a NewFramePre hook to the current ImGui context; the panel must outlive every frame
    // (the hook is not removed: the context may be gone by the time the panel is destroyed).
    BenchItemsPanel(int items, bool animate, std::function<void()> wake);
    void bind_values(hooks::HookEngine& hooks);  // bench_clicks, bench_value, bench_frame_cpu
    void draw();                                 // GUI thread, inside a frame

  private:
    static void on_new_frame(ImGuiContext* ctx, ImGuiContextHook* hook);
    static void on_draw_start(const ImDrawList* list, const ImDrawCmd* cmd);

    int items_;
    bool animate_;
    std::function<void()> wake_;
    int clicks_ = 0;
    long long value_ = 0;
    std::int64_t frame_start_ns_ = -1;  // thread CPU time at the top of this frame's NewFrame()
    std::int64_t frame_cpu_ns_ = 0;     // summed over the timed frames
    std::uint64_t timed_frames_ = 0;
    std::int64_t registry_cpu_ns_ = 0;  // of those, the frames drawn with the item hooks' sink
    std::uint64_t registry_frames_ = 0;
};

}  // namespace imhost
