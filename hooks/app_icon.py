"""The guide's home-screen icon, drawn at build time with the standard library only (no art copied from elsewhere).

A light figure with both arms raised (like the site's logo, Material's "human-handsup") on the site's primary colour.
Shapes are signed-distance capsules and circles, anti-aliased by their distance to each pixel's centre, and written
as an RGBA PNG (zlib + struct). Two layouts:
- "any": a rounded square with transparent corners, the figure filling most of it;
- "maskable": the colour to every edge and the figure inside the central circle (radius 40% of the icon) that a
  launcher's mask always keeps (https://www.w3.org/TR/appmanifest/#icon-masks).
"""
import math
import struct
import zlib

FIGURE_COLOUR = (255, 255, 255)
# The figure in a unit box (y downwards): (kind, points, radius).
FIGURE = (
    ("circle", ((0.50, 0.17),), 0.115),              # head
    ("capsule", ((0.50, 0.36), (0.50, 0.60)), 0.085),  # trunk
    ("capsule", ((0.47, 0.39), (0.20, 0.12)), 0.055),  # arms, raised
    ("capsule", ((0.53, 0.39), (0.80, 0.12)), 0.055),
    ("capsule", ((0.47, 0.60), (0.33, 0.92)), 0.065),  # legs
    ("capsule", ((0.53, 0.60), (0.67, 0.92)), 0.065),
)
LAYOUTS = {"any": {"figure": 0.66, "corner": 0.22}, "maskable": {"figure": 0.50, "corner": None}}


def _segment_distance(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def _shape_distance(kind, points, px, py):
    if kind == "circle":
        (cx, cy), = points
        return math.hypot(px - cx, py - cy)
    (ax, ay), (bx, by) = points
    return _segment_distance(px, py, ax, ay, bx, by)


def _coverage(distance):
    """How much of a pixel a shape covers, from the signed distance of its centre to the edge (in pixels)."""
    return max(0.0, min(1.0, 0.5 - distance))


def _rounded_square_coverage(size, corner):
    """Per pixel, how much of it the background covers; corner is the radius in pixels (None: the whole square)."""
    full = [[1.0] * size for _ in range(size)]
    if corner is None:
        return full
    for y in range(size):
        for x in range(size):
            cx = min(max(x + 0.5, corner), size - corner)
            cy = min(max(y + 0.5, corner), size - corner)
            full[y][x] = _coverage(math.hypot(x + 0.5 - cx, y + 0.5 - cy) - corner)
    return full


def _figure_coverage(size, scale):
    """Per pixel, how much of it the figure covers: the union (maximum) of its shapes, each drawn in its box."""
    cover = [[0.0] * size for _ in range(size)]
    box = size * scale
    offset = (size - box) / 2
    for kind, points, radius in FIGURE:
        pixels = [(offset + x * box, offset + y * box) for x, y in points]
        r = radius * box
        left = max(0, int(min(x for x, _ in pixels) - r - 1))
        right = min(size, int(max(x for x, _ in pixels) + r + 2))
        top = max(0, int(min(y for _, y in pixels) - r - 1))
        bottom = min(size, int(max(y for _, y in pixels) + r + 2))
        for y in range(top, bottom):
            row = cover[y]
            for x in range(left, right):
                value = _coverage(_shape_distance(kind, pixels, x + 0.5, y + 0.5) - r)
                if value > row[x]:
                    row[x] = value
    return cover


def _png(size, rows):
    """An 8-bit RGBA PNG from rows of bytes (each 4 * size long)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(row) for row in rows)  # filter type 0 (none) on each row
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def draw(size, background, layout="any"):
    """The icon as PNG bytes: size in pixels, background as (r, g, b), layout "any" or "maskable"."""
    settings = LAYOUTS[layout]
    corner = None if settings["corner"] is None else settings["corner"] * size
    ground = _rounded_square_coverage(size, corner)
    figure = _figure_coverage(size, settings["figure"])
    rows = []
    for y in range(size):
        row = bytearray()
        for x in range(size):
            f = figure[y][x]
            colour = (round(b * (1 - f) + w * f) for b, w in zip(background, FIGURE_COLOUR, strict=True))
            row += bytes(colour) + bytes((round(255 * max(ground[y][x], f)),))
        rows.append(row)
    return _png(size, rows)
