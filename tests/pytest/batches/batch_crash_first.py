"""First file of the pytest crash-isolation batch (run by live/test_crash_isolation.py, not on its
own: two of its tests are meant to be stopped by the pre-flight).

a crashes the GUI with SIGSEGV (without saying it meant to); b must fail within 1 s with the real
reason; c passes on a respawned GUI; d makes the frame loop fatal; e fails fast; f passes.
"""
import time

import pytest

from imhost_client import ImhostError

PIDS = []


def test_a_segv_crashes_the_gui(live_gui):
    PIDS.append(live_gui.pid)
    try:
        live_gui.fault("segv")
    except ImhostError as error:  # the reply may be lost with the process
        print("fault reply:", error)
    live_gui.process.process.wait(timeout=10)
    assert live_gui.process.describe_exit() == "killed by signal 11 (SIGSEGV)"


def test_b_fails_fast_because_the_gui_is_dead(live_gui):
    pytest.fail("this body must never run: the pre-flight should have stopped the test")


def test_c_passes_on_a_respawned_gui(live_gui):
    assert live_gui.health()["status"] == "pass"
    assert live_gui.pid not in PIDS
    PIDS.append(live_gui.pid)


def test_d_frame_loop_fatal(live_gui):
    live_gui.fault("frame_loop_fatal")
    deadline = time.monotonic() + 5
    while live_gui.health()["phase"] != "crashed":
        assert time.monotonic() < deadline, live_gui.health()
        time.sleep(0.01)
    assert live_gui.process.alive()


def test_e_fails_fast_because_the_frame_loop_crashed(live_gui):
    pytest.fail("this body must never run: the pre-flight should have stopped the test")


def test_f_passes_on_a_respawned_gui(live_gui):
    assert live_gui.health()["status"] == "pass"
    assert live_gui.pid not in PIDS
