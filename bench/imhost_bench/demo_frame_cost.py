"""Section 8: the hooks' frame cost on Dear ImGui's own demo with everything open, as
imgui_test_engine's perf_demo_all case has it: every tree node and header of the demo window
open, every example and tool window shown.

One imhost --demo (animating its bench panel, --max-fps 1000, so frames follow each other) is
opened up through the API (POST /api/items/open_all, /api/menu/check_all), which needs the item
registry; then the registry is switched off and on at run time (POST /api/debug/item_registry)
and the frame CPU measured in each state, alternating, REPEATS rounds of one window each.

The overhead is the median over the rounds of on / off within a round. The least of four windows
per state, which this section used before, moved by several points between runs of the same
binary (1.4 to 11.6 %), more than the changes it had to judge. Registry off is ImGui's own frame
time (the demo and the bench panel, with the guard), printed beside the overhead so the ratio is
honest. The same timer as section 4 (bench_frame_cpu: NewFrame() to the GL draw), and beside it
the registry's own thread, which works the frame's items out while the GUI thread draws."""
import time

from .frame_cost import per_frame_of
from .processes import client as hook_client
from .report import Section, Target
from .stats import median

DEMO = "Dear ImGui Demo"
REPEATS = 10
MENUS = ("Examples", "Tools")


def set_registry(client, on):
    client.call("POST", "/api/debug/item_registry", {"on": on})


def run(bench):
    program = bench.programs.imhost("--demo", "--bench-items", "0", "--bench-animate",
                                    "--max-fps", "1000")
    client = hook_client(program.port, timeout=30.0)
    samples = {"off": [], "on": []}
    try:
        program.wait_pass()
        t0 = time.perf_counter()
        opened = client.open_all(DEMO, timeout_ms=120000)
        windows = [name for path in MENUS
                   for name in client.check_all(path, window=DEMO)["changed"]]
        setup_s = time.perf_counter() - t0
        shown = len(client.windows()["windows"])
        for repeat in range(REPEATS):
            for mode in ("off", "on") if repeat % 2 == 0 else ("on", "off"):
                set_registry(client, mode == "on")
                samples[mode].append(per_frame_of(program, client))
    finally:
        client.close()
        program.stop()

    section = Section("demo-frames",
                      "8. Frame cost of the hooks on the demo, everything open (CPU per frame)",
                      ["registry", "ImGui + hooks / frame (least)", "overhead (rounds)",
                       "registry thread / frame",
                       "GUI thread / frame", "fps"])
    least = {m: {k: min(s[k] for s in samples[m]) for k in ("imgui_us", "registry_us", "gui_us")}
             for m in samples}
    ratios = sorted((on["imgui_us"] / off["imgui_us"] - 1) * 100
                    for on, off in zip(samples["on"], samples["off"]))
    overhead = median(ratios)
    for m in ("off", "on"):
        fps = sorted(s["fps"] for s in samples[m])[len(samples[m]) // 2]
        section.rows.append([m + (" (ImGui's own frame)" if m == "off" else ""),
                             f"{least[m]['imgui_us']:.0f} µs",
                             f"{overhead:+.1f} % ({ratios[0]:+.1f} to {ratios[-1]:+.1f})"
                             if m == "on" else "",
                             f"{least[m]['registry_us']:.0f} µs" if m == "on" else "",
                             f"{least[m]['gui_us']:.0f} µs", f"{fps:.0f}"])
    section.targets.append(Target("registry overhead, demo all open",
                                  f"{overhead:+.1f} % of ImGui + hooks", "< 5 %", overhead < 5.0))
    section.notes.append(
        f"Opened through the API in {setup_s:.1f} s: {opened.get('opened', 0)} nodes of the demo "
        f"window, {len(windows)} example and tool windows ({shown} windows listed). "
        f"{REPEATS} rounds of one window per state, alternating; the overhead is the median over "
        "the rounds of on / off within each (their range in brackets), the CPU columns the "
        "least.")
    section.data = {"samples": samples, "overhead_pct": overhead, "round_pct": ratios,
                    "windows": windows, "opened": opened.get("opened", 0)}
    return section
