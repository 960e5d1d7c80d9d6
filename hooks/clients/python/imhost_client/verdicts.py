"""The harness's decisions, as pure functions of what it observed (the same rules as the C++
harness, tests/harness/live_verdicts.h).

    seen = observe(process, probe, crash_report)       # gather (fakeable)
    p = decide_preflight(seen, strict, history)         # before each test
    r = decide_respawn(seen, test_name, ...)            # after each test
    step = decide_launch_step(progress)                 # while a GUI starts

usable      process running and health answered 200 (status pass or warn)
pre-flight  dead, no answer or `fail` -> the test fails at once, quoting degraded_reasons,
            last_error and last_assert with its stack; `warn` -> runs with the warning
            printed, or fails when strict
after test  a GUI that broke during the test (exited or killed, health `crashed` or `fail`, a
            crash report) is charged to that test, quoting the state and the crash report,
            unless it broke it on purpose; either way it is replaced before the next test,
            with the note "GUI was respawned: the previous test (<name>) left it <state>".
            A breakage the pre-flight found (broken between tests) is replaced the same way.
"""

import signal
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Protocol, Sequence, Union

from .port_file import PortFile

PASS, WARN, FAIL = "pass", "warn", "fail"


def describe_exit(returncode: Optional[int]) -> str:
    """"exit code 0" / "killed by signal 11 (SIGSEGV)" from a Popen returncode."""
    if returncode is None:
        return "running"
    if returncode >= 0:
        return f"exit code {returncode}"
    try:
        name = signal.Signals(-returncode).name
    except ValueError:
        name = "SIG?"
    return f"killed by signal {-returncode} ({name})"


@dataclass
class HealthSample:
    http_status: int = 0  # 0: no answer
    body: Any = None
    transport_error: str = ""


@dataclass
class Observation:
    running: bool = False
    returncode: Optional[int] = None  # set when the process has exited
    crash_report: str = ""            # crash-<pid>.txt: it crashed, or is crashing
    health: HealthSample = field(default_factory=HealthSample)
    previous_health: Any = None       # the last health seen before this one


@dataclass
class Preflight:
    verdict: str = PASS
    message: str = ""


@dataclass
class RespawnDecision:
    respawn: bool = False
    note: str = ""    # "GUI was respawned: the previous test (<name>) left it <state>"
    charge: str = ""  # the test broke the GUI without saying so: its failure, for a human


class ProcessLike(Protocol):
    """What observe() needs of a process: subprocess.Popen, or a fake."""

    def poll(self) -> Optional[int]: ...

    def wait(self, timeout: Optional[float] = None) -> int: ...


def dying_of_a_signal(health: HealthSample) -> bool:
    """Health's first reason says a fatal signal is being handled: the process is about to exit."""
    body = health.body
    if not isinstance(body, dict) or body.get("phase") != "crashed":
        return False
    reasons = body.get("degraded_reasons")
    return (isinstance(reasons, list) and bool(reasons) and isinstance(reasons[0], str)
            and reasons[0].startswith("fatal signal"))


def observe(process: ProcessLike, probe: Callable[[], HealthSample],
            crash_report: Callable[[], str], dying_grace: float = 5.0) -> Observation:
    """``process`` has poll() (None while running) and wait(timeout); ``probe()`` returns a
    HealthSample; ``crash_report()`` the report text or "". A process dying of a fatal signal
    (health says so from the crash handler's first instruction; the report follows) is given
    ``dying_grace`` seconds to exit, so the report is whole and the exit status known."""
    seen = Observation()
    seen.running = process.poll() is None
    if seen.running:
        seen.health = probe()
    seen.crash_report = crash_report() or ""
    if seen.running and (seen.crash_report or dying_of_a_signal(seen.health)):
        try:
            process.wait(timeout=dying_grace)
        except Exception:  # subprocess.TimeoutExpired; fakes may raise their own
            pass
        seen.running = process.poll() is None
        seen.crash_report = crash_report() or ""
    seen.returncode = None if seen.running else process.poll()
    return seen


def _text(obj: Any, key: str) -> str:
    if not isinstance(obj, dict) or obj.get(key) is None:
        return ""
    value = obj[key]
    return value if isinstance(value, str) else str(value)


def broken_state(seen: Observation) -> str:
    """"" when the GUI is usable, else its state in a few words."""
    if not seen.running:
        return "dead: " + describe_exit(seen.returncode) if seen.returncode is not None else "dead"
    if seen.crash_report:
        return "crashing: crash report written, not exited yet"
    h = seen.health
    if h.http_status == 0:
        return f"unresponsive: /api/gui_health did not answer ({h.transport_error})"
    status = _text(h.body, "status")
    if h.http_status == 200 and status in (PASS, WARN):
        return ""
    phase = _text(h.body, "phase")
    if phase in ("", "running"):
        phase = "failed"
    reasons = h.body.get("degraded_reasons") if isinstance(h.body, dict) else None
    reason = reasons[0] if isinstance(reasons, list) and reasons else f"health HTTP {h.http_status}"
    return f"{phase}: {reason}"


def _indent(text: str, prefix: str, max_lines: int) -> str:
    lines = text.splitlines()
    out = [prefix + line for line in lines[:max_lines]]
    if len(lines) > max_lines:
        out.append(prefix + "... (more lines)")
    return "\n".join(out) + ("\n" if out else "")


def describe_record(name: str, record: Any) -> str:
    """A guard record (health's last_assert / last_error) with its stack."""
    if not isinstance(record, dict):
        return f"  {name}: none\n"
    out = f"  {name}: {_text(record, 'kind')}"
    if _text(record, "panel"):
        out += f" in panel '{_text(record, 'panel')}'"
    out += f": {_text(record, 'message')}"
    if _text(record, "count") not in ("", "1"):
        out += f" (x{_text(record, 'count')})"
    out += "\n"
    if _text(record, "expr"):
        out += f"    expr: {_text(record, 'expr')}\n"
    if _text(record, "file"):
        out += (f"    at: {_text(record, 'file')}:{_text(record, 'line')} "
                f"{_text(record, 'function')}\n")
    stack = _text(record, "stacktrace")
    if not stack and isinstance(record.get("stack"), list):
        stack = "".join(f"{_text(f, 'function')} at {_text(f, 'file')}:{_text(f, 'line')}\n"
                        for f in record["stack"])
    if stack:
        out += "    stack:\n" + _indent(stack, "      ", 30)
    return out


def describe_health(health: Any) -> str:
    """degraded_reasons, last_error and last_assert with stacks: what a human needs."""
    if not isinstance(health, dict):
        return "  (no health document)\n"
    frames = health.get("frame", {}).get("count") if isinstance(health.get("frame"), dict) else None
    out = f"  status: {_text(health, 'status')}, phase: {_text(health, 'phase')}"
    if frames is not None:
        out += f", frames: {frames}"
    reasons = health.get("degraded_reasons") or []
    out += "\n  degraded_reasons:" + ("" if reasons else " none") + "\n"
    out += "".join(f"    - {r}\n" for r in reasons)
    out += describe_record("last_error", health.get("last_error"))
    out += describe_record("last_assert", health.get("last_assert"))
    return out


def crash_report_excerpt(report: str, max_frames: int = 40) -> str:
    """The header (signal, address, pid) and the symbolized frames (the raw frames when there
    are none) of a crash report, without /proc/self/maps."""
    raw_at = report.find("--- raw frames ---")
    if raw_at < 0:
        return _indent(report, "", max_frames)

    def section(title: str, next_title: str) -> str:
        begin = report.find(title)
        if begin < 0:
            return ""
        body = report[begin + len(title):]
        end = body.find(next_title)
        text = (body if end < 0 else body[:end]).strip()
        return f"{title}\n{_indent(text, '', max_frames)}" if text else ""

    frames = (section("--- symbolized frames ---", "--- end of report ---")
              or section("--- raw frames ---", "--- /proc/self/maps ---"))
    return report[:raw_at].rstrip("\n") + "\n" + frames


def breakage_details(seen: Observation) -> str:
    """What a human needs below the first line about a broken GUI: the crash report, or the
    health document (the last one before it died, for a dead GUI)."""
    msg = ""
    if not seen.running or seen.crash_report:
        if seen.crash_report:
            msg += "  crash report:\n" + _indent(crash_report_excerpt(seen.crash_report), "    ", 80)
        if isinstance(seen.previous_health, dict):
            msg += "  last health before it died:\n" + describe_health(seen.previous_health)
    elif isinstance(seen.health.body, dict):
        msg += describe_health(seen.health.body)
    return msg


def decide_preflight(seen: Observation, strict: bool = False, history: str = "") -> Preflight:
    state = broken_state(seen)
    where = f"  {history}\n" if history else ""
    if state:
        return Preflight(FAIL, f"GUI pre-flight failed: the GUI is {state}\n{where}"
                               + breakage_details(seen))
    if _text(seen.health.body, "status") == WARN:
        head = ("GUI pre-flight failed (strict): health is warn\n" if strict else
                "GUI pre-flight warning: health is warn (the test runs)\n")
        return Preflight(FAIL if strict else WARN, head + describe_health(seen.health.body))
    return Preflight()


def decide_respawn(seen: Observation, test_name: str, preflight_failed: bool = False,
                   breakage_expected: bool = False) -> RespawnDecision:
    state = broken_state(seen)
    if not state:
        return RespawnDecision()
    # A pre-flight that failed found the GUI broken: that test did not break it.
    note = (f"GUI was respawned: the previous test ({test_name}) "
            f"{'found' if preflight_failed else 'left'} it {state}")
    if breakage_expected:
        return RespawnDecision(respawn=True, note=note + " (on purpose)")
    charge = ""
    if not preflight_failed:
        charge = (f"the GUI broke during this test: it is {state}\n" + breakage_details(seen)
                  + "  (a test that breaks the GUI on purpose says so: "
                    "@pytest.mark.imhost_breaks_gui or live_gui.expect_gui_breakage())\n")
    return RespawnDecision(respawn=True, note=note, charge=charge)


@dataclass
class LaunchProgress:
    running: bool = True
    returncode: Optional[int] = None
    child_pid: int = 0
    port_file: Union[PortFile, str] = "not written yet"  # or the reason it could not be read
    health: Optional[HealthSample] = None
    elapsed: float = 0.0
    deadline: float = 20.0
    accept_warn: bool = False


WAIT, READY, FAILED = "wait", "ready", "failed"


def decide_launch_step(p: LaunchProgress) -> tuple[str, str]:
    """(WAIT | READY | FAILED, reason)."""
    late = p.elapsed >= p.deadline
    ms = f"{int(p.deadline * 1000)} ms"
    if not p.running:
        return FAILED, f"imhost exited before it was healthy ({describe_exit(p.returncode)})"
    if isinstance(p.port_file, str):
        return (FAILED, f"no usable port file after {ms}: {p.port_file}") if late else (WAIT, "")
    if p.port_file.pid != p.child_pid:
        return ((FAILED, f"the port file names pid {p.port_file.pid}, not the launched imhost "
                         f"(pid {p.child_pid})") if late else (WAIT, ""))
    if p.health is None:
        return (FAILED, f"no health answer after {ms}") if late else (WAIT, "")
    status = _text(p.health.body, "status")
    if p.health.http_status == 200 and (status == PASS or (status == WARN and p.accept_warn)):
        return READY, ""
    if not late:
        return WAIT, ""
    if p.health.http_status == 0:
        why = f"no answer ({p.health.transport_error})"
    else:
        why = (f"status {status or '?'}, HTTP {p.health.http_status}\n"
               + describe_health(p.health.body))
    return FAILED, f"health was not pass after {ms}: {why}"


def summary_line(file_name: str, passed: int, failed: int, skipped: int = 0,
                 respawn_notes: Sequence[str] = ()) -> str:
    """The one line a live test file prints at its end (same as the C++ harness)."""
    line = f"live: {file_name}: {passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    line += f", respawns {len(respawn_notes)}"
    if respawn_notes:
        line += " (" + "; ".join(respawn_notes) + ")"
    return line

