"""A failing live test's JUnit case carries imhost's artifacts as <properties>: the health JSON,
the screenshot and crash report paths (also as `attachment`, for CI systems that show those),
and the respawn note. The batch (batches/batch_junit_failures.py) runs in its own pytest with
--junitxml; these tests read the file back as a CI system would."""
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # tests/pytest


@pytest.fixture(scope="module")
def batch(request, tmp_path_factory):
    """The batch's output, and {test name: {"failed": bool, "properties": {name: [values]}}}
    from its JUnit file."""
    tmp = tmp_path_factory.mktemp("junit")
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env.update(IMHOST_SUMMARY_DIR=str(tmp / "summary"), IMHOST_ARTIFACTS_DIR=str(tmp / "artifacts"))
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", os.path.join(ROOT, "pytest.ini"), "--rootdir", ROOT,
         "--junitxml", str(tmp / "junit.xml"), "--imhost-exe", request.config.getoption("--imhost-exe"),
         os.path.join(ROOT, "batches", "batch_junit_failures.py")],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    print(run.stdout)  # shown when a check below fails
    assert run.returncode == 1, "the batch must fail (two tests fail on purpose)"
    found = {}
    for case in ET.parse(tmp / "junit.xml").getroot().iter("testcase"):
        properties = {}
        for prop in case.iter("property"):
            properties.setdefault(prop.get("name"), []).append(prop.get("value"))
        found[case.get("name")] = {"failed": case.find("failure") is not None,
                                   "properties": properties}
    return {"output": run.stdout, "cases": found}


@pytest.fixture(scope="module")
def cases(batch):
    return batch["cases"]


def one(case, name):
    values = case["properties"].get(name, [])
    assert len(values) == 1, (name, case)
    return values[0]


def test_a_failure_on_a_healthy_gui_carries_the_health_json_and_the_screenshot(batch, cases):
    a = cases["test_a_fails_on_a_healthy_gui"]
    assert a["failed"]
    health = json.loads(one(a, "imhost_health"))
    assert health["status"] == "pass" and health["phase"] == "running"
    screenshot = one(a, "imhost_screenshot")
    with open(screenshot, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    assert a["properties"]["attachment"] == [screenshot]
    # In the output too, as the marker GitLab and Jenkins read (for `ctest --output-junit`).
    assert f"[[ATTACHMENT|{screenshot}]]" in batch["output"]
    assert "imhost_crash_report" not in a["properties"]


def test_the_failure_the_crash_is_charged_to_carries_the_crash_report_and_the_respawn_note(cases):
    # The crash is charged to the test during which it happened.
    charged = [name for name, case in cases.items() if "imhost_crash_report" in case["properties"]]
    assert charged == ["test_b_crashes_the_gui"], cases
    case = cases[charged[0]]
    assert case["failed"]
    report = one(case, "imhost_crash_report")
    with open(report, encoding="utf-8") as f:
        assert "signal: 11 (SIGSEGV)" in f.read()
    assert report in case["properties"]["attachment"]
    assert one(case, "imhost_respawn_note").startswith(
        "GUI was respawned: the previous test (test_b_crashes_the_gui) left it dead: killed by "
        "signal 11 (SIGSEGV)")
    assert json.loads(one(case, "imhost_health"))["status"]  # the last health seen before it died


def test_a_passing_test_carries_no_artifacts(cases):
    d = cases["test_d_passes_on_a_respawned_gui"]
    assert not d["failed"] and d["properties"] == {}
