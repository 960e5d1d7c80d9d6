"""Section 2: GET /api/gui_health under load, imhost vs the Python stack.

Two kinds of load:
- wrk flat out, 1 and 16 connections: throughput, against Python's ThreadingHTTPServer serving
  the JSON imhost returned, rebuilt per request (see python_health_server.py), twice: as the
  seed's kind of server ran it (HTTP/1.0, a connection per request: issue 15's reference, and the
  verdict's), and at its fastest (HTTP/1.1 keep-alive, shown beside it);
- a steady poller, 16 connections at a fixed combined 2000 req/s (bench/load/health_rate_main.cpp):
  what a harness polling health costs the GUI it polls.
imhost animates at its 60 fps cap during both (--bench-animate), so the frame rate it holds
shows whether serving health steals from the GUI."""
import json
import os
import re
import subprocess
import tempfile
import time

from .processes import Program, free_port
from .report import Section, Target, us_or_ms
from .stats import ratio

CONNECTIONS = (1, 16)
SECONDS = 5
GUI_FPS = 60
STEADY_CONNECTIONS, STEADY_RATE = 16, 2000
SERVER_SCRIPT = os.path.join(os.path.dirname(__file__), "python_health_server.py")
# The Python references: name -> the server's extra arguments. The first is the verdict's.
PYTHONS = {"Python, HTTP/1.0": ["--http1.0"], "Python, keep-alive": []}


def to_seconds(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def wrk(port, connections):
    """req/s, p50 and p99 latency (s) of one wrk run (one wrk thread, keep-alive)."""
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{SECONDS}s", "--latency",
         f"http://127.0.0.1:{port}/api/gui_health"],
        capture_output=True, text=True, check=True).stdout
    pct = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.M))  # "1.25s " has a space
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", out)
    return {"req_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50_s": to_seconds(pct["50"]), "p99_s": to_seconds(pct["99"]),
            "errors": errors.group(0) if errors else None}


def frame_rate(imhost, work):
    """imhost's frames per second while `work()` runs."""
    frames0, t0 = imhost.frame_count(), time.perf_counter()
    result = work()
    return result, (imhost.frame_count() - frames0) / (time.perf_counter() - t0)


def steady(bench, port):
    """The fixed-rate poller's figures (latency from each request's scheduled time)."""
    out = subprocess.run([bench.programs.health_rate_exe, str(port), str(STEADY_CONNECTIONS),
                          str(STEADY_RATE), str(SECONDS)], capture_output=True, text=True)
    return json.loads(out.stdout)


def measure_imhost(imhost, connections):
    result, result["fps"] = frame_rate(imhost, lambda: wrk(imhost.port, connections))
    return result


def run(bench):
    animate = bench.programs.imhost_has_flag("--bench-animate")
    imhost = bench.programs.imhost(*(["--bench-items", "0", "--bench-animate"] if animate else []))
    body = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    pythons = {}
    results = {}
    try:
        imhost.wait_pass()
        json.dump(imhost.health(), body)
        body.close()
        for name, args in PYTHONS.items():
            port = free_port()
            pythons[name] = Program([bench.python, SERVER_SCRIPT, str(port), body.name, *args],
                                    port, bench.programs.display)
            pythons[name].wait_pass()
        _, results["imhost_fps_without_load"] = frame_rate(imhost, lambda: time.sleep(2))
        polled, fps = frame_rate(imhost, lambda: steady(bench, imhost.port))
        results["imhost_steady"] = dict(polled, fps=fps)
        for c in CONNECTIONS:
            results[f"imhost_c{c}"] = measure_imhost(imhost, c)
            for name, python in pythons.items():
                results[f"{name}_c{c}"] = wrk(python.port, c)
    finally:
        imhost.stop()
        for python in pythons.values():
            python.stop()
        os.unlink(body.name)

    section = Section("load", f"2. Health under load (wrk, {SECONDS} s per row)",
                      ["server", "connections", "req/s", "p50", "p99", "imhost / it, req/s",
                       "imhost fps during load"])
    base_fps = results["imhost_fps_without_load"]
    for c in CONNECTIONS:
        i = results[f"imhost_c{c}"]
        fps = f"{i['fps']:.1f} (without load {base_fps:.1f})" if animate else "idle GUI"
        section.rows.append(["imhost", c, f"{i['req_s']:.0f}", us_or_ms(i["p50_s"]),
                             us_or_ms(i["p99_s"]), "", fps])
        for name in PYTHONS:
            p = results[f"{name}_c{c}"]
            section.rows.append([name, c, f"{p['req_s']:.0f}", us_or_ms(p["p50_s"]),
                                 us_or_ms(p["p99_s"]), f"{ratio(i['req_s'], p['req_s']):.1f}x",
                                 ""])
        for name in ("imhost", *PYTHONS):
            if results[f"{name}_c{c}"]["errors"]:
                section.notes.append(f"{name} at {c} connections: "
                                     f"{results[f'{name}_c{c}']['errors']}")
    st = results["imhost_steady"]
    steady_fps = f"{st['fps']:.1f} (without load {base_fps:.1f})" if animate else "idle GUI"
    section.rows.append([f"imhost, steady {STEADY_RATE} req/s", STEADY_CONNECTIONS,
                         f"{st['req_s']:.0f}", us_or_ms(st["p50_us"] / 1e6),
                         us_or_ms(st["p99_us"] / 1e6), "", steady_fps])
    if st["ok"] != st["sent"]:
        section.notes.append(f"steady poller: {st['sent'] - st['ok']} of {st['sent']} not 200")
    i16 = results["imhost_c16"]
    reference, fastest = PYTHONS
    r16 = ratio(i16["req_s"], results[f"{reference}_c16"]["req_s"])
    r16_fastest = ratio(i16["req_s"], results[f"{fastest}_c16"]["req_s"])
    section.targets.append(Target(
        f"GUI under a steady {STEADY_RATE} req/s health poll",
        f"{st['fps']:.0f} fps, p99 {us_or_ms(st['p99_us'] / 1e6)}",
        ">= 55 fps, p99 < 2 ms", animate and st["fps"] >= 55 and st["p99_us"] < 2000))
    section.targets.append(Target(
        "GUI under wrk flat out, 16 connections", f"{i16['fps']:.0f} fps", ">= 30 fps",
        animate and i16["fps"] >= 30))
    section.targets.append(Target(
        "health throughput at 16 connections",
        f"{r16:.1f}x {reference} ({r16_fastest:.1f}x {fastest})", f">= 10x {reference}",
        r16 >= 10))
    section.notes.append("wrk -t1 (one client thread, keep-alive where the server keeps it). "
                         "Python: ThreadingHTTPServer with the same JSON rebuilt per request; "
                         "HTTP/1.0 closes each connection after its answer (the seed's server, "
                         "issue 15's reference), keep-alive is HTTP/1.1 + TCP_NODELAY.")
    if not animate:
        section.notes.append("imhost has no --bench-animate flag: the GUI was idle, so the fps "
                             "column does not show whether the frame rate is held.")
    section.data = results
    return section
