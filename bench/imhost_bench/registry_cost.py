"""Section 9: the item registry's cost on the GUI thread, on Dear ImGui's demo window headless.

bench/registry_cost/registry_cost_main.cpp runs the demo window without GL or a display, every
tree node and header open, and alternates three states in one process: ImGui's own frame (no
sink), a sink that returns at once (what ImGui's calls into the hooks cost), and the registry.
It is a quick look, not a judge: section 8 measures the real thing, under llvmpipe with the
example windows, and a change to the hooks is judged there (frames alternating on and off);
this figure moved by a few points between runs of one binary. It has no target of its own: with
no GL to draw, the GUI thread's frames come back to back and the registry's thread works beside
them, not beside llvmpipe, and that alone costs a few points that imhost does not pay
(registry_cost_main.cpp)."""
import json
import os
import subprocess

from .report import Section, Target

ROUNDS, FRAMES = 16, 100


def run(bench):
    exe = os.path.join(bench.build_dir, "bench", "imhost_registry_cost")
    out = json.loads(subprocess.run([exe, str(ROUNDS), str(FRAMES)], capture_output=True,
                                    text=True, check=True).stdout)
    section = Section("registry-headless",
                      "9. Frame cost of the hooks on the demo window, headless (GUI thread CPU "
                      "per frame)",
                      ["state", "CPU / frame (least)", "over ImGui's own frame (median of "
                       "paired rounds)"])
    labels = {"off": "off (ImGui's own frame)", "hooks": "ImGui calling a sink that returns",
              "registry": "the item registry"}
    for state in ("off", "hooks", "registry"):
        section.rows.append([labels[state], f"{out[state]['least_us']:.0f} µs",
                             f"{out[state]['overhead_pct']:+.1f} %" if state != "off" else ""])
    section.notes.append(
        f"{out['items']} items; {ROUNDS} rounds of {FRAMES} frames per state, alternating. Of "
        f"the registry's figure, {out['handover_us']:.1f} µs a frame is its end_frame() (the "
        "windows copied, the frame queued for its thread, which it wakes every 4 frames). No "
        "GL: ImGui's own frame here is the demo window alone, without its example windows, "
        "and the registry's thread works beside the GUI thread's next frames, not beside "
        "llvmpipe: a build capturing nothing cost ~6.5 % here, ~2 % on the real demo. A quick "
        "look at the hooks' cost: section 8 judges a change, and is the target.")
    section.targets.append(Target("registry overhead, demo window headless",
                                  f"{out['registry']['overhead_pct']:+.1f} % (the calls alone "
                                  f"{out['hooks']['overhead_pct']:+.1f} %)", "-", None))
    section.data = out
    return section
