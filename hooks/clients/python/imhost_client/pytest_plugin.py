"""pytest plugin: one live imhost per test file, a health check before every test, and a fresh
GUI after a test that left it broken. The same rules as the C++ harness (tests/harness/).

Load it with ``-p imhost_client.pytest_plugin`` or ``pytest_plugins = ["imhost_client.pytest_plugin"]``.

    def test_new_project(live_gui):
        live_gui.click("btn_project_new_automated")
        assert live_gui.state()["project"]["name"] == "project-1"

Options
    --imhost-exe PATH        the app to launch: imhost, or an app of yours that embeds the hooks
                             (default: $IMHOST_EXE, else build/release's imhost)
    --imhost-strict          health `warn` fails the pre-flight too (also IMHOST_STRICT=1)
    --imhost-artifacts DIR   screenshots and crash reports of failing tests
                             (default: $IMHOST_ARTIFACTS_DIR, else $TMPDIR/imhost-live-artifacts)

The ``live_gui`` fixture (module scope) yields a LiveGui: ``url``, ``token``, ``pid``,
``workspace``, and ``health()``, ``state()``, ``click(id)``, ``set_value(id, value)``,
``get_value(id)``, ``fault(kind, **args)``, ``request(method, path, body=None)`` (plus
``call``, ``wait``, ``reset``, ``client`` for everything else).

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
                attached to the report
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

import os
import tempfile
import time
import warnings

import pytest

from .errors import LaunchError
from .launcher import GuiProcess
from .verdicts import FAIL, WARN, broken_state, decide_preflight, decide_respawn, summary_line
from .xvfb import shared_display, shared_xvfb

_PLUGIN_NAME = "imhost_live"


class ImhostHealthWarning(UserWarning):
    """The GUI's health was `warn` when a test started."""


# --- what live_gui yields ---------------------------------------------------------------------


class LiveGui:
    """The file's GUI. Attributes follow the current process: they change after a respawn."""

    def __init__(self, session):
        self._session = session

    @property
    def process(self):
        if self._session.process is None:
            raise LaunchError("no GUI: " + self._session.launch_error)
        return self._session.process

    url = property(lambda self: self.process.url)
    token = property(lambda self: self.process.token)
    pid = property(lambda self: self.process.pid)
    workspace = property(lambda self: self.process.workspace)
    client = property(lambda self: self.process.client)

    def health(self, strict=False):
        return self.client.health(strict=strict)

    def state(self):
        return self.client.state()

    def click(self, id, **options):
        return self.client.click(id, **options)

    def set_value(self, id, value, via=None):
        return self.client.set_value(id, value, via)

    def get_value(self, id):
        return self.client.get_value(id)

    def fault(self, kind, **args):
        reply = self.client.fault(kind, **args)
        self.process.note_fault_reply(reply)  # a segv comes a moment later: wait for it after
        return reply

    def request(self, method, path, body=None):
        """A Response (status, body, raw, headers); never raises for an HTTP status."""
        return self.client.request(method, path, body)

    def call(self, method, path, body=None):
        """The ``value`` of a 2xx answer; a typed HookError otherwise."""
        return self.client.call(method, path, body)

    def wait(self, condition, timeout_ms=5000):
        return self.client.wait(condition, timeout_ms)

    def wait_state(self, pointer, value, timeout_ms=5000):
        return self.client.wait_state(pointer, value, timeout_ms)

    def reset(self):
        return self.client.reset()

    def expect_gui_breakage(self):
        """This test breaks the GUI on purpose: replace it after the test."""
        self._session.breakage_expected = True

    def restart(self):
        """Stop the GUI and start it again on the same workspace."""
        self.process.restart()


# --- per-file state ---------------------------------------------------------------------------


class _FileSession:
    def __init__(self, plugin, module, options):
        self.plugin = plugin
        self.module = module
        self.options = options
        self.process = None
        self.launch_error = ""
        self.notes = []              # respawn notes
        self.after_test = None       # the check after this test's call (a RespawnDecision)
        self.preflight_failed = False  # this test's pre-flight failed
        self.breakage_expected = False
        self.reported = False        # the current breakage was reported by a pre-flight

    def launch(self):
        self.process, self.launch_error = None, ""
        exe = self.plugin.exe
        if not exe:
            self.launch_error = ("no app to launch: pass --imhost-exe or set IMHOST_EXE")
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

    def close(self):
        if self.process is not None:
            self.process.close()
            self.process = None


# --- the plugin -------------------------------------------------------------------------------


def pytest_addoption(parser):
    group = parser.getgroup("imhost", "imhost live GUI")
    group.addoption("--imhost-exe", default=os.environ.get("IMHOST_EXE") or _default_exe(),
                    help="the app to launch: imhost, or one that embeds the hooks "
                         "(default: $IMHOST_EXE)")
    group.addoption("--imhost-strict", action="store_true",
                    default=os.environ.get("IMHOST_STRICT") == "1",
                    help="health `warn` fails the pre-flight too")
    group.addoption("--imhost-artifacts",
                    default=os.environ.get("IMHOST_ARTIFACTS_DIR")
                    or os.path.join(tempfile.gettempdir(), "imhost-live-artifacts"),
                    help="where failing tests leave screenshots and crash reports")


def pytest_configure(config):
    config.addinivalue_line("markers", "imhost_options(**options): per-file live GUI options "
                                       "(reset_between_tests, strict, extra_args, start_timeout, "
                                       "accept_warn, fault_injection, app, imhost_flags)")
    config.addinivalue_line("markers", "imhost_strict: health `warn` fails this test's pre-flight")
    config.addinivalue_line("markers", "imhost_breaks_gui: this test breaks the GUI on purpose; "
                                       "it is replaced after the test")
    if not config.pluginmanager.has_plugin(_PLUGIN_NAME):
        config.pluginmanager.register(_ImhostPlugin(config), _PLUGIN_NAME)


@pytest.fixture(scope="module")
def live_gui(request):
    plugin = request.config.pluginmanager.get_plugin(_PLUGIN_NAME)
    session = plugin.open(request.node)
    try:
        yield LiveGui(session)
    finally:
        plugin.close(session)


def _default_exe():
    here = os.path.dirname(os.path.abspath(__file__))
    candidate = os.path.join(here, "..", "..", "..", "..", "build", "release", "app", "imhost")
    return os.path.normpath(candidate) if os.path.exists(candidate) else None


class _ImhostPlugin:
    def __init__(self, config):
        self.config = config
        self.exe = config.getoption("--imhost-exe")
        self.strict = config.getoption("--imhost-strict")
        self.artifacts = os.path.abspath(config.getoption("--imhost-artifacts"))
        self.sessions = {}       # module nodeid -> _FileSession
        self.outcomes = {}       # test nodeid -> passed | failed | skipped
        self.launched_pids = []
        self.started = time.monotonic()
        self.worker_notes = {}   # module nodeid -> respawn notes, from xdist workers

    # --- output that is not captured ---------------------------------------------------------

    def say(self, line):
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

    def open(self, module):
        options = {}
        marker = module.get_closest_marker("imhost_options")
        if marker is not None:
            options = dict(marker.kwargs)
        session = _FileSession(self, module, options)
        self.sessions[module.nodeid] = session
        if shared_xvfb() is None and not os.environ.get("DISPLAY"):
            shared_display()
            self.say(f"[imhost] Xvfb pid {shared_xvfb().pid} display {shared_xvfb().display}")
        session.launch()
        return session

    def close(self, session):
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

    def _session_for(self, item):
        if "live_gui" not in getattr(item, "fixturenames", ()):
            return None
        module = item.getparent(pytest.Module)
        return self.sessions.get(module.nodeid) if module is not None else None

    # --- around each test --------------------------------------------------------------------

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_call(self, item):
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

    def _check_after_test(self, session, item):
        """Did the GUI break during this test? (a RespawnDecision; its charge fails the test)"""
        return decide_respawn(session.process.observe(), item.name, session.preflight_failed,
                              session.breakage_expected)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
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
            report.sections.append(("imhost diagnostics",
                                    session.process.diagnostics(self.artifacts, item.nodeid)))

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_teardown(self, item, nextitem):
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
            if nextitem is None or nextitem.getparent(pytest.Module) is not session.module:
                return  # the file's GUI is closed next; nothing to replace
            self.say(f"[imhost] {decision.note}")
            session.notes.append(decision.note)
            session.close()
            session.launch()
            session.reported = False
            return
        if session.options.get("reset_between_tests"):
            session.process.client.reset()

    # --- the file's summary line ---------------------------------------------------------------

    def pytest_runtest_logreport(self, report):
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
    def pytest_sessionfinish(self, session):
        workeroutput = getattr(self.config, "workeroutput", None)
        if workeroutput is not None:
            workeroutput["imhost_notes"] = {k: s.notes for k, s in self.sessions.items()}

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error):
        self.worker_notes.update(getattr(node, "workeroutput", {}).get("imhost_notes", {}))

    def pytest_terminal_summary(self, terminalreporter):
        if hasattr(self.config, "workerinput"):
            return  # an xdist worker: the controller prints the lines
        by_file = {}
        for nodeid, outcome in self.outcomes.items():
            counts = by_file.setdefault(nodeid.split("::")[0], {"passed": 0, "failed": 0,
                                                                "skipped": 0})
            counts[outcome] += 1
        notes = dict(self.worker_notes)
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


def _pytest_result_line(terminalreporter, seconds):
    """pytest's own final line ("3 passed, 1 failed in 1.23s"), as it prints it."""
    try:
        parts, _ = terminalreporter.build_summary_stats_line()
        text = ", ".join(part for part, _ in parts)
    except Exception:  # an older or newer pytest without this method
        stats = terminalreporter.stats
        text = ", ".join(f"{len(v)} {k}" for k, v in stats.items() if k and v)
    return f"{text} in {seconds:.2f}s"
