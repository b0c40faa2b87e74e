"""Pose rules (upperback.pose_rules): the real drawings pass, and each rule catches its own breakage in a copy of the
content, naming the file and the field. The rules are called directly, as upperback.rules runs them."""
import json
from pathlib import Path

import pytest

from upperback import pose_rules

BAND = "illustrations/band-row.json"
SQUEEZE = "illustrations/shoulder-blade-squeeze.json"


def records(root):
    folder = Path(root) / "illustrations"
    return {"illustrations": [(Path("content/illustrations") / p.name, json.loads(p.read_text()))
                              for p in sorted(folder.glob("*.json"))]}


def problems(root, rule):
    return [(p.file, p.field, p.message) for p in rule(records(root), {})]


def test_real_drawings_pass_every_pose_rule(content_copy):
    found = [p for rule in pose_rules.POSE_RULES for p in rule(records(content_copy.root), {})]
    assert [str(p) for p in found] == []


def _stretch(record):
    pose = record["frames"][1]["pose"]
    pose["hand_near"] = [pose["hand_near"][0] + 15, pose["hand_near"][1]]


def _mirror_feet(record):
    for frame in record["frames"]:
        for joint in ("foot_near", "knee_near"):
            frame["pose"][joint][0] = 3.0


def _face_off(record):
    head = record["frames"][0]["pose"]["head"]
    record["frames"][0]["pose"]["face"] = [head[0] + 40, head[1]]


def _bad_sequence(record):
    record["sequence"] = [0, 3]


def _moved_prop(record):
    record["frames"][1]["props"][1]["x"] = 150


BREAKS = [
    (BAND, _stretch, pose_rules.check_bone_lengths_hold, "frames[1].pose.hand_near", "keeps its length"),
    (BAND, _face_off, pose_rules.check_face_on_the_head, "frames[0].pose.face", "lies on the head"),
    (BAND, _bad_sequence, pose_rules.check_sequence_names_frames, "sequence[1]", "only 2"),
    (BAND, _moved_prop, pose_rules.check_props_stay_unless_held, "frames[1].props[1]", "stays put"),
]


@pytest.mark.parametrize("relative, change, rule, field, message", BREAKS)
def test_pose_rule_names_file_and_field(content_copy, relative, change, rule, field, message):
    content_copy.edit(relative, change)
    found = problems(content_copy.root, rule)
    assert any(f == f"content/{relative}" and fld == field and message in msg for f, fld, msg in found), found


def test_a_foot_outside_the_box_is_named(content_copy):
    content_copy.edit(BAND, _mirror_feet)
    found = problems(content_copy.root, pose_rules.check_joints_stay_in_the_box)
    assert any(f == f"content/{BAND}" and fld.startswith("frames[") and "outside" in msg
               for f, fld, msg in found), found


def test_a_sweep_out_of_the_box_in_between_is_named(content_copy):
    """Both frames sit inside the box, but sent the long way round, the near arm swings a full circle over the head
    and out past the top edge on the way."""
    def long_way(record):
        record["frames"][1]["turn"] = {"elbow_near": "anticlockwise", "hand_near": "anticlockwise"}
    content_copy.edit(SQUEEZE, long_way)
    found = problems(content_copy.root, pose_rules.check_joints_stay_in_the_box)
    assert any(f == f"content/{SQUEEZE}" and fld == "frames" and msg.startswith("between frames")
               for f, fld, msg in found), found


def test_bones_are_checked_in_between_as_the_page_draws_them(content_copy, monkeypatch):
    """The rule samples the in-between poses as the page draws them, not only the frames: an animation that pulled
    a joint off its bones on the way is caught."""
    drawn = pose_rules.drawn

    def pulled(motion, k, t):
        pose = drawn(motion, k, t)
        if t:
            pose["elbow_near"] = [pose["elbow_near"][0] + 12, pose["elbow_near"][1]]
        return pose

    monkeypatch.setattr(pose_rules, "drawn", pulled)
    found = problems(content_copy.root, pose_rules.check_bone_lengths_hold)
    assert any(fld == "frames" and msg.startswith("between frames") for _, fld, msg in found), found
