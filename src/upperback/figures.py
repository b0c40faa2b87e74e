"""Illustrations: a figure with a body, drawn from a pose, as inline SVG; still frames and a moving picture.

Each record has content/illustrations/<id>.json with 2 to 4 positions (frames) of joint points in a 200 x 200 box,
y down (schema: content/schema/illustration.schema.json; skeleton and movement: upperback.figure_motion).

One style for every record:
- the body has volume: the trunk, neck and limbs are rounded shapes with an outline, never thinner than
  ``MIN_LIMB_WIDTH``; widths are shares of the figure's body height (``WIDTHS``);
- the head shows which way the face points (nose, eye and hair from the pose's ``face`` point); hands and feet;
- the far limbs are paler and drawn behind the trunk; the near limbs darker and in front (in views from the front,
  back, above or the head end, where both sides are in plain view, both are drawn alike);
- the moving part (the record's ``emphasis``) is in the accent colour; props are drawn in outline;
- each still frame is cropped to the figure and its props, so its shape follows the pose.

Movement is computed here at build time. A record whose positions differ plays as a loop
(figure_motion.Motion.steps): every bone group carries its turn at each step as CSS custom properties, and
docs/stylesheets/figures.css holds the shared keyframes (``keyframes_css``), so the browser only turns each bone
evenly between the angles given; docs/javascripts/figure-player.js only pauses and plays. With reduced motion, in
print, and without scripts, the still frames stand side by side instead.

Entry points: ``illustration(record)`` (the view for page templates), ``svg(record, still=False)`` (the markup,
for any page: the patient view and the guided session can call it with still=True), ``DEFS`` (shared filters,
once per page), ``coverage(record)`` (how much of each frame the figure covers) and ``keyframes_css()``.
"""
import json
import math
from html import escape
from itertools import pairwise

from .figure_motion import Motion, floors
from .page_words import WORDS

MIN_LIMB_WIDTH = 6.0  # drawing units of the 200 box; the thinnest limb, the forearm, is never drawn thinner
OUTLINE = 1.4         # outline width, drawing units
PAD = 5               # space around the figure and its props in each frame
# Widths as shares of body height: side view, and (second value) views where both shoulders are in plain view.
WIDTHS = {
    ("pelvis", "chest"): (0.125, 0.17), ("chest", "neck"): (0.14, 0.19), ("neck", "head"): (0.06, 0.06),
    ("neck", "shoulder"): (0.085, 0.085), ("neck", "shoulder_far"): (0.085, 0.085),
    ("pelvis", "hip"): (0.12, 0.11), ("pelvis", "hip_far"): (0.12, 0.11),
    ("shoulder", "elbow_near"): (0.06, 0.06), ("elbow_near", "hand_near"): (0.05, 0.05),
    ("shoulder_far", "elbow_far"): (0.06, 0.06), ("elbow_far", "hand_far"): (0.05, 0.05),
    ("hip", "knee_near"): (0.09, 0.085), ("knee_near", "foot_near"): (0.065, 0.065),
    ("hip_far", "knee_far"): (0.09, 0.085), ("knee_far", "foot_far"): (0.065, 0.065),
    ("foot_near", "toe_near"): (0.045, 0.045), ("foot_far", "toe_far"): (0.045, 0.045),
}
HAND = 0.034   # hand radius, share of body height
HEAD = 0.068   # default head radius, share of body height
# Paint order, back to front: far leg, far arm, body, near arm, near leg. Layer 1 and 0 are paler in side views.
LAYER = {
    ("hip_far", "knee_far"): 0, ("knee_far", "foot_far"): 0, ("foot_far", "toe_far"): 0,
    ("shoulder_far", "elbow_far"): 1, ("elbow_far", "hand_far"): 1,
    ("shoulder", "elbow_near"): 3, ("elbow_near", "hand_near"): 3,
    ("hip", "knee_near"): 4, ("knee_near", "foot_near"): 4, ("foot_near", "toe_near"): 4,
}
# Paint layers by view, indexed by the side-view layer (0 far leg, 1 far arm, 2 trunk, 3 near arm, 4 near leg,
# 5 head): seen from the front or back, legs and then arms come in front of the trunk; from above, the legs are
# under the body; from the head end, the legs are beyond the trunk and the head is nearest of all.
VIEW_LAYERS = {
    "side": {0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 2},
    "front": {0: 4, 1: 6, 2: 2, 3: 5, 4: 3, 5: 2},
    "back": {0: 4, 1: 6, 2: 2, 3: 5, 4: 3, 5: 2},
    "above": {0: -1, 1: 6, 2: 2, 3: 5, 4: 0, 5: 2},
    "head end": {0: -1, 1: 6, 2: 2, 3: 5, 4: 0, 5: 7},
}
SIDE_ONLY = (("pelvis", "hip"), ("pelvis", "hip_far"))
AUTHORED = {"pelvis": "hip", "toe_near": "foot_near", "toe_far": "foot_far"}  # virtual joint -> joint it follows
BACK_PROPS = ("floor", "wall", "chair", "table", "block", "pillow")
# The loop's length in seconds by its number of steps: a slow, smooth movement, 2 to 4 seconds a loop.
DURATION = {2: 3.0, 3: 3.6, 4: 4.0, 5: 4.0, 6: 4.0}
HOLD = 0.3     # share of each step spent holding the position before moving on
BAND_STOPS = 4  # keyframes a move for bands and straps, whose ends follow joints along their arcs
MAX_STEPS = 6

DEFS = ('<svg class="ubf-defs" aria-hidden="true" focusable="false" width="0" height="0"><defs>'
        + "".join(f'<filter id="{fid}" filterUnits="userSpaceOnUse" x="-50" y="-50" width="300" height="300">'
                  f'<feMorphology in="SourceAlpha" operator="dilate" radius="{OUTLINE}" result="d"/>'
                  f'<feFlood class="{cls}"/><feComposite in2="d" operator="in"/>'
                  '<feMerge><feMergeNode/><feMergeNode in="SourceGraphic"/></feMerge></filter>'
                  for fid, cls in (("ubf-o", "ubf-ink"), ("ubf-of", "ubf-ink-far")))
        + '<marker id="ubf-ah" viewBox="0 0 10 10" refX="7" refY="5" markerWidth="5" markerHeight="5" '
          'orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="ubf-ahd"/></marker></defs></svg>')


def _n(x):
    """A number for SVG: one decimal at most."""
    text = f"{x:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def _p(point):
    return f"{_n(point[0])} {_n(point[1])}"


class _Box:
    def __init__(self):
        self.x0 = self.y0 = math.inf
        self.x1 = self.y1 = -math.inf

    def add(self, x, y, r=0.0):
        if x is not None:
            self.x0, self.x1 = min(self.x0, x - r), max(self.x1, x + r)
        if y is not None:
            self.y0, self.y1 = min(self.y0, y - r), max(self.y1, y + r)

    def merge(self, other):
        for x, y in ((other.x0, other.y0), (other.x1, other.y1)):
            self.add(x if math.isfinite(x) else None, y if math.isfinite(y) else None)

    @property
    def area(self):
        return max(0.0, self.x1 - self.x0) * max(0.0, self.y1 - self.y0)


class _Item:
    """One drawn piece: the joint it moves with (None: still), its layer, paint order and markup."""

    def __init__(self, joint, layer, order, markup, box=None):
        self.joint, self.layer, self.order, self.markup, self.box = joint, layer, order, markup, box


class Figure:
    """A record's drawing: the shapes of any pose, still frames, the moving picture and the figures' coverage."""

    def __init__(self, record):
        self.record = record
        self.motion = Motion(record)
        self.h = self.motion.height
        self.uid = record["id"]
        emphasis = set(record.get("emphasis", ()))
        self.emphasis = emphasis
        self.view = record.get("view", "side")
        self.wide = self.view != "side"  # both sides in plain view: drawn alike, shoulders and hips apart
        self.layers = VIEW_LAYERS[self.view]

    # -- shapes ------------------------------------------------------------------------------------------------
    def _moving(self, a, b):
        a, b = AUTHORED.get(a, a), AUTHORED.get(b, b)
        return a in self.emphasis and b in self.emphasis

    def _paint(self, layer, moving):
        if moving:
            return "bmf" if layer < 2 and not self.wide else "bm"
        return "bf" if layer < 2 and not self.wide else "bn"

    def width(self, edge):
        share = WIDTHS[edge][1 if self.wide else 0]
        return max(MIN_LIMB_WIDTH, share * self.h) if LAYER.get(edge, 2) != 2 else share * self.h

    def layer(self, edge):
        """Paint layer of a bone, by the record's view (``VIEW_LAYERS``)."""
        return self.layers[LAYER.get(edge, 2)]

    def shapes(self, pose, frame):
        """The body's pieces for a pose: segments, hands, feet and head, each tied to the joint it moves with."""
        items, tree_child = [], {frozenset(e): e[1] for e in self.motion.tree}
        head_r = self.record["frames"][frame].get("head_r", HEAD * self.h)
        for order, edge in enumerate(WIDTHS):
            a, b = edge
            layer = self.layer(edge)
            w = self.width(edge)
            if edge[1] in ("toe_near", "toe_far"):
                toe, ankle = pose[b], pose[a]
                start = [ankle[0] - (toe[0] - ankle[0]) / 3, ankle[1] - (toe[1] - ankle[1]) / 3]
                ends = (start, toe)
            else:
                ends = (pose[a], pose[b])
            if edge in SIDE_ONLY and not self.wide and math.dist(pose[a], pose[b]) < 0.5:
                continue  # the pelvis's width in a side view
            if edge == ("neck", "shoulder_far") and math.dist(pose["shoulder"], pose["shoulder_far"]) < 0.5:
                continue  # both shoulders in one place: one is enough
            cls = self._paint(layer, self._moving(a, b))
            box = _Box()
            for x, y in ends:
                box.add(x, y, w / 2 + OUTLINE)
            markup = f'<path d="M{_p(ends[0])}L{_p(ends[1])}" class="{cls}" stroke-width="{_n(w)}"/>'
            items.append(_Item(tree_child[frozenset(edge)], layer, order, markup, box))
        for side, layer in (("near", 3), ("far", 1)):
            hand, elbow = f"hand_{side}", f"elbow_{side}"
            layer = self.layers[layer]
            r = max(HAND * self.h, MIN_LIMB_WIDTH / 2 + 0.5)
            cls = self._paint(layer, self._moving(elbow, hand))
            box = _Box()
            box.add(*pose[hand], r + OUTLINE)
            items.append(_Item(hand, layer, 50, f'<circle cx="{_n(pose[hand][0])}" cy="{_n(pose[hand][1])}" '
                                                 f'r="{_n(r)}" class="{cls}"/>', box))
        items += self._head(pose, head_r)
        return items

    def _head(self, pose, r):
        head, face, neck = pose["head"], pose["face"], pose["neck"]
        cls = "hm" if "head" in self.emphasis else "hd"
        box = _Box()
        box.add(*head, r + OUTLINE)
        hl = self.layers[5]
        out = [_Item("head", hl, 60, f'<circle cx="{_n(head[0])}" cy="{_n(head[1])}" r="{_n(r)}" class="{cls}"/>', box)]
        dx, dy = face[0] - head[0], face[1] - head[1]
        offset = math.hypot(dx, dy)
        away = (head[0] - neck[0], head[1] - neck[1])
        if offset >= 0.45 * r:  # profile: nose on the rim, an eye, hair at the back
            u = (dx / offset, dy / offset)
            up = (-u[1], u[0])
            if up[0] * away[0] + up[1] * away[1] < 0:
                up = (u[1], -u[0])
            nose = (head[0] + u[0] * r * 0.92, head[1] + u[1] * r * 0.92)
            eye = (head[0] + u[0] * r * 0.5 + up[0] * r * 0.22, head[1] + u[1] * r * 0.5 + up[1] * r * 0.22)
            out.append(_Item("face", hl, 61, f'<circle cx="{_n(nose[0])}" cy="{_n(nose[1])}" r="{_n(r * 0.24)}" '
                                            f'class="{cls}"/>'))
            out.append(_Item("face", hl, 63, f'<circle cx="{_n(eye[0])}" cy="{_n(eye[1])}" r="{_n(r * 0.12)}" '
                                            'class="ey"/>'))
            out.append(_Item("face", hl, 62, self._hair(head, r, u, up, (70, 215))))
        else:  # facing the viewer: a nose where the face points, hair on top
            up = _unit(away) or (0.0, -1.0)
            side = (-up[1], up[0])
            out.append(_Item("face", hl, 63, f'<circle cx="{_n(face[0])}" cy="{_n(face[1])}" r="{_n(r * 0.16)}" '
                                            'class="ey"/>'))
            out.append(_Item("head", hl, 62, self._hair(head, r, side, up, (35, 145))))
        return out

    @staticmethod
    def _hair(head, r, u, up, span):
        """A cap of hair over the arc from span[0] to span[1] degrees, measured from u towards up."""
        def at(deg):
            t = math.radians(deg)
            return (head[0] + r * (u[0] * math.cos(t) + up[0] * math.sin(t)),
                    head[1] + r * (u[1] * math.cos(t) + up[1] * math.sin(t)))
        a, b = at(span[0]), at(span[1])
        inner = at((span[0] + span[1]) / 2)
        inner = (head[0] + (inner[0] - head[0]) * 0.35, head[1] + (inner[1] - head[1]) * 0.35)
        sweep = 1 if (u[0] * up[1] - u[1] * up[0]) > 0 else 0
        large = 1 if span[1] - span[0] > 180 else 0
        return (f'<path d="M{_p(a)}A{_n(r)} {_n(r)} 0 {large} {sweep} {_p(b)}Q{_p(inner)} {_p(a)}z" '
                'class="hr"/>')

    # -- props -------------------------------------------------------------------------------------------------
    def _at(self, prop, pose, key="x"):
        """A prop's point: its own, or its joint's plus an offset when it is held (``on``)."""
        if "on" in prop:
            j = pose[prop["on"]]
            return [j[0] + prop.get("dx", 0), j[1] + prop.get("dy", 0)]
        return [prop["x"], prop["y"]]

    def _point(self, point, pose):
        return list(pose[point]) if isinstance(point, str) else list(point)

    def props(self, frame, pose, back):
        """Props of a frame, as items; floors and walls are drawn later, across the frame's crop (``_lines``)."""
        items = []
        for i, prop in enumerate(self.record["frames"][frame].get("props", [])):
            kind = prop["kind"]
            if (kind in BACK_PROPS) != back or kind in ("floor", "wall"):
                continue
            box = _Box()
            joint = prop.get("on")
            order = 100 + i
            if kind in ("ball", "roller"):
                x, y = self._at(prop, pose)
                r = prop.get("r", 6 if kind == "ball" else 10)
                box.add(x, y, r + 1)
                markup = f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" class="pr{" pb" if kind == "ball" else ""}"/>'
            elif kind in ("chair", "table"):
                x, y, w = prop["x"], prop["y"], prop.get("w", 40 if kind == "chair" else 90)
                ground = prop.get("ground", 190)
                legs = f"M{_n(x + 2)} {_n(y)}V{_n(ground)}M{_n(x + w - 2)} {_n(y)}V{_n(ground)}"
                back_h = prop.get("back", 40 if kind == "chair" else 0)
                back_x = x + w if prop.get("side") == "right" else x
                top = f"M{_n(back_x)} {_n(y)}V{_n(y - back_h)}" if back_h else ""
                markup = f'<path d="M{_n(x)} {_n(y)}H{_n(x + w)}{legs}{top}" class="pr"/>'
                box.add(x, y - back_h)
                box.add(x + w, ground)
            elif kind in ("block", "pillow", "pack"):
                x, y = self._at(prop, pose)
                w, h = prop.get("w", 24), prop.get("h", 10)
                if kind == "pack" and "on" in prop:
                    x, y = x - w / 2, y - h / 2
                box.add(x, y)
                box.add(x + w, y + h)
                rx = 1 if kind == "block" else min(w, h) / 2.5
                markup = (f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="{_n(rx)}" '
                          f'class="pr{" pk" if kind == "pack" else ""}"/>')
            elif kind == "weight":
                x, y = self._at(prop, pose)
                box.add(x, y, 7)
                markup = (f'<path d="M{_n(x - 4)} {_n(y)}H{_n(x + 4)}M{_n(x - 5)} {_n(y - 4)}V{_n(y + 4)}'
                          f'M{_n(x + 5)} {_n(y - 4)}V{_n(y + 4)}" class="pr pw"/>')
            elif kind in ("band", "strap"):
                for j, (a, b) in enumerate(pairwise(prop["points"])):
                    pa, pb = self._point(a, pose), self._point(b, pose)
                    seg = _Box()
                    seg.add(*pa, 1)
                    seg.add(*pb, 1)
                    mk = f'<path d="M{_p(pa)}L{_p(pb)}" class="pr p{kind[0]}"/>'
                    item = _Item(None, 5, order + j / 10, mk, seg)
                    item.band = (i, j)
                    items.append(item)
                continue
            else:
                raise ValueError(f"unknown prop kind {kind!r}")
            items.append(_Item(joint, 5 if not back else -1, order, markup, box))
        return items

    def _lines(self, frame, crop):
        """Floors and walls drawn across the frame."""
        out = []
        x0, y0, x1, y1 = crop
        for prop in self.record["frames"][frame].get("props", []):
            if prop["kind"] == "floor":
                out.append(f'<path d="M{_n(x0)} {_n(prop["y"])}H{_n(x1)}" class="gr"/>')
            elif prop["kind"] == "wall":
                bottom = min([y for y in floors(self.record["frames"][frame])] + [y1])
                top = max(y0, prop.get("top", y0))
                out.append(f'<path d="M{_n(prop["x"])} {_n(top)}V{_n(bottom)}" class="gr"/>')
        return "".join(out)

    def _line_box(self, frame, box):
        for prop in self.record["frames"][frame].get("props", []):
            if prop["kind"] == "floor":
                box.add(None, prop["y"], 1.5)
            elif prop["kind"] == "wall":
                box.add(prop["x"], None, 1.5)

    # -- frames ------------------------------------------------------------------------------------------------
    def body_box(self, pose, frame):
        box = _Box()
        for item in self.shapes(pose, frame):
            if item.box:
                box.merge(item.box)
        return box

    def _crop(self, boxes):
        box = _Box()
        for b in boxes:
            box.merge(b)
        return (box.x0 - PAD, box.y0 - PAD, box.x1 + PAD, box.y1 + PAD)

    def still(self, frame):
        """One position as an SVG, cropped to the figure and its props, with its arrow."""
        pose = self.motion.frame_pose(frame)
        full = dict(self.motion.poses[frame], **pose)
        shapes = self.shapes(full, frame)
        back, front = self.props(frame, full, True), self.props(frame, full, False)
        boxes = [i.box for i in shapes + back + front if i.box]
        arrow = self.record["frames"][frame].get("arrow")
        extra = _Box()
        self._line_box(frame, extra)
        if arrow:
            for point in (arrow["from"], arrow["to"]):
                extra.add(*point, 4)
        crop = self._crop(boxes + [extra])
        body = self._layers_flat(shapes)
        parts = [self._lines(frame, crop)] + [i.markup for i in back] + body + [i.markup for i in front]
        if arrow:
            parts.append(_arrow(arrow))
        return crop, "".join(parts), self.body_box(full, frame)

    def _layers_flat(self, shapes):
        out = []
        for layer in range(-1, 8):
            inside = sorted((i for i in shapes if i.layer == layer), key=lambda i: i.order)
            if inside:
                filt = "ubf-of" if layer < 2 and not self.wide else "ubf-o"
                out.append(f'<g filter="url(#{filt})">{"".join(i.markup for i in inside)}</g>')
        return out

    # -- movement ----------------------------------------------------------------------------------------------
    def animated(self):
        """The moving picture: the first position's shapes, each bone group turning by its step angles."""
        motion = self.motion
        steps = motion.steps
        frame0 = steps[0]
        rest = dict(motion.poses[frame0], **motion.frame_pose(frame0))
        turns = motion.local_turns()
        root_shift = [[p[0] - motion.frame_pose(steps[0])[motion.root][0],
                       p[1] - motion.frame_pose(steps[0])[motion.root][1]]
                      for p in (motion.frame_pose(f)[motion.root] for f in steps)]
        moving = {edge[1]: row for edge, row in turns.items() if any(abs(a) > 0.05 for a in row)}
        face_edge = (motion.parent.get("face"), "face") if motion.parent.get("face") else None
        face_shift = self._face_shifts(rest, face_edge) if face_edge else None
        shapes = self.shapes(rest, frame0)
        back, front = self.props(frame0, rest, True), self.props(frame0, rest, False)
        boxes = []
        for k in range(len(steps)):
            for i in range(8):
                pose = motion.pose_at(k, i / 8)
                full = dict(motion.poses[steps[k]], **pose)
                boxes += [it.box for it in self.shapes(full, steps[k]) + self.props(steps[k], full, False)
                          + self.props(steps[k], full, True) if it.box]
        extra = _Box()
        self._line_box(frame0, extra)
        crop = self._crop(boxes + [extra])

        def style(joint):
            parts = []
            if joint == "face" and face_shift:
                for k, (dx, dy) in enumerate(face_shift):
                    if abs(dx) > 0.05 or abs(dy) > 0.05:
                        parts.append(f"--x{k}:{_n(dx)};--y{k}:{_n(dy)}")
            for k, a in enumerate(moving.get(joint, ())):
                if abs(a) > 0.05:
                    parts.append(f"--a{k}:{_n(a)}")
            origin = rest[motion.parent[joint]]
            return f'transform-origin:{_n(origin[0])}px {_n(origin[1])}px;{";".join(parts)}'

        animated = set(moving) | ({"face"} if face_shift and any(abs(c) > 0.05 for s in face_shift for c in s)
                                  else set())

        def tree(items):
            """Nested groups for the items' joints: only joints that turn get a group of their own."""
            children = {}
            for item in items:
                chain, j = [], item.joint
                while j is not None:
                    chain.append(j)
                    j = motion.parent.get(j)
                chain = [j for j in reversed(chain) if j in animated]
                children.setdefault(tuple(chain), []).append(item)

            def emit(prefix):
                entries = []
                for chain, inside in children.items():
                    if chain == prefix:
                        entries += [(i.order, i.markup) for i in inside]
                nexts = {chain[:len(prefix) + 1] for chain in children if len(chain) > len(prefix)
                         and chain[:len(prefix)] == prefix}
                for nxt in nexts:
                    inner = emit(nxt)
                    low = min(i.order for chain, inside in children.items() if chain[:len(nxt)] == nxt for i in inside)
                    entries.append((low, f'<g class="ubf-m" style="{style(nxt[-1])}">{inner}</g>'))
                return "".join(markup for _, markup in sorted(entries, key=lambda e: e[0]))

            body = emit(())
            if any(abs(c) > 0.05 for s in root_shift for c in s):
                shift = ";".join(f"--x{k}:{_n(dx)};--y{k}:{_n(dy)}" for k, (dx, dy) in enumerate(root_shift)
                                 if abs(dx) > 0.05 or abs(dy) > 0.05)
                body = f'<g class="ubf-m" style="{shift}">{body}</g>'
            return body

        parts = [self._lines(frame0, crop), "".join(i.markup for i in back if i.joint is None)]
        parts.append(tree([i for i in back if i.joint is not None]))
        for layer in range(-1, 8):
            inside = [i for i in shapes if i.layer == layer]
            if inside:
                filt = "ubf-of" if layer < 2 and not self.wide else "ubf-o"
                parts.append(f'<g filter="url(#{filt})">{tree(inside)}</g>')
        parts.append(tree([i for i in front if i.joint is not None]))
        parts += [self._band(i) if hasattr(i, "band") else i.markup for i in front if i.joint is None]
        return crop, "".join(parts)

    def _face_shifts(self, rest, edge):
        """How far the face point slides at each step, in the head's own frame: turning the head towards the viewer
        brings it in towards the middle of the head, which a turn alone cannot show."""
        motion = self.motion
        out = []
        turns = motion.local_turns()[edge]
        for k, f in enumerate(motion.steps):
            length0 = motion.length(edge, motion.steps[0])
            length = motion.length(edge, f)
            angle = math.radians(motion.unwrapped[0][edge] + turns[k])  # its direction in the head's frame
            out.append(((length - length0) * math.cos(angle), (length - length0) * math.sin(angle)))
        return out

    def _band(self, item):
        """A band or strap piece between two points, either of which may be a joint: moved, turned and stretched so
        its ends stay on them. A joint swings on an arc, so the band has its own keyframes (``BAND_STOPS`` a move,
        played evenly, each computed where the eased movement of the bones has got to by then)."""
        prop_index, piece = item.band
        motion = self.motion
        ends = []
        for k, f in enumerate(motion.steps):
            prop = self.record["frames"][f]["props"][prop_index]
            for j in range(BAND_STOPS):
                pose = dict(motion.poses[f], **motion.pose_at(k, _ease(j / BAND_STOPS)))
                ends.append((self._point(prop["points"][piece], pose), self._point(prop["points"][piece + 1], pose)))
        (a0, b0) = ends[0]
        base = math.atan2(b0[1] - a0[1], b0[0] - a0[0])
        length0 = math.dist(a0, b0) or 1.0
        vars_ = []
        for i, (a, b) in enumerate(ends):
            turn = (math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]) - base) + 180) % 360 - 180
            for name, value, neutral in (("x", a[0] - a0[0], 0), ("y", a[1] - a0[1], 0), ("a", turn, 0),
                                         ("s", math.dist(a, b) / length0, 1)):
                if abs(value - neutral) > (0.005 if name == "s" else 0.05):
                    vars_.append(f"--b{name}{i}:{value:.3f}".rstrip("0").rstrip(".") if name == "s"
                                 else f"--b{name}{i}:{_n(value)}")
        if not vars_:
            return item.markup
        return (f'<g class="ubf-b" style="transform-origin:{_n(a0[0])}px {_n(a0[1])}px;{";".join(vars_)}">'
                f'{item.markup}</g>')


def _ease(t):
    """CSS ease-in-out, cubic-bezier(0.42, 0, 0.58, 1): how far a move has got a share t of its time in."""
    lo, hi = 0.0, 1.0
    for _ in range(40):
        u = (lo + hi) / 2
        x = 3 * u * (1 - u) ** 2 * 0.42 + 3 * u * u * (1 - u) * 0.58 + u ** 3
        lo, hi = (u, hi) if x < t else (lo, u)
    u = (lo + hi) / 2
    return 3 * u * u * (1 - u) + u ** 3


def _unit(v):
    n = math.hypot(v[0], v[1])
    return (v[0] / n, v[1] / n) if n > 1e-9 else None


def _arrow(arrow):
    (x1, y1), (x2, y2) = arrow["from"], arrow["to"]
    bend = arrow.get("bend", 0)
    cx, cy = (x1 + x2) / 2 - bend * (y2 - y1) / 100, (y1 + y2) / 2 + bend * (x2 - x1) / 100
    return f'<path d="M{_n(x1)} {_n(y1)}Q{_n(cx)} {_n(cy)} {_n(x2)} {_n(y2)}" class="ar" marker-end="url(#ubf-ah)"/>'


def _svg(crop, inner, label, cls, scale, extra=""):
    x0, y0, x1, y1 = crop
    w, h = x1 - x0, y1 - y0
    return (f'<svg viewBox="{_n(x0)} {_n(y0)} {_n(w)} {_n(h)}" width="{round(w * scale)}" height="{round(h * scale)}"'
            f' role="img" class="{cls}" aria-label="{escape(label)}"{extra}>{inner}</svg>')


def _display_scale(crop, most_wide=560, most_high=340, most=2.6):
    w, h = crop[2] - crop[0], crop[3] - crop[1]
    return min(most, most_wide / w, most_high / h)


def _movement_label(record):
    frames = record["frames"]
    return "Moving picture, repeating: " + " Then: ".join(f["alt"] for f in frames)


def coverage(record):
    """For each still frame, the share of its area that the figure's box covers, and the same for the moving
    picture's frame (which holds every position): {"frames": [...], "moving": share or None}."""
    fig = Figure(record)
    shares = []
    for frame in range(len(record["frames"])):
        crop, _, body = fig.still(frame)
        shares.append(body.area / ((crop[2] - crop[0]) * (crop[3] - crop[1])))
    moving = None
    if fig.motion.moves:
        crop, _ = fig.animated()
        body = _Box()
        for k in range(len(fig.motion.steps)):
            pose = fig.motion.pose_at(k)
            body.merge(fig.body_box(dict(fig.motion.poses[fig.motion.steps[k]], **pose), fig.motion.steps[k]))
        moving = body.area / ((crop[2] - crop[0]) * (crop[3] - crop[1]))
    return {"frames": shares, "moving": moving}


def _stills(fig, record):
    out = []
    for frame, f in enumerate(record["frames"]):
        crop, inner, _ = fig.still(frame)
        w = crop[2] - crop[0]
        figure = _svg(crop, inner, f["alt"], "ubf-svg", 2.0)
        out.append(f'<figure style="--w:{round(w)}">{figure}<figcaption>{escape(f["label"])}</figcaption></figure>')
    return f'<div class="ubf-stills">{"".join(out)}</div>'


def svg(record, still=False):
    """The markup for one record: the moving picture with its pause button and the still frames (which stand in
    for it with reduced motion, in print and without scripts); with still=True, or for a record with one position,
    only the still frames. Needs ``DEFS`` once on the page."""
    fig = Figure(record)
    stills = _stills(fig, record)
    if still or not fig.motion.moves:
        return f'<div class="ubf ubf-still">{stills}</div>'
    crop, inner = fig.animated()
    steps = fig.motion.steps
    n = len(steps)
    labels = "".join(f'<span style="animation-name:ubf-l{n}-{k}">{escape(record["frames"][f]["label"])}</span>'
                     for k, f in enumerate(steps))
    moving = _svg(crop, inner, _movement_label(record), f"ubf-svg ubf-anim ubf-n{n}", _display_scale(crop))
    return (f'<div class="ubf" data-ubf><div class="ubf-player">{moving}<div class="ubf-bar">'
            f'<span class="ubf-labels ubf-n{n}" aria-hidden="true">{labels}</span>'
            f'<button type="button" class="ubf-toggle" data-ubf-toggle data-words="{_TOGGLE_WORDS}">'
            f'{escape(WORDS["figure"]["pause"])}</button></div></div>'
            f'{stills}</div>')


_TOGGLE_WORDS = escape(json.dumps(WORDS["figure"]))  # what the button says, for figure-player.js


def illustration(record):
    """The view for page templates: caption, credit, whether it moves, the frames' labels and alt texts, and the
    markup with the shared definitions (``html``)."""
    fig = Figure(record)
    return {
        "caption": record["caption"], "author": record["author"], "licence": record["licence"],
        "moves": fig.motion.moves,
        "frames": [{"label": f["label"], "alt": f["alt"]} for f in record["frames"]],
        "html": DEFS + svg(record),
    }


def review(content):
    """The review sheet (docs/clinicians/figures.md): every figure, exercises then check-ins, with its record's title,
    page and caption; the shared definitions once."""
    rows = []
    for kind, records, folder in (("Exercise", content.exercises, "exercises"), ("Check-in", content.checks, "checks")):
        for record_id, record in records.items():
            ill = content.illustrations.get(record_id)
            if ill:
                rows.append({"id": record_id, "title": record["title"], "kind": kind, "folder": folder,
                             "caption": ill["caption"], "moves": Figure(ill).motion.moves, "figure": svg(ill)})
    return {"defs": DEFS, "rows": rows}


def keyframes_css():
    """The shared keyframes for every loop length, as docs/stylesheets/figures.css holds them (a test keeps the
    two the same): each step holds for a moment, then every bone group turns evenly to the next step's angle."""
    # Custom properties inherit: every moving group starts from no move at all, then its own style sets its steps.
    lines = [".ubf-m{"] + [f"--x{k}:0;--y{k}:0;--a{k}:0;--s{k}:1;" for k in range(MAX_STEPS)] + ["}", ".ubf-b{"]
    lines += [f"--bx{i}:0;--by{i}:0;--ba{i}:0;--bs{i}:1;" for i in range(MAX_STEPS * BAND_STOPS)] + ["}"]
    for n in range(2, MAX_STEPS + 1):
        frames = []
        for k in range(n):
            start = 100 * k / n
            hold = 100 * (k + HOLD) / n
            frames.append(f"{_n(start)}%,{_n(hold)}%{{{_transform(k)}}}")
        frames.append(f"100%{{{_transform(0)}}}")
        lines += [f"@keyframes ubf-k{n}{{", *frames, "}"]
        lines.append(f".ubf-n{n} .ubf-m{{animation-name:ubf-k{n};animation-duration:{DURATION[n]:g}s}}")
        band = []
        for k in range(n):
            stops = [k / n] + [(k + HOLD + (1 - HOLD) * j / BAND_STOPS) / n for j in range(BAND_STOPS)]
            values = [k * BAND_STOPS] + [k * BAND_STOPS + j for j in range(BAND_STOPS)]
            band += [f"{100 * t:.4g}%{{{_band_transform(i)}}}" for t, i in zip(stops, values, strict=True)]
        band.append(f"100%{{{_band_transform(0)}}}")
        lines += [f"@keyframes ubf-b{n}{{", *band, "}"]
        lines.append(f".ubf-n{n} .ubf-b{{animation-name:ubf-b{n};animation-duration:{DURATION[n]:g}s}}")
        for k in range(n):  # the label of step k shows from halfway through the move to it until halfway out
            on, off = 100 * (k - (1 - HOLD) / 2) / n, 100 * (k + HOLD + (1 - HOLD) / 2) / n
            shown, hidden = "{visibility:visible}", "{visibility:hidden}"
            if on < 0:
                stops = f"0%,{off:.2f}%{shown} {off + 0.01:.2f}%,{on + 100:.2f}%{hidden} {on + 100.01:.2f}%,100%{shown}"
            else:
                stops = f"0%,{on:.2f}%{hidden} {on + 0.01:.2f}%,{off:.2f}%{shown} {off + 0.01:.2f}%,100%{hidden}"
            lines += [f"@keyframes ubf-l{n}-{k}{{", stops, "}"]
        lines.append(f".ubf-labels.ubf-n{n} span{{animation-duration:{DURATION[n]:g}s}}")
    return "\n".join(lines) + "\n"


def _band_transform(i):
    return (f"transform:translate(calc(var(--bx{i})*1px),calc(var(--by{i})*1px))\n"
            f"  rotate(calc(var(--ba{i})*1deg)) scale(var(--bs{i}))")


def _transform(k):
    return (f"transform:translate(calc(var(--x{k})*1px),calc(var(--y{k})*1px)) "
            f"rotate(calc(var(--a{k})*1deg)) scale(var(--s{k}))")
