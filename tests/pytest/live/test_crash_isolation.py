"""Two pytest files in one batch (one pytest process), the first crashing its GUI (segv, then
frame_loop_fatal, then a kill from outside between tests). The test during which the GUI broke
fails quoting the signal or reason and the crash report; the tests after it pass on a respawned
GUI with the note; a GUI broken between tests fails the next pre-flight within 1 s; the crash
report is collected; the second file starts clean; no imhost or Xvfb is left. The same again
under pytest-xdist (-n 2 --dist loadfile): each worker has its own GUIs and Xvfb, and the
per-file summary lines reach the controller's output."""
import os
import re
import subprocess
import sys
import time
import uuid
import xml.etree.ElementTree as ET

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)  # tests/pytest
FIRST = "batches/batch_crash_first.py"
SECOND = "batches/batch_second.py"


def _run_batch(request, tmp, extra_args=()):
    exe = request.config.getoption("--imhost-exe")
    if not exe:
        pytest.fail("no imhost executable: pass --imhost-exe")
    tag = uuid.uuid4().hex  # in the environment of everything the batch starts
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env.update(IMHOST_SUMMARY_DIR=str(tmp / "summary"), IMHOST_ARTIFACTS_DIR=str(tmp / "artifacts"),
               PYTHONDONTWRITEBYTECODE="1", IMHOST_BATCH_TAG=tag)
    # junit_duration_report=call: a case's time is its call phase, where the pre-flight fails. The
    # respawn that follows a crash runs in the teardown, and is not the failing test's delay.
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", os.path.join(ROOT, "pytest.ini"), "--rootdir", ROOT,
         "-p", "no:cacheprovider", "-rA", "-o", "junit_duration_report=call",
         "--junitxml", str(tmp / "junit.xml"), *extra_args,
         "--imhost-exe", exe, os.path.join(ROOT, FIRST), os.path.join(ROOT, SECOND)],
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
    return {"output": run.stdout, "returncode": run.returncode, "cases": cases, "tmp": tmp,
            "tag": tag}


@pytest.fixture(scope="module")
def batch(request, tmp_path_factory):
    return _run_batch(request, tmp_path_factory.mktemp("batch"))


@pytest.fixture(scope="module")
def xdist_batch(request, tmp_path_factory):
    pytest.importorskip("xdist", reason="python3-pytest-xdist is not installed")
    return _run_batch(request, tmp_path_factory.mktemp("xdist"), ("-n", "2", "--dist", "loadfile"))


def _tagged(tag):
    """Processes (not zombies) whose environment carries the batch's tag: its GUIs and Xvfbs."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                if f"IMHOST_BATCH_TAG={tag}".encode() not in f.read().split(b"\0"):
                    continue
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        if stat[stat.rfind(")") + 2] != "Z":
            found.append(pid)
    return found


def _check_charged_and_respawned(batch):
    cases = batch["cases"]
    one = cases["test_1_segv_and_return"]
    assert one["failed"], "the crash was not charged to the test that caused it"
    assert "the GUI broke during this test: it is dead: killed by signal 11 (SIGSEGV)" in one["text"]
    assert "crash report:" in one["text"] and "crash_with_segv" in one["text"], one["text"]
    for name in ("test_2_passes_on_a_respawned_gui", "test_3_passes_on_the_same_gui",
                 "test_5_passes_on_a_respawned_gui",
                 "test_6_passes_then_its_gui_is_killed_between_tests",
                 "test_8_passes_on_a_respawned_gui"):
        assert not cases[name]["failed"], (name, cases[name])
    # test_2 loses no time on the dying process: the respawn happened in test_1's teardown.
    assert cases["test_2_passes_on_a_respawned_gui"]["time"] < 1.0
    four = cases["test_4_frame_loop_fatal"]
    assert four["failed"]
    assert "the GUI broke during this test: it is crashed: frame loop crashed" in four["text"]
    assert "stack:" in four["text"], four["text"]
    seven = cases["test_7_fails_fast_because_the_gui_is_dead"]
    assert seven["failed"] and seven["time"] < 1.0, seven
    assert "GUI pre-flight failed: the GUI is dead: killed by signal 9 (SIGKILL)" in seven["text"]
    assert "must never run" not in seven["text"]
    for name in ("test_starts_on_a_clean_gui", "test_drives_the_gui"):  # the next file
        assert not cases[name]["failed"], cases[name]
    assert batch["returncode"] == 1  # three tests failed, by design


SUMMARY_FIRST = (r"live: batches/batch_crash_first\.py: 5 passed, 3 failed, respawns 3 \(GUI was "
                 r"respawned: the previous test \(test_1_segv_and_return\) left it dead: killed by "
                 r"signal 11 \(SIGSEGV\); GUI was respawned: the previous test "
                 r"\(test_4_frame_loop_fatal\) left it crashed: frame loop crashed")
SUMMARY_SECOND = "live: batches/batch_second.py: 2 passed, 0 failed, respawns 0"


def _check_nothing_left(batch):
    deadline = time.monotonic() + 2
    while _tagged(batch["tag"]) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _tagged(batch["tag"]) == [], batch["output"]


def test_the_test_during_which_the_gui_broke_is_charged_and_the_next_ones_pass(batch):
    _check_charged_and_respawned(batch)
    assert ("[imhost] GUI was respawned: the previous test (test_1_segv_and_return) left it dead: "
            "killed by signal 11 (SIGSEGV)") in batch["output"]


def test_each_file_has_its_summary_line(batch):
    assert re.search(SUMMARY_FIRST, batch["output"]), batch["output"]
    assert SUMMARY_SECOND in batch["output"]


def test_the_crash_report_was_collected(batch):
    pid = re.search(r"\[imhost\] launched imhost pid (\d+)", batch["output"]).group(1)
    report = batch["tmp"] / "artifacts" / f"crash-{pid}.txt"
    assert report.exists(), batch["output"]
    assert "signal: 11 (SIGSEGV)" in report.read_text()


def test_no_stray_imhost_or_xvfb(batch):
    pids = set(re.findall(r"\[imhost\] (?:launched imhost|Xvfb) pid (\d+)", batch["output"]))
    assert len(pids) == 4 + 1 + 1, batch["output"]  # 4 GUIs for file 1, 1 for file 2, one Xvfb
    _check_nothing_left(batch)


def test_under_xdist_each_worker_charges_and_respawns_the_same_way(xdist_batch):
    _check_charged_and_respawned(xdist_batch)


def test_under_xdist_the_summary_lines_reach_the_controller(xdist_batch):
    assert re.search(SUMMARY_FIRST, xdist_batch["output"]), xdist_batch["output"]
    assert SUMMARY_SECOND in xdist_batch["output"]


def test_under_xdist_nothing_is_left_running(xdist_batch):
    _check_nothing_left(xdist_batch)
