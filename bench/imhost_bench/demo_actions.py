"""Section 7: the round trip of the verbs that drive Dear ImGui's own demo (`imhost --demo`), as a
test author calls them: open a tree node, click a menu path, pick a combo entry that starts out of
view, read a radio button and a combo through the draw data, read a window's text.

Each verb runs ROUNDS times, alternating between two states so that every call changes something
(open/close, check/uncheck, AAAA/KKKKKKK), and each result is read back and checked outside the
timing. Frames = health's frame count after the call minus before it.
imgui_test_engine's ItemOpen / MenuClick / ComboClick take 6-20 frames each in its fast mode
(reference, not measured here)."""
import time

from .processes import client as hook_client
from .report import Section, us_or_ms
from .stats import median, percentile

ROUNDS = 30
DEMO = "Dear ImGui Demo"


def ref(path):
    return {"ref": f"{DEMO}/{path}"}


def timed(program, call):
    f0 = program.frame_count()
    t0 = time.perf_counter()
    reply = call()
    took = time.perf_counter() - t0
    return reply, took, program.frame_count() - f0


def rounds(program, call, check):
    latencies, frames = [], []
    for i in range(ROUNDS):
        reply, took, n = timed(program, lambda: call(i))
        latencies.append(took)
        frames.append(n)
        check(i, reply)
    return latencies, frames


def expect(what, got, wanted):
    if got != wanted:
        raise RuntimeError(f"{what}: read back {got!r}, wanted {wanted!r}")


def run(bench):
    program = bench.programs.imhost("--demo")
    client = hook_client(program.port)
    try:
        program.wait_pass()
        client.open(ref("Widgets"))
        client.open(ref("Basic"))
        measured = {}
        measured["open (tree node, open/close)"] = rounds(
            program, lambda i: client.open(ref("Bullets"), opened=i % 2 == 0),
            lambda i, r: expect("Bullets opened", r["opened"], i % 2 == 0))
        measured["menu/click (Tools/About Dear ImGui, on/off)"] = rounds(
            program,
            lambda i: client.menu_click("Tools/About Dear ImGui", window=DEMO, check=i % 2 == 0),
            lambda i, r: expect("About checked", r["checked"], i % 2 == 0))
        entries = ("KKKKKKK", "AAAA")  # the 11th entry is out of the list's view
        measured["combo/select (entry out of view, then the first)"] = rounds(
            program, lambda i: client.combo_select(ref("Basic/combo"), entries[i % 2]),
            lambda i, r: expect("combo", client.get_value(ref("Basic/combo")), entries[i % 2]))
        measured["value of a radio button (draw data)"] = rounds(
            program, lambda i: client.get_value(ref("Basic/radio a")),
            lambda i, r: expect("radio a", r, True))
        measured["value of a combo (draw data)"] = rounds(
            program, lambda i: client.get_value(ref("Basic/combo")),
            lambda i, r: expect("combo", r, "AAAA"))
        measured["text of the demo window"] = rounds(
            program, lambda i: client.text(window=DEMO),
            lambda i, r: expect("has the header", "Widgets" in r["text"], True))
    finally:
        client.close()
        program.stop()

    section = Section("demo", f"7. Driving the demo (`imhost --demo`, {ROUNDS} each)",
                      ["verb", "p50", "p99", "frames p50", "frames max",
                       "imgui_test_engine (fast mode)"])
    references = {"open": "6-12 frames (ItemOpen)", "menu/click": "12-20 frames (MenuClick)",
                  "combo/select": "12-20 frames (ComboClick)"}
    for name, (lat, frames) in measured.items():
        reference = next((v for k, v in references.items() if name.startswith(k)), "")
        section.rows.append([name, us_or_ms(median(lat)), us_or_ms(percentile(lat, 99)),
                             median(frames), max(frames), reference])
    section.notes.append("Each call alternates between two states, and its result is read back "
                         "and checked outside the timing (opened, checked, the combo's value).")
    section.notes.append("Frames = health's frame count after the call minus before it; the "
                         "frame loop runs at --max-fps 60.")
    section.data = {name: {"s": lat, "frames": frames} for name, (lat, frames) in measured.items()}
    return section
