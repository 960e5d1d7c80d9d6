"""Section 6: what a GUI crash costs a test batch, next to the 120 s it cost the system that
inspired imhost (one shared GUI; the next file hung on a timeout).

Always: the time from a `segv` fault (POST /api/debug/fault) to a respawned imhost answering
health `pass`, i.e. what the harness pays between the crashing test and the next one. When the
build has the harness's crash_isolation live tests, also the wall time of that CTest batch."""
import subprocess
import time

from imhost_client import HookError, TransportError

from .processes import client as hook_client
from .report import Section, Target, ms

INSPIRATION_S = 120.0


def segv_to_respawn(bench):
    program = bench.programs.imhost("--enable-fault-injection")
    program.wait_pass()
    client = hook_client(program.port)
    t0 = time.perf_counter()
    try:
        client.fault("segv")
    except TransportError:
        pass  # the process died before it answered
    except HookError:  # an error reply: no fault injection in this build
        program.stop()
        raise
    finally:
        client.close()
    try:
        program.proc.wait(10)
    finally:
        program.stop()
    died = time.perf_counter() - t0
    fresh = bench.programs.imhost()
    try:
        fresh.wait_pass()
    finally:
        fresh.stop()
    return {"died_s": died, "respawned_s": time.perf_counter() - t0,
            "exit_status": program.proc.returncode}


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
    direct = segv_to_respawn(bench)
    batch = ctest_batch(bench.build_dir)

    section = Section("crash", "6. Crash isolation",
                      ["scenario", "imhost", "inspiration (shared GUI)", "saved"])
    section.rows.append(["segv -> dead process -> respawned GUI answers pass",
                         ms(direct["respawned_s"]), f"{INSPIRATION_S:.0f} s",
                         f"{INSPIRATION_S / direct['respawned_s']:.0f}x"])
    if batch:
        section.rows.append(["ctest -R crash_isolation (whole batch, wall)",
                             f"{batch['wall_s']:.1f} s" + ("" if batch["passed"] else " (FAILED)"),
                             f"> {INSPIRATION_S:.0f} s", ""])
    else:
        section.notes.append("No crash_isolation live tests in this build: only the direct "
                             "segv-to-respawn time is shown.")
    section.notes.append(f"The process died {ms(direct['died_s'])} after the fault request "
                         f"(exit status {direct['exit_status']}).")
    section.targets.append(Target("time lost to a GUI crash", ms(direct["respawned_s"]),
                                  f"no target (inspiration: {INSPIRATION_S:.0f} s)", None))
    section.data = {"segv_to_respawn": direct, "ctest_batch": batch}
    return section
