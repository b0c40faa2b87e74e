"""Pose checks for content/illustrations/: a broken pose fails the build, naming the file and the field.

Same shape as the rules in upperback.rules: each takes the schema-valid records and the lookup tables and yields
``Problem``s; ``POSE_RULES`` lists them (upperback.rules appends them to ``RULES``).

- bones keep their length (within ``TOLERANCE``) from frame to frame, and in between, as the page draws the
  movement (the first position turned bone by bone, upperback.figure_motion);
- no joint leaves the 200 x 200 box, in any frame or in between;
- the face point lies on or inside the head;
- a loop (``sequence``) names only frames the record has;
- in a record that moves, a prop that is not held by a joint stays where it is.
"""
import math

from .figure_motion import AUTHORED, BONES, PARENT, Motion, body_height, full_pose
from .problems import Problem

TOLERANCE = 0.05   # a bone may differ from its length in the first frame by this share
BOX = (0, 200)
SAMPLES = 8        # in-between poses checked per move
HEAD = 0.068       # default head radius, share of body height (as upperback.figures draws it)


def _records(records):
    return records["illustrations"]


def _sequence_ok(rec):
    return all(0 <= k < len(rec["frames"]) for k in rec.get("sequence", ()))


def drawn(motion, k, t):
    """The pose the page draws a fraction t of the way through loop step k: the first step's shapes, each bone
    turned about its parent joint by its share of the turn (what figures.css animates), the root moved evenly."""
    turns = motion.local_turns()
    rest = motion.pose_at(0)
    n = len(motion.steps)
    k1 = (k + 1) % n
    r0, r1 = motion.pose_at(k)[motion.root], motion.pose_at(k1)[motion.root]
    shift = [(r0[i] + (r1[i] - r0[i]) * t) - rest[motion.root][i] for i in (0, 1)]
    out = {}
    for joint in rest:
        chain, j = [], joint
        while j in motion.parent:
            chain.append((motion.parent[j], j))
            j = motion.parent[j]
        x, y = rest[joint]
        for edge in chain:  # the nearest bone's turn first, as nested groups apply them
            row = turns[edge]
            angle = math.radians(row[k] + (row[k1] - row[k]) * t)
            cx, cy = rest[edge[0]]
            x, y = (cx + (x - cx) * math.cos(angle) - (y - cy) * math.sin(angle),
                    cy + (x - cx) * math.sin(angle) + (y - cy) * math.cos(angle))
        out[joint] = [x + shift[0], y + shift[1]]
    return out


def _between(motion, k):
    return f"between frames {motion.steps[k]} and {motion.steps[(k + 1) % len(motion.steps)]}"


def check_bone_lengths_hold(records, tables):
    for path, rec in _records(records):
        if not _sequence_ok(rec):
            continue
        frames = rec["frames"]
        first = full_pose(frames[0]["pose"], 170)
        reported = set()
        for i, frame in enumerate(frames[1:], start=1):
            pose = full_pose(frame["pose"], 170)
            for a, b in BONES:
                base, now = math.dist(first[a], first[b]), math.dist(pose[a], pose[b])
                if abs(now - base) > TOLERANCE * max(base, now, 1.0) and (a, b) not in reported:
                    reported.add((a, b))
                    joint = b if b in AUTHORED else a
                    yield Problem(path.as_posix(), f"frames[{i}].pose.{joint}",
                                  f"the bone from {a} to {b} is {now:.0f} long here but {base:.0f} in frames[0]; a "
                                  f"bone keeps its length (within {TOLERANCE:.0%}) in every frame")
        if reported:
            continue
        motion = Motion(rec)
        if not motion.moves:
            continue
        rest = motion.pose_at(0)
        for k in range(len(motion.steps)):
            for s in range(SAMPLES):
                pose = drawn(motion, k, s / SAMPLES)
                for a, b in BONES:
                    base, now = math.dist(rest[a], rest[b]), math.dist(pose[a], pose[b])
                    if abs(now - base) > TOLERANCE * max(base, 1.0) and (a, b) not in reported:
                        reported.add((a, b))
                        yield Problem(path.as_posix(), "frames", f"{_between(motion, k)} the bone from {a} to {b} "
                                      f"is drawn {now:.0f} long, not {base:.0f}")


def check_joints_stay_in_the_box(records, tables):
    low, high = BOX
    for path, rec in _records(records):
        if not _sequence_ok(rec):
            continue
        motion = Motion(rec)
        for i, pose in enumerate(motion.poses):
            for joint in ("toe_near", "toe_far"):
                if not all(low <= c <= high for c in pose[joint]):
                    yield Problem(path.as_posix(), f"frames[{i}].pose.{PARENT[joint]}",
                                  f"the foot reaches {pose[joint][0]:.0f}, {pose[joint][1]:.0f}, outside the "
                                  f"{high} x {high} box; move the figure in")
        if not motion.moves:
            continue
        done = set()
        for k in range(len(motion.steps)):
            for s in range(SAMPLES):
                for joint, (x, y) in drawn(motion, k, s / SAMPLES).items():
                    if joint not in done and not (low <= x <= high and low <= y <= high):
                        done.add(joint)
                        yield Problem(path.as_posix(), "frames", f"{_between(motion, k)} {joint} passes {x:.0f}, "
                                      f"{y:.0f}, outside the {high} x {high} box")


def check_face_on_the_head(records, tables):
    for path, rec in _records(records):
        height = body_height([full_pose(f["pose"], 170) for f in rec["frames"]])
        for i, frame in enumerate(rec["frames"]):
            pose = frame["pose"]
            radius = frame.get("head_r", HEAD * height)
            if math.dist(pose["face"], pose["head"]) > radius * 1.15:
                yield Problem(path.as_posix(), f"frames[{i}].pose.face",
                              f"is {math.dist(pose['face'], pose['head']):.0f} from the centre of the head, whose "
                              f"radius is {radius:.0f}; the face point lies on the head (its rim when side-on)")


def check_sequence_names_frames(records, tables):
    for path, rec in _records(records):
        for i, k in enumerate(rec.get("sequence", ())):
            if k >= len(rec["frames"]):
                yield Problem(path.as_posix(), f"sequence[{i}]",
                              f"names frame {k}, but there are only {len(rec['frames'])} (numbered from 0)")


def check_props_stay_unless_held(records, tables):
    for path, rec in _records(records):
        if not _sequence_ok(rec) or not Motion(rec).moves:
            continue
        first = rec["frames"][0].get("props", [])
        for i, frame in enumerate(rec["frames"][1:], start=1):
            props = frame.get("props", [])
            if len(props) != len(first):
                yield Problem(path.as_posix(), f"frames[{i}].props",
                              f"has {len(props)} props but frames[0] has {len(first)}; in a record that moves, "
                              "every frame has the same props")
                continue
            for j, (a, b) in enumerate(zip(first, props, strict=True)):
                if a != b:
                    yield Problem(path.as_posix(), f"frames[{i}].props[{j}]",
                                  "differs from frames[0]; in a record that moves, a prop stays put, or follows a "
                                  "joint (on: joint, or a band's point named after a joint)")


POSE_RULES = [
    check_sequence_names_frames,
    check_bone_lengths_hold,
    check_joints_stay_in_the_box,
    check_face_on_the_head,
    check_props_stay_unless_held,
]
