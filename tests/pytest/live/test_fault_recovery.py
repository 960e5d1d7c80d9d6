"""Each guard fault kind through POST /api/debug/fault, from pytest: what health shows, that
frames go on after a recoverable fault, and the phase or exit after a fatal one. Tests that break
the GUI say so (imhost_breaks_gui), so the plugin replaces it right after them."""
import time

import pytest

from imhost_client import GuiNotRunning, until

# A short stall threshold, so that the 1500 ms hang below shows as `stalled` at once. Not shorter:
# under TSan on a busy machine a freshly respawned GUI once took 306 ms over a frame, and the
# pre-flight of the next test failed it as stalled (--stall-ms 300 then).
pytestmark = pytest.mark.imhost_options(reset_between_tests=True, extra_args=["--stall-ms", "700"])

RECOVERABLE = [  # kind, health field, record kind
    ("missing_end", "last_assert", "scope_leak"),
    ("missing_pop_id", "last_assert", "user_error"),
    ("extra_end", "last_assert", "user_error"),
    ("extra_pop_id", "last_assert", "user_error"),
    ("missing_end_child", "last_assert", "scope_leak"),
    ("missing_end_table", "last_assert", "user_error"),
    ("missing_pop_style_var", "last_assert", "user_error"),
    ("missing_pop_style_color", "last_assert", "user_error"),
    ("missing_tree_pop", "last_assert", "user_error"),
    ("missing_end_group", "last_assert", "user_error"),
    ("hard_assert", "last_assert", "assert"),
    ("exception", "last_error", "exception"),
]




@pytest.mark.parametrize("kind, field, record_kind", RECOVERABLE, ids=[k[0] for k in RECOVERABLE])
def test_recoverable_fault_shows_in_health_and_frames_go_on(live_gui, kind, field, record_kind):
    assert live_gui.health()["status"] == "pass"
    live_gui.fault(kind)
    health = until(lambda: (h := live_gui.health())[field] and h, what=f"{field} after {kind}")
    record = health[field]
    assert record["kind"] == record_kind, record
    assert record["stack"] and record["stacktrace"], record
    assert health["phase"] == "running" and health["status"] == "warn", health
    frames = health["frame"]["count"]
    live_gui.wait({"type": "frames", "count": 3})
    assert live_gui.health()["frame"]["count"] >= frames + 3
    live_gui.call("POST", "/api/errors/clear")
    assert live_gui.health()["status"] == "pass"


def test_hang_reports_stalled_fast_then_recovers(live_gui):
    live_gui.fault("hang", ms=1500)
    until(lambda: live_gui.health()["phase"] == "stalled", what="phase stalled")
    start = time.monotonic()
    health = live_gui.health()
    # The server answers in ~1 ms (hooks_failfast_live_test checks < 50 ms in C++); the bound
    # here leaves room for Python and a loaded CI machine, and is still far below any timeout.
    assert time.monotonic() - start < 0.25, "health must answer at once while the GUI is blocked"
    assert health["status"] == "fail" and "stalled" in health["degraded_reasons"][0]
    with pytest.raises(GuiNotRunning):
        live_gui.click("btn_project_save")
    until(lambda: live_gui.health()["phase"] == "running", seconds=5, what="running again")


@pytest.mark.imhost_breaks_gui
def test_frame_loop_fatal_leaves_a_crashed_phase_that_still_answers(live_gui):
    live_gui.fault("frame_loop_fatal")
    until(lambda: live_gui.health()["phase"] == "crashed", what="phase crashed")
    r = live_gui.request("GET", "/api/gui_health")
    assert r.status == 503 and r.body["status"] == "fail"
    assert r.body["last_error"]["stacktrace"]
    start = time.monotonic()
    with pytest.raises(GuiNotRunning) as refused:
        live_gui.click("btn_project_save")
    assert time.monotonic() - start < 0.1
    assert refused.value.phase == "crashed"


def test_the_gui_was_replaced_after_the_fatal_fault(live_gui):
    health = live_gui.health()
    assert health["status"] == "pass" and health["phase"] == "running", health


@pytest.mark.imhost_breaks_gui
@pytest.mark.parametrize("kind, signal_name, function", [
    ("segv", "SIGSEGV", "crash_with_segv"),
    ("abort", "SIGABRT", "abort"),
])
def test_fatal_signal_ends_the_process_with_a_crash_report(live_gui, kind, signal_name, function):
    process = live_gui.process
    try:
        live_gui.fault(kind)
    except Exception:  # the reply may be lost with the process
        pass
    process.process.wait(timeout=10)
    assert process.describe_exit().endswith(f"({signal_name})")
    report = until(process.crash_report, what="crash report")
    assert f"({signal_name})" in report
    assert "--- symbolized frames ---" in report and function in report, report[-3000:]
