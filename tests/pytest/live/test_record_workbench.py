"""Recording a short session on the workbench (a new project, a discussion message, a setting):
the steps name the workbench's items by their ##ids, and the generated pytest passes against a
fresh workbench."""
import pytest

pytestmark = pytest.mark.imhost_options(app="workbench")


def test_a_workbench_session_records_by_id_and_replays(live_gui, run_pytest_file):
    gui = live_gui.client
    gui.call("POST", "/api/record/start", {})
    gui.click("btn_project_new_automated")
    gui.set_value("input_discussion_message", "recorded hello", via="input")
    gui.click("btn_discussion_send")
    gui.set_value("input_settings_model", "recorded-model", via="input")
    stopped = gui.call("POST", "/api/record/stop", {"format": "pytest"})
    acts = [s for s in stopped["steps"] if s["action"] not in ("expect", "wait")]
    assert [(s["action"], s["target"]) for s in acts] == [
        ("click", {"id": "btn_project_new_automated"}),
        ("set_value", {"id": "input_discussion_message"}),
        ("click", {"id": "btn_discussion_send"}),
        ("set_value", {"id": "input_settings_model"})], stopped["steps"]
    checks = {s["target"]["id"]: s["value"] for s in stopped["steps"] if s["action"] == "expect"}
    # Send emptied the message box: the check is what the session left, not what was typed.
    assert checks.get("input_settings_model") == "recorded-model", checks
    assert checks.get("input_discussion_message", "") == gui.get_value("input_discussion_message")

    run = run_pytest_file("test_recorded_workbench.py", stopped["code"])
    assert run.returncode == 0, stopped["code"] + run.stdout[-4000:] + run.stderr[-2000:]
