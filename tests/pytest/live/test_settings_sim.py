"""The Settings panel driven by typing and clicking (pytest twin of settings_sim_live_test)."""
import pytest

from imhost_client import InvalidArgument

pytestmark = pytest.mark.imhost_options(reset_between_tests=True, fault_injection=False)


def new_project(gui):
    # The workbench ignores the button while its workspace (re)loads after a reset: wait for it.
    gui.wait_state("/ready", True)
    before = gui.state()["project"]["name"]
    gui.click("btn_project_new_automated")
    for _ in range(500):
        name = gui.state()["project"]["name"]
        if name != before:
            return name
        gui.wait({"type": "frames", "count": 1})
    pytest.fail("no new project after clicking New automated")


def test_every_field_is_set_by_typing_or_clicking(live_gui):
    new_project(live_gui)
    stream = live_gui.state()["settings"]["stream"]
    live_gui.set_value("input_settings_model", "py-model", via="input")
    live_gui.set_value("slider_settings_temperature", 1.5, via="input")
    live_gui.set_value("input_settings_max_tokens", 512, via="input")
    live_gui.click("chk_settings_stream")
    live_gui.wait_state("/settings", {"model": "py-model", "temperature": 1.5, "max_tokens": 512,
                                      "stream": not stream})
    assert live_gui.get_value("input_settings_model") == "py-model"
    assert live_gui.get_value("chk_settings_stream") is (not stream)


def test_out_of_range_values_change_nothing(live_gui):
    new_project(live_gui)
    live_gui.set_value("input_settings_max_tokens", 100, via="input")
    live_gui.wait_state("/settings/max_tokens", 100)
    with pytest.raises(InvalidArgument, match="1..1000000"):
        live_gui.set_value("input_settings_max_tokens", 0, via="binding")
    with pytest.raises(InvalidArgument):
        live_gui.set_value("input_settings_model", 3, via="binding")  # wrong type
    assert live_gui.state()["settings"]["max_tokens"] == 100


def test_settings_belong_to_their_project(live_gui):
    first = new_project(live_gui)
    live_gui.set_value("input_settings_model", "model-of-first", via="input")
    live_gui.wait_state("/settings/model", "model-of-first")
    new_project(live_gui)
    assert live_gui.state()["settings"]["model"] != "model-of-first"
    live_gui.call("POST", "/api/project/switch", {"name": first})
    live_gui.wait_state("/settings/model", "model-of-first")
