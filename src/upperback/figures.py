"""Illustrations: a neutral stick figure drawn from a pose, with props and a movement arrow, as inline SVG.

Each record has content/illustrations/<id>.json with two frames (start and end). Coordinates are in a 200 x 200
box, y down. One style for every image: grey figure, the moving part in the accent colour and thicker, props in
outline, the arrow dashed. Python computes the SVG at build time, so the page needs no script to show it.
"""
from html import escape

JOINTS = ("head", "neck", "shoulder", "elbow_near", "hand_near", "elbow_far", "hand_far", "hip", "knee_near", "foot_near", "knee_far", "foot_far")
BONES = [
    ("neck", "shoulder"), ("shoulder", "hip"),
    ("shoulder", "elbow_far"), ("elbow_far", "hand_far"), ("hip", "knee_far"), ("knee_far", "foot_far"),
    ("shoulder", "elbow_near"), ("elbow_near", "hand_near"), ("hip", "knee_near"), ("knee_near", "foot_near"),
    ("head", "neck"),
]
FAR = {"elbow_far", "hand_far", "knee_far", "foot_far"}


def _point(p):
    return f"{p[0]:g},{p[1]:g}"


def _line(a, b, cls):
    return f'<line x1="{a[0]:g}" y1="{a[1]:g}" x2="{b[0]:g}" y2="{b[1]:g}" class="{cls}"/>'


def _prop(prop):
    kind = prop["kind"]
    if kind == "ball":
        return f'<circle cx="{prop["x"]:g}" cy="{prop["y"]:g}" r="{prop.get("r", 6):g}" class="ub-fig-ball"/>'
    if kind == "roller":
        return f'<circle cx="{prop["x"]:g}" cy="{prop["y"]:g}" r="{prop.get("r", 10):g}" class="ub-fig-prop"/>'
    if kind == "wall":
        return f'<line x1="{prop["x"]:g}" y1="10" x2="{prop["x"]:g}" y2="190" class="ub-fig-ground"/>'
    if kind == "floor":
        return f'<line x1="5" y1="{prop["y"]:g}" x2="195" y2="{prop["y"]:g}" class="ub-fig-ground"/>'
    if kind in ("chair", "table"):
        x, y, w = prop["x"], prop["y"], prop.get("w", 40 if kind == "chair" else 90)
        legs = f'<line x1="{x:g}" y1="{y:g}" x2="{x:g}" y2="{prop.get("ground", 190):g}" class="ub-fig-prop"/><line x1="{x + w:g}" y1="{y:g}" x2="{x + w:g}" y2="{prop.get("ground", 190):g}" class="ub-fig-prop"/>'
        back = f'<line x1="{x:g}" y1="{y:g}" x2="{x:g}" y2="{y - 40:g}" class="ub-fig-prop"/>' if kind == "chair" and prop.get("back", True) else ""
        return f'<line x1="{x:g}" y1="{y:g}" x2="{x + w:g}" y2="{y:g}" class="ub-fig-prop"/>{legs}{back}'
    if kind in ("band", "strap"):
        return f'<polyline points="{" ".join(_point(p) for p in prop["points"])}" class="ub-fig-band"/>'
    if kind == "weight":
        return f'<rect x="{prop["x"] - 5:g}" y="{prop["y"] - 3:g}" width="10" height="6" class="ub-fig-prop"/>'
    if kind == "pack":
        return f'<rect x="{prop["x"]:g}" y="{prop["y"]:g}" width="{prop.get("w", 24):g}" height="{prop.get("h", 10):g}" rx="3" class="ub-fig-ball"/>'
    raise ValueError(f"unknown prop kind {kind!r}")


def _arrow(arrow, uid):
    (x1, y1), (x2, y2) = arrow["from"], arrow["to"]
    bend = arrow.get("bend", 0)
    cx, cy = (x1 + x2) / 2 - bend * (y2 - y1) / 100, (y1 + y2) / 2 + bend * (x2 - x1) / 100
    return f'<path d="M{x1:g} {y1:g} Q{cx:g} {cy:g} {x2:g} {y2:g}" class="ub-fig-arrow" marker-end="url(#ub-arrowhead-{uid})"/>'


def frame_svg(frame, title, emphasis=(), uid="0"):
    """One frame as an <svg> with its own title (the alt text); uid keeps its marker id unique on the page."""
    pose = frame["pose"]
    emphasis = set(frame.get("emphasis", emphasis))
    parts = [f'<svg viewBox="0 0 200 200" role="img" class="ub-figure-svg" aria-label="{escape(title)}"><title>{escape(title)}</title>',
             f'<defs><marker id="ub-arrowhead-{uid}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" class="ub-fig-arrowhead"/></marker></defs>']
    parts += [_prop(p) for p in frame.get("props", []) if p["kind"] in ("wall", "floor", "chair", "table")]
    for a, b in BONES:
        cls = "ub-fig-move" if a in emphasis and b in emphasis else ("ub-fig-far" if a in FAR or b in FAR else "ub-fig-body")
        parts.append(_line(pose[a], pose[b], cls))
    head = pose["head"]
    parts.append(f'<circle cx="{head[0]:g}" cy="{head[1]:g}" r="{frame.get("head_r", 11):g}" class="{"ub-fig-move-head" if "head" in emphasis else "ub-fig-head"}"/>')
    parts += [_prop(p) for p in frame.get("props", []) if p["kind"] not in ("wall", "floor", "chair", "table")]
    if "arrow" in frame:
        parts.append(_arrow(frame["arrow"], uid))
    parts.append("</svg>")
    return "".join(parts)


def illustration(record):
    """Both frames with their labels, alt texts and the caption, author and licence."""
    return {
        "caption": record["caption"], "author": record["author"], "licence": record["licence"],
        "frames": [{"label": f["label"], "alt": f["alt"], "svg": frame_svg(f, f["alt"], record.get("emphasis", ()), f"{record['id']}-{i}")} for i, f in enumerate(record["frames"])],
    }
