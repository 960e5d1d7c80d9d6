#!/usr/bin/env python3
"""imhost benchmarks: prints Markdown tables and writes results.json. Not a test.

    build/release/python-venv/bin/python bench/run_bench.py --build build/release \
        [--section startup,load] [--out FILE]

Sections (each can run alone): startup, load, actions, frames, idle, crash, demo, demo-frames,
registry-headless. Every
comparison is a ratio within this one run, against a reference the bench starts itself (the floor, the Python
stack), because the machines are shared and noisy. The 1-minute load is printed with each table."""
import argparse
import json
import os
import sys
import time

try:
    from imhost_client.xvfb import Xvfb
except ImportError:
    sys.exit("run_bench.py: imhost_client is not installed for this python; run it with "
             "build/release/python-venv/bin/python (`make bench` does)")
from imhost_bench import (actions, crash_isolation, demo_actions, demo_frame_cost,  # noqa: E402
                          frame_cost, health_load, idle_cost, procfs, registry_cost, startup)
from imhost_bench.processes import Programs  # noqa: E402
from imhost_bench.report import render_section, render_targets  # noqa: E402

SECTIONS = {"startup": startup, "load": health_load, "actions": actions, "frames": frame_cost,
            "idle": idle_cost, "crash": crash_isolation, "demo": demo_actions,
            "demo-frames": demo_frame_cost, "registry-headless": registry_cost}


class Bench:
    """What every section gets: the build, the programs under one Xvfb, Debian's python3."""

    def __init__(self, build_dir, display):
        self.build_dir = build_dir
        self.programs = Programs(build_dir, display)
        self.python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default="build/release", help="CMake build directory")
    parser.add_argument("--section", default="", help="comma-separated: " + ",".join(SECTIONS))
    parser.add_argument("--out", default="build/bench/results.json")
    args = parser.parse_args()
    chosen = [s for s in args.section.split(",") if s] or list(SECTIONS)
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section {unknown}; choose from {', '.join(SECTIONS)}")

    machine = procfs.machine()
    print(f"imhost bench on {machine['cpu']}, {machine['cores']} cores, "
          f"{machine['memory_gib']} GiB; load {procfs.load_1min():.2f}", flush=True)
    xvfb = Xvfb()
    sections, failures = [], {}
    try:
        bench = Bench(os.path.abspath(args.build), xvfb.display)
        for key in chosen:
            load, t0 = procfs.load_1min(), time.perf_counter()
            try:
                section = SECTIONS[key].run(bench)
            except Exception as error:  # one broken section must not hide the others
                failures[key] = f"{type(error).__name__}: {error}"
                print(f"\n### section {key} FAILED: {failures[key]}", flush=True)
                continue
            section.load = load
            sections.append(section)
            print("\n" + render_section(section) + f"\n\n({time.perf_counter() - t0:.0f} s)",
                  flush=True)
    finally:
        xvfb.stop()

    summary = render_targets(sections, machine, procfs.load_1min())
    print("\n### Targets\n\n" + summary)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump({"machine": machine, "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                   "sections": {s.key: {"title": s.title, "load": s.load, "columns": s.columns,
                                        "rows": s.rows, "notes": s.notes, "data": s.data,
                                        "targets": [t.__dict__ for t in s.targets]}
                                for s in sections},
                   "failures": failures}, f, indent=1, default=str)
    print(f"\nwrote {args.out}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
