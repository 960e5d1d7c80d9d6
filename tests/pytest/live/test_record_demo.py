"""Recording a session on `imhost --demo` as a test (POST /api/record/start|stop): a session
driven through the API (real input), then its pytest run against a fresh imhost --demo, its
GoogleTest built and run, and its JSON steps replayed through POST /api/replay; each leaves the
values the session left. Plus the 4xx of bad recorder input.

One recording serves every test of the file (module fixture `session`): the file's GUI records
it once, and each test replays it its own way."""
import json
import os
import subprocess
import sys
import time

import pytest

from imhost_client.errors import HookError, TransportError
from imhost_client.launcher import GuiProcess

pytestmark = pytest.mark.imhost_options(app="demo")

DEMO = "Dear ImGui Demo"
STYLE = "Dear ImGui Style Editor"


def ref(path):
    return {"ref": f"{DEMO}/Basic/{path}"}


def values(client, targets):
    return [client.get_value(t) for t in targets]


@pytest.fixture(scope="module")
def session(live_gui):
    """The demo session of the issue, recorded: Widgets > Basic opened, the checkbox toggled,
    "input text" typed into, a combo entry out of view picked, the slider set, a menu item that
    opens a tool window, a tab switched there."""
    gui = live_gui.client
    assert gui.call("POST", "/api/record/start", {}) == {"recording": True}
    gui.open({"label": "Widgets", "window": DEMO})
    gui.open({"ref": f"{DEMO}/Basic"})
    gui.click({"label": "checkbox", "window": DEMO})
    gui.set_value(ref("input text"), "typed while recording")
    gui.combo_select(ref("combo"), "KKKKKKK")  # the combo's last entry: out of its list's view
    gui.set_value(ref("slider float"), 0.25)
    gui.menu_click("Tools/Style Editor", window=DEMO)
    gui.wait({"type": "window_open", "window": STYLE})
    gui.click({"label": "Colors", "window": STYLE})
    so_far = gui.call("GET", "/api/record")
    stopped = gui.call("POST", "/api/record/stop", {"format": "pytest"})
    steps = stopped["steps"]
    assert gui.call("GET", "/api/record")["recording"] is False
    gtest = gui.call("GET", "/api/record?format=gtest")["code"]
    checks = [s for s in steps if s["action"] == "expect"]
    left = values(gui, [s["target"] for s in checks])
    return {"so_far": so_far, "steps": steps, "pytest": stopped["code"], "gtest": gtest,
            "checks": checks, "left": left}


def test_the_session_is_recorded_as_item_steps(session):
    steps = [s for s in session["steps"] if s["action"] != "expect"]
    assert session["so_far"]["recording"] is True
    assert [s["action"] for s in steps] == [
        "open", "open", "set_value", "set_value", "combo", "set_value", "menu", "wait", "click"]
    assert steps[2] == {"action": "set_value", "target": ref("checkbox"), "value": False,
                        "frame": steps[2]["frame"]}
    assert steps[3]["value"] == "typed while recording"  # one step for many frames of typing
    assert steps[4]["target"] == ref("combo") and steps[4]["item"] == "KKKKKKK"
    assert steps[6]["path"] == "Tools/Style Editor" and steps[6]["window"] == DEMO
    assert steps[7]["condition"] == {"type": "window_open", "window": STYLE}
    # The values the session left, as the generated tests will check them.
    assert session["left"] == [False, "typed while recording", "KKKKKKK", 0.25]
    assert [c["value"] for c in session["checks"]] == session["left"]


def test_the_generated_pytest_passes_on_a_fresh_demo(session, run_pytest_file):
    run = run_pytest_file("test_recorded_demo.py", session["pytest"])
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "1 passed" in run.stdout


def test_the_json_steps_replay_on_a_fresh_demo_and_leave_the_same_values(live_gui, session):
    live_gui.restart()  # a fresh imhost --demo
    gui = live_gui.client
    assert STYLE not in [w["name"] for w in gui.windows()["windows"]]
    reply = gui.call("POST", "/api/replay", {"steps": session["steps"]})
    assert reply == {"steps": len(session["steps"]), "passed": True}
    assert values(gui, [c["target"] for c in session["checks"]]) == session["left"]


def test_the_generated_gtest_builds_and_passes(session):
    source = os.environ.get("IMHOST_RECORDED_GTEST")
    if not source:
        pytest.skip("run through CTest: it says where the recorded GoogleTest builds")
    assert "class RecordedSession : public harness::LiveGuiTest" in session["gtest"]
    with open(source, "w") as f:
        f.write(session["gtest"])
    build = subprocess.run([os.environ["IMHOST_CMAKE"], "--build", os.environ["IMHOST_BUILD_DIR"],
                            "--target", "recorded_session_test"],
                           capture_output=True, text=True, timeout=240)
    assert build.returncode == 0, build.stdout[-4000:] + build.stderr[-2000:]
    env = {k: v for k, v in os.environ.items() if k != "IMHOST_SUMMARY_DIR"}
    run = subprocess.run([os.environ["IMHOST_RECORDED_GTEST_EXE"]], capture_output=True,
                         text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "[  PASSED  ] 1 test" in run.stdout, run.stdout[-2000:]


def test_bad_recorder_input_gets_a_clear_4xx(live_gui):
    gui = live_gui.client

    def refused(method, path, body, status, fragment):
        r = gui.request(method, path, body)
        assert r.status == status, (path, body, r.body)
        assert fragment in r.body["value"]["message"], r.body

    refused("POST", "/api/record/stop", {}, 400, "no recording is running")
    gui.call("POST", "/api/record/start", {})
    refused("POST", "/api/record/start", {}, 400, "already running")
    refused("POST", "/api/record/stop", {"format": "ruby"}, 400, "unknown format 'ruby'")
    gui.call("POST", "/api/record/stop", {"format": "json"})
    refused("POST", "/api/replay", {"steps": 3}, 400, "'steps' must be an array")
    refused("POST", "/api/replay", {"steps": [{"action": "fly"}]}, 400, "step 0: unknown action")
    r = gui.request("POST", "/api/replay", {"steps": [
        {"action": "open", "target": {"label": "Widgets", "window": DEMO}, "open": True},
        {"action": "click", "target": {"id": "no_such_item"}}]})
    error = r.body["value"]
    assert r.status == 404 and error["error"] == "no such element", r.body
    assert error["data"]["index"] == 1 and error["message"].startswith("step 1 (click) failed")


def test_a_record_file_keeps_the_steps_so_far_through_a_crash(live_gui, tmp_path):
    path = tmp_path / "session.json"
    gui = GuiProcess(live_gui.process.exe, extra_args=["--record", str(path)], app="demo",
                     name="record-crash")
    try:
        gui.client.open({"label": "Help", "window": DEMO})
        assert json.loads(path.read_text())["steps"][0]["action"] == "open"  # written at once
        try:
            gui.client.fault("segv")  # answers, then crashes; or the crash comes first
        except (HookError, TransportError):
            pass
        deadline = time.monotonic() + 10
        while gui.alive() and time.monotonic() < deadline:
            time.sleep(0.05)  # polling the process's end, with a deadline
        assert not gui.alive(), "imhost outlived its segv"
        steps = json.loads(path.read_text())["steps"]
        assert steps[0] == {"action": "open", "target": {"ref": f"{DEMO}/Help"}, "open": True,
                            "frame": steps[0]["frame"]}
    finally:
        gui.stop()


def test_the_recorder_window_records_all_but_itself(live_gui):
    gui = live_gui.client
    gui.keys(["F9"])  # shows the Recorder window
    gui.wait({"type": "window_open", "window": "imhost Recorder"}, timeout_ms=3000)
    gui.click("btn_record_start")
    assert gui.call("GET", "/api/record")["recording"] is True
    gui.click({"label": "Help", "window": DEMO})
    gui.click("btn_record_stop")
    steps = gui.call("GET", "/api/record")["steps"]
    # Only the header: neither the Start and Stop clicks nor F9 are steps.
    assert [(s["action"], s["target"]) for s in steps] == [("open", {"ref": f"{DEMO}/Help"})], steps
