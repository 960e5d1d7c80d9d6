// bench_items_panel.h: the benchmarks' panel, drawn only with --bench-items N (bench/ owns it).
//
// It gives bench/run_bench.py what it times:
//   - btn_bench_bump: a button that counts clicks, read back through the value `bench_clicks`;
//   - bench_value: an integer the API sets and reads back (POST/GET /api/items/value);
//   - N more items with IDs ("item K##bench_item_K", small buttons in a scrolling child), so the
//     per-frame cost of the item registry can be weighed at 100, 1000, 5000 items.
// With --bench-animate it asks for the next frame at once, so the loop draws at --max-fps.
#pragma once

#include <functional>

namespace hooks {
class HookEngine;
}

namespace imhost {

class BenchItemsPanel {
  public:
    BenchItemsPanel(int items, bool animate, std::function<void()> wake);
    void bind_values(hooks::HookEngine& hooks);  // bench_clicks (read-only), bench_value
    void draw();                                 // GUI thread, inside a frame

  private:
    int items_;
    bool animate_;
    std::function<void()> wake_;
    int clicks_ = 0;
    long long value_ = 0;
};

}  // namespace imhost
