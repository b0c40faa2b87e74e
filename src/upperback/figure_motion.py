"""The skeleton behind the figures: joints, bones, and movement between positions by joint angles.

A pose (content/illustrations/<id>.json, ``frames[].pose``) gives joint points in a 200 x 200 box, y pointing down.
``full_pose`` adds the joints a pose may leave out (the far shoulder and hip sit on the near ones, the chest halfway
up the back) and two that are never written: the middle of the pelvis and the toes. Bones join the joints in a tree;
``Motion`` roots that tree at the joint that moves least (usually a foot or the pelvis) and moves between positions
by turning each bone about its parent joint, the angles changing evenly, so a bone never stretches on the way.
The still frames and the moving figure on the page are both drawn from ``Motion``; the pose rules
(upperback.pose_rules) sample it in between positions. Standard library only (it also runs in Pyodide).
"""
import math

REQUIRED = ("head", "face", "neck", "shoulder", "elbow_near", "hand_near", "elbow_far", "hand_far",
            "hip", "knee_near", "foot_near", "knee_far", "foot_far")
OPTIONAL = ("chest", "shoulder_far", "hip_far")
AUTHORED = REQUIRED + OPTIONAL
# Every joint and the joint it hangs from when the tree is rooted at the pelvis.
PARENT = {
    "hip": "pelvis", "hip_far": "pelvis", "chest": "pelvis", "neck": "chest", "head": "neck", "face": "head",
    "shoulder": "neck", "shoulder_far": "neck", "elbow_near": "shoulder", "hand_near": "elbow_near",
    "elbow_far": "shoulder_far", "hand_far": "elbow_far", "knee_near": "hip", "foot_near": "knee_near",
    "knee_far": "hip_far", "foot_far": "knee_far", "toe_near": "foot_near", "toe_far": "foot_far",
}
EDGES = [(parent, child) for child, parent in PARENT.items()]
# Bones that keep their length from frame to frame. The face point is not one: turning the head towards the viewer
# brings it in towards the centre of the head. Toes are placed by rule (``toes``), never written.
BONES = [(a, b) for a, b in EDGES if b not in ("face", "toe_near", "toe_far")]
FOOT_LENGTH = 0.15   # heel to toe, as a share of body height
HEEL = 0.25          # share of the foot behind the ankle
FLOOR_CONTACT = 10   # an ankle this close to a floor stands on it (units of the 200 box)


def _mid(a, b):
    return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]


def _unit(v):
    n = math.hypot(v[0], v[1])
    return (v[0] / n, v[1] / n) if n > 1e-9 else (0.0, 0.0)


def body_height(poses):
    """Body height in drawing units, estimated from bone lengths: the largest of several estimates, as a bone seen
    end-on (pointing at the viewer) only ever looks shorter."""
    shares = (("pelvis", "neck", 0.30), ("hip", "knee_near", 0.245), ("knee_near", "foot_near", 0.245),
              ("shoulder", "elbow_near", 0.17), ("elbow_near", "hand_near", 0.18), ("hip_far", "knee_far", 0.245),
              ("knee_far", "foot_far", 0.245))
    return max(max(math.dist(p[a], p[b]) for p in poses) / share for a, b, share in shares)


def floors(frame):
    return [p["y"] for p in frame.get("props", []) if p["kind"] == "floor"]


def toes(pose, height, floor_ys=(), view="side"):
    """Where each foot's toes point: forward from the shin on the kneecap side, or towards the face when the leg is
    straight or the shin is seen end-on. On a floor: flat along it when the ankle stands on it; when the whole shin
    lies on it, up for a figure lying face up and back along the shin otherwise (kneeling, lying face down). Seen
    from the front or back, a standing foot points out to its side, short, as it comes towards the viewer; seen from
    the head end, a foot beyond an end-on shin is hidden."""
    out = {}
    facing = _unit((pose["face"][0] - pose["head"][0], pose["face"][1] - pose["head"][1]))
    wide = view != "side"
    for side, hip in (("near", "hip"), ("far", "hip_far")):
        knee, ankle = pose[f"knee_{side}"], pose[f"foot_{side}"]
        shin = (ankle[0] - knee[0], ankle[1] - knee[1])
        thigh = (pose[hip][0] - knee[0], pose[hip][1] - knee[1])
        perp = (-shin[1], shin[0])
        cross = shin[0] * thigh[1] - shin[1] * thigh[0]
        length = FOOT_LENGTH * height * (1 - HEEL)
        if abs(cross) > 0.04 * math.hypot(*shin) * math.hypot(*thigh):
            d = _unit(perp if (shin[0] * perp[1] - shin[1] * perp[0]) * cross < 0 else (-perp[0], -perp[1]))
        else:
            side_of = facing[0] * perp[0] + facing[1] * perp[1]
            d = _unit(perp if side_of >= 0 else (-perp[0], -perp[1]))
        end_on = math.hypot(*shin) < 0.08 * height
        if end_on and facing != (0.0, 0.0):  # the foot lies flat in view, pointing where the face does
            d = facing
        if end_on and view == "head end":
            length = 0.0
        if d == (0.0, 0.0):
            d = facing if facing != (0.0, 0.0) else (1.0, 0.0)
        floor = next((y for y in floor_ys if abs(y - ankle[1]) <= FLOOR_CONTACT), None)
        if floor is not None and length:
            if abs(knee[1] - floor) <= FLOOR_CONTACT + 6:  # the shin lies on the floor
                d = (0.0, -1.0) if facing[1] < -0.3 else (_unit(shin) if not end_on else d)
            elif wide and abs(shin[0]) < 0.5 * abs(shin[1]):
                d = (1.0 if ankle[0] >= pose["pelvis"][0] else -1.0, 0.0)
                length *= 0.5
            else:
                d = (1.0 if d[0] >= 0 else -1.0, 0.0)
        out[f"toe_{side}"] = [ankle[0] + d[0] * length, ankle[1] + d[1] * length]
    return out


def full_pose(pose, height, floor_ys=(), view="side"):
    """The pose with every joint of the tree: defaults for the optional joints, the pelvis and the toes."""
    p = {k: list(v) for k, v in pose.items()}
    p.setdefault("shoulder_far", list(p["shoulder"]))
    p.setdefault("hip_far", list(p["hip"]))
    p["pelvis"] = _mid(p["hip"], p["hip_far"])
    p.setdefault("chest", _mid(p["pelvis"], p["neck"]))
    p.update(toes(p, height, floor_ys, view))
    return p


def _wrap(a):
    return (a + 180) % 360 - 180


def _tree(root):
    """(parent, child) pairs in breadth-first order from root, over the undirected skeleton."""
    links = {}
    for a, b in EDGES:
        links.setdefault(a, []).append(b)
        links.setdefault(b, []).append(a)
    order, seen, queue = [], {root}, [root]
    while queue:
        joint = queue.pop(0)
        for other in links[joint]:
            if other not in seen:
                seen.add(other)
                order.append((joint, other))
                queue.append(other)
    return order


class Motion:
    """A record's positions as joint angles, and the in-between poses.

    ``steps`` is the loop: frame indices in playing order (the record's ``sequence``, else there and back)."""

    def __init__(self, record):
        self.record = record
        frames = record["frames"]
        view = record.get("view", "side")
        self.height = body_height([full_pose(f["pose"], 170) for f in frames])
        self.poses = [full_pose(f["pose"], self.height, floors(f), view) for f in frames]
        n = len(frames)
        self.steps = list(record.get("sequence") or (list(range(n)) + list(range(n - 2, 0, -1))))
        self.moves = any(self._differs(self.poses[0], p) for p in self.poses[1:])
        self.root = record.get("anchor") or self._least_moving()
        self.tree = _tree(self.root)
        self.parent = {child: parent for parent, child in self.tree}
        # Mean bone lengths: every drawn position uses them, so the picture never stretches a bone.
        self.lengths = {}
        for a, b in self.tree:
            self.lengths[(a, b)] = sum(math.dist(p[a], p[b]) for p in self.poses) / n
        self.angles = [self._angles(p) for p in self.poses]
        self.unwrapped = self._unwrap()
        self._turns = None

    @staticmethod
    def _differs(a, b, tolerance=0.5):
        return any(math.dist(a[j], b[j]) > tolerance for j in AUTHORED if j in a)

    def _least_moving(self):
        candidates = ("foot_near", "foot_far", "knee_near", "knee_far", "pelvis", "hand_near", "hand_far", "neck")
        travel = {j: sum(math.dist(self.poses[0][j], p[j]) for p in self.poses) for j in candidates}
        best = min(travel.values())
        if travel["pelvis"] <= best + 1:
            return "pelvis"
        return min(candidates, key=lambda j: (travel[j], candidates.index(j)))

    def _angles(self, pose):
        """Each bone's direction and length; a bone of no length (the pelvis in a side view) points along its
        parent, so it never turns the bones below it."""
        out = {}
        for a, b in self.tree:
            dx, dy = pose[b][0] - pose[a][0], pose[b][1] - pose[a][1]
            length = math.hypot(dx, dy)
            if length < 1e-6 and b != "face":
                up = (self.parent[a], a) if a in self.parent else None
                out[(a, b)] = (out[up][0] if up else 0.0, 0.0)
            else:
                out[(a, b)] = (math.degrees(math.atan2(dy, dx)), length)
        return out

    def _unwrap(self):
        """Absolute bone angles for each step of the loop. A frame's angles are fixed where it first comes in the
        loop: each bone turns the short way from the step before, unless the frame's ``turn`` says which way
        (clockwise or anticlockwise, as seen in the picture), for a sweep of about half a circle. A frame that comes
        again keeps its angles, so the way back retraces the way there."""
        frames = self.record["frames"]
        values = {}
        previous = None
        for frame in self.steps:
            if frame in values:
                previous = frame
                continue
            hints = frames[frame].get("turn", {})
            row = {}
            for edge in self.tree:
                angle, _ = self.angles[frame][edge]
                if previous is None:
                    row[edge] = angle
                    continue
                before = values[previous][edge]
                delta = _wrap(angle - before)
                way = hints.get(edge[1])
                if way == "clockwise" and delta < 0:
                    delta += 360
                elif way == "anticlockwise" and delta > 0:
                    delta -= 360
                row[edge] = before + delta
            values[frame] = row
            previous = frame
        for edge in (e for e in self.tree if "face" in e):  # a face looking at the viewer: direction from the others
            seen = [values[f][edge] for f in values if self.angles[f][edge][1] >= 1e-6]
            for f in values:
                if self.angles[f][edge][1] < 1e-6 and seen:
                    values[f][edge] = seen[0]
        return [values[f] for f in self.steps]

    def length(self, edge, frame):
        """Drawn length: the mean for bones, the frame's own for the face offset."""
        return self.angles[frame][edge][1] if "face" in edge else self.lengths[edge]

    def pose_at(self, step, t=0.0):
        """The pose a fraction t of the way from loop step ``step`` to the next one."""
        k0, k1 = step % len(self.steps), (step + 1) % len(self.steps)
        f0, f1 = self.steps[k0], self.steps[k1]
        a0, a1 = self.unwrapped[k0], self.unwrapped[k1]
        r0, r1 = self.poses[f0][self.root], self.poses[f1][self.root]
        pose = {self.root: [r0[0] + (r1[0] - r0[0]) * t, r0[1] + (r1[1] - r0[1]) * t]}
        for edge in self.tree:
            a, b = edge
            angle = math.radians(a0[edge] + (a1[edge] - a0[edge]) * t)  # evenly, as the page's keyframes turn it
            length = self.length(edge, f0) * (1 - t) + self.length(edge, f1) * t
            pose[b] = [pose[a][0] + math.cos(angle) * length, pose[a][1] + math.sin(angle) * length]
        return pose

    def frame_pose(self, frame):
        """A frame's own position, drawn with the record's bone lengths."""
        return self.pose_at(self.steps.index(frame)) if frame in self.steps else self._rebuilt(frame)

    def _rebuilt(self, frame):
        pose = {self.root: list(self.poses[frame][self.root])}
        for edge in self.tree:
            angle, _ = self.angles[frame][edge]
            length = self.length(edge, frame)
            a, b = edge
            pose[b] = [pose[a][0] + math.cos(math.radians(angle)) * length,
                       pose[a][1] + math.sin(math.radians(angle)) * length]
        return pose

    def samples(self, per_move=8):
        """In-between poses over the whole loop, for the checks and for the moving figure's frame."""
        return [self.pose_at(k, i / per_move) for k in range(len(self.steps)) for i in range(per_move)]

    def local_turns(self):
        """For each bone, its turn about its parent joint at each loop step, relative to the first step (degrees):
        what the page animates. A bone's turn is its own angle change less its parent bone's."""
        if self._turns is None:
            turns = {}
            base = self.unwrapped[0]
            for edge in self.tree:
                a, _ = edge
                parent_edge = (self.parent[a], a) if a in self.parent else None
                row = []
                for k in range(len(self.steps)):
                    own = self.unwrapped[k][edge] - base[edge]
                    up = self.unwrapped[k][parent_edge] - base[parent_edge] if parent_edge else 0.0
                    row.append(own - up)
                turns[edge] = row
            self._turns = turns
        return self._turns
