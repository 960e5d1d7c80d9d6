"""Section 4: CPU time per frame with the item registry on and off, at 100, 1000, 5000 items.

imhost draws the bench panel (--bench-items N) continuously (--bench-animate --max-fps 1000), so
frames follow each other without input. Per frame: the GUI thread's CPU time (where the registry
works: ImGui's item hooks and the end-of-frame publish) and the whole process's (with Mesa's
llvmpipe threads and the HTTP threads). Off and on alternate (ABBA...), a fresh process each."""
import time

from . import procfs
from .report import Section, Target
from .stats import median

ITEMS = (100, 1000, 5000)
REPEATS = 5
WARM_S = 0.7
WINDOW_S = 1.5
OFF_FLAG = "--no-item-registry"


def counters(program):
    """(frames, GUI-thread CPU ns, process CPU ns, time) now."""
    return (program.frame_count(), procfs.cpu_ns(program.pid, main_thread_only=True),
            procfs.cpu_ns(program.pid), time.perf_counter())


def per_frame(program):
    program.wait_pass()
    time.sleep(WARM_S)
    f0, gui0, all0, t0 = counters(program)
    time.sleep(WINDOW_S)
    f1, gui1, all1, t1 = counters(program)
    frames = f1 - f0
    return {"gui_us": (gui1 - gui0) / 1e3 / frames, "process_us": (all1 - all0) / 1e3 / frames,
            "fps": frames / (t1 - t0)}


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
                      ["items", "registry", "GUI thread / frame", "run-to-run spread",
                       "process / frame", "fps", "GUI-thread overhead"])
    figures = {}
    for n in ITEMS:
        med = {m: {k: median([s[k] for s in samples[n][m]])
                   for k in ("gui_us", "process_us", "fps")} for m in modes}
        overhead = ((med["on"]["gui_us"] / med["off"]["gui_us"] - 1) * 100
                    if can_switch_off else None)
        figures[n] = {"median": med, "overhead_pct": overhead, "samples": samples[n]}
        for m in modes:
            gui = [s["gui_us"] for s in samples[n][m]]
            spread = (max(gui) - min(gui)) / 2 / med[m]["gui_us"] * 100
            section.rows.append([n, m, f"{med[m]['gui_us']:.0f} µs", f"±{spread:.0f} %",
                                 f"{med[m]['process_us']:.0f} µs", f"{med[m]['fps']:.0f}",
                                 f"{overhead:+.1f} %" if m == "on" and can_switch_off else ""])
    if can_switch_off:
        o = figures[1000]["overhead_pct"]
        section.targets.append(Target("registry overhead at 1000 items", f"{o:+.1f} %", "< 5 %",
                                      o < 5.0))
    else:
        section.notes.append(f"imhost has no {OFF_FLAG} flag: only the registry-on cost is shown.")
        section.targets.append(Target("registry overhead at 1000 items", "not measurable",
                                      "< 5 %", False))
    section.notes.append(f"Median of {REPEATS} fresh processes per row, {WINDOW_S} s each "
                         "(spread: half the min-max range, over the median); "
                         "the N items are small buttons in a scrolling child, so beyond the ~500 "
                         "that fit, ImGui clips them (the registry still sees every one).")
    section.data = figures
    return section
