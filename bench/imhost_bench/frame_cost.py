"""Section 4: the item registry's frame cost on the bench panel, at 100, 1000 and 5000 items.

One imhost per count draws the bench panel (--bench-items N) continuously (--bench-animate
--max-fps 1000), and its frames alternate with the registry on and off (alternating.py: the
statistic, and why). ImGui + hooks is the GUI thread's CPU from the top of NewFrame() to the
start of the GL draw, timed inside imhost (value bench_frame_cpu, app/bench_items_panel.h): it
holds all the registry's work on that thread and none of the GL/X11 noise, so the overhead is
computed on it. Beside it, from /proc: the registry's own thread (imhost-items: it works out
each frame's items from what the hooks wrote down, while the GUI thread draws) per frame it
had, and for scale the whole GUI thread and the whole process (Mesa's llvmpipe threads, HTTP
threads) per frame of both states."""
from . import alternating
from .processes import client as hook_client
from .report import Section, Target

ITEMS = (100, 1000, 5000)
WINDOWS = 16


def measure(bench, items):
    program = bench.programs.imhost("--bench-items", str(items), "--bench-animate",
                                    "--max-fps", "1000")
    client = hook_client(program.port)
    try:
        program.wait_pass()
        return alternating.measure(program, client, WINDOWS)
    finally:
        client.close()
        program.stop()


def run(bench):
    section = Section("frames", "4. Frame cost of the hooks (CPU per frame)",
                      ["items", "registry", "ImGui + hooks / frame (median)",
                       "overhead (middle half of the windows)", "registry thread / frame",
                       "GUI thread / frame (both)", "process / frame (both)", "fps (both)"])
    figures = {}
    for n in ITEMS:
        windows = measure(bench, n)
        f = alternating.summary(windows)
        figures[n] = {**f, "windows": windows}
        section.rows.append([n, "off", f"{f['off_us']:.0f} µs", "", "",
                             f"{f['gui_us']:.0f} µs", f"{f['process_us']:.0f} µs",
                             f"{f['fps']:.0f}"])
        section.rows.append([n, "on", f"{f['on_us']:.0f} µs", alternating.overhead_cell(f),
                             f"{f['registry_us']:.0f} µs", "", "", ""])
    o = figures[1000]["overhead_pct"]
    section.targets.append(Target("registry overhead at 1000 items",
                                  f"{o:+.1f} % of ImGui + hooks", "< 5 %", o < 5.0))
    section.notes.append(f"One process per count; the registry on in even frames, off in odd "
                         f"ones, over {WINDOWS} windows of 1 s: the overhead is the median over "
                         f"the windows of on / off within each, the CPU columns the medians.")
    section.notes.append("The N items are small buttons in a scrolling child: beyond the ~500 "
                         "that fit, ImGui clips them, and the registry still records every one.")
    section.data = figures
    return section
