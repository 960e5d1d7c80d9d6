"""Section 8: the hooks' frame cost on Dear ImGui's own demo with everything open, as
imgui_test_engine's perf_demo_all case has it: every tree node and header of the demo window
open, every example and tool window shown.

One imhost --demo (animating its bench panel, --max-fps 1000, so frames follow each other) is
opened up through the API (POST /api/items/open_all, /api/menu/check_all), which needs the item
registry; then the registry is switched on in even frames and off in odd ones
(POST /api/debug/item_registry {"on": "alternate"}), and each frame's CPU is summed by state
(bench_frame_cpu: NewFrame() to the GL draw, the same timer as section 4), over WINDOWS windows.

Frame against frame, because the machine's noise is slower than two frames and cancels out
there. The rounds this section ran before (a second off, a second on, ten times) moved by more
than the changes they had to judge: the same binary read +1.2 to +5.6 % over runs, rounds in
one run -18 to +48 % on a busy day. The overhead is the median over the windows of on / off
within each (the middle half of them in brackets). Registry off is ImGui's own frame time (the
demo and the bench panel, with the guard), printed beside it so the ratio is honest; beside
them the registry's own thread per frame it had, which works the items out while the GUI
thread draws. An on frame follows an off one: the capture's buffers start it colder than with
the registry always on, and, as always, the registry's thread is done with it before the next
frame begins."""
import time

from . import procfs
from .processes import client as hook_client
from .report import Section, Target
from .stats import median

DEMO = "Dear ImGui Demo"
WINDOWS = 30
WARM_S = 0.5
WINDOW_S = 1.0
REGISTRY_THREAD = "imhost-items"
MENUS = ("Examples", "Tools")


def counters(program, client):
    timed = client.get_value("bench_frame_cpu")
    return {"frames": timed["frames"], "cpu_ns": timed["cpu_ns"],
            "on_frames": timed["registry_frames"], "on_ns": timed["registry_cpu_ns"],
            "registry_ns": procfs.thread_cpu_ns(program.pid, REGISTRY_THREAD),
            "all_frames": program.frame_count(), "t": time.perf_counter()}


def window_of(before, after):
    """One window's figures: CPU per frame with the registry on and off, its thread's."""
    d = {k: after[k] - before[k] for k in before}
    on_frames, off_frames = d["on_frames"], d["frames"] - d["on_frames"]
    return {"on_us": d["on_ns"] / 1e3 / on_frames,
            "off_us": (d["cpu_ns"] - d["on_ns"]) / 1e3 / off_frames,
            "registry_us": d["registry_ns"] / 1e3 / on_frames,
            "frames": on_frames + off_frames, "fps": d["all_frames"] / d["t"]}


def run(bench):
    program = bench.programs.imhost("--demo", "--bench-items", "0", "--bench-animate",
                                    "--max-fps", "1000")
    client = hook_client(program.port, timeout=30.0)
    windows_seen = []
    try:
        program.wait_pass()
        t0 = time.perf_counter()
        opened = client.open_all(DEMO, timeout_ms=120000)
        shown_windows = [name for path in MENUS
                         for name in client.check_all(path, window=DEMO)["changed"]]
        setup_s = time.perf_counter() - t0
        shown = len(client.windows()["windows"])
        client.call("POST", "/api/debug/item_registry", {"on": "alternate"})
        time.sleep(WARM_S)
        last = counters(program, client)
        for _ in range(WINDOWS):
            time.sleep(WINDOW_S)
            now = counters(program, client)
            windows_seen.append(window_of(last, now))
            last = now
    finally:
        client.close()
        program.stop()

    section = Section("demo-frames",
                      "8. Frame cost of the hooks on the demo, everything open (CPU per frame)",
                      ["registry", "ImGui + hooks / frame (median)",
                       "overhead (middle half of the windows)", "registry thread / frame",
                       "fps (both)"])
    ratios = sorted((w["on_us"] / w["off_us"] - 1) * 100 for w in windows_seen)
    overhead = median(ratios)
    quarter = len(ratios) // 4
    fps = median([w["fps"] for w in windows_seen])
    section.rows.append(["off (ImGui's own frame)",
                         f"{median([w['off_us'] for w in windows_seen]):.0f} µs", "", "",
                         f"{fps:.0f}"])
    section.rows.append(["on", f"{median([w['on_us'] for w in windows_seen]):.0f} µs",
                         f"{overhead:+.1f} % ({ratios[quarter]:+.1f} to "
                         f"{ratios[-1 - quarter]:+.1f})",
                         f"{median([w['registry_us'] for w in windows_seen]):.0f} µs", ""])
    section.targets.append(Target("registry overhead, demo all open",
                                  f"{overhead:+.1f} % of ImGui + hooks", "< 5 %", overhead < 5.0))
    frames = sum(w["frames"] for w in windows_seen)
    section.notes.append(
        f"Opened through the API in {setup_s:.1f} s: {opened.get('opened', 0)} nodes of the demo "
        f"window, {len(shown_windows)} example and tool windows ({shown} windows listed). "
        f"The registry on in even frames, off in odd ones: {frames} frames in {WINDOWS} windows "
        f"of {WINDOW_S:.0f} s; the overhead is the median over the windows of on / off within "
        f"each (the middle half of them in brackets; all: {ratios[0]:+.1f} to "
        f"{ratios[-1]:+.1f} %), the CPU columns the medians.")
    section.data = {"windows": windows_seen, "overhead_pct": overhead, "window_pct": ratios,
                    "shown_windows": shown_windows, "opened": opened.get("opened", 0)}
    return section
