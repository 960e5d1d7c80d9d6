"""First steps with the imhost pytest plugin, on Dear ImGui's demo window (`imhost --demo`).

The plugin gives every test file one live GUI (the `live_gui` fixture), checks its health before
each test, and replaces it after a test that broke it. Targets are locators: an item's label in
a window, as a user sees it.
"""
import pytest

pytestmark = pytest.mark.imhost_options(app="demo", reset_between_tests=True)

DEMO = "Dear ImGui Demo"  # the demo's window


def in_demo(label):
    return {"label": label, "window": DEMO}


def test_the_demo_is_up_and_healthy(live_gui):
    health = live_gui.health()
    assert health["status"] == "pass", health
    assert live_gui.client.status()["app"] == "demo"


def test_a_click_opens_a_collapsing_header(live_gui):
    assert live_gui.get_value(in_demo("Help")) is False
    live_gui.click(in_demo("Help"))
    assert live_gui.get_value(in_demo("Help")) is True


def test_a_menu_opens_a_tool_window(live_gui):
    live_gui.client.menu_click("Tools/About Dear ImGui", window=DEMO)
    live_gui.wait({"type": "window_open", "window": "About Dear ImGui"}, timeout_ms=3000)
    live_gui.client.menu_click("Tools/About Dear ImGui", window=DEMO)  # a toggle: closed again
    live_gui.wait({"type": "window_closed", "window": "About Dear ImGui"}, timeout_ms=3000)
