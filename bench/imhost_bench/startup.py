"""Section 1: exec -> first /api/gui_health `pass` after the first frame, imhost vs the floor.

Runs alternate (imhost, floor, imhost, ...) under the one running Xvfb, so drifts in the
machine's load hit both alike. Health is polled every 0.5 ms on a fresh connection."""
from .report import Section, Target, ms
from .stats import median, percentile, ratio

RUNS = 20


def start_once(program):
    try:
        return program.wait_pass()
    finally:
        program.stop()


def run(bench):
    times = {"imhost": [], "floor": []}
    for _ in range(RUNS):
        times["imhost"].append(start_once(bench.programs.imhost()))
        times["floor"].append(start_once(bench.programs.floor()))

    section = Section("startup", "1. Start-up: exec to first health pass",
                      ["program", "runs", "median", "p90", "ratio to floor (median)"])
    floor_median = median(times["floor"])
    for name, samples in times.items():
        section.rows.append([name, len(samples), ms(median(samples)), ms(percentile(samples, 90)),
                             f"{ratio(median(samples), floor_median):.2f}x"])
    imhost_median = median(times["imhost"])
    r = ratio(imhost_median, floor_median)
    section.targets.append(Target("start-up median", f"{ms(imhost_median)} ({r:.2f}x floor)",
                                  "<= 1.3x floor and < 100 ms", r <= 1.3 and imhost_median < 0.1))
    section.notes.append(f"{RUNS} runs each, alternated, one Xvfb; imhost gets a fresh empty "
                         "workspace per run; the floor is bench/floor/floor_main.cpp.")
    section.data = {"seconds": times, "ratio_median": r}
    return section
