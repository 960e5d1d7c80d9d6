"""First file of the pytest crash-isolation batch (run by live/test_crash_isolation.py, not on its
own: three of its tests are meant to fail).

test_1 crashes the GUI with SIGSEGV and returns (without saying it meant to): test_1 fails,
quoting SIGSEGV and the crash report. test_2 and test_3 pass on a respawned GUI. test_4 makes the
frame loop fatal: it fails, quoting the reason; test_5 passes on a fresh GUI. test_6 passes, and
its GUI is killed after it, between tests: test_7's pre-flight fails within 1 s; test_8 passes.
"""
import os
import signal
import time

import pytest

PIDS = []


def test_1_segv_and_return(live_gui):
    PIDS.append(live_gui.pid)
    live_gui.fault("segv")  # and returns, as a test with a bug in the app would


def test_2_passes_on_a_respawned_gui(live_gui):
    assert live_gui.health()["status"] == "pass"
    assert live_gui.pid not in PIDS
    PIDS.append(live_gui.pid)


def test_3_passes_on_the_same_gui(live_gui):
    assert live_gui.pid == PIDS[-1]
    assert live_gui.health()["status"] == "pass"


def test_4_frame_loop_fatal(live_gui):
    live_gui.fault("frame_loop_fatal")
    deadline = time.monotonic() + 5
    while live_gui.health()["phase"] != "crashed":
        assert time.monotonic() < deadline, live_gui.health()
        time.sleep(0.01)
    assert live_gui.process.alive()


def test_5_passes_on_a_respawned_gui(live_gui):
    assert live_gui.health()["status"] == "pass"
    assert live_gui.pid not in PIDS
    PIDS.append(live_gui.pid)


@pytest.fixture
def killed_after_the_test(live_gui):
    """Something that is not a test kills the GUI, after the plugin's check of this test."""
    yield
    os.kill(live_gui.pid, signal.SIGKILL)
    live_gui.process.process.wait(timeout=10)


def test_6_passes_then_its_gui_is_killed_between_tests(live_gui, killed_after_the_test):
    assert live_gui.health()["status"] == "pass"


def test_7_fails_fast_because_the_gui_is_dead(live_gui):
    pytest.fail("this body must never run: the pre-flight should have stopped the test")


def test_8_passes_on_a_respawned_gui(live_gui):
    assert live_gui.health()["status"] == "pass"
    assert live_gui.pid not in PIDS
