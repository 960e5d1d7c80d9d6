"""Section 4: CPU time per frame with the item registry on and off, at 100, 1000, 5000 items.

imhost draws the bench panel (--bench-items N) continuously (--bench-animate --max-fps 1000), so
frames follow each other without input. Three figures per frame:
- ImGui + hooks: the GUI thread's CPU from the top of NewFrame() to the start of the GL draw,
  timed inside imhost (value bench_frame_cpu, app/bench_items_panel.h). It holds all the
  registry's work and none of the GL/X11 noise, so the overhead is computed on it;
- the registry's own thread (imhost-items: it works out each frame's items from what the hooks
  wrote down, while the GUI thread draws), the whole GUI thread and the whole process (Mesa's
  llvmpipe threads, HTTP threads), from /proc, for scale.
Off and on alternate (ABBA...), a fresh process each; the least CPU per frame of the runs is kept
(other processes only ever add to it)."""
import time

from . import procfs
from .processes import client as hook_client
from .report import Section, Target
from .stats import median

ITEMS = (100, 1000, 5000)
REGISTRY_THREAD = "imhost-items"
REPEATS = 5
WARM_S = 0.7
WINDOW_S = 1.5
OFF_FLAG = "--no-item-registry"


def counters(program, client):
    """(frames, timed frames, ImGui+hooks CPU ns, GUI-thread CPU ns, registry-thread CPU ns,
    process CPU ns, time)."""
    timed = client.get_value("bench_frame_cpu")
    return (program.frame_count(), timed["frames"], timed["cpu_ns"],
            procfs.cpu_ns(program.pid, main_thread_only=True),
            procfs.thread_cpu_ns(program.pid, REGISTRY_THREAD), procfs.cpu_ns(program.pid),
            time.perf_counter())


def per_frame(program):
    program.wait_pass()
    client = hook_client(program.port)
    try:
        return per_frame_of(program, client)
    finally:
        client.close()


def per_frame_of(program, client):
    """CPU per frame over WINDOW_S, after WARM_S, of a running bench-panel imhost."""
    time.sleep(WARM_S)
    f0, tf0, imgui0, gui0, reg0, all0, t0 = counters(program, client)
    time.sleep(WINDOW_S)
    f1, tf1, imgui1, gui1, reg1, all1, t1 = counters(program, client)
    frames = f1 - f0
    return {"imgui_us": (imgui1 - imgui0) / 1e3 / (tf1 - tf0),
            "gui_us": (gui1 - gui0) / 1e3 / frames, "registry_us": (reg1 - reg0) / 1e3 / frames,
            "process_us": (all1 - all0) / 1e3 / frames, "fps": frames / (t1 - t0)}


def measure(bench, items, registry_on):
    flags = ["--bench-items", str(items), "--bench-animate", "--max-fps", "1000"]
    program = bench.programs.imhost(*flags, *([] if registry_on else [OFF_FLAG]))
    try:
        return per_frame(program)
    finally:
        program.stop()


def run(bench):
    can_switch_off = bench.programs.imhost_has_flag(OFF_FLAG)
    modes = ("off", "on") if can_switch_off else ("on",)
    samples = {n: {m: [] for m in modes} for n in ITEMS}
    for n in ITEMS:
        for repeat in range(REPEATS):
            # Alternate which mode goes first, so an order effect cancels out.
            for mode in modes if repeat % 2 == 0 else reversed(modes):
                samples[n][mode].append(measure(bench, n, mode == "on"))

    section = Section("frames", "4. Frame cost of the hooks (CPU per frame)",
                      ["items", "registry", "ImGui + hooks / frame", "spread", "overhead",
                       "registry thread / frame", "GUI thread / frame", "process / frame",
                       "fps"])
    figures = {}
    for n in ITEMS:
        least = {m: {k: min(s[k] for s in samples[n][m])
                     for k in ("imgui_us", "gui_us", "registry_us", "process_us")}
                 for m in modes}
        for m in modes:
            least[m]["fps"] = median([s["fps"] for s in samples[n][m]])
        overhead = ((least["on"]["imgui_us"] / least["off"]["imgui_us"] - 1) * 100
                    if can_switch_off else None)
        figures[n] = {"least": least, "overhead_pct": overhead, "samples": samples[n]}
        for m in modes:
            imgui = [s["imgui_us"] for s in samples[n][m]]
            spread = (max(imgui) - min(imgui)) / 2 / min(imgui) * 100
            section.rows.append([n, m, f"{least[m]['imgui_us']:.0f} µs", f"±{spread:.0f} %",
                                 f"{overhead:+.1f} %" if m == "on" and can_switch_off else "",
                                 f"{least[m]['registry_us']:.0f} µs" if m == "on" else "",
                                 f"{least[m]['gui_us']:.0f} µs",
                                 f"{least[m]['process_us']:.0f} µs", f"{least[m]['fps']:.0f}"])
    if can_switch_off:
        o = figures[1000]["overhead_pct"]
        section.targets.append(Target("registry overhead at 1000 items",
                                      f"{o:+.1f} % of ImGui + hooks", "< 5 %", o < 5.0))
    else:
        section.notes.append(f"imhost has no {OFF_FLAG} flag: only the registry-on cost is shown.")
        section.targets.append(Target("registry overhead at 1000 items", "not measurable",
                                      "< 5 %", False))
    section.notes.append(f"{REPEATS} fresh processes per row, {WINDOW_S} s each; the least CPU "
                         "per frame, the median fps; spread: half the min-max range over the "
                         "least. Overhead = ImGui + hooks, on over off. The registry thread's "
                         "work runs on the other core, beside the GUI thread's GL draw.")
    section.notes.append("The N items are small buttons in a scrolling child: beyond the ~500 "
                         "that fit, ImGui clips them, and the registry still records every one.")
    section.data = figures
    return section
