"""pytest plugin: one live imhost per test file, a health check before every test, and a fresh
GUI after a test that left it broken. The same rules as the C++ harness (tests/harness/).

An installed client (``pip install imhost-client``) loads it by itself, through its ``pytest11``
entry point. A client on ``PYTHONPATH`` only (e.g. ``<prefix>/share/imhost/python``) needs
``-p imhost_client.pytest_plugin``; given for an installed client too, it does nothing more.

    def test_new_project(live_gui):
        live_gui.click("btn_project_new_automated")
        assert live_gui.state()["project"]["name"] == "project-1"

Options
    --imhost-exe PATH        the app to launch: imhost, or an app of yours that embeds the hooks
                             (default: $IMHOST_EXE, else imhost on PATH, else the build tree's
                             when run inside an imhost checkout; see exe_lookup.py)
    --imhost-strict          health `warn` fails the pre-flight too (also IMHOST_STRICT=1)
    --imhost-artifacts DIR   screenshots and crash reports of failing tests
                             (default: $IMHOST_ARTIFACTS_DIR, else $TMPDIR/imhost-live-artifacts)

The ``live_gui`` fixture (module scope) yields a LiveGui: ``url``, ``token``, ``pid``,
``workspace``, and ``health()``, ``state()``, ``click(target)``, ``set_value(target, value)``,
``get_value(target)``, ``fault(kind, **args)``, ``request(method, path, body=None)`` (plus
``call``, ``wait``, ``reset``, ``client`` for everything else). A target is an id or a locator
dict; the old keyword ``id=`` still works.

Around each test that uses it
    pre-flight  a dead, failed or unresponsive GUI fails the test at once (well under 1 s),
                quoting degraded_reasons, last_error and last_assert with its stack, or the
                crash report; `warn` prints the warning and runs, unless strict. It is the
                safety net for a GUI broken between tests by something else
    after test  a GUI that broke during the test (exited or killed, health `crashed` or
                `fail`, a crash report; a crash its ``fault()`` armed is waited for) fails that
                test, in its own report, quoting the signal or reason and the crash report,
                unless it broke it on purpose (``@pytest.mark.imhost_breaks_gui`` or
                ``live_gui.expect_gui_breakage()``)
    failure     the diagnostics (stderr tail, crash report, last health, screenshot) are
                attached to the report; with --junitxml, the test's <properties> carry
                imhost_health (the JSON), imhost_screenshot and imhost_crash_report (paths, also
                as `attachment`) and imhost_respawn_note
    respawn     a broken GUI is replaced before the next test, which starts on the fresh one
                with the note "GUI was respawned: the previous test (<name>) left it
                <phase: reason>" in the output and in the file's summary line

Markers
    pytestmark = pytest.mark.imhost_options(reset_between_tests=True, strict=False,
                                            extra_args=[...], start_timeout=20, accept_warn=False,
                                            fault_injection=True, app="workbench")
                app="demo"  the file's GUI is ``imhost --demo``: Dear ImGui's demo window (a
                            guarded panel "Dear ImGui Demo"), no workbench panels, routes or
                            state; ``/api/status`` says "app": "demo"
                imhost_flags=False  the exe is not imhost (default: it is, when it is named
                            "imhost"): it gets only --hook-port and --port-file, and
                            workspace, crash dir, fault injection and app do not apply
    @pytest.mark.imhost_strict       this test's pre-flight is strict
    @pytest.mark.imhost_breaks_gui   this test breaks the GUI on purpose

At the end, one line per file: ``live: <file>: N passed, M failed, respawns K``; with
$IMHOST_SUMMARY_DIR set, those lines and pytest's own result line also go to a file there
(``make test`` shows them above CTest's summary).
"""

import json
import os
import tempfile
import time
import warnings
from typing import Any, Callable, Generator, Optional, TypeVar

import pytest

from .client import HookClient, Response, Target
from .errors import LaunchError
from .exe_lookup import find_exe
from .launcher import Diagnosis, GuiProcess
from .verdicts import (FAIL, WARN, RespawnDecision, broken_state, decide_preflight, decide_respawn,
                       summary_line)
from .xvfb import shared_display, shared_xvfb

_PLUGIN_NAME = "imhost_live"
_Hook = TypeVar("_Hook", bound=Callable[..., Any])


def _hookimpl(**options: Any) -> Callable[[_Hook], _Hook]:
    """pytest.hookimpl, typed (Debian's pluggy has no type hints: mypy --strict would take the
    hooks it marks for untyped)."""
    marker: Callable[[_Hook], _Hook] = pytest.hookimpl(**options)
    return marker


class ImhostHealthWarning(UserWarning):
    """The GUI's health was `warn` when a test started."""


# --- what live_gui yields ---------------------------------------------------------------------


class LiveGui:
    """The file's GUI. Attributes follow the current process: they change after a respawn."""

    def __init__(self, session: "_FileSession") -> None:
        self._session = session

    @property
    def process(self) -> GuiProcess:
        if self._session.process is None:
            raise LaunchError("no GUI: " + self._session.launch_error)
        return self._session.process

    @property
    def url(self) -> str:
        return self.process.url

    @property
    def token(self) -> str:
        return self.process.token

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def workspace(self) -> str:
        return self.process.workspace

    @property
    def client(self) -> HookClient:
        client: HookClient = self.process.client
        return client

    def health(self, strict: bool = False) -> dict[str, Any]:
        return self.client.health(strict=strict)

    def state(self) -> Any:
        return self.client.state()

    def click(self, target: Optional[Target] = None, **options: Any) -> Any:
        return self.client.click(_target(target, options), **options)

    def set_value(self, target: Optional[Target] = None, value: Any = None,
                  via: Optional[str] = None, **old: Any) -> Any:
        return self.client.set_value(_target(target, old), value, via)

    def get_value(self, target: Optional[Target] = None, **old: Any) -> Any:
        return self.client.get_value(_target(target, old))

    def fault(self, kind: str, **args: Any) -> Any:
        reply = self.client.fault(kind, **args)
        self.process.note_fault_reply(reply)  # a segv comes a moment later: wait for it after
        return reply

    def request(self, method: str, path: str, body: Any = None) -> Response:
        """A Response (status, body, raw, headers); never raises for an HTTP status."""
        return self.client.request(method, path, body)

    def call(self, method: str, path: str, body: Any = None) -> Any:
        """The ``value`` of a 2xx answer; a typed HookError otherwise."""
        return self.client.call(method, path, body)

    def wait(self, condition: dict[str, Any], timeout_ms: int = 5000) -> Any:
        return self.client.wait(condition, timeout_ms)

    def wait_state(self, pointer: str, value: Any, timeout_ms: int = 5000) -> Any:
        return self.client.wait_state(pointer, value, timeout_ms)

    def reset(self) -> Any:
        return self.client.reset()

    def expect_gui_breakage(self) -> None:
        """This test breaks the GUI on purpose: replace it after the test."""
        self._session.breakage_expected = True

    def restart(self) -> None:
        """Stop the GUI and start it again on the same workspace."""
        self.process.restart()


def _target(target: Optional[Target], old: dict[str, Any]) -> Target:
    """`target`, or the value of the keyword `id=` that LiveGui's verbs took before (removed
    from `old`, so the rest passes on)."""
    if "id" in old:
        if target is not None:
            raise TypeError("give the target once: target=... (or the older id=...)")
        target = old.pop("id")
    if target is None:
        raise TypeError("missing the target: an id string or a locator dict")
    return target


# --- per-file state ---------------------------------------------------------------------------


class _FileSession:
    def __init__(self, plugin: "_ImhostPlugin", module: pytest.Module,
                 options: dict[str, Any]) -> None:
        self.plugin = plugin
        self.module = module
        self.options = options
        self.process: Optional[GuiProcess] = None
        self.launch_error = ""
        self.notes: list[str] = []   # respawn notes
        self.after_test: Optional[RespawnDecision] = None  # the check after this test's call
        self.preflight_failed = False  # this test's pre-flight failed
        self.breakage_expected = False
        self.reported = False        # the current breakage was reported by a pre-flight

    def launch(self) -> None:
        self.process, self.launch_error = None, ""
        exe = self.plugin.exe
        if not exe:
            self.launch_error = self.plugin.exe_error
            return
        try:
            self.process = GuiProcess(
                exe, extra_args=self.options.get("extra_args", ()), name="pytest",
                fault_injection=self.options.get("fault_injection", True),
                start_timeout=self.options.get("start_timeout", 20.0),
                accept_warn=self.options.get("accept_warn", False),
                app=self.options.get("app", "workbench"),
                imhost_flags=self.options.get("imhost_flags"))
            where = (f" (workspace {self.process.workspace})" if self.process.imhost_flags
                     else "")
            self.plugin.say(f"[imhost] launched {os.path.basename(exe)} pid {self.process.pid} "
                            f"at {self.process.url}{where}")
            self.plugin.launched_pids.append(self.process.pid)
        except Exception as error:  # LaunchError, Xvfb missing, ...
            self.launch_error = str(error)
            self.plugin.say(f"[imhost] NO GUI: {self.launch_error}")

    def close(self) -> None:
        if self.process is not None:
            self.process.close()
            self.process = None


# --- the plugin -------------------------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("imhost", "imhost live GUI")
    group.addoption("--imhost-exe", default=None,
                    help="the app to launch: imhost, or one that embeds the hooks (default: "
                         "$IMHOST_EXE, else imhost on PATH, else the build tree's when run "
                         "inside an imhost checkout)")
    group.addoption("--imhost-strict", action="store_true",
                    default=os.environ.get("IMHOST_STRICT") == "1",
                    help="health `warn` fails the pre-flight too")
    group.addoption("--imhost-artifacts",
                    default=os.environ.get("IMHOST_ARTIFACTS_DIR")
                    or os.path.join(tempfile.gettempdir(), "imhost-live-artifacts"),
                    help="where failing tests leave screenshots and crash reports")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "imhost_options(**options): per-file live GUI options "
                                       "(reset_between_tests, strict, extra_args, start_timeout, "
                                       "accept_warn, fault_injection, app, imhost_flags)")
    config.addinivalue_line("markers", "imhost_strict: health `warn` fails this test's pre-flight")
    config.addinivalue_line("markers", "imhost_breaks_gui: this test breaks the GUI on purpose; "
                                       "it is replaced after the test")
    if not config.pluginmanager.has_plugin(_PLUGIN_NAME):
        config.pluginmanager.register(_ImhostPlugin(config), _PLUGIN_NAME)


@pytest.fixture(scope="module")
def live_gui(request: pytest.FixtureRequest) -> Generator[LiveGui, None, None]:
    plugin: _ImhostPlugin = request.config.pluginmanager.get_plugin(_PLUGIN_NAME)
    session = plugin.open(request.node)
    try:
        yield LiveGui(session)
    finally:
        plugin.close(session)


def _record(item: pytest.Item, name: str, value: str) -> None:
    """A property of the test's JUnit <testcase> (written from the teardown report, which copies
    item.user_properties)."""
    if value and (name, value) not in item.user_properties:
        item.user_properties.append((name, value))


def _record_artifacts(item: pytest.Item, found: Diagnosis) -> None:
    if found.health is not None:
        _record(item, "imhost_health", json.dumps(found.health, sort_keys=True))
    for name, path in (("imhost_screenshot", found.screenshot),
                       ("imhost_crash_report", found.crash_report)):
        _record(item, name, path)
        _record(item, "attachment", path)  # the name Jenkins's JUnit Attachments plugin reads


class _ImhostPlugin:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.exe, self.exe_error = "", ""
        try:
            self.exe = find_exe(config.getoption("--imhost-exe"), os.environ,
                                str(config.invocation_params.dir))
        except LaunchError as error:
            self.exe_error = str(error)
        self.strict = config.getoption("--imhost-strict")
        self.artifacts = os.path.abspath(config.getoption("--imhost-artifacts"))
        self.sessions: dict[str, _FileSession] = {}  # module nodeid -> _FileSession
        self.outcomes: dict[str, str] = {}  # test nodeid -> passed | failed | skipped
        self.launched_pids: list[int] = []
        self.started = time.monotonic()
        self.worker_notes: dict[str, list[str]] = {}  # module nodeid -> respawn notes, from xdist

    # --- output that is not captured ---------------------------------------------------------

    def say(self, line: str) -> None:
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        capture = self.config.pluginmanager.get_plugin("capturemanager")
        if reporter is None:
            print(line)
            return
        if capture is not None:
            with capture.global_and_fixture_disabled():
                reporter.write_line(line)
        else:
            reporter.write_line(line)

    # --- sessions ----------------------------------------------------------------------------

    def open(self, module: pytest.Module) -> _FileSession:
        options: dict[str, Any] = {}
        marker = module.get_closest_marker("imhost_options")
        if marker is not None:
            options = dict(marker.kwargs)
        session = _FileSession(self, module, options)
        self.sessions[module.nodeid] = session
        if shared_xvfb() is None and not os.environ.get("DISPLAY"):
            shared_display()
            xvfb = shared_xvfb()
            if xvfb is not None:
                self.say(f"[imhost] Xvfb pid {xvfb.pid} display {xvfb.display}")
        session.launch()
        return session

    def close(self, session: _FileSession) -> None:
        process = session.process
        try:
            if process is not None:
                seen = process.observe()
                state = broken_state(seen)
                if state and not session.reported:
                    text = process.diagnostics(self.artifacts, session.module.name + "-end")
                    self.say(text)
                    pytest.fail(f"the last test of {session.module.name} left the GUI {state}",
                                pytrace=False)
        finally:
            session.close()

    def _session_for(self, item: pytest.Item) -> Optional[_FileSession]:
        if "live_gui" not in getattr(item, "fixturenames", ()):
            return None
        module = item.getparent(pytest.Module)
        return self.sessions.get(module.nodeid) if module is not None else None

    # --- around each test --------------------------------------------------------------------

    @_hookimpl(tryfirst=True)
    def pytest_runtest_call(self, item: pytest.Item) -> None:
        session = self._session_for(item)
        if session is None:
            return
        session.breakage_expected = item.get_closest_marker("imhost_breaks_gui") is not None
        session.preflight_failed = True  # until the verdict says otherwise
        if session.process is None:
            pytest.fail("GUI pre-flight failed: there is no GUI: " + session.launch_error,
                        pytrace=False)
        strict = (self.strict or session.options.get("strict", False)
                  or item.get_closest_marker("imhost_strict") is not None)
        start = time.monotonic()
        preflight = decide_preflight(session.process.observe(), strict)
        took = (time.monotonic() - start) * 1000
        if preflight.verdict == FAIL:
            session.reported = True
            pytest.fail(f"{preflight.message}  (pre-flight took {took:.0f} ms)", pytrace=False)
        session.preflight_failed = False
        if preflight.verdict == WARN:
            self.say(f"[imhost] {item.nodeid}: {preflight.message.rstrip()}")
            warnings.warn(ImhostHealthWarning(preflight.message))

    def _check_after_test(self, session: _FileSession, item: pytest.Item) -> RespawnDecision:
        """Did the GUI break during this test? (a RespawnDecision; its charge fails the test)"""
        assert session.process is not None
        return decide_respawn(session.process.observe(), item.name, session.preflight_failed,
                              session.breakage_expected)

    @_hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item,
                                  call: pytest.CallInfo[None]) -> Generator[None, Any, None]:
        outcome = yield
        report = outcome.get_result()
        session = self._session_for(item)
        if session is None or session.process is None or report.when != "call":
            return
        # Charged in the test's own report, before the next test starts.
        session.after_test = self._check_after_test(session, item)
        charge = session.after_test.charge
        if charge and report.passed:
            report.outcome, report.longrepr = "failed", charge
        elif charge:
            report.sections.append(("imhost: the GUI broke during this test", charge))
        if report.failed:
            found = session.process.diagnose(self.artifacts, item.nodeid)
            report.sections.append(("imhost diagnostics", found.text))
            _record_artifacts(item, found)

    @_hookimpl(tryfirst=True)
    def pytest_runtest_teardown(self, item: pytest.Item, nextitem: Optional[pytest.Item]) -> None:
        session = self._session_for(item)
        if session is None or session.process is None:
            return
        decision = session.after_test or self._check_after_test(session, item)
        session.after_test, session.preflight_failed, session.breakage_expected = None, False, False
        if decision.respawn:
            session.reported = True
            copy = session.process.collect_crash_report(self.artifacts)
            if copy:
                self.say(f"[imhost] crash report of pid {session.process.pid} collected: {copy}")
                _record(item, "imhost_crash_report", copy)
                _record(item, "attachment", copy)
            if nextitem is None or nextitem.getparent(pytest.Module) is not session.module:
                return  # the file's GUI is closed next; nothing to replace
            self.say(f"[imhost] {decision.note}")
            _record(item, "imhost_respawn_note", decision.note)
            session.notes.append(decision.note)
            session.close()
            session.launch()
            session.reported = False
            return
        if session.options.get("reset_between_tests"):
            session.process.client.reset()

    # --- the file's summary line ---------------------------------------------------------------

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        previous = self.outcomes.get(report.nodeid)
        if report.failed:
            self.outcomes[report.nodeid] = "failed"
        elif report.skipped and previous is None:
            self.outcomes[report.nodeid] = "skipped"
        elif report.when == "call" and report.passed and previous is None:
            self.outcomes[report.nodeid] = "passed"

    # Under pytest-xdist the files' GUIs live in the workers, and the controller sees every
    # report: each worker hands its files' respawn notes to the controller, which prints the
    # lines (workeroutput is xdist's channel from a worker back to the controller).
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        workeroutput = getattr(self.config, "workeroutput", None)
        if workeroutput is not None:
            workeroutput["imhost_notes"] = {k: s.notes for k, s in self.sessions.items()}

    @_hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: Any) -> None:
        self.worker_notes.update(getattr(node, "workeroutput", {}).get("imhost_notes", {}))

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if hasattr(self.config, "workerinput"):
            return  # an xdist worker: the controller prints the lines
        by_file: dict[str, dict[str, int]] = {}
        for nodeid, outcome in self.outcomes.items():
            counts = by_file.setdefault(nodeid.split("::")[0], {"passed": 0, "failed": 0,
                                                                "skipped": 0})
            counts[outcome] += 1
        notes: dict[str, list[str]] = dict(self.worker_notes)
        for nodeid, session in self.sessions.items():
            notes[nodeid] = session.notes
        lines = [summary_line(path, c["passed"], c["failed"], c["skipped"], notes[path])
                 for path, c in sorted(by_file.items()) if path in notes]  # files with a GUI
        for line in lines:
            terminalreporter.write_line(line)
        summary_dir = os.environ.get("IMHOST_SUMMARY_DIR")
        if summary_dir and by_file:
            lines.append("pytest: " + ", ".join(sorted(by_file)) + ": " +
                         _pytest_result_line(terminalreporter, time.monotonic() - self.started))
            os.makedirs(summary_dir, exist_ok=True)
            name = "pytest_" + os.path.splitext(os.path.basename(sorted(by_file)[0]))[0]
            with open(os.path.join(summary_dir, name + ".txt"), "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")


def _pytest_result_line(terminalreporter: Any, seconds: float) -> str:
    """pytest's own final line ("3 passed, 1 failed in 1.23s"), as it prints it."""
    try:
        parts, _ = terminalreporter.build_summary_stats_line()
        text = ", ".join(part for part, _ in parts)
    except Exception:  # an older or newer pytest without this method
        stats = terminalreporter.stats
        text = ", ".join(f"{len(v)} {k}" for k, v in stats.items() if k and v)
    return f"{text} in {seconds:.2f}s"
