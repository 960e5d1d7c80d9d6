"""Failing live tests whose JUnit cases must carry imhost's artifacts (run with --junitxml by
live/test_junit_artifacts.py, not on its own: two of its tests fail on purpose).

a fails on a healthy GUI (health JSON and screenshot); b crashes the GUI with SIGSEGV; c is
stopped by the pre-flight (crash report, respawn note), unless b is charged with the crash
itself; d passes on the respawned GUI.
"""
from imhost_client import ImhostError


def test_a_fails_on_a_healthy_gui(live_gui):
    assert live_gui.health()["status"] == "fail", "fails on purpose: the GUI is healthy"


def test_b_crashes_the_gui(live_gui):
    try:
        live_gui.fault("segv")
    except ImhostError as error:  # the reply may be lost with the process
        print("fault reply:", error)
    live_gui.process.process.wait(timeout=10)


def test_c_runs_after_the_crash(live_gui):
    assert live_gui.health()["status"] == "pass"


def test_d_passes_on_a_respawned_gui(live_gui):
    assert live_gui.health()["status"] == "pass"
