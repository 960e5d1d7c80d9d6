"""What a section returns, and how it is printed (Markdown tables, pasted as is into the README)."""
from dataclasses import dataclass, field


@dataclass
class Target:
    what: str       # "start-up median vs floor"
    value: str      # what was measured, formatted
    target: str     # "<= 1.5x and < 100 ms"
    met: bool | None  # None: shown for comparison, no target set


@dataclass
class Section:
    key: str                                     # "startup": the name `--section` takes
    title: str
    columns: list
    rows: list = field(default_factory=list)     # lists of cells, already formatted
    notes: list = field(default_factory=list)    # one sentence each: how it was measured
    targets: list = field(default_factory=list)
    data: dict = field(default_factory=dict)     # the raw figures, for results.json
    load: float = 0.0                            # 1-minute load average when it started


def markdown_table(columns, rows):
    widths = [max(len(str(c)) for c in col) for col in zip(columns, *rows)]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"
    return "\n".join([line(columns), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
                     + [line(r) for r in rows])


def render_section(section):
    out = [f"### {section.title} (load {section.load:.2f} at start)", "",
           markdown_table(section.columns, section.rows)]
    out += [""] + [f"- {note}" for note in section.notes] if section.notes else []
    return "\n".join(out)


def render_targets(sections, machine, load_now):
    verdict = {True: "met", False: "**MISSED**", None: "-"}
    rows = [[t.what, t.value, t.target, verdict[t.met]]
            for s in sections for t in s.targets]
    header = (f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB; "
              f"load {load_now:.2f} at the end")
    return header + "\n\n" + markdown_table(["measure", "measured", "target", "verdict"], rows)


def ms(seconds):
    return f"{seconds * 1000:.1f} ms"


def us_or_ms(seconds):
    return f"{seconds * 1e6:.0f} µs" if seconds < 1e-3 else f"{seconds * 1e3:.2f} ms"
