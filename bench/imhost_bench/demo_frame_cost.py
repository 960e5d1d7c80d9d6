"""Section 8: the hooks' frame cost on Dear ImGui's own demo with everything open, as
imgui_test_engine's perf_demo_all case has it: every tree node and header of the demo window
open, every example and tool window shown.

One imhost --demo (animating its bench panel, --max-fps 1000, so frames follow each other) is
opened up through the API (POST /api/items/open_all, /api/menu/check_all), which needs the item
registry; then its frames alternate with the registry on and off (alternating.py: the
statistic, and why), over WINDOWS one-second windows."""
import time

from . import alternating
from .processes import client as hook_client
from .report import Section, Target

DEMO = "Dear ImGui Demo"
WINDOWS = 30
MENUS = ("Examples", "Tools")


def run(bench):
    program = bench.programs.imhost("--demo", "--bench-items", "0", "--bench-animate",
                                    "--max-fps", "1000")
    client = hook_client(program.port, timeout=30.0)
    try:
        program.wait_pass()
        t0 = time.perf_counter()
        opened = client.open_all(DEMO, timeout_ms=120000)
        shown_windows = [name for path in MENUS
                         for name in client.check_all(path, window=DEMO)["changed"]]
        setup_s = time.perf_counter() - t0
        shown = len(client.windows()["windows"])
        windows_seen = alternating.measure(program, client, WINDOWS)
    finally:
        client.close()
        program.stop()

    section = Section("demo-frames",
                      "8. Frame cost of the hooks on the demo, everything open (CPU per frame)",
                      ["registry", "ImGui + hooks / frame (median)",
                       "overhead (middle half of the windows)", "registry thread / frame",
                       "fps (both)"])
    f = alternating.summary(windows_seen)
    section.rows.append(["off (ImGui's own frame)", f"{f['off_us']:.0f} µs", "", "",
                         f"{f['fps']:.0f}"])
    section.rows.append(["on", f"{f['on_us']:.0f} µs", alternating.overhead_cell(f),
                         f"{f['registry_us']:.0f} µs", ""])
    section.targets.append(Target("registry overhead, demo all open",
                                  f"{f['overhead_pct']:+.1f} % of ImGui + hooks", "< 5 %",
                                  f["overhead_pct"] < 5.0))
    section.notes.append(
        f"Opened through the API in {setup_s:.1f} s: {opened.get('opened', 0)} nodes of the demo "
        f"window, {len(shown_windows)} example and tool windows ({shown} windows listed). "
        f"The registry on in even frames, off in odd ones: {f['frames']} frames in {WINDOWS} "
        f"windows of 1 s; the overhead is the median over the windows of on / off within "
        f"each (the middle half of them in brackets; all: {f['range'][0]:+.1f} to "
        f"{f['range'][1]:+.1f} %), the CPU columns the medians.")
    section.data = {"windows": windows_seen, "overhead_pct": f["overhead_pct"],
                    "window_pct": f["window_pct"], "shown_windows": shown_windows,
                    "opened": opened.get("opened", 0)}
    return section
