"""Measured check-ins (issue 11 item 4): numbers are checked, combined and mapped to an outcome by the rules in each
record; expectations come from the brief's figures (section 3) written out here, never from the engine's output."""
import json

import pytest

from upperback import plan
from upperback.browser import handle
from upperback.content import load
from upperback.errors import AnswerError
from upperback.measures import reading_for

STANCE, ROTATION, HEAD, SHOULDER, NECK_HOLD = ("single-leg-stance-check", "thoracic-rotation-check",
                                               "forward-head-photo", "shoulder-to-floor", "neck-flexor-endurance-check")


def today(made):
    return [item["exercise"] for phase in made["phases"] for item in phase["items"]]


def result(check, trials, age=None):
    return reading_for(check, trials, age)["outcome"]


# The brief: about 43 s at 18-39, 27 s at 60-69 and 15 s at 70-79, best of 3, stop at 45 s; no figure for 40-59.
@pytest.mark.parametrize("age, left, right, expected", [
    ("20-39", [45, 20], [45], "reached-45"),
    ("80-plus", [45], [45], "reached-45"),
    ("20-39", [43], [44], "near-age-average"),
    ("20-39", [42.9], [44], "below-age-average"),
    ("60-64", [27], [30], "near-age-average"),
    ("65-69", [26.9, 10], [30], "below-age-average"),
    ("70-79", [15], [15], "near-age-average"),
    ("70-79", [3, 14.9], [40], "below-age-average"),
    ("40-49", [10], [10], "no-age-average"),
    ("50-59", [10], [44], "no-age-average"),
    (None, [10], [10], "no-age-average"),
    ("50-plus", [10], [10], "no-age-average"),  # an old link's band: no figure can be taken for it
])
def test_single_leg_stance_by_age_band(age, left, right, expected):
    assert result(STANCE, {"left": left, "right": right}, age) == expected


# The brief: healthy turns are about 41-45 degrees; the record's criteria use 40 degrees each way.
@pytest.mark.parametrize("left, right, expected", [
    ([40], [40], "both-full"), ([39, 41], [50], "both-full"), ([39], [50], "one-side-less"),
    ([39], [39.9], "both-less"), ([0], [90], "one-side-less"),
])
def test_thoracic_rotation_uses_40_degrees_each_way(left, right, expected):
    assert result(ROTATION, {"left": left, "right": right}) == expected


# The brief: a craniovertebral angle below about 48-50 degrees is quoted as forward head; the photos are averaged.
@pytest.mark.parametrize("angles, expected", [
    ([50], "angle-50-or-more"), ([49.9], "angle-48-to-50"), ([48], "angle-48-to-50"), ([47.9], "angle-under-48"),
    ([46, 52], "angle-48-to-50"), ([52, 53, 45], "angle-50-or-more"),  # (52 + 53 + 45) / 3 = 50
])
def test_head_angle_uses_the_average_of_the_photos(angles, expected):
    assert result(HEAD, {"value": angles}) == expected


@pytest.mark.parametrize(
    "left, right, expected",
    [
        ([2.5], [2.5], "both-low"),
        ([2.5], [3], "one-side-higher"),
        ([3], [2.6], "both-high"),
        ([0], [20], "one-side-higher"),
    ],
)
def test_shoulder_to_floor_uses_2_5_cm(left, right, expected):
    assert result(SHOULDER, {"left": left, "right": right}) == expected


def test_a_number_without_rules_is_kept_and_the_person_chooses():
    reply = reading_for(NECK_HOLD, {"value": [31.2]})
    assert reply["outcome"] is None and "31.2" in reply["text"]
    made = plan.assess({"red_flags": {}, "measures": {NECK_HOLD: {"value": [31.2]}}})
    assert NECK_HOLD not in made["answers"]["checks"] and made["answers"]["measures"] == {NECK_HOLD: {"value": [31.2]}}


def test_a_result_the_person_chose_wins_over_the_numbers():
    answers = {"red_flags": {}, "checks": {ROTATION: "painful"}, "measures": {ROTATION: {"left": [45], "right": [45]}}}
    made = plan.assess(answers)
    assert made["answers"]["checks"][ROTATION] == "painful"
    hurt = next(o for o in load().checks[ROTATION]["outcomes"] if o["id"] == "painful")
    assert hurt.get("hurt")  # the record says it hurt, so its region's exercises are left out
    region = load().checks[ROTATION]["region"]
    assert all(load().exercise_region(load().exercises[i]) != region for i in today(made)), today(made)


def test_numbers_give_the_same_plan_as_the_outcome_they_map_to():
    by_numbers = plan.assess(
        {"red_flags": {}, "age_band": "70-79", "measures": {STANCE: {"left": [10], "right": [20]}}}
    )
    by_outcome = plan.assess({"red_flags": {}, "age_band": "70-79", "checks": {STANCE: "below-age-average"}})
    assert today(by_numbers) == today(by_outcome) and by_numbers["later"] == by_outcome["later"]


def test_numbers_survive_the_share_link():
    made = plan.assess({"red_flags": {}, "measures": {HEAD: {"value": [47, 49]}}})
    reopened = plan.assess_link(made["share"][made["share"].index("#") :])
    assert reopened["answers"]["measures"] == {HEAD: {"value": [47.0, 49.0]}}


@pytest.mark.parametrize(
    "given, message",
    [
        ({STANCE: {"left": [46], "right": [20]}}, "outside 0 to 45 seconds"),
        ({STANCE: {"left": [20]}}, "right is missing"),
        ({STANCE: {"left": [1, 2, 3, 4], "right": [2]}}, "1 to 3 numbers"),
        ({STANCE: {"left": ["ten"], "right": [2]}}, "not a number"),
        ({STANCE: {"left": [True], "right": [2]}}, "not a number"),
        ({STANCE: {"middle": [2]}}, "unknown part"),
        ({"wall-test": {"value": [2]}}, "not a measured check-in"),
        ({"no-such-check": {"value": [2]}}, "unknown check-in"),
        ([1, 2], "measures must be an object"),
    ],
)
def test_bad_numbers_say_what_to_fix(given, message):
    with pytest.raises(AnswerError, match=message):
        plan.assess({"red_flags": {}, "measures": given})


def test_the_engine_op_replies_with_the_reading_or_a_message():
    ok = json.loads(handle(json.dumps({"op": "measure", "check": STANCE, "trials": {"left": [45], "right": [45]}})))
    assert ok["ok"] and ok["reading"]["outcome"] == "reached-45"
    label = next(o["label"] for o in load().checks[STANCE]["outcomes"] if o["id"] == "reached-45")
    assert label in ok["reading"]["text"]
    bad = json.loads(handle(json.dumps({"op": "measure", "check": STANCE, "trials": {"left": [99], "right": [1]}})))
    assert not bad["ok"] and "outside" in bad["error"]


def progress_with(*measured):
    from upperback import progress

    text = ""
    for date, measures, checks in measured:
        answers = {"red_flags": {}, "checks": checks, "measures": measures}
        text = progress.add(text, {"date": date, "answers": answers, "activities": []})["store"]
    return {c["id"]: c for c in progress.report(text, today="2026-12-01")["checks"]}


# The error figures are the records' own, from the brief and R45: 15 s for the neck hold, 5 degrees for the head.
@pytest.mark.parametrize("before, after, changed", [(20, 35, False), (20, 35.1, True), (40, 24.9, True)])
def test_progress_says_changed_only_beyond_the_measurement_error(before, after, changed):
    chosen = {NECK_HOLD: "first-time"}
    rows = progress_with(
        ("2026-11-01", {NECK_HOLD: {"value": [before]}}, chosen),
        ("2026-11-15", {NECK_HOLD: {"value": [after]}}, {NECK_HOLD: "held-as-long"}),
    )
    numbers = rows[NECK_HOLD]["numbers"]
    assert numbers["error"] == load().checks[NECK_HOLD]["measure"]["error"] == 15
    assert numbers["parts"][0]["changed"] is changed
    assert ("Within the measurement error" in numbers["text"]) is not changed


def test_the_head_angle_changes_beyond_5_degrees_and_one_entry_compares_nothing():
    rows = progress_with(("2026-11-01", {HEAD: {"value": [44]}}, {}), ("2026-11-15", {HEAD: {"value": [49.5]}}, {}))
    assert rows[HEAD]["numbers"]["parts"][0]["changed"] is True and "+5.5" in rows[HEAD]["numbers"]["text"]
    assert progress_with(("2026-11-01", {HEAD: {"value": [44]}}, {}))[HEAD]["numbers"] is None


def test_a_measure_without_an_error_figure_says_to_look_for_a_trend():
    rows = progress_with(
        ("2026-11-01", {ROTATION: {"left": [30], "right": [40]}}, {}),
        ("2026-11-15", {ROTATION: {"left": [45], "right": [40]}}, {}),
    )
    numbers = rows[ROTATION]["numbers"]
    assert numbers["error"] is None and all(p["changed"] is None for p in numbers["parts"])
    assert "no published figure" in numbers["text"]


# The neck turn, measured lying down (issue 11 item 4): seated turning is about a vertical axis, which the phone's
# gravity sensor cannot see; lying on the back with the phone on the forehead, the turn tilts the phone about a
# horizontal axis. The brief's 70-90 degrees is for seated turning and it gives no measurement error, so the lying
# reading maps to no outcome and is compared only with the person's own earlier readings.
NECK_TURN = "neck-rotation-check"


def test_the_lying_neck_turn_is_kept_for_the_person_to_compare_and_picks_no_result():
    measure = load().checks[NECK_TURN]["measure"]
    assert measure["tool"] == "inclinometer" and measure["parts"] == ["left", "right"] and "rules" not in measure
    reply = reading_for(NECK_TURN, {"left": [62, 66], "right": [58]})
    assert reply["outcome"] is None and reply["figures"] == {"left": 66.0, "right": 58.0}
    assert reply["text"].startswith("Left 66 degrees, right 58 degrees.")
    made = plan.assess({"red_flags": {}, "measures": {NECK_TURN: {"left": [66], "right": [58]}}})
    assert NECK_TURN not in made["answers"]["checks"]


def test_the_lying_neck_turn_has_no_error_figure_so_progress_looks_for_a_trend():
    assert load().checks[NECK_TURN]["measure"]["error"] is None
    chosen = {NECK_TURN: "one-side-less"}  # with no rules, the person picks the result beside the numbers
    rows = progress_with(
        ("2026-11-01", {NECK_TURN: {"left": [50], "right": [60]}}, chosen),
        ("2026-11-15", {NECK_TURN: {"left": [70], "right": [61]}}, chosen),
    )
    numbers = rows[NECK_TURN]["numbers"]
    assert all(p["changed"] is None for p in numbers["parts"]) and "no published figure" in numbers["text"]


def test_the_lying_neck_turn_says_when_to_stop_and_what_it_is_not():
    from upperback.measures import view

    shown = view(load().checks[NECK_TURN])
    safety = " ".join(shown["safety"]).lower()
    # the brief, section 5: stop for dizziness, vision, speech or swallowing changes, tingling or sharp pain
    for sign in ("dizzy", "vision", "speech", "swallowing", "pins and needles", "numbness", "sharp"):
        assert sign in safety, sign
    assert "home check-in" in shown["note"] and "seated measure a clinic" in shown["note"]
    assert "lie on your back" in shown["steps"][0].lower()
    timing = load().checks[NECK_TURN]["measure"]["hands_free"]
    assert shown["hands_free"] == timing
    assert f"waits {timing['settle']} seconds" in shown["hands_free_text"]
    assert f"for {timing['window']} seconds" in shown["hands_free_text"]


def test_only_the_inclinometer_reads_itself(content_copy):
    from upperback.validation import validate

    content_copy.edit(
        "checks/forward-head-photo.json", lambda r: r["measure"].update(hands_free={"settle": 5, "window": 15})
    )
    problems = [(p.file, p.field) for p in validate(content_copy.root)]
    assert ("content/checks/forward-head-photo.json", "measure.hands_free") in problems
