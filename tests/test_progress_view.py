"""The progress page's view (upperback.progress_view): one summary on top against upperback.progress's thresholds,
no block that repeats another, phase advice only when the check-ins support it, and charts whose axes read in words."""
import pytest

from upperback import progress, progress_view
from upperback.progress import ACTIVITY_AVERAGE_CHANGE, ACTIVITY_SINGLE_CHANGE, PAIN_CHANGE, PHASE_MIN_ENTRIES


def entry(date, pain=None, activities=(), checks=None):
    data = {"date": date, "checks": checks if checks is not None else {"wall-test": "gap"},
            "activities": [{"name": n, "score": s} for n, s in activities]}
    if pain is not None:
        data["pain"] = pain
    return data


DATES = [f"2026-{month:02d}-{day:02d}" for month in (1, 2, 3, 4, 5, 6, 7) for day in (1, 15)]


def view_of(*entries):
    store = progress.dump([progress.make_entry(e) for e in entries])
    return progress_view.reply(store, "2026-12-01")["view"]


def pains(*values):
    return view_of(*(entry(DATES[i], pain=v) for i, v in enumerate(values)))


def test_nothing_saved_has_nothing_to_show():
    assert progress_view.reply("", "2026-12-01")["view"] == {"count": 0}


def test_one_check_in_compares_nothing_with_itself():
    view = pains(6)
    assert view["headline"]["direction"] == "first" and "nothing to compare" in view["headline"]["points"][0]
    assert view["periods"] == [] and view["charts"] == [] and view["charts_note"]
    assert view["checks"]["columns"] == ["Check-in", "Result"]


def test_two_check_ins_show_one_comparison_not_two_identical_blocks():
    view = pains(6, 3)
    assert [p["key"] for p in view["periods"]] == ["since_first"]
    assert "Since last time" not in view["checks"]["columns"]
    assert all(len(row["cells"]) == len(view["checks"]["columns"]) - 1 for row in view["checks"]["rows"])


def test_three_check_ins_add_since_last_time():
    view = pains(6, 3, 3)
    assert [p["key"] for p in view["periods"]] == ["since_first", "since_previous"]
    assert view["checks"]["columns"][-1] == "Since last time"


@pytest.mark.parametrize(("change", "direction"), [
    (-PAIN_CHANGE, "better"), (-(PAIN_CHANGE - 1), "same"), (0, "same"), (PAIN_CHANGE - 1, "same"),
    (PAIN_CHANGE, "worse")])
def test_pain_is_better_same_or_worse_at_the_threshold(change, direction):
    view = pains(5, 5 + change)
    top = view["headline"]
    assert top["direction"] == direction
    if direction == "same":  # said plainly: within the noise
        assert "within day-to-day variation" in top["points"][0] and f"less than {PAIN_CHANGE}" in top["points"][0]
    assert bool(top["advice"]) is (direction == "worse")


@pytest.mark.parametrize(("scores", "direction"), [
    ((4, 4 + ACTIVITY_AVERAGE_CHANGE, 5, 5 + ACTIVITY_AVERAGE_CHANGE), "better"),  # the average, by its threshold
    ((4, 4 + ACTIVITY_AVERAGE_CHANGE - 1, 5, 5 + ACTIVITY_AVERAGE_CHANGE - 1), "same"),
    ((4, 4 + ACTIVITY_SINGLE_CHANGE - 1, 5, 5), "same"),  # one activity below its threshold, average 1
    ((4, 4 + ACTIVITY_SINGLE_CHANGE, 5, 5), "better"),  # one activity by its own threshold, average 1.5
    ((4, 4 + ACTIVITY_SINGLE_CHANGE, 5, 5 - ACTIVITY_SINGLE_CHANGE), "mixed"),
    ((6, 6 - ACTIVITY_AVERAGE_CHANGE, 5, 5 - ACTIVITY_AVERAGE_CHANGE), "worse")])
def test_activities_are_judged_on_their_average_and_each_one(scores, direction):
    a1, a2, b1, b2 = scores
    view = view_of(entry(DATES[0], activities=[("Driving", a1), ("Reading", b1)]),
                   entry(DATES[1], activities=[("Driving", a2), ("Reading", b2)]))
    assert view["headline"]["direction"] == direction


def test_pain_better_and_activities_worse_is_mixed():
    view = view_of(entry(DATES[0], pain=6, activities=[("Driving", 6)]),
                   entry(DATES[1], pain=3, activities=[("Driving", 2)]))
    assert view["headline"]["direction"] == "mixed" and view["headline"]["advice"]


GOOD = {"pain": 2, "activities": [("Driving", 8)]}
START = {"pain": 6, "activities": [("Driving", 3)]}


def series(*met):
    """The first check-in, then one per flag: meeting the goal against the first, or not."""
    later = [entry(DATES[i + 1], **(GOOD if ok else START)) for i, ok in enumerate(met)]
    return view_of(entry(DATES[0], **START), *later)


@pytest.mark.parametrize(("met", "ready"), [
    ((True,), False),  # two check-ins: the goal is met once, it has not held yet
    ((True, True), True),  # PHASE_MIN_ENTRIES check-ins, held on the last two
    ((False, True), False), ((True, False), False),
    ((False,) * 10 + (True,), False),  # 12 check-ins, only the latest meets it
    ((False,) * 10 + (True, True), True)])
def test_phase_advice_only_once_the_change_holds_on_enough_check_ins(met, ready):
    view = series(*met)
    assert view["phase"]["ready"] is ready
    assert ("You can move to the keep-it-up phase" in view["phase"]["text"]) is ready
    assert PHASE_MIN_ENTRIES == 3  # the rule as the page states it: the first and two more


def test_the_phase_rule_is_stated_with_the_thresholds():
    rule = progress_view.PHASE_RULE
    assert f"{PAIN_CHANGE} points" in rule and f"{PHASE_MIN_ENTRIES - 1} check-ins in a row" in rule


def test_charts_have_named_axes_whole_ticks_and_the_engines_maximum():
    def at(i, pain, driving, wall):
        return entry(DATES[i], pain=pain, activities=[("Driving", driving)],
                     checks={"wall-test": wall, "neck-rotation-check": "both-full"})

    view = view_of(at(0, 7, 3, "gap"), at(1, 4, 6, "touches"), at(2, 3, 7, "touches"))
    charts = {c["key"]: c for c in view["charts"]}
    assert set(charts) == {"pain", "activities", "checks"}
    assert charts["pain"]["max"] == 10 and charts["pain"]["ticks"][0]["label"] == "0 none"
    assert charts["pain"]["ticks"][-1]["label"] == "10 worst" and "Pain" in charts["pain"]["axis"]
    checks = charts["checks"]
    assert checks["max"] == 2 and [t["value"] for t in checks["ticks"]] == [0, 1, 2]
    assert [t["label"] for t in checks["ticks"]] == ["0 of 2", "1 of 2", "2 of 2"]
    assert "down 4 points" in charts["pain"]["trend"] and "Better" in charts["pain"]["trend"]
    assert [p["date"] for p in charts["pain"]["points"]] == ["1 Jan", "15 Jan", "1 Feb"]


def test_many_check_ins_label_some_dates_and_always_the_latest():
    view = pains(*([5] * 14))
    dates = [p["date"] for p in view["charts"][0]["points"]]
    assert dates[-1] and sum(1 for d in dates if d) <= progress_view.MAX_DATE_LABELS + 1


def test_the_history_has_a_row_per_check_in_in_the_columns_the_page_labels_each_cell_with():
    from upperback.content import load

    outcomes = load().checks["wall-test"]["outcomes"]
    usual = next(o["id"] for o in outcomes if o.get("normal"))
    other = next(o["id"] for o in outcomes if not o.get("normal"))
    rated = entry(DATES[0], pain=6, activities=[("Driving", 3), ("Lifting a bag", 5)], checks={"wall-test": other})
    view = view_of(rated, entry(DATES[1], checks={"wall-test": usual}))
    history = view["history"]
    # the brief's five columns: date, pain, activities, check-ins in the usual range, the guided session
    assert [c.lower() for c in history["columns"]] == ["date", "pain", "my activities", "check-ins in usual range",
                                                     "guided session"]
    first, second = history["rows"]
    assert first["cells"] == [DATES[0], "6", "Driving: 3; Lifting a bag: 5", "0 of 1"]
    assert second["cells"] == [DATES[1], progress_view.NOT_RATED, progress_view.NOT_RATED, "1 of 1"]
    assert len(first["cells"]) == len(history["columns"]) - 1  # the session link is the last column
    assert first["session"] == progress.ANSWER_FIRST  # a check-in set without its answers starts from the questions
    assert history["caption"]
