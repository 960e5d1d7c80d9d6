"""`imhost --demo` from pytest: Dear ImGui's own demo as the system under test. Health passes and
/api/status says "app": "demo"; the demo window and its items are listed; real clicks open a
header, toggle a checkbox and press a button that opens a modal; a Begin() leaked inside the
demo's panel names "Dear ImGui Demo" while the demo keeps drawing."""

import pytest

from imhost_client import until

pytestmark = pytest.mark.imhost_options(app="demo", reset_between_tests=True)

DEMO = "Dear ImGui Demo"  # the window, and the guarded panel




def in_demo(label):
    return {"label": label, "window": DEMO}


def window_names(live_gui):
    return [w["name"] for w in live_gui.client.windows()["windows"]]


def open_node(live_gui, label):
    """A header or tree node of the demo window, opened by a real click unless already open."""
    if live_gui.get_value(in_demo(label)) is not True:
        live_gui.click(in_demo(label))
    assert live_gui.get_value(in_demo(label)) is True, f"'{label}' did not open"


def toggle_menu_item(live_gui, menu, item):
    """A menu of the demo window's menu bar, then one of its items, as a user opens a tool."""
    live_gui.click(in_demo(menu))
    live_gui.wait({"type": "item_visible", "target": {"label": item}}, timeout_ms=3000)
    live_gui.click({"label": item})


def test_health_passes_and_status_says_demo(live_gui):
    health = live_gui.health()
    assert health["status"] == "pass", health
    assert health["io_pool"]["state"] == "running", health
    status = live_gui.client.status()
    assert status["app"] == "demo", status
    assert "state" not in status["capabilities"], status
    assert live_gui.request("POST", "/api/project/new", {}).status == 404


def test_windows_list_the_demo_window(live_gui):
    live_gui.wait({"type": "window_open", "window": DEMO})
    demo = next(w for w in live_gui.client.windows()["windows"] if w["name"] == DEMO)
    assert demo["visible"] and not demo["collapsed"], demo
    assert demo["rect"] == {"x": 650, "y": 20, "w": 550, "h": 680}, demo
    assert "Projects" not in window_names(live_gui), "a workbench panel is drawn in demo mode"


def test_items_of_the_demo_window_are_listed(live_gui):
    items = live_gui.client.items(window=DEMO)["items"]
    labels = {item["label"] for item in items if item["label"]}
    for label in ("Menu", "Examples", "Tools", "Help", "Configuration", "Window options",
                  "Widgets", "Popups & Modal windows"):
        assert label in labels, f"{label!r} not listed: {sorted(labels)}"
    assert all(item["window"].startswith(DEMO) for item in items)


def test_a_click_opens_a_header(live_gui):
    assert live_gui.get_value(in_demo("Help")) is False
    assert live_gui.click(in_demo("Help"))["clicked"] is True
    assert live_gui.get_value(in_demo("Help")) is True
    live_gui.reset()
    assert live_gui.get_value(in_demo("Help")) is False, "POST /api/reset left 'Help' open"


def test_a_click_toggles_a_demo_checkbox(live_gui):
    open_node(live_gui, "Window options")
    before = live_gui.get_value(in_demo("No bring to front"))
    assert isinstance(before, bool), before
    live_gui.click(in_demo("No bring to front"))
    assert live_gui.get_value(in_demo("No bring to front")) is (not before)
    # The demo keeps its widgets' values in its own statics, which no reset reaches: put it back.
    live_gui.click(in_demo("No bring to front"))
    assert live_gui.get_value(in_demo("No bring to front")) is before


def test_a_click_on_a_demo_button_opens_its_modal(live_gui):
    open_node(live_gui, "Popups & Modal windows")
    open_node(live_gui, "Modals")
    assert "Delete?" not in window_names(live_gui)
    live_gui.click(in_demo("Delete.."))
    live_gui.wait({"type": "window_open", "window": "Delete?"}, timeout_ms=3000)
    modal = next(w for w in live_gui.client.windows()["windows"] if w["name"] == "Delete?")
    assert modal["popup"] is True, modal
    live_gui.click({"label": "OK", "window": "Delete?"})
    live_gui.wait({"type": "window_closed", "window": "Delete?"}, timeout_ms=3000)


def test_a_menu_opens_a_tool_window(live_gui):
    assert "About Dear ImGui" not in window_names(live_gui)
    toggle_menu_item(live_gui, "Tools", "About Dear ImGui")
    live_gui.wait({"type": "window_open", "window": "About Dear ImGui"}, timeout_ms=3000)
    assert live_gui.client.items(window="About Dear ImGui")["count"] > 0
    toggle_menu_item(live_gui, "Tools", "About Dear ImGui")  # MenuItem() toggles it: closed again
    live_gui.wait({"type": "window_closed", "window": "About Dear ImGui"}, timeout_ms=3000)


def test_a_begin_leaked_in_the_demo_panel_is_recorded_and_the_demo_draws_on(live_gui):
    open_node(live_gui, "Help")
    armed = live_gui.fault("missing_end", panel=DEMO)
    assert armed["panel"] == DEMO, armed
    health = until(lambda: (h := live_gui.health())["last_assert"] and h, what="last_assert")
    record = health["last_assert"]
    assert record["kind"] == "scope_leak", record
    assert record["panel"] == DEMO, record
    assert 'Begin("Fault: missing_end") without End()' in record["message"], record
    assert health["status"] == "warn" and health["phase"] == "running", health
    assert health["guard"]["quarantined_panels"] == [], health
    records = live_gui.client.errors(since=0)["records"]
    assert [(r["kind"], r["panel"]) for r in records] == [("scope_leak", DEMO)], records

    # The demo goes on drawing: frames advance, its window and items are in the later frames.
    # (A record's frame is the frame in progress; health counts the frames finished.)
    before = live_gui.health()["frame"]["count"]
    live_gui.wait({"type": "frames", "count": 3})
    assert live_gui.health()["frame"]["count"] >= before + 3
    names = window_names(live_gui)
    assert DEMO in names and "Fault: missing_end" not in names, names
    help_header = live_gui.client.find(in_demo("Help"))
    assert help_header["last_seen_frame"] > record["frame"], help_header
    assert help_header["opened"] is True, help_header
