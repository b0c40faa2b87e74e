"""The body map: a schematic back view and front view with one named region per taxonomy target.

Regions are polygons (or circles for joints) in a 440 x 400 drawing: back view centred on x=100, front view on x=320.
Most regions are drawn on both sides (mirrored). ``svg(primary, secondary)`` marks targets in two styles that do not
rely on colour alone: primary solid with a thick outline, secondary hatched with a dashed outline.
"""
from html import escape

BACK, FRONT = 100, 320

# target id -> (view centre, shape, mirror?). Shapes: ("poly", [(x, y), ...]) with x measured left of centre as
# negative, or ("circle", (x, y, r)). Listed in drawing order: later shapes sit on top.
REGIONS = [
    ("thoracic-erectors", BACK, ("poly", [(-7, 100), (-2.5, 100), (-2.5, 235), (-7, 235)]), True),
    ("neck-extensors", BACK, ("poly", [(-10, 64), (-2, 64), (-2, 90), (-12, 90)]), True),
    ("upper-trapezius", BACK, ("poly", [(-14, 86), (-4, 92), (-4, 100), (-46, 104), (-44, 96)]), True),
    ("levator-scapulae", BACK, ("poly", [(-12, 70), (-9, 70), (-20, 106), (-24, 104)]), True),
    ("deltoids", BACK, ("poly", [(-50, 98), (-42, 104), (-46, 130), (-58, 122), (-60, 106)]), True),
    ("scapulothoracic", BACK, ("poly", [(-38, 108), (-14, 108), (-16, 160), (-34, 150)]), True),
    ("rotator-cuff", BACK, ("poly", [(-35, 114), (-18, 114), (-20, 146), (-32, 142)]), True),
    ("middle-trapezius", BACK, ("poly", [(-12, 104), (-3, 104), (-3, 114), (-12, 114)]), True),
    ("rhomboids", BACK, ("poly", [(-12, 117), (-3, 117), (-3, 150), (-13, 154)]), True),
    ("lower-trapezius", BACK, ("poly", [(-14, 160), (-3, 156), (-3, 200)]), True),
    ("latissimus-dorsi", BACK, ("poly", [(-36, 162), (-16, 166), (-9, 212), (-30, 222), (-40, 182)]), True),
    ("lumbar-extensors", BACK, ("poly", [(-12, 238), (-2, 238), (-2, 268), (-14, 268)]), True),
    ("glutes", BACK, ("poly", [(-34, 276), (-3, 280), (-3, 318), (-30, 320)]), True),
    ("hamstrings", BACK, ("poly", [(-30, 326), (-4, 326), (-6, 390), (-26, 390)]), True),
    ("cervical-spine", BACK, ("poly", [(-1.5, 62), (1.5, 62), (1.5, 92), (-1.5, 92)]), False),
    ("thoracic-spine-upper", BACK, ("poly", [(-1.5, 94), (1.5, 94), (1.5, 130), (-1.5, 130)]), False),
    ("thoracic-spine-middle", BACK, ("poly", [(-1.5, 132), (1.5, 132), (1.5, 170), (-1.5, 170)]), False),
    ("thoracic-spine-lower", BACK, ("poly", [(-1.5, 172), (1.5, 172), (1.5, 210), (-1.5, 210)]), False),
    ("rib-joints", BACK, ("poly", [(-9, 186), (9, 186), (9, 189), (-9, 189)]), False),
    ("lumbar-spine", BACK, ("poly", [(-1.5, 212), (1.5, 212), (1.5, 272), (-1.5, 272)]), False),
    ("deep-neck-flexors", FRONT, ("poly", [(-4, 66), (4, 66), (4, 90), (-4, 90)]), False),
    ("scalenes", FRONT, ("poly", [(-14, 68), (-6, 68), (-7, 92), (-17, 92)]), True),
    ("deltoids", FRONT, ("poly", [(-50, 98), (-42, 104), (-46, 130), (-58, 122), (-60, 106)]), True),
    ("pectoralis-major", FRONT, ("poly", [(-35, 102), (-2, 102), (-2, 140), (-30, 135)]), True),
    ("pectoralis-minor", FRONT, ("poly", [(-28, 108), (-16, 106), (-18, 128), (-30, 124)]), True),
    ("shoulder-joint", FRONT, ("circle", (-44, 104, 6)), True),
    ("serratus-anterior", FRONT, ("poly", [(-40, 140), (-28, 142), (-28, 180), (-38, 176)]), True),
    ("diaphragm", FRONT, ("poly", [(-25, 182), (25, 182), (20, 194), (-20, 194)]), False),
    ("abdominals", FRONT, ("poly", [(-16, 198), (16, 198), (18, 262), (-18, 262)]), False),
    ("hip-flexors", FRONT, ("poly", [(-22, 268), (-4, 270), (-6, 300), (-20, 300)]), True),
    ("hip-joint", FRONT, ("circle", (-30, 284, 6)), True),
]
# A plain silhouette for each view (not a region).
SILHOUETTE = [
    (-12, 60),
    (-12, 86),
    (-58, 96),
    (-64, 120),
    (-66, 250),
    (-56, 250),
    (-50, 140),
    (-42, 230),
    (-38, 270),
    (-32, 392),
    (-6, 392),
    (-2, 300),
    (2, 300),
    (6, 392),
    (32, 392),
    (38, 270),
    (42, 230),
    (50, 140),
    (56, 250),
    (66, 250),
    (64, 120),
    (58, 96),
    (12, 86),
    (12, 60),
]


def _poly(centre, points, mirror):
    sign = -1 if mirror else 1
    return " ".join(f"{centre + sign * x:g},{y:g}" for x, y in points)


def _shape(target, centre, shape, mirror, state, label):
    kind, geometry = shape
    attrs = f'data-target="{target}" class="ub-map-region ub-map-{state}"'
    title = f"<title>{escape(label)}</title>"
    if kind == "circle":
        x, y, r = geometry
        return f'<circle cx="{centre + (-x if mirror else x):g}" cy="{y:g}" r="{r:g}" {attrs}>{title}</circle>'
    return f'<polygon points="{_poly(centre, geometry, mirror)}" {attrs}>{title}</polygon>'


def targets():
    return sorted({target for target, *_ in REGIONS})


def svg(labels, primary=(), secondary=(), link=None):
    """The map with ``primary`` and ``secondary`` target ids marked. ``labels`` maps target id to its name.
    ``link(target_id)`` may give each region a link (for the exercise index)."""
    primary, secondary = set(primary), set(secondary)
    marked = [labels[t] for t in sorted(primary | secondary, key=lambda t: labels[t])]
    title = "Body map, back and front views" + (": " + ", ".join(marked) if marked else "")
    role = "group" if link else "img"  # a map of links must not be an image: its regions are controls
    parts = [
        f'<svg viewBox="0 0 440 400" class="ub-map" role="{role}" aria-label="{escape(title)}">',
        '<defs><pattern id="ub-hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<line x1="0" y1="0" x2="0" y2="5" class="ub-map-hatch-line"/></pattern></defs>',
    ]
    for centre, name in ((BACK, "Back"), (FRONT, "Front")):
        parts.append(f'<circle cx="{centre}" cy="38" r="20" class="ub-map-outline"/>')
        parts.append(f'<polygon points="{_poly(centre, SILHOUETTE, False)}" class="ub-map-outline"/>')
        parts.append(f'<text x="{centre}" y="12" text-anchor="middle" class="ub-map-view">{name}</text>')
    for target, centre, shape, mirrored in REGIONS:
        state = "primary" if target in primary else "secondary" if target in secondary else "plain"
        shapes = [_shape(target, centre, shape, False, state, labels[target])]
        if mirrored:
            shapes.append(_shape(target, centre, shape, True, state, labels[target]))
        if link:
            # xlink:href, not href: Material's instant navigation re-assigns every [href] element's href property,
            # which an SVG link does not have (a TypeError on every load of the exercise index).
            shapes = [
                f'<a xlink:href="{escape(link(target))}" aria-label="{escape(labels[target])}">{s}</a>' for s in shapes
            ]
        parts.extend(shapes)
    parts.append("</svg>")
    return "".join(parts)
