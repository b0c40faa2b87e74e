"""Where the weekly check-in starts from, and when it is offered (upperback.weekly_view, issue 19): the newest saved
self-assessment is the starting point, so a new assessment starts the weekly comparisons and the re-tailored plan
again, with the weeks before it kept as history; a check-in is offered once 7 days have passed since the starting
point or the last weekly check-in after it. Expectations come from the change thresholds (upperback.progress), the
plan of each assessment's own answers (upperback.plan.assess) and the caps, never from this module's output."""
import datetime
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_retailor import (
    ANSWERS,
    CONDITION_IDS,
    CONTENT,
    PAIN,
    PAIN_SURE,
    START_DATE,
    START_SCORES,
    TODAY,
    acts,
    start,
    week,
)

from upperback import browser, progress, weekly, weekly_view
from upperback.answers import normalise
from upperback.plan import MAX_MINUTES, MAX_TODAY, Cautions, assess, minutes_of

WEEK = datetime.timedelta(days=7)


def day(n):
    return (START_DATE + datetime.timedelta(days=n)).isoformat()


def store(*entries):
    return progress.dump([progress.make_entry(e, today=TODAY) for e in entries])


def saved(*checkins):
    text = ""
    for c in checkins:
        text = weekly.add(text, c, today=TODAY)["text"]
    return text


def checkin(on, pain=5, scores=START_SCORES, **extra):
    return {**week(0, pain=pain, scores=scores, **extra), "date": on}


def reassessed(on, answers=None, scores=START_SCORES):
    """A new self-assessment saved on that day, with its own answers."""
    return {"date": on, "answers": answers or {**ANSWERS, "pain": 5 - PAIN}, "activities": acts(*scores)}


def offer(store_text, weekly_text, on):
    return weekly_view.offer(store_text, weekly_text, on)


# --- when the weekly check-in is offered ---------------------------------------------------------------------------

def test_nothing_saved_offers_nothing_and_says_nothing():
    assert offer("", "", TODAY) == {"offer": False, "started": False, "next_due": None, "text": ""}
    # a check-in without answers (saved before entries kept them) is no starting point either
    old = progress.dump([progress.make_entry({"date": day(0), "checks": {}, "pain": 5}, today=TODAY)])
    assert offer(old, "", day(30))["started"] is False


def test_offered_on_the_seventh_day_after_the_starting_check_in_and_not_the_sixth():
    assert offer(store(start()), "", day(weekly_view.DAYS - 1))["offer"] is False
    due = offer(store(start()), "", day(weekly_view.DAYS))
    assert due["offer"] is True and due["next_due"] == day(7) and day(0) in due["text"]


def test_after_a_weekly_check_in_the_next_is_offered_a_week_after_it():
    text = saved(checkin(day(9)))
    assert offer(store(start()), text, day(15))["offer"] is False
    assert offer(store(start()), text, day(16))["offer"] is True


def test_after_a_new_assessment_the_week_counts_from_it():
    text = saved(checkin(day(7)), checkin(day(14)))
    both = store(start(), reassessed(day(20)))
    assert offer(both, text, day(26))["offer"] is False  # 12 days after the last weekly check-in, 6 after the new start
    assert offer(both, text, day(27)) == {"offer": True, "started": True, "next_due": day(27),
                                          "text": weekly_view.DUE.format(last=day(20))}


def test_the_offer_through_the_entry_point_and_a_bad_day():
    reply = json.loads(browser.handle(json.dumps({"op": "weekly_offer", "store": store(start()), "weekly": "",
                                                  "today": day(7)})))
    assert reply["ok"] and reply["offer"]["offer"] is True
    bad = json.loads(browser.handle(json.dumps({"op": "weekly_offer", "store": "", "weekly": "", "today": "soon"})))
    assert bad == {"ok": False, "error": "today must look like 2026-11-24; got 'soon'"}


# --- a new assessment starts the weekly comparisons again ------------------------------------------------------------

def test_a_new_assessment_is_the_starting_point_and_the_weeks_before_it_are_history():
    new = reassessed(day(15))
    weeks = saved(checkin(day(7), pain=4), checkin(day(14), pain=4), checkin(day(22), pain=5 - PAIN))
    view = weekly_view.view(store(start(), new), weeks, None, day(22))
    assert view["start"] == {"date": day(15), "pain": new["answers"]["pain"]}
    current = view["retailored"]["weeks"]
    assert [w["date"] for w in current] == [day(22)] and current[0]["week"] == 1
    # Against the new start (pain 3) a pain of 3 is no change; against the first (pain 5) it would have been 2 lower.
    assert current[0]["verdict"] == "noise"
    assert [h["start"] for h in view["earlier"]] == [day(0)]
    assert [w["date"] for w in view["earlier"][0]["weeks"]] == [day(7), day(14)]
    assert view["earlier"][0]["until"] == day(15) and day(15) in view["earlier"][0]["heading"]


def test_with_no_weekly_check_in_since_the_new_assessment_the_plan_is_that_assessments():
    answers = {**ANSWERS, "pain": 8}  # strengthening waits at pain 8 or more: a plan unlike the first one
    view = weekly_view.view(store(start(), reassessed(day(15), answers)), saved(checkin(day(7))), None, day(16))
    expected = [i["exercise"] for p in assess(answers)["phases"] for i in p["items"]]
    assert [i["exercise"] for i in view["retailored"]["plan"]["today"]] == expected
    assert view["retailored"]["weeks"] == [] and view["latest"] is None


def test_a_weekly_check_in_on_the_new_assessments_own_day_stays_with_the_plan_before_it():
    on_the_day, after = checkin(day(15), pain=1), checkin(day(16), pain=1)
    view = weekly_view.view(store(start(), reassessed(day(15))), saved(on_the_day, after), None, day(16))
    assert [w["date"] for w in view["retailored"]["weeks"]] == [day(16)]
    assert [w["date"] for w in view["earlier"][0]["weeks"]] == [day(15)]
    # 4 points lower than the first start is sure in one reading; 2 lower than the new one is not yet
    assert 5 - 1 >= PAIN_SURE and view["earlier"][0]["weeks"][0]["verdict"] == "better"
    assert view["retailored"]["weeks"][0]["verdict"] == "noise"


def test_segments_keep_check_ins_before_the_first_start_out():
    entries = progress.read_store(store(start(), reassessed(day(15))), today=TODAY)["entries"]
    early = weekly.checked_week(checkin(day(-1)), CONTENT, weekly_view.rules(), today=TODAY)
    parts = weekly_view.segments(entries, [early])
    assert [(s["date"], w) for s, w in parts] == [(day(0), []), (day(15), [])]


# --- the caps and cautions still hold from a new starting point -----------------------------------------------------

scores = st.tuples(*[st.integers(0, 10)] * 3)
drawn_weeks = st.lists(st.fixed_dictionaries({"pain": st.integers(0, 10), "scores": scores, "gap": st.integers(1, 10)}),
                       min_size=1, max_size=5)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.sampled_from(CONDITION_IDS)), st.integers(0, 10), st.integers(1, 30), drawn_weeks, drawn_weeks)
def test_from_a_new_assessment_the_plan_never_breaks_a_caution_or_a_cap(conditions, pain, after, before, since):
    answers = {**ANSWERS, "conditions": {c: c in conditions for c in CONDITION_IDS}, "pain": pain}
    new_start = reassessed(day(after), answers)
    checkins, on = [], 0
    for d in before:  # weeks against the first start, then weeks against the new one
        on = min(on + d["gap"], after)
        checkins.append(checkin(day(on), pain=d["pain"], scores=d["scores"]))
    on = after
    for d in since:
        on += d["gap"]
        checkins.append(checkin(day(on), pain=d["pain"], scores=d["scores"]))
    view = weekly_view.view(store(start(), new_start), saved(*checkins), None, day(on))
    assert view["start"]["date"] == day(after)
    retailored = view["retailored"]
    if retailored["plan"] is None:
        return
    for record in retailored["weeks"]:
        assert record["date"] > day(after)
        today = [i["exercise"] for i in record["plan"]["today"]]
        assert len(today) <= MAX_TODAY
        assert sum(minutes_of(CONTENT.exercises[i]) for i in today) <= MAX_MINUTES
        week_answers = {**answers, "pain": record["pain_now"]}
        cautions = Cautions(normalise(week_answers, CONTENT), CONTENT, assess(week_answers)["status"])
        for exercise_id in today:
            assert cautions.ruled_out(exercise_id) is None, exercise_id
            assert cautions.waits(exercise_id) is None, exercise_id
