"""Section 5: CPU % of one core over 10 s with the app idle, and resident memory.

One imhost (with the floor idling beside it as the reference), then 4 imhost instances in
parallel, all measured over the same window. CPU time is the scheduler's per-thread accounting
(/proc/PID/task/*/schedstat), memory is /proc/PID/status (VmRSS total, RssAnon)."""
import time

from . import procfs
from .report import Section, Target

WINDOW_S = 10
SETTLE_S = 2  # after health pass: the first frames, font atlas upload, workspace load


def measure(programs):
    """CPU % and memory of each program over one shared window."""
    for p in programs:
        p.wait_pass()
    time.sleep(SETTLE_S)
    before = [procfs.cpu_ns(p.pid) for p in programs]
    t0 = time.perf_counter()
    time.sleep(WINDOW_S)
    elapsed = time.perf_counter() - t0
    after = [procfs.cpu_ns(p.pid) for p in programs]
    return [dict(cpu_pct=(a - b) / 1e9 / elapsed * 100, **procfs.memory_kib(p.pid))
            for p, a, b in zip(programs, after, before)]


def run_group(programs):
    try:
        return measure(programs)
    finally:
        for p in programs:
            p.stop()


def run(bench):
    single, floor = run_group([bench.programs.imhost(), bench.programs.floor()])
    four = run_group([bench.programs.imhost() for _ in range(4)])

    section = Section("idle", f"5. Idle cost ({WINDOW_S} s window)",
                      ["program", "instances", "CPU % of a core (each)", "RSS total", "RSS anon"])
    mib = lambda kib: f"{kib / 1024:.1f} MiB"
    section.rows.append(["imhost", 1, f"{single['cpu_pct']:.2f}", mib(single["rss_kib"]),
                         mib(single["anon_kib"])])
    cpu4 = [r["cpu_pct"] for r in four]
    section.rows.append(["imhost", 4, f"{min(cpu4):.2f} .. {max(cpu4):.2f}",
                         mib(max(r["rss_kib"] for r in four)) + " max",
                         mib(max(r["anon_kib"] for r in four)) + " max"])
    section.rows.append(["floor", 1, f"{floor['cpu_pct']:.2f}", mib(floor["rss_kib"]),
                         mib(floor["anon_kib"])])
    worst = max([single["cpu_pct"]] + cpu4)
    section.targets.append(Target("idle CPU per instance", f"{worst:.2f} % (worst of 1 and 4)",
                                  "< 0.2 % of a core", worst < 0.2))
    section.notes.append("imhost idles on its workbench with a fresh workspace; the floor idled "
                         "beside the single instance. Mesa's llvmpipe threads count as the "
                         "program's CPU.")
    section.data = {"single": single, "four": four, "floor": floor}
    return section
