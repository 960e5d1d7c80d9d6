"""Section 3: action round trips through the hook API, on the bench panel (--bench-items 0).

- 200 clicks on btn_bench_bump (POST /api/items/click), each waited for by its reply; the reply's
  frames (queued -> confirmed) give frames per click. The counter must read 200 afterwards.
- 200 value sets with read-back (POST /api/items/value bench_value, then GET), each read-back
  checked; frames per set+read from health's frame count around the pair (outside the timing).
- the clicks again with --raster-every-frame: every frame rasterised, also those in the middle of
  a click, which nobody sees (the default skips them). The screenshot after the 200 clicks must
  be the same, pixel for pixel, with and without.
- the clicks again as diagnostics: without the 60 fps cap, then also with a 640x400 window.
imgui_test_engine's ItemClick takes 6-12 frames in its fast mode (reference, not measured here)."""
import time

from .processes import client as hook_client
from .report import Section, Target, us_or_ms
from .stats import median, percentile

COUNT = 200
TEST_ENGINE_FRAMES = "6-12"
DIAGNOSTIC_FLAGS = (("--max-fps", "1000"),
                    ("--max-fps", "1000", "--window-size", "640x400"))
EVERY_FRAME = ("--raster-every-frame",)


def clicks(client):
    latencies, frames = [], []
    for _ in range(COUNT):
        t0 = time.perf_counter()
        reply = client.click("btn_bench_bump")
        latencies.append(time.perf_counter() - t0)
        frames.append(reply["confirmed_frame"] - reply["queued_frame"])
    counted = client.get_value("bench_clicks")
    if counted != COUNT:
        raise RuntimeError(f"{COUNT} clicks answered, but the counter reads {counted}")
    return latencies, frames


def value_sets(client, program):
    latencies, frames = [], []
    for i in range(1, COUNT + 1):
        f0 = program.frame_count()
        t0 = time.perf_counter()
        client.set_value("bench_value", i)
        read = client.get_value("bench_value")
        latencies.append(time.perf_counter() - t0)
        frames.append(program.frame_count() - f0)
        if read != i:
            raise RuntimeError(f"set bench_value to {i}, read back {read!r}")
    return latencies, frames


def measure(bench, *flags, with_values=True, screenshot=None):
    """(click latencies, frames), then (value latencies, frames) or None; with a `screenshot`
    list, the PNG after the clicks is appended to it."""
    program = bench.programs.imhost("--bench-items", "0", *flags)
    client = hook_client(program.port)
    try:
        program.wait_pass()
        measured = clicks(client)
        if screenshot is not None:
            # The mouse held on the button in both runs: after a click, GLFW hands the mouse back
            # to the OS cursor whenever it sees the window focused, which is timing, not drawing.
            client.hover("btn_bench_bump")
            screenshot.append(client.screenshot(window="Bench"))  # the workbench shows live figures
        return measured, value_sets(client, program) if with_values else None
    finally:
        client.close()
        program.stop()


def row(name, latencies, frames, reference=""):
    return [name, us_or_ms(median(latencies)), us_or_ms(percentile(latencies, 99)), median(frames),
            max(frames), reference]


def run(bench):
    shots = []
    (click_lat, click_frames), (value_lat, value_frames) = measure(bench, screenshot=shots)
    every_lat, every_frames = measure(bench, *EVERY_FRAME, with_values=False, screenshot=shots)[0]
    # Diagnostics: the same clicks without the 60 fps cap (what pacing costs), then also with a
    # quarter of the pixels (what software rendering under Xvfb costs).
    diagnostics = {" ".join(flags): measure(bench, *flags, with_values=False)[0]
                   for flags in DIAGNOSTIC_FLAGS}

    section = Section("actions", f"3. Action round trip ({COUNT} each)",
                      ["action", "p50", "p99", "frames p50", "frames max",
                       "imgui_test_engine ItemClick (fast mode)"])
    section.rows.append(row("click (default --max-fps 60)", click_lat, click_frames,
                            f"{TEST_ENGINE_FRAMES} frames"))
    section.rows.append(row("click, --raster-every-frame (as before)", every_lat, every_frames))
    section.rows.append(row("value set + read-back (default)", value_lat, value_frames))
    for flags, (lat, frames) in diagnostics.items():
        section.rows.append(row(f"click, {flags} (diagnostic)", lat, frames))
    p50, f50 = median(click_lat), median(click_frames)
    section.targets.append(Target("click round trip", f"p50 {us_or_ms(p50)}, {f50:g} frames",
                                  "p50 < 15 ms, <= 4 frames", p50 < 0.015 and f50 <= 4))
    same = shots[0] == shots[1]
    section.targets.append(Target("screen after the clicks, vs every frame rasterised",
                                  "identical" if same else "DIFFERENT", "identical", same))
    section.notes.append("Frames per click = confirmed_frame - queued_frame from the reply; the "
                         f"counter (value bench_clicks) is checked to read {COUNT} at the end.")
    section.notes.append("Value frames = health's frame count after the read-back minus before "
                         "the set.")
    section.data = {"click_s": click_lat, "click_frames": click_frames,
                    "every_frame_click_s": every_lat, "screens_identical": same,
                    "value_s": value_lat,
                    "value_frames": value_frames,
                    "diagnostics": {f: {"click_s": lat, "click_frames": fr}
                                    for f, (lat, fr) in diagnostics.items()}}
    return section
