"""Driving `imhost --demo` by refs from pytest, as a test author would: copy an item's `ref` from
/api/items, open sections by real clicks, let actions scroll items into view, and read the
`no such element` hint that names the node to open first."""
import pytest

from imhost_client.errors import HookError

pytestmark = pytest.mark.imhost_options(app="demo", reset_between_tests=True)

DEMO = "Dear ImGui Demo"


def ref(path):
    return {"ref": f"{DEMO}/{path}"}


def in_demo(label):
    return {"label": label, "window": DEMO}


def test_listed_refs_find_their_items(live_gui):
    items = live_gui.client.items(window=DEMO)["items"]
    refs = {it["ref"]: it["imgui_id"] for it in items if it["ref"]}
    assert f"{DEMO}/Help" in refs and f"{DEMO}/##MenuBar/Tools" in refs, refs
    for text, imgui_id in refs.items():
        assert live_gui.client.find({"ref": text})["imgui_id"] == imgui_id, text


def test_open_then_click_inside_a_tree_node(live_gui):
    client = live_gui.client
    first = client.open(ref("Widgets"))
    assert first["opened"] is True and first["changed"] is True, first
    assert client.open(ref("Widgets"))["changed"] is False  # already open: nothing clicked
    assert client.open(ref("Basic"))["opened"] is True
    before = live_gui.get_value(ref("Basic/checkbox"))
    live_gui.click(ref("Basic/checkbox"))
    assert live_gui.get_value(ref("Basic/checkbox")) is (not before)
    assert client.open(ref("Widgets"), opened=False)["opened"] is False
    assert live_gui.get_value(ref("Widgets")) is False


def test_a_header_below_the_fold_is_scrolled_into_view(live_gui):
    client = live_gui.client
    client.open(ref("Widgets"))
    demo = next(w for w in client.windows()["windows"] if w["name"] == DEMO)
    bottom = demo["rect"]["y"] + demo["rect"]["h"]
    item = client.scroll_into_view(ref("Inputs & Focus"))
    assert item["visible"] is True
    assert item["rect"]["y"] + item["rect"]["h"] <= bottom, item
    assert client.open(ref("Tables & Columns"))["opened"] is True


def test_an_item_under_a_closed_node_names_the_node_to_open(live_gui):
    live_gui.client.open(ref("Widgets"))
    with pytest.raises(HookError) as error:
        live_gui.get_value(ref("Basic/checkbox"))
    assert error.value.status == 404
    assert error.value.data["nearest"] == f"{DEMO}/Basic", error.value.data
    assert "closed: open it first" in str(error.value)
    assert live_gui.health()["status"] == "pass"


def test_tool_windows_open_from_the_demo_menu_bar(live_gui):
    client = live_gui.client
    assert client.menu_click("Tools/About Dear ImGui", window=DEMO)["clicked"] is True
    assert "About Dear ImGui" in [w["name"] for w in client.windows()["windows"]]
    assert client.menu_click("Tools/About Dear ImGui", window=DEMO, check=True)["clicked"] is False
    assert client.menu_click("Tools/About Dear ImGui", window=DEMO, check=False)["clicked"] is True
    assert "About Dear ImGui" not in [w["name"] for w in client.windows()["windows"]]


def test_a_menu_left_open_is_closed_by_close_popups(live_gui):
    client = live_gui.client
    client.menu_click("Examples", window=DEMO)
    assert any(w["popup"] for w in client.windows()["windows"])
    assert len(client.close_popups()["closed"]) == 1
    assert not any(w["popup"] for w in client.windows()["windows"])


def test_a_combo_entry_out_of_view_is_picked(live_gui):
    client = live_gui.client
    client.open(ref("Widgets"))
    client.open(ref("Basic"))
    assert client.combo_select(ref("Basic/combo"), "JJJJ")["selected"] is True
    # A combo's value is its preview, read back from what the frame drew.
    assert live_gui.get_value(ref("Basic/combo")) == "JJJJ"


def test_radio_buttons_and_selectables_read_what_the_frame_drew(live_gui):
    client = live_gui.client
    client.open(ref("Widgets"))
    client.open(ref("Basic"))
    live_gui.click(ref("Basic/radio b"))
    assert [live_gui.get_value(ref(f"Basic/radio {x}")) for x in "abc"] == [False, True, False]
    radios = [(it["label"], it["checked"]) for it in client.items(window=DEMO)["items"]
              if it.get("radio")]
    assert radios == [("radio a", False), ("radio b", True), ("radio c", False)], radios
    client.open(ref("Selectables"))
    client.open(ref("Selectables/Basic"))
    third = ref("Selectables/Basic/3. I am selectable")
    was = live_gui.get_value(third)
    live_gui.click(third)  # the mouse stays on it, which draws it the same either way
    assert live_gui.get_value(third) is (not was)


def test_text_output_is_read_from_the_frame(live_gui):
    client = live_gui.client
    client.open(ref("Widgets"))
    client.open(ref("Basic"))
    assert "Thanks for clicking me!" not in client.text(window=DEMO)["text"]
    live_gui.click(ref("Basic/Button"))
    lines = client.text(window=DEMO)["lines"]
    assert any("Thanks for clicking me!" in line["text"] for line in lines), lines
    assert client.text(target=ref("Basic/Button"))["text"] == "Button"


def test_a_click_an_open_popup_would_swallow_is_intercepted(live_gui):
    client = live_gui.client
    client.open(ref("Widgets"))
    client.open(ref("Basic"))
    client.menu_click("Menu", window=DEMO)
    with pytest.raises(HookError) as error:
        live_gui.click(ref("Basic/radio c"))
    assert error.value.code == "element click intercepted", error.value
    assert error.value.data["popup"] == "Menu###Menu_00"
    client.close_popups()
    live_gui.click(ref("Basic/radio c"))
    assert live_gui.get_value(ref("Basic/radio c")) is True


def test_keys_type_a_command_into_the_console_example(live_gui):
    client = live_gui.client
    client.menu_click("Examples/Console", window=DEMO, check=True)
    line = {"ref": "Example: Console/Input"}
    client.keys(["Ctrl+A", "Backspace"], text="HELP", target=line)
    assert live_gui.get_value(line) == "HELP"
    client.keys(["Enter"])
    assert live_gui.get_value(line) == ""
    client.keys(["Up"])  # the console's history brings the command back
    assert live_gui.get_value(line) == "HELP"
    client.menu_click("Examples/Console", window=DEMO, check=False)


@pytest.mark.parametrize("widget, wanted", [
    ("input text", "from pytest"), ("input int", -7), ("drag float", 0.5), ("slider int", 3),
])
def test_basic_widgets_are_set_and_read_back(live_gui, widget, wanted):
    live_gui.client.open(ref("Widgets"))
    live_gui.client.open(ref("Basic"))
    live_gui.set_value(ref(f"Basic/{widget}"), wanted, via="input")
    assert live_gui.get_value(ref(f"Basic/{widget}")) == wanted


def test_drag_and_drop_copies_a_button_onto_another(live_gui):
    client = live_gui.client
    for node in ("Widgets", "Drag and Drop", "Drag and Drop/Drag and drop to copy\\/swap items"):
        client.open(ref(node))
    client.drag(in_demo("Bobby"), to=in_demo("Beatrice"))
    labels = [it["label"] for it in client.items(window=DEMO)["items"]]
    assert labels.count("Bobby") == 2 and "Beatrice" not in labels


def test_a_tooltip_shows_while_the_mouse_rests(live_gui):
    client = live_gui.client
    client.open(ref("Widgets"))
    client.open(ref("Basic"))
    assert client.hover(ref("Basic/Tooltip"), ms=600)["hovered"] is True
    assert "##Tooltip_00" in [w["name"] for w in client.windows()["windows"]]


def test_open_all_opens_a_subtree_and_check_all_the_examples(live_gui):
    client = live_gui.client
    client.open(ref("Widgets"))
    reply = client.open_all(DEMO, under=f"{DEMO}/Tree Nodes")
    assert reply["opened"] >= 3, reply
    assert all(r.startswith(f"{DEMO}/Tree Nodes") for r in reply["items"]), reply
    assert client.check_all("Examples", DEMO, check=True)["changed"]
    assert "Example: Log" in [w["name"] for w in client.windows()["windows"]]
    client.check_all("Examples", DEMO, check=False)
    assert "Example: Log" not in [w["name"] for w in client.windows()["windows"]]
    moved = client.window_action("move", DEMO, x=-50, y=10)
    assert moved["rect"]["x"] == 600.0, moved
