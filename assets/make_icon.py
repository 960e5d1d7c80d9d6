#!/usr/bin/env python3
"""Writes assets/icon.png, imhost's 32x32 window icon, with the standard library only.

A dark rounded square with a green "health" pulse line: run `python3 assets/make_icon.py` to
regenerate it (the output is deterministic, so the committed PNG only changes with this script).
"""
import os
import struct
import zlib

SIZE = 32
BG, FG, EDGE = (28, 32, 40, 255), (80, 220, 120, 255), (70, 90, 120, 255)
# The pulse: (x, y) points joined by straight segments.
PULSE = [(3, 17), (10, 17), (13, 9), (17, 24), (20, 14), (22, 17), (28, 17)]


def inside_rounded(x, y, r=6):
    cx = min(max(x, r), SIZE - 1 - r)
    cy = min(max(y, r), SIZE - 1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def near_pulse(x, y):
    for (x0, y0), (x1, y1) in zip(PULSE, PULSE[1:]):
        dx, dy = x1 - x0, y1 - y0
        t = max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / float(dx * dx + dy * dy)))
        px, py = x0 + t * dx, y0 + t * dy
        if (x - px) ** 2 + (y - py) ** 2 <= 1.3:
            return True
    return False


def pixel(x, y):
    if not inside_rounded(x, y):
        return (0, 0, 0, 0)
    if not inside_rounded(x, y, 6) or x in (0, SIZE - 1) or y in (0, SIZE - 1):
        return EDGE
    return FG if near_pulse(x, y) else BG


def png(width, height, rows):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    rows = [[pixel(x, y) for x in range(SIZE)] for y in range(SIZE)]
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "icon.png")
    with open(out, "wb") as f:
        f.write(png(SIZE, SIZE, rows))
    print(out)
