"""GuiProcess: one real imhost process, from launch to a clean teardown.

    gui = launch("/path/to/imhost")             # health `pass`, or LaunchError
    gui.client.click("btn_project_new_automated")
    print(gui.diagnostics("artifacts", "test_x"))  # what a failing test prints
    gui.close()                                 # shutdown, signals, temp dir removed
    demo = launch("/path/to/imhost", app="demo")   # Dear ImGui's demo window instead

Launch: ``imhost --hook-port 0 --port-file <dir>/port.json --workspace <dir>/workspace
--crash-dir <dir>/crash --enable-fault-injection`` (plus ``--demo`` with ``app="demo"``) in its
own session (process group), on $DISPLAY or this process's private Xvfb. It waits, with a
deadline, for the port file and then for health `pass`; a process that exits meanwhile fails the
launch at once, with its stderr.

Any other app that embeds the hooks gets only ``--hook-port 0 --port-file <dir>/port.json``
(then ``extra_args``): the other flags are imhost's. ``imhost_flags`` says which kind ``exe`` is;
by default, imhost when its file name is "imhost".

    mine = launch("/path/to/my_app")            # an app of yours that embeds the hooks
"""

import itertools
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from typing import Any, Mapping, Optional, Sequence

from .client import HookClient
from .errors import ImhostError, LaunchError, PortFileError, TransportError
from .port_file import PortFile, read_port_file
from .verdicts import (FAILED, READY, HealthSample, LaunchProgress, Observation,
                       crash_report_excerpt, decide_launch_step, describe_exit, observe)
from .xvfb import die_with_parent, shared_display

_counter = itertools.count()
_cleaned = False


def _remove_stale_dirs() -> None:
    """Temp dirs of GuiProcesses whose test process died without its teardown
    ("imhost-<name>-<pid>-<n>-<random>" holding a port.json, <pid> gone). Their GUI died with the
    test (PR_SET_PDEATHSIG); the folder is removed."""
    root = tempfile.gettempdir()
    for name in os.listdir(root):
        parts = name.split("-")
        if (name.startswith("imhost-") and len(parts) >= 5 and parts[-3].isdigit()
                and os.path.exists(os.path.join(root, name, "port.json"))):
            pid = int(parts[-3])
            if pid == os.getpid():
                continue
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                shutil.rmtree(os.path.join(root, name), ignore_errors=True)
            except PermissionError:
                pass


def tail(text: str, lines: int) -> str:
    return "\n".join(text.splitlines()[-lines:])


APPS = ("workbench", "demo")  # what imhost hosts: the workbench, or Dear ImGui's demo (--demo)


class GuiProcess:
    """One imhost process. ``app``: "workbench" (default) or "demo" (``imhost --demo``: Dear
    ImGui's demo window as the system under test, no workbench panels, routes or state).
    ``imhost_flags``: whether ``exe`` takes imhost's own flags (None: when it is named "imhost");
    another app that embeds the hooks gets only --hook-port and --port-file."""

    def __init__(self, exe: str, extra_args: Sequence[str] = (), fault_injection: bool = True,
                 start_timeout: float = 20.0, accept_warn: bool = False, name: str = "py",
                 env: Optional[Mapping[str, str]] = None, app: str = "workbench",
                 imhost_flags: Optional[bool] = None) -> None:
        self.imhost_flags = (os.path.basename(exe) == "imhost" if imhost_flags is None
                             else imhost_flags)
        if self.imhost_flags and app not in APPS:
            raise LaunchError(f"app={app!r}: imhost hosts one of {', '.join(APPS)}")
        if not self.imhost_flags and app != "workbench":
            raise LaunchError(f"app={app!r}, but {os.path.basename(exe)} is not imhost "
                              "(imhost_flags): it hosts its own app")
        self.exe = exe
        self.app = app
        self.extra_args = list(extra_args)
        self.fault_injection = fault_injection
        self.start_timeout = start_timeout
        self.accept_warn = accept_warn
        self.extra_env = dict(env or {})
        global _cleaned
        if not _cleaned:
            _cleaned = True
            _remove_stale_dirs()
        self.dir = tempfile.mkdtemp(prefix=f"imhost-{name}-{os.getpid()}-{next(_counter)}-")
        self.workspace = os.path.join(self.dir, "workspace")
        self.crash_dir = os.path.join(self.dir, "crash")
        os.makedirs(self.workspace)
        os.makedirs(self.crash_dir)
        self.process: Optional["subprocess.Popen[bytes]"] = None
        self.port_info: Optional[PortFile] = None
        self.client: Any = None  # the HookClient once launched (Any: tests call it as is)
        self.last_health: Optional[dict[str, Any]] = None
        self._crash_due: Optional[float] = None  # note_fault_reply()
        self.launches = 0
        try:
            self._launch()
        except BaseException:
            shutil.rmtree(self.dir, ignore_errors=True)
            raise

    # --- where things are --------------------------------------------------------------------

    @property
    def pid(self) -> int:
        return self._popen().pid

    @property
    def url(self) -> str:
        return self._port_info().url

    @property
    def token(self) -> str:
        return self._port_info().token

    def _popen(self) -> "subprocess.Popen[bytes]":
        if self.process is None:
            raise LaunchError("imhost was not started")
        return self.process

    def _port_info(self) -> PortFile:
        if self.port_info is None:
            raise LaunchError("imhost has not written its port file")
        return self.port_info

    # --- lifecycle ---------------------------------------------------------------------------

    def _launch(self) -> None:
        self.launches += 1
        port_file = os.path.join(self.dir, "port.json")
        if os.path.exists(port_file):
            os.unlink(port_file)
        argv = [self.exe, "--hook-port", "0", "--port-file", port_file]  # what every app takes
        if self.imhost_flags:
            argv += ["--workspace", self.workspace, "--crash-dir", self.crash_dir]
            if self.fault_injection:
                argv.append("--enable-fault-injection")
            if self.app == "demo":
                argv.append("--demo")
        argv += self.extra_args
        env = dict(os.environ, DISPLAY=shared_display(), **self.extra_env)
        self.stdout_path = os.path.join(self.dir, f"stdout-{self.launches}.txt")
        self.stderr_path = os.path.join(self.dir, f"stderr-{self.launches}.txt")
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            try:
                self.process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out,
                                                stderr=err, env=env, start_new_session=True,
                                                preexec_fn=die_with_parent())
            except OSError as error:
                raise LaunchError(f"cannot start {self.exe}: {error}") from None
        self.port_info, self.client = None, None
        start = time.monotonic()
        progress = LaunchProgress(child_pid=self.process.pid, deadline=self.start_timeout,
                                  accept_warn=self.accept_warn)
        while True:
            progress.running = self.process.poll() is None
            progress.returncode = self.process.poll()
            progress.elapsed = time.monotonic() - start
            try:
                progress.port_file = read_port_file(port_file)
            except PortFileError as error:
                progress.port_file = str(error)
            if not isinstance(progress.port_file, str) and progress.port_file.pid == self.pid:
                self.port_info = progress.port_file
                progress.health = self.probe_health(0.5)
            step, reason = decide_launch_step(progress)
            if step == READY:
                break
            if step == FAILED:
                self._kill_group()
                raise LaunchError(
                    f"{os.path.basename(self.exe)} did not start: {reason}\n"
                    f"  command: {' '.join(argv)}\n"
                    f"  stderr tail:\n{tail(self.stderr_text(), 30)}\n"
                    f"  stdout tail:\n{tail(self.stdout_text(), 10)}")
            time.sleep(0.005)  # polling a file and a pid: there is no event to wait on
        self.client = HookClient(self.url, self.token)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def returncode(self) -> Optional[int]:
        return self.process.poll() if self.process else None

    def describe_exit(self) -> str:
        return describe_exit(self.returncode)

    def stop(self, grace: float = 5.0) -> Optional[int]:
        """POST /api/shutdown, wait, then SIGTERM/SIGKILL the group. Returns the returncode."""
        if self.process is None:
            return None
        if self.alive():
            health = self.probe_health(0.3)
            phase = health.body.get("phase") if isinstance(health.body, dict) else None
            if health.http_status:
                try:
                    HookClient(self.url, self.token, timeout=1.0).request("POST", "/api/shutdown")
                except ImhostError:
                    pass
            # A stalled GUI thread cannot act on the shutdown request: go to signals sooner.
            wait = grace if phase in ("running", "crashed", "stopping") else 0.5
            try:
                self.process.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                self._kill_group()
        self._kill_group()
        return self.process.returncode

    def _kill_group(self) -> None:
        if self._popen().poll() is None:
            self._signal_group(signal.SIGTERM)
            try:
                self._popen().wait(timeout=2.0)
            except subprocess.TimeoutExpired:
                self._signal_group(signal.SIGKILL)
                self._popen().wait()
        self._signal_group(signal.SIGKILL)  # anything left in the group

    def _signal_group(self, sig: int) -> None:
        try:
            os.killpg(self.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    def restart(self) -> None:
        """stop(), then launch again on the same workspace."""
        self.stop()
        self._launch()

    def close(self) -> None:
        try:
            self.stop(grace=3.0)
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    # --- observing ---------------------------------------------------------------------------

    def probe_health(self, timeout: float = 0.4) -> HealthSample:
        if self.port_info is None:
            return HealthSample(0, None, "no URL yet")
        try:
            r = HookClient(self.port_info.url, self.port_info.token, timeout).request(
                "GET", "/api/gui_health")
        except TransportError as error:
            return HealthSample(0, None, str(error))
        if isinstance(r.body, dict):
            self.last_health = r.body
        return HealthSample(r.status, r.body, "")

    def note_fault_reply(self, reply: Any) -> None:
        """A fault that ends the process (segv, abort) runs a moment after its reply says
        ``"ends_process": true`` (``"runs_in_ms"``); observe() then waits for that crash, with a
        deadline, so the check after the test that asked for it sees it."""
        if isinstance(reply, dict) and reply.get("ends_process"):
            self._crash_due = time.monotonic() + reply.get("runs_in_ms", 0) / 1000 + 5.0

    def _await_armed_crash(self) -> None:
        due, self._crash_due = self._crash_due, None
        while due is not None and self.alive() and time.monotonic() < due:
            h = self.probe_health(0.2)
            if h.http_status == 0 or (isinstance(h.body, dict) and h.body.get("phase") == "crashed"):
                return  # dying or gone: observe() waits for the exit
            time.sleep(0.005)

    def observe(self) -> Observation:
        self._await_armed_crash()
        before = self.last_health
        seen = observe(self._popen(), self.probe_health, self.crash_report)
        seen.previous_health = before
        return seen

    def crash_report(self) -> str:
        return _read(os.path.join(self.crash_dir, f"crash-{self.pid}.txt"))

    def stderr_text(self) -> str:
        return _read(self.stderr_path)

    def stdout_text(self) -> str:
        return _read(self.stdout_path)

    # --- failure output ----------------------------------------------------------------------

    def collect_crash_report(self, artifacts_dir: str) -> str:
        src = os.path.join(self.crash_dir, f"crash-{self.pid}.txt")
        if not os.path.exists(src):
            return ""
        os.makedirs(artifacts_dir, exist_ok=True)
        dst = os.path.join(artifacts_dir, os.path.basename(src))
        shutil.copyfile(src, dst)
        return dst

    def screenshot(self) -> tuple[bytes, str]:
        """(png bytes, "") or (b"", why not)."""
        if not self.alive():
            return b"", "the process is not running"
        try:
            r = HookClient(self.url, self.token, timeout=2.0).request("GET", "/api/screenshot")
        except TransportError as error:
            return b"", str(error)
        if r.status == 200 and r.raw.startswith(b"\x89PNG"):
            return r.raw, ""
        value = r.value if isinstance(r.value, dict) else {}
        return b"", f"HTTP {r.status} {value.get('error', '')}: {value.get('message', '')}"

    def diagnostics(self, artifacts_dir: str, test_name: str) -> str:
        """stderr/stdout tails, the crash report, the last health JSON, and a screenshot saved
        as <artifacts_dir>/<test_name>.png when the GUI can take one."""
        return self.diagnose(artifacts_dir, test_name).text

    def diagnose(self, artifacts_dir: str, test_name: str) -> "Diagnosis":
        """diagnostics(), with the health and the artifact paths apart (for JUnit properties)."""
        found = Diagnosis()
        if self.alive():
            self.probe_health(0.4)
        out = [f"=== imhost diagnostics for {test_name} ===",
               f"process: pid {self.pid}, "
               f"{'running' if self.alive() else self.describe_exit()}, launch #{self.launches},"
               f" {self.port_info.url if self.port_info else '(no URL)'}",
               f"workspace: {self.workspace}",
               "last health JSON:",
               json.dumps(self.last_health, indent=2) if self.last_health else "  (none)"]
        report = self.crash_report()
        if report:
            copy = self.collect_crash_report(artifacts_dir)
            found.crash_report = copy
            out += [f"crash report ({copy or self.crash_dir}):", crash_report_excerpt(report)]
            if copy:
                out.append(attachment_line(copy))
        out += ["stderr tail:", tail(self.stderr_text(), 40),
                "stdout tail:", tail(self.stdout_text(), 15)]
        png, why_not = self.screenshot()
        if png:
            os.makedirs(artifacts_dir, exist_ok=True)
            safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in test_name)
            path = os.path.join(artifacts_dir, safe + ".png")
            with open(path, "wb") as f:
                f.write(png)
            found.screenshot = path
            out += [f"screenshot: {path}", attachment_line(path)]
        else:
            out.append(f"screenshot: none ({why_not})")
        out.append("=== end of imhost diagnostics ===")
        found.text, found.health = "\n".join(out), self.last_health
        return found


@dataclass
class Diagnosis:
    """What GuiProcess.diagnose() found about a failing test's GUI."""

    text: str = ""                            # what diagnostics() returns: for a human
    health: Optional[dict[str, Any]] = None   # the last health JSON seen
    screenshot: str = ""                      # the PNG's path, "" when none could be taken
    crash_report: str = ""                    # the crash report's copy, "" when it did not crash


def attachment_line(path: str) -> str:
    """A file CI systems show next to the failure: GitLab and Jenkins read this marker in a JUnit
    case's output (pytest's, or CTest's <system-out> with `ctest --output-junit`)."""
    return f"[[ATTACHMENT|{path}]]"


def launch(exe: str, **options: Any) -> GuiProcess:
    """A running GuiProcess (see GuiProcess for the options)."""
    return GuiProcess(exe, **options)


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""
