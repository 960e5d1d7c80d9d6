"""Two pytest files in one batch (one pytest process), the first crashing its GUI (segv, then
frame_loop_fatal). The test after a crash fails within 1 s with the real reason, the test after
that passes on a respawned GUI with the note, the crash report is collected, the second file
starts clean, and no imhost or Xvfb is left."""
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)  # tests/pytest


@pytest.fixture(scope="module")
def batch(request, tmp_path_factory):
    exe = request.config.getoption("--imhost-exe")
    if not exe:
        pytest.fail("no imhost executable: pass --imhost-exe")
    tmp = tmp_path_factory.mktemp("batch")
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env.update(IMHOST_SUMMARY_DIR=str(tmp / "summary"), IMHOST_ARTIFACTS_DIR=str(tmp / "artifacts"),
               PYTHONDONTWRITEBYTECODE="1")
    # junit_duration_report=call: a case's time is its call phase, where the pre-flight fails. The
    # respawn that follows a crash runs in the teardown, and is not the failing test's delay.
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", os.path.join(ROOT, "pytest.ini"), "--rootdir", ROOT,
         "-p", "no:cacheprovider", "-rA", "-o", "junit_duration_report=call",
         "--junitxml", str(tmp / "junit.xml"),
         "--imhost-exe", exe, os.path.join(ROOT, "batches", "batch_crash_first.py"),
         os.path.join(ROOT, "batches", "batch_second.py")],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=240)
    print(run.stdout)  # the batch's own output, shown when a check below fails
    cases = {}
    for case in ET.parse(tmp / "junit.xml").getroot().iter("testcase"):
        failure = case.find("failure")
        cases[case.get("name")] = {
            "time": float(case.get("time", "999")),
            "failed": failure is not None,
            "text": (failure.get("message", "") + "\n" + (failure.text or "")) if failure is not None else "",
        }
    return {"output": run.stdout, "returncode": run.returncode, "cases": cases, "tmp": tmp}


def test_the_test_after_a_segv_fails_within_one_second_with_the_real_reason(batch):
    cases = batch["cases"]
    assert not cases["test_a_segv_crashes_the_gui"]["failed"], cases["test_a_segv_crashes_the_gui"]
    b = cases["test_b_fails_fast_because_the_gui_is_dead"]
    assert b["failed"]
    assert b["time"] < 1.0, b
    assert "GUI pre-flight failed: the GUI is dead: killed by signal 11 (SIGSEGV)" in b["text"]
    assert "test_a_segv_crashes_the_gui left it dead" in b["text"]
    assert "crash report:" in b["text"]
    assert "must never run" not in b["text"]


def test_the_one_after_passes_on_a_respawned_gui_with_the_note(batch):
    assert not batch["cases"]["test_c_passes_on_a_respawned_gui"]["failed"]
    assert ("[imhost] GUI was respawned: the previous test left it dead: killed by signal 11 "
            "(SIGSEGV)") in batch["output"]


def test_a_fatal_frame_loop_is_reported_then_respawned(batch):
    cases = batch["cases"]
    assert not cases["test_d_frame_loop_fatal"]["failed"], cases["test_d_frame_loop_fatal"]
    e = cases["test_e_fails_fast_because_the_frame_loop_crashed"]
    assert e["failed"] and e["time"] < 1.0, e
    assert "GUI pre-flight failed: the GUI is crashed: frame loop crashed" in e["text"]
    assert "stack:" in e["text"]
    assert not cases["test_f_passes_on_a_respawned_gui"]["failed"]
    assert "GUI was respawned: the previous test left it crashed: frame loop crashed" in batch["output"]


def test_each_file_has_its_summary_line(batch):
    out = batch["output"]
    assert re.search(r"live: batches/batch_crash_first\.py: 4 passed, 2 failed, respawns 2 \(GUI "
                     r"was respawned: the previous test left it dead: killed by signal 11", out), out
    assert "live: batches/batch_second.py: 2 passed, 0 failed, respawns 0" in out
    assert batch["returncode"] == 1  # two tests failed, by design


def test_the_crash_report_was_collected(batch):
    pid = re.search(r"\[imhost\] launched imhost pid (\d+)", batch["output"]).group(1)
    report = batch["tmp"] / "artifacts" / f"crash-{pid}.txt"
    assert report.exists(), batch["output"]
    assert "signal: 11 (SIGSEGV)" in report.read_text()


def test_the_next_file_starts_clean(batch):
    for name in ("test_starts_on_a_clean_gui", "test_drives_the_gui"):
        assert not batch["cases"][name]["failed"], batch["cases"][name]


def _still_running(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2] != "Z"


def test_no_stray_imhost_or_xvfb(batch):
    pids = set(re.findall(r"\[imhost\] (?:launched imhost|Xvfb) pid (\d+)", batch["output"]))
    assert len(pids) == 3 + 1 + 1, batch["output"]  # 3 GUIs for file 1, 1 for file 2, one Xvfb
    deadline = time.monotonic() + 2
    while any(_still_running(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert [p for p in pids if _still_running(p)] == []
