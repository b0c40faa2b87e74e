"""The guided session's dose rules (upperback.doses, content/session.json) at every boundary, and their properties:
a dose stays in its range, never a harder version right after a rating above 5, never a change for a fixed
programme, and every step to another exercise passes the plan's caution filter."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upperback import doses
from upperback.answers import normalise
from upperback.content import load
from upperback.dosage import adjustable
from upperback.plan import Cautions

CONTENT = load()
RULES = CONTENT.session
ROW = adjustable(CONTENT.exercises["band-row"]["dosage"])  # {"reps": 10, "sets": 2, "per_week": 3}; reps 8-15
TUCK = adjustable(CONTENT.exercises["lying-chin-tuck"]["dosage"])  # 10 x 10 s, twice a day: reps and hold at the top


def rec(pain, day=1, exercise="band-row", dose=None, outcome="done", stop_reason=None):
    return {"exercise": exercise, "dose": dict(dose or ROW), "outcome": outcome, "pain": pain,
            "date": f"2026-11-{day:02d}", "stop_reason": stop_reason}


def history(*pains, **kw):
    return [rec(pain, day=n + 1, **kw) for n, pain in enumerate(pains)]


def allow_all(exercise_id):
    return None


def decide(records, slot="band-row", start=ROW, mornings=None, blocks=allow_all, fixed=False):
    return doses.next_dose(CONTENT, slot, start, records, mornings or {}, blocks, fixed)


def test_the_rules_are_the_briefs_pain_monitoring_model():
    zones = {z["id"]: (z["min"], z["max"]) for z in RULES["pain_scale"]["zones"]}
    assert zones == {"safe": (0, 2), "acceptable": (3, 5), "too-much": (6, 10)}  # brief, section 5
    assert RULES["step_up_after"] == 3  # shared/decisions.md, "Guided session (15)"


def test_no_history_is_the_starting_dose():
    assert decide([]) == {"exercise": "band-row", "dose": ROW, "change": "start", "reason": "The starting dose."}


# -- Step up: 3 sessions in a row at 0-2/10 with no worse morning ------------------------------------------------

def test_three_sessions_at_the_top_of_the_safe_zone_step_up_with_the_reason():
    result = decide(history(2, 2, 2))
    assert result["dose"] == {**ROW, "reps": 12} and result["change"] == "up"
    assert result["reason"] == "Up to 12 reps: your last 3 sessions were 0-2/10 with no worse mornings."


@pytest.mark.parametrize("pains, streak", [((2, 2), 2), ((0,), 1), ((3, 2, 2), 2), ((2, 3, 2), 1)])
def test_fewer_than_three_in_a_row_at_0_to_2_keeps_the_dose(pains, streak):
    result = decide(history(*pains))
    assert result["change"] == "same" and result["dose"] == ROW
    assert result["reason"].startswith(f"Same dose: {streak} session{'s' if streak > 1 else ''} so far at 0-2/10")


def test_a_last_rating_of_3_is_acceptable_and_keeps_the_dose():
    result = decide(history(2, 2, 3))
    assert result["change"] == "same" and "your last session was 3/10, acceptable" in result["reason"]


@pytest.mark.parametrize("worse_day", [1, 2])
def test_a_worse_morning_inside_the_run_blocks_the_step_up(worse_day):
    result = decide(history(1, 1, 1), mornings={f"2026-11-{worse_day:02d}": "worse", "2026-11-03": "not-worse"})
    assert result["change"] == "same" and result["dose"] == ROW


def test_the_step_up_stays_inside_the_range():
    result = decide(history(0, 0, 0, dose={**ROW, "reps": 14}))
    assert result["dose"]["reps"] == 15  # 14 + 2, held at the range's top
    at_top = decide(history(0, 0, 0, dose={**ROW, "reps": 15}))
    assert at_top["dose"] == {"reps": 15, "sets": 3, "per_week": 3} and at_top["reason"].startswith("Up to 3 sets")


def test_at_the_top_of_every_range_without_a_harder_version_the_dose_stays():
    top = {"reps": 15, "sets": 3, "per_week": 3}
    result = decide(history(0, 0, 0, dose=top))
    assert result["change"] == "top" and result["dose"] == top and "no harder version" in result["reason"]


def test_at_the_top_the_harder_version_follows_at_its_smallest_dose():
    top = {"hold_seconds": 10, "reps": 10, "per_day": 3}
    result = decide(history(1, 2, 0, exercise="lying-chin-tuck", dose=top), slot="lying-chin-tuck", start=TUCK)
    assert result["exercise"] == "head-lift-endurance-hold" and result["change"] == "harder"
    assert result["dose"] == {"hold_seconds": 5, "reps": 5, "per_day": 1}


def test_a_harder_version_the_caution_filter_blocks_is_not_offered_and_says_why():
    top = {"hold_seconds": 10, "reps": 10, "per_day": 3}
    blocked = lambda exercise_id: "You did not say whether you have had neck surgery."  # noqa: E731
    result = decide(history(1, 2, 0, exercise="lying-chin-tuck", dose=top), slot="lying-chin-tuck", start=TUCK,
                    blocks=blocked)
    assert result["exercise"] == "lying-chin-tuck" and result["change"] == "top" and result["dose"] == top
    assert "The harder version, head-lift endurance hold, is not offered. You did not say" in result["reason"]


# -- Step down: above 5/10, or a worse morning --------------------------------------------------------------------

def test_a_rating_of_5_is_still_acceptable():
    assert decide(history(5))["change"] == "same"


def test_a_rating_of_6_steps_down_with_the_reason():
    result = decide(history(6))
    assert result["dose"] == {**ROW, "reps": 8} and result["change"] == "down"
    assert result["reason"] == "Down to 8 reps: your last session was 6/10, and above 5 is too much."


def test_a_worse_morning_steps_down_even_after_a_rating_of_0():
    result = decide(history(0), mornings={"2026-11-01": "worse"})
    assert result["change"] == "down" and "the morning after your last session was worse" in result["reason"]
    both = decide(history(8), mornings={"2026-11-01": "worse"})
    assert "8/10 and the next morning was worse" in both["reason"]


def test_the_step_down_stays_inside_the_range_then_lowers_the_next_number():
    assert decide(history(7, dose={**ROW, "reps": 9}))["dose"]["reps"] == 8
    at_least = decide(history(7, dose={**ROW, "reps": 8}))
    assert at_least["dose"] == {"reps": 8, "sets": 2, "per_week": 2}  # sets are at their 2, so days a week go


def test_at_the_bottom_the_easier_version_follows_if_it_suits():
    bottom = {"reps": 8, "sets": 2, "per_week": 2}
    result = decide(history(9, dose=bottom))
    assert result["exercise"] == "shoulder-blade-squeeze" and result["change"] == "easier"
    assert result["dose"] == adjustable(CONTENT.exercises["shoulder-blade-squeeze"]["dosage"])
    blocked = decide(history(9, dose=bottom), blocks=lambda e: "Left out.")
    assert blocked["change"] == "bottom" and blocked["dose"] == bottom and "stop this one and ask" in blocked["reason"]


def test_a_stop_for_another_reason_counts_its_rating_down_but_never_up():
    assert decide([rec(7, outcome="stopped")])["change"] == "down"
    result = decide([rec(0, day=1), rec(0, day=2), rec(1, day=3, outcome="stopped")])
    assert result["change"] == "same" and "stopped it early" in result["reason"]


def test_after_advice_a_stop_for_a_warning_sign_comes_back_one_step_down():
    result = decide([rec(None, outcome="stopped", stop_reason="You feel a sharp or shooting pain.")])
    assert result["change"] == "down" and "you stopped it last time and have had advice since" in result["reason"]


def test_a_session_without_a_rating_keeps_the_dose():
    assert "no pain rating" in decide(history(None))["reason"]


def test_a_version_that_no_longer_suits_the_answers_goes_back_to_the_lists_own():
    records = history(1, exercise="head-lift-endurance-hold", dose={"hold_seconds": 5, "reps": 5, "per_day": 1})
    result = decide(records, slot="lying-chin-tuck", start=TUCK, blocks=lambda e: "Left out because you told us so.")
    assert result == {"exercise": "lying-chin-tuck", "dose": TUCK, "change": "back",
                      "reason": "Back to lying chin tuck: head-lift endurance hold no longer suits your answers. "
                                "Left out because you told us so."}


# -- A clinician's programme --------------------------------------------------------------------------------------

def test_a_fixed_programme_keeps_its_dose_and_points_out_a_high_rating():
    result = decide(history(9), blocks=None, fixed=True)
    assert result["dose"] == ROW and result["change"] == "fixed"
    assert result["reason"] == ("Your clinician set this dose. Your last session was 9/10, and above 5 is too much: "
                                "tell your clinician before you go on with it.")


def test_a_programme_that_adjusts_changes_numbers_never_the_exercise():
    top = {"hold_seconds": 10, "reps": 10, "per_day": 3}
    up = decide(history(0, 0, 0, exercise="lying-chin-tuck", dose=top), slot="lying-chin-tuck", start=top, blocks=None)
    assert up["exercise"] == "lying-chin-tuck" and up["change"] == "top" and "usual range" in up["reason"]
    bottom = {"reps": 8, "sets": 2, "per_week": 2}
    down = decide(history(9, dose=bottom), start=bottom, blocks=None)
    assert down["exercise"] == "band-row" and down["change"] == "bottom"


def test_a_clinicians_dose_outside_the_range_moves_into_it():
    wide = {"reps": 20, "sets": 2, "per_week": 3}  # the builder allows 30; the brief's range for a row ends at 15
    assert decide(history(7, dose=wide), start=wide, blocks=None)["dose"]["reps"] == 15
    up = decide(history(0, 0, 0, dose=wide), start=wide, blocks=None)
    assert up["dose"] == {"reps": 20, "sets": 3, "per_week": 3}


# -- Properties ---------------------------------------------------------------------------------------------------

GUIDED = sorted(i for i, e in CONTENT.exercises.items() if e["type"] not in RULES["not_guided_types"])


def family(exercise_id, seen=None):
    """An exercise and every version reachable from it."""
    seen = seen if seen is not None else set()
    if exercise_id not in seen:
        seen.add(exercise_id)
        variations = CONTENT.exercises[exercise_id]["variations"]
        for other in variations["easier"] + variations["harder"]:
            family(other, seen)
    return sorted(seen)


@st.composite
def dose_in_range(draw, exercise_id, at=None):
    """A dose inside the exercise's range; at="max" or "min": every number at that end."""
    ranges = CONTENT.exercises[exercise_id]["dose_range"]
    return {key: r[at] if at else draw(st.integers(r["min"], r["max"])) for key, r in ranges.items()}


@st.composite
def records(draw, slot):
    """A history biased towards what moves a dose: runs of one exercise and dose, low ratings, range ends."""
    versions = family(slot)
    low, end = draw(st.booleans()), draw(st.sampled_from([None, "max", "min"]))
    exercise = draw(st.sampled_from(versions))
    dose = draw(dose_in_range(exercise, end))
    found = []
    for day in range(1, draw(st.integers(0, 8)) + 1):
        if draw(st.integers(0, 3)) == 0:  # now and then another version or dose
            exercise = draw(st.sampled_from(versions))
            dose = draw(dose_in_range(exercise, end))
        outcome = draw(st.sampled_from(["done", "done", "done", "stopped"]))
        pain = draw(st.integers(0, 2) if low else st.integers(0, 10))
        if outcome == "stopped" and draw(st.booleans()):
            pain = None
        found.append({"exercise": exercise, "dose": dict(dose), "outcome": outcome, "pain": pain,
                      "date": f"2026-10-{day:02d}", "stop_reason": None})
    return found


mornings = st.dictionaries(st.sampled_from([f"2026-10-{d:02d}" for d in range(1, 9)]),
                           st.sampled_from(["worse", "not-worse"]))


@st.composite
def cases(draw):
    slot = draw(st.sampled_from(GUIDED))
    blocked = draw(st.sets(st.sampled_from(family(slot))))
    return slot, draw(records(slot)), draw(mornings), blocked


def within(dose, exercise_id):
    ranges = CONTENT.exercises[exercise_id]["dose_range"]
    return set(dose) == set(ranges) and all(ranges[k]["min"] <= v <= ranges[k]["max"] for k, v in dose.items())


@settings(max_examples=400, deadline=None)
@given(cases())
def test_a_plans_dose_is_always_within_its_range(case):
    slot, found, morning, blocked = case
    start = adjustable(CONTENT.exercises[slot]["dosage"])
    result = decide(found, slot=slot, start=start, mornings=morning, blocks=lambda e: "no" if e in blocked else None)
    assert within(result["dose"], result["exercise"]), result


@settings(max_examples=400, deadline=None)
@given(cases())
def test_never_a_harder_version_or_more_right_after_a_rating_above_5(case):
    slot, found, morning, _ = case
    result = decide(found, slot=slot, start=adjustable(CONTENT.exercises[slot]["dosage"]), mornings=morning)
    if found and found[-1]["pain"] is not None and found[-1]["pain"] > 5:
        assert result["change"] not in ("up", "harder"), result
        assert result["exercise"] not in CONTENT.exercises[found[-1]["exercise"]]["variations"]["harder"]


@settings(max_examples=300, deadline=None)
@given(cases(), st.sampled_from(GUIDED).flatmap(lambda e: dose_in_range(e).map(lambda d: (e, d))))
def test_never_a_dose_change_for_a_fixed_programme(case, start_case):
    _, found, morning, _ = case
    slot, start = start_case
    result = decide(found, slot=slot, start=start, mornings=morning, blocks=None, fixed=True)
    assert (result["exercise"], result["dose"], result["change"]) == (slot, start, "fixed")


ASKED = sorted(c for c, v in CONTENT.conditions.items() if v["asked_as"] == "question")
conditions = st.dictionaries(st.sampled_from(ASKED), st.booleans()) | st.just(dict.fromkeys(ASKED, False))
answers = st.fixed_dictionaries({"red_flags": st.just({})}, optional={
    "conditions": conditions, "pain": st.integers(0, 10),
    "age_band": st.sampled_from(["20-39", "50-59", "65-69", "80-plus"])})


@settings(max_examples=300, deadline=None)
@given(answers, cases(), st.sampled_from(["ok", "soon"]))
def test_every_step_to_another_exercise_passes_the_plans_caution_filter(given_answers, case, status):
    slot, found, morning, _ = case
    cautions = Cautions(normalise(given_answers, CONTENT), CONTENT, status)
    result = decide(found, slot=slot, start=adjustable(CONTENT.exercises[slot]["dosage"]), mornings=morning,
                    blocks=cautions.blocks)
    if result["exercise"] != slot:
        assert cautions.blocks(result["exercise"]) is None, (result, given_answers)
        assert cautions.ruled_out(result["exercise"]) is None
