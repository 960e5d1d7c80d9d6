"""The plugin's decisions with a fake process and hand-written health documents."""
import signal
import subprocess

from imhost_client import verdicts
from imhost_client.verdicts import (FAIL, PASS, WARN, HealthSample, LaunchProgress,
                                    Observation, broken_state, decide_launch_step,
                                    decide_preflight, decide_respawn, observe)
from imhost_client.port_file import PortFile


class FakeProcess:
    """poll() is None for `polls` calls, then the given returncode."""

    def __init__(self, polls=-1, returncode=-signal.SIGSEGV):
        self.polls, self.returncode, self.waits = polls, returncode, 0

    def poll(self):
        if self.polls == 0:
            return self.returncode
        if self.polls > 0:
            self.polls -= 1
        return None

    def wait(self, timeout=None):
        self.waits += 1
        while self.poll() is None:
            if self.polls < 0:
                raise subprocess.TimeoutExpired("fake", timeout)
        return self.returncode


RECORD = {"kind": "assert", "message": "Forgot to call Render()", "panel": "Faults",
          "file": "app/faults.cpp", "line": 42, "function": "draw_faults", "count": 1,
          "stacktrace": "#0 imhost::draw_faults() at app/faults.cpp:42\n"}


def health(status, phase, reasons=(), **extra):
    body = {"status": status, "phase": phase, "degraded_reasons": list(reasons),
            "frame": {"count": 10}, "last_error": None, "last_assert": None}
    body.update(extra)
    return body


def running_with(body):
    return Observation(running=True,
                       health=HealthSample(503 if body["status"] == FAIL else 200, body, ""))


def test_observe_probes_a_running_process():
    probes = []
    seen = observe(FakeProcess(), lambda: probes.append(1) or HealthSample(200, health(PASS, "running")),
                   lambda: "")
    assert seen.running and probes == [1] and broken_state(seen) == ""


def test_observe_waits_for_a_crash_in_progress():
    process = FakeProcess(polls=3)
    seen = observe(process, lambda: HealthSample(200, health(PASS, "running")),
                   lambda: "crash report: SIGSEGV\n")
    assert process.waits == 1
    assert broken_state(seen) == "dead: killed by signal 11 (SIGSEGV)"


def test_observe_waits_when_health_says_a_fatal_signal_before_the_report_exists():
    process = FakeProcess(polls=3)
    dying = health(FAIL, "crashed", ["fatal signal SIGSEGV on the GUI thread (tid 7); writing the "
                                     "crash report /tmp/crash-7.txt"])
    seen = observe(process, lambda: HealthSample(503, dying, ""), lambda: "")
    assert process.waits == 1
    assert broken_state(seen) == "dead: killed by signal 11 (SIGSEGV)"


def test_observe_does_not_wait_on_a_crashed_frame_loop():
    process = FakeProcess()
    body = health(FAIL, "crashed", ["frame loop crashed: Render()"])
    seen = observe(process, lambda: HealthSample(503, body, ""), lambda: "")
    assert process.waits == 0 and broken_state(seen) == "crashed: frame loop crashed: Render()"


def test_dead_gui_fails_preflight_with_signal_report_and_history():
    seen = Observation(running=False, returncode=-signal.SIGSEGV,
                       crash_report="signal 11\n#0 imhost::fault_segv()\n",
                       previous_health=health(PASS, "running"))
    p = decide_preflight(seen, history="the previous test t::crash left it dead")
    assert p.verdict == FAIL
    for needle in ("the GUI is dead: killed by signal 11 (SIGSEGV)", "t::crash left it dead",
                   "imhost::fault_segv()", "last health before it died"):
        assert needle in p.message


def test_fail_quotes_reasons_last_error_last_assert_and_stack():
    body = health(FAIL, "crashed", ["frame loop crashed: Forgot to call Render()"],
                  last_assert=RECORD, last_error=dict(RECORD, kind="exception", message="boom"))
    p = decide_preflight(running_with(body))
    assert p.verdict == FAIL
    for needle in ("the GUI is crashed: frame loop crashed: Forgot to call Render()",
                   "last_error: exception in panel 'Faults': boom",
                   "last_assert: assert in panel 'Faults': Forgot to call Render()",
                   "imhost::draw_faults() at app/faults.cpp:42"):
        assert needle in p.message, p.message


def test_no_answer_fails_rather_than_waits():
    seen = Observation(running=True, health=HealthSample(0, None, "timed out"))
    p = decide_preflight(seen)
    assert p.verdict == FAIL and "unresponsive: /api/gui_health did not answer (timed out)" in p.message


def test_warn_runs_unless_strict():
    seen = running_with(health(WARN, "running", ["1 recovered error(s) since the last errors/clear"]))
    assert decide_preflight(seen).verdict == WARN
    assert decide_preflight(seen, strict=True).verdict == FAIL
    assert decide_preflight(running_with(health(PASS, "running"))).verdict == PASS


def test_a_breakage_is_charged_to_the_test_and_replaced():
    dead = Observation(running=False, returncode=-signal.SIGSEGV,
                       crash_report="imhost crash report\nsignal: 11 (SIGSEGV)\n\n--- raw frames "
                                    "---\n...\n--- symbolized frames ---\n  0x1 crash_with_segv at "
                                    "fault_kinds.cpp:45\n--- end of report ---\n")
    d = decide_respawn(dead, "test_1")
    assert d.respawn
    assert d.note == ("GUI was respawned: the previous test (test_1) left it dead: killed by "
                      "signal 11 (SIGSEGV)")
    assert d.charge.startswith("the GUI broke during this test: it is dead: killed by signal 11 "
                               "(SIGSEGV)\n")
    assert "crash_with_segv at fault_kinds.cpp:45" in d.charge


def test_a_breakage_the_preflight_found_is_replaced_not_charged():
    dead = Observation(running=False, returncode=-signal.SIGKILL)
    d = decide_respawn(dead, "test_next", preflight_failed=True)
    assert d.respawn and d.charge == ""
    assert d.note == ("GUI was respawned: the previous test (test_next) found it dead: killed by "
                      "signal 9 (SIGKILL)")


def test_an_expected_breakage_is_replaced_not_charged():
    stalled = running_with(health(FAIL, "stalled", ["frame loop stalled: no progress for 2100 ms"]))
    d = decide_respawn(stalled, "test_hang", breakage_expected=True)
    assert d.respawn and d.charge == ""
    assert d.note == ("GUI was respawned: the previous test (test_hang) left it stalled: frame "
                      "loop stalled: no progress for 2100 ms (on purpose)")
    kept = decide_respawn(running_with(health(WARN, "running")), "test_x")
    assert not kept.respawn and kept.charge == ""


def test_launch_steps():
    p = LaunchProgress(child_pid=7, deadline=20.0, elapsed=0.1)
    assert decide_launch_step(p)[0] == verdicts.WAIT
    p.elapsed = 20.0
    step, reason = decide_launch_step(p)
    assert step == verdicts.FAILED and reason.startswith("no usable port file after 20000 ms")
    p = LaunchProgress(child_pid=7, elapsed=0.1, running=False, returncode=3)
    assert decide_launch_step(p) == (verdicts.FAILED,
                                     "imhost exited before it was healthy (exit code 3)")
    info = PortFile("http://127.0.0.1:1", 1, 7, "t", "i")
    p = LaunchProgress(child_pid=7, elapsed=0.1, port_file=info,
                       health=HealthSample(200, health(WARN, "running", ["IO pool degraded"])))
    assert decide_launch_step(p)[0] == verdicts.WAIT
    p.accept_warn = True
    assert decide_launch_step(p)[0] == verdicts.READY
    p = LaunchProgress(child_pid=8, elapsed=30, deadline=20, port_file=info)
    assert "names pid 7, not the launched imhost (pid 8)" in decide_launch_step(p)[1]


def test_summary_line():
    assert verdicts.summary_line("live/test_a.py", 3, 1, 0, ["GUI was respawned: x"]) == \
        "live: live/test_a.py: 3 passed, 1 failed, respawns 1 (GUI was respawned: x)"
    assert verdicts.summary_line("f", 2, 0) == "live: f: 2 passed, 0 failed, respawns 0"


REPORT = ("imhost crash report\nsignal: 11 (SIGSEGV)\npid: 77\n\n--- raw frames ---\n"
          "/app/imhost(+0x1)[0x5]\n\n--- /proc/self/maps ---\n55d8-55d9 r--p 0 /app/imhost\n\n"
          "--- symbolized frames ---\n#0 crash_with_segv at fault_kinds.cpp:43\n"
          "--- end of report ---\n")


def test_crash_report_excerpt_keeps_header_and_symbolized_frames():
    excerpt = verdicts.crash_report_excerpt(REPORT)
    assert "signal: 11 (SIGSEGV)" in excerpt
    assert "#0 crash_with_segv at fault_kinds.cpp:43" in excerpt
    assert "r--p" not in excerpt and "(+0x1)" not in excerpt


def test_crash_report_excerpt_falls_back_to_raw_frames():
    stage1 = REPORT.split("--- symbolized frames ---")[0] + "--- symbolized frames ---\n"
    excerpt = verdicts.crash_report_excerpt(stage1)
    assert "/app/imhost(+0x1)[0x5]" in excerpt and "r--p" not in excerpt
