"""The installed pytest plugin (imhost_client.pytest_plugin) on an app that is not imhost: the
example, built against the installed package. Run by install_round_trip.sh:

    PYTHONPATH=<prefix>/share/imhost/python python3 -m pytest -p imhost_client.pytest_plugin \
        --imhost-exe <example> test_example_pytest.py
"""

import os

import pytest

pytestmark = pytest.mark.imhost_options(reset_between_tests=True)


def command_line(pid: int) -> list:
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        return [arg.decode() for arg in f.read().split(b"\0") if arg]


def test_the_app_gets_only_the_two_flags_every_app_takes(live_gui):
    argv = command_line(live_gui.pid)
    assert os.path.basename(argv[0]) == "example_glfw_opengl3"
    assert argv[1:3] == ["--hook-port", "0"]
    assert argv[3] == "--port-file" and len(argv) == 5, argv


def test_health_passes_and_the_items_are_listed(live_gui):
    assert live_gui.health()["status"] == "pass"
    ids = {item.get("id") for item in live_gui.call("GET", "/api/items")["items"]}
    assert {"btn_count", "chk_details", "btn_fail_assert"} <= ids


def test_a_click_takes_effect(live_gui):
    before = live_gui.get_value("txt_clicks")
    live_gui.click("btn_count")
    live_gui.wait({"type": "value_equals", "target": {"id": "txt_clicks"}, "value": before + 1})
    assert live_gui.get_value("txt_clicks") == before + 1


def test_the_apps_own_failed_assert_is_recorded(live_gui):
    live_gui.click("btn_fail_assert")
    records = live_gui.call("GET", "/api/errors?since=0")["records"]
    mine = [r for r in records if "examples/glfw_opengl3/main.cpp" in r["file"]]
    assert mine and mine[-1]["kind"] == "assert" and mine[-1]["panel"] == "Example panel"
    assert live_gui.health()["phase"] == "running"
