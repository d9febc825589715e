"""The Teams app icons, drawn in pure Python: a white check mark in a speech bubble.

Teams wants a 192x192 full-colour icon and a 32x32 outline icon (white on
transparent). Drawing them here keeps binary files out of the repository and
needs no imaging library.
"""

from __future__ import annotations

import math
import struct
import zlib

ACCENT = (0x2B, 0x57, 0x97)
WHITE = (255, 255, 255)
# The mark in unit coordinates (0..1): a bubble's outline and a check inside it.
_CHECK = ((0.30, 0.47), (0.44, 0.60), (0.70, 0.33))
_BUBBLE_CENTRE, _BUBBLE_RADIUS = (0.5, 0.46), 0.32
_TAIL = ((0.30, 0.70), (0.22, 0.86), (0.45, 0.76))

Pixel = tuple[int, int, int, int]


def png(width: int, height: int, pixels: list[list[Pixel]]) -> bytes:
    """Encode RGBA rows as a PNG file (8-bit, no interlace)."""
    raw = b"".join(b"\x00" + bytes(channel for px in row for channel in px) for row in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def color_icon(size: int = 192) -> bytes:
    """The full-colour icon: the white mark on the accent colour."""
    rows = []
    for y in range(size):
        row = []
        for x in range(size):
            cover = _coverage(x, y, size, stroke=0.055)
            row.append((*_mix(ACCENT, WHITE, cover), 255))
        rows.append(row)
    return png(size, size, rows)


def outline_icon(size: int = 32) -> bytes:
    """The outline icon: the white mark on a transparent background."""
    rows = [[(*WHITE, round(255 * _coverage(x, y, size, stroke=0.07))) for x in range(size)] for y in range(size)]
    return png(size, size, rows)


def _coverage(x: int, y: int, size: int, stroke: float) -> float:
    """How much of pixel (x, y) the mark covers, 0..1 (anti-aliased by distance)."""
    u, v = (x + 0.5) / size, (y + 0.5) / size
    d = min(
        abs(math.dist((u, v), _BUBBLE_CENTRE) - _BUBBLE_RADIUS),
        _segment(u, v, _TAIL[0], _TAIL[1]),
        _segment(u, v, _TAIL[1], _TAIL[2]),
        _segment(u, v, _CHECK[0], _CHECK[1]),
        _segment(u, v, _CHECK[1], _CHECK[2]),
    )
    edge = 1.0 / size
    return max(0.0, min(1.0, (stroke / 2 - d) / edge + 0.5))


def _segment(u: float, v: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    ax, ay = a
    bx, by = b
    t = ((u - ax) * (bx - ax) + (v - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)
    t = max(0.0, min(1.0, t))
    return math.dist((u, v), (ax + t * (bx - ax), ay + t * (by - ay)))


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))
