"""Section 6: what a GUI crash costs a test batch, next to the 120 s it cost the system that
inspired imhost (one shared GUI; the next file hung on a timeout).

Always, over a few `segv` faults (POST /api/debug/fault): from the signal (the crash handler's
CLOCK_MONOTONIC, "monotonic_ns" in the report; time.monotonic_ns() is the same clock) to health
saying `crashed` (polled on one keep-alive connection), to the process's exit, and to a respawned
imhost answering health `pass`: what the test after a crash loses, its respawn included. When the
build has the harness's crash_isolation live tests, also the wall time of that CTest batch."""
import http.client
import json
import os
import re
import statistics
import subprocess
import time

from imhost_client import HookError, TransportError

from .processes import client as hook_client
from .report import Section, Target, ms

INSPIRATION_S = 120.0
ROUNDS = 5


def _signal_ns(report_path):
    try:
        with open(report_path) as f:
            m = re.search(r"^monotonic_ns: (\d+)$", f.read(), re.M)
    except OSError:
        return None
    return int(m.group(1)) if m else None


def one_segv(bench):
    """One crash, seen from outside: seconds from the signal to `crashed`, to exit, to a fresh
    GUI's `pass`."""
    program = bench.programs.imhost("--enable-fault-injection")
    program.wait_pass()
    report = os.path.join(program.workspace, "crash", f"crash-{program.pid}.txt")
    client = hook_client(program.port)
    poller = http.client.HTTPConnection("127.0.0.1", program.port, timeout=2)  # 503s too
    crashed_ns = exit_ns = None
    try:
        try:
            client.fault("segv")
        except TransportError:
            pass  # the process died before it answered
        except HookError:  # an error reply: no fault injection in this build
            program.stop()
            raise
        deadline = time.monotonic() + 10
        while exit_ns is None and time.monotonic() < deadline:
            if program.proc.poll() is not None:
                exit_ns = time.monotonic_ns()
                break
            try:
                poller.request("GET", "/api/gui_health")
                body = json.loads(poller.getresponse().read() or b"null") or {}
            except (OSError, http.client.HTTPException, ValueError):
                poller.close()
                continue  # gone, or going: the next poll() says
            if crashed_ns is None and body.get("phase") == "crashed":
                crashed_ns = time.monotonic_ns()
    finally:
        client.close()
        poller.close()
    signal_ns = _signal_ns(report)
    returncode = program.proc.wait(10)
    fresh = bench.programs.imhost()
    try:
        fresh.wait_pass()
        pass_ns = time.monotonic_ns()
    finally:
        fresh.stop()
    program.stop()
    if signal_ns is None or crashed_ns is None or exit_ns is None:
        raise RuntimeError(f"incomplete crash timing: signal {signal_ns}, crashed {crashed_ns}, "
                           f"exit {exit_ns} (exit status {returncode})")
    return {"to_crashed_s": (crashed_ns - signal_ns) / 1e9, "to_exit_s": (exit_ns - signal_ns) / 1e9,
            "to_respawned_s": (pass_ns - signal_ns) / 1e9, "exit_status": returncode}


def ctest_batch(build_dir):
    listed = subprocess.run(["ctest", "-N", "-R", "crash_isolation"], cwd=build_dir,
                            capture_output=True, text=True).stdout
    if "Total Tests: 0" in listed or "crash_isolation" not in listed:
        return None
    t0 = time.perf_counter()
    done = subprocess.run(["ctest", "-R", "crash_isolation", "--output-on-failure"],
                          cwd=build_dir, capture_output=True, text=True)
    return {"wall_s": time.perf_counter() - t0, "passed": done.returncode == 0,
            "summary": done.stdout.strip().splitlines()[-3:]}


def run(bench):
    rounds = [one_segv(bench) for _ in range(ROUNDS)]
    batch = ctest_batch(bench.build_dir)

    def spread(key):
        values = sorted(r[key] for r in rounds)
        return statistics.median(values), values[0], values[-1]

    section = Section("crash", "6. Crash isolation",
                      ["from the signal (segv on the GUI thread) to", "median", "min - max",
                       "target"])
    crashed, exited, respawned = spread("to_crashed_s"), spread("to_exit_s"), spread("to_respawned_s")
    section.rows.append(["health says `crashed` (503, the signal named)", ms(crashed[0]),
                         f"{ms(crashed[1])} - {ms(crashed[2])}", "< 100 ms"])
    section.rows.append(["the process exits (report written, symbolized)", ms(exited[0]),
                         f"{ms(exited[1])} - {ms(exited[2])}", "< 200 ms"])
    section.rows.append(["a respawned GUI answers `pass` (what the next test loses)",
                         ms(respawned[0]), f"{ms(respawned[1])} - {ms(respawned[2])}",
                         f"inspiration: {INSPIRATION_S:.0f} s"])
    if batch:
        section.rows.append(["(ctest -R crash_isolation, whole batch, wall)",
                             f"{batch['wall_s']:.1f} s" + ("" if batch["passed"] else " (FAILED)"),
                             "", f"> {INSPIRATION_S:.0f} s"])
    else:
        section.notes.append("No crash_isolation live tests in this build: the batch is not timed.")
    section.notes.append(f"{ROUNDS} crashes; health polled on one keep-alive connection as fast "
                         "as it answers; exit status "
                         + ", ".join(sorted({str(r["exit_status"]) for r in rounds})) + ".")
    section.targets.append(Target("signal to health `crashed`", ms(crashed[0]), "< 100 ms",
                                  crashed[0] < 0.1))
    section.targets.append(Target("signal to exit", ms(exited[0]), "< 200 ms", exited[0] < 0.2))
    section.targets.append(Target("time lost to a GUI crash (signal to a respawned pass)",
                                  ms(respawned[0]), f"no target (inspiration: {INSPIRATION_S:.0f} s)",
                                  None))
    section.data = {"rounds": rounds, "ctest_batch": batch}
    return section
