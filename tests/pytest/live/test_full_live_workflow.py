"""A user's whole session in pytest: new automated project, discussion, context, settings, a tool
run, switch away and back, then a restart on the same workspace finds everything."""
import os

import pytest

pytestmark = pytest.mark.imhost_options(fault_injection=False)


def test_everything_persists_across_switch_and_restart(live_gui):
    gui = live_gui
    gui.wait_state("/ready", True)  # the button is ignored while the workspace loads
    before = gui.state()["project"]["name"]
    gui.click("btn_project_new_automated")
    for _ in range(500):
        if gui.state()["project"]["name"] != before:
            break
        gui.wait({"type": "frames", "count": 1})
    project = gui.state()["project"]["name"]
    assert project != before

    for message in ("one", "two", "three"):
        gui.set_value("input_discussion_message", message, via="input")
        gui.click("btn_discussion_send")
    gui.wait_state("/discussion/count", 3)

    with open(os.path.join(gui.workspace, "readme.txt"), "w") as f:
        f.write("twelve bytes")
    gui.set_value("input_context_path", "readme.txt", via="input")
    gui.click("btn_context_add")
    gui.wait_state("/context/files/0/size", 12)

    settings = {"model": "py-workflow", "temperature": 1.75, "max_tokens": 333,
                "stream": not gui.state()["settings"]["stream"]}
    gui.set_value("input_settings_model", settings["model"], via="input")
    gui.set_value("slider_settings_temperature", settings["temperature"], via="input")
    gui.set_value("input_settings_max_tokens", settings["max_tokens"], via="input")
    gui.set_value("chk_settings_stream", settings["stream"], via="input")
    gui.wait_state("/settings", settings)

    gui.set_value("input_tool_name", "hello", via="input")
    gui.set_value("input_tool_command", "echo hello", via="input")
    gui.click("btn_tool_add")
    gui.click("btn_tool_run_hello")
    gui.wait_state("/tools/0/last_exit_code", 0, timeout_ms=10000)
    assert any("hello" in line for line in gui.state()["console"]["tail"])

    gui.click("btn_project_new_automated")
    gui.wait({"type": "state_equals", "pointer": "/discussion/count", "value": 0})
    gui.call("POST", "/api/project/switch", {"name": project})
    gui.wait_state("/settings", settings)

    pid = gui.pid
    gui.restart()
    assert gui.pid != pid
    if gui.state()["project"]["name"] != project:
        gui.call("POST", "/api/project/switch", {"name": project})
    gui.wait_state("/project/name", project)
    state = gui.state()
    assert state["discussion"] == {"count": 3, "last": "three"}
    assert state["settings"] == settings
    assert [f["path"] for f in state["context"]["files"]] == ["readme.txt"]
    assert [(t["name"], t["command"]) for t in state["tools"]] == [("hello", "echo hello")]
    assert gui.health()["status"] == "pass"
