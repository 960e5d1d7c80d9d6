"""The registry's frame cost, frame against frame: how sections 4 and 8 judge it.

One imhost with the bench panel's frame timer (--bench-items N, --bench-animate, --max-fps 1000,
so frames follow each other) has its item registry switched on in even frames and off in odd
ones (POST /api/debug/item_registry {"on": "alternate"}), and each frame's CPU is summed by state
(bench_frame_cpu: NewFrame() to the GL draw, the GUI thread's clock), over one-second windows.

Frame against frame, because the machine's noise is slower than two frames and cancels out
there. Rounds of a second off and a second on, or fresh processes per state, moved by more than
the changes they had to judge: the same binary read +1.2 to +5.6 % over runs on the demo, rounds
in one run -18 to +48 % on a busy day. The overhead is the median over the windows of on / off
within each (the middle half of them beside it). Registry off is ImGui's own frame time (the app
and the bench panel, with the guard), printed beside it so the ratio is honest, and beside them
the registry's own thread per frame it had, which works the items out while the GUI thread
draws. An on frame follows an off one: the capture's buffers start it colder than with the
registry always on."""
import time

from . import procfs
from .stats import median

REGISTRY_THREAD = "imhost-items"


def counters(program, client):
    timed = client.get_value("bench_frame_cpu")
    return {"frames": timed["frames"], "cpu_ns": timed["cpu_ns"],
            "on_frames": timed["registry_frames"], "on_ns": timed["registry_cpu_ns"],
            "registry_ns": procfs.thread_cpu_ns(program.pid, REGISTRY_THREAD),
            "gui_ns": procfs.cpu_ns(program.pid, main_thread_only=True),
            "process_ns": procfs.cpu_ns(program.pid),
            "all_frames": program.frame_count(), "t": time.perf_counter()}


def window_of(before, after):
    """One window's figures: CPU per frame with the registry on and off, its thread's, and the
    GUI thread's and the process's per frame of both states."""
    d = {k: after[k] - before[k] for k in before}
    on_frames, off_frames = d["on_frames"], d["frames"] - d["on_frames"]
    return {"on_us": d["on_ns"] / 1e3 / on_frames,
            "off_us": (d["cpu_ns"] - d["on_ns"]) / 1e3 / off_frames,
            "registry_us": d["registry_ns"] / 1e3 / on_frames,
            "gui_us": d["gui_ns"] / 1e3 / d["all_frames"],
            "process_us": d["process_ns"] / 1e3 / d["all_frames"],
            "frames": on_frames + off_frames, "fps": d["all_frames"] / d["t"]}


def measure(program, client, windows, window_s=1.0, warm_s=0.5):
    """`windows` windows of `window_s` of frames alternating, after `warm_s`."""
    client.call("POST", "/api/debug/item_registry", {"on": "alternate"})
    time.sleep(warm_s)
    seen = []
    last = counters(program, client)
    for _ in range(windows):
        time.sleep(window_s)
        now = counters(program, client)
        seen.append(window_of(last, now))
        last = now
    return seen


def summary(windows):
    """Medians over the windows; the overhead's middle half and range."""
    ratios = sorted((w["on_us"] / w["off_us"] - 1) * 100 for w in windows)
    quarter = len(ratios) // 4
    figures = {k: median([w[k] for w in windows])
               for k in ("on_us", "off_us", "registry_us", "gui_us", "process_us", "fps")}
    figures.update({"overhead_pct": median(ratios), "middle_half": (ratios[quarter],
                    ratios[-1 - quarter]), "range": (ratios[0], ratios[-1]),
                    "window_pct": ratios, "frames": sum(w["frames"] for w in windows)})
    return figures


def overhead_cell(figures):
    low, high = figures["middle_half"]
    return f"{figures['overhead_pct']:+.1f} % ({low:+.1f} to {high:+.1f})"
