"""The guided session in the engine: where it starts (a plan, a saved entry, a clinician's link), its timer steps,
the session log and what it keeps, the morning question, stops, what is due, adherence, reminders (weekly calendar
files, changed and cancelled, read back by a real calendar library), and export and import."""
import datetime
import json

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upperback import AnswerError, adherence, browser, handout, plan, progress, reminders, session, sessionlog
from upperback.content import load
from upperback.dosage import adjustable, full
from upperback.share import encode
from upperback.timer import GET_READY, GET_READY_CHOICES, SECONDS_PER_REP, guided_steps, ready_step, steps

CONTENT = load()
TODAY = "2026-11-24"
NOW = "2026-11-24T09:00:00.000Z"
NO_SIGNS = {"red_flags": {}}  # "None of these apply to me", nothing else: band row, side raise, chin tuck


def fragment(link):
    return link[link.index("#"):]


def ask(**request):
    reply = json.loads(browser.handle(json.dumps(request)))
    assert reply["ok"], reply
    return reply


def start(link, log="", today=TODAY, now=NOW):
    return session.start(link, log, today, now)


def do(log, reply, pains, outcome="done", link=None):
    """Every item of a session done (or as `outcome`) with these ratings; the new log text."""
    head = {k: reply["session"][k] for k in ("id", "date", "source", "fixed")}
    for item, pain in zip(reply["session"]["items"], pains, strict=True):
        record = {"slot": item["slot"], "exercise": item["exercise"], "dose": item["dose"], "base": item["base"],
                  "outcome": outcome, "pain": pain, "stop_reason": None}
        log = session.record(log, head, record, link or reply["fragment"])["log"]
    return log


PLAN_LINK = fragment(plan.assess(NO_SIGNS)["share"])


# -- Where a session starts --------------------------------------------------------------------------------------

def test_a_plan_offers_the_session_only_with_an_exercise_it_guides():
    reply = plan.assess(NO_SIGNS)
    assert "session" in reply["actions"]
    assert reply["session"] == {"href": "session/" + PLAN_LINK, "text": "Start today's session"}
    for answers in ({}, {"red_flags": {"chest-pain": True}}):
        assert plan.assess(answers)["session"] is None and "session" not in plan.assess(answers)["actions"]


def test_a_session_from_a_plan_has_its_guided_exercises_and_leaves_walking_to_the_day():
    reply = start(PLAN_LINK)
    items = reply["session"]["items"]
    assert [i["exercise"] for i in items] == ["band-row", "band-lateral-raise-shrug", "lying-chin-tuck"]
    assert [i["position"] for i in items] == ["Exercise 1 of 3", "Exercise 2 of 3", "Exercise 3 of 3"]
    assert [a["exercise"] for a in reply["session"]["also"]] == ["daily-walking"]
    assert all(i["change"] == "start" for i in items)
    assert all(i["dose"] == adjustable(CONTENT.exercises[i["exercise"]]["dosage"]) for i in items)
    assert reply["session"]["source"] == "plan" and reply["session"]["fixed"] is False and reply["morning"] is None


def test_the_example_session_lasts_about_seven_minutes_in_44_steps():
    items = start(PLAN_LINK)["session"]["items"]
    # band row: ready, 2 sets of 10 reps at 4 s, 30 s rest; side raise: ready, 2 minutes; chin tuck: 10 x 10 s, 9 rests
    assert [i["seconds"] for i in items] == [GET_READY + 20 * 4 + 30, GET_READY + 120, GET_READY + 100 + 9 * 5]
    assert [len(i["steps"]) for i in items] == [22, 2, 20]
    assert start(PLAN_LINK)["session"]["summary"] == "3 exercises, about 7 minutes."


def test_each_exercise_offers_its_first_step_at_every_get_ready_choice_worded_alike():
    for item in start(PLAN_LINK)["session"]["items"]:
        assert sorted(item["ready"], key=int) == ["5", "10", "15"]
        assert item["ready"][str(GET_READY)] == item["steps"][0]  # the default is the step the session plays
        for seconds, step in item["ready"].items():
            assert step["kind"] == "ready" and step["seconds"] == int(seconds)
            assert f"{seconds} seconds" in step["announce"] and step["cue"] == item["steps"][0]["cue"]


def _expected_seconds(item, get_ready):
    """One exercise at today's dose, from the timer's own steps with this get-ready time in place of the default."""
    dosage = full(CONTENT.exercises[item["exercise"]]["dosage"], item["dose"])
    return sum(s["seconds"] for s in [ready_step(get_ready)] + guided_steps(dosage)[1:])


def _about(seconds):
    minutes = int(seconds / 60 + 0.5)  # half a minute rounds up, as the summary says
    return "under a minute" if seconds < 60 else f"about {minutes} minute{'' if minutes == 1 else 's'}"


@pytest.mark.parametrize("get_ready", [s for s in GET_READY_CHOICES if s != GET_READY])
@pytest.mark.parametrize("link", [PLAN_LINK, "programme"])
def test_the_minutes_count_the_get_ready_time_the_person_picked(get_ready, link):
    if link == "programme":  # one exercise, so a few seconds of get-ready move the rounded minutes
        link = fragment(handout.patient_view(programme(items=(("band-row", {"reps": 19, "sets": 1}),)))["share"])
    chosen = ask(op="session_start", fragment=link, log="", today=TODAY, now=NOW, timer=str(get_ready))["session"]
    default = start(link)["session"]
    for item in chosen["items"]:
        assert item["steps"][0] == item["ready"][str(get_ready)]
        assert item["seconds"] == _expected_seconds(item, get_ready) == sum(s["seconds"] for s in item["steps"])
        assert item["dose_line"] == f"{item['dosage_text']}: {_about(item['seconds'])}."
        for other in GET_READY_CHOICES:  # worded for the exercise screen, should the person pick again there
            assert item["dose_lines"][str(other)] == f"{item['dosage_text']}: {_about(_expected_seconds(item, other))}."
    total = sum(_expected_seconds(i, get_ready) for i in chosen["items"])
    n = len(chosen["items"])
    assert chosen["seconds"] == total == default["seconds"] + n * (get_ready - GET_READY)
    assert chosen["summary"] == f"{n} exercise{'' if n == 1 else 's'}, {_about(total)}."


def test_the_programme_above_crosses_a_rounded_minute_between_get_ready_times():
    link = fragment(handout.patient_view(programme(items=(("band-row", {"reps": 19, "sets": 1}),)))["share"])
    summaries = {s: session.start(link, "", TODAY, NOW, timer_text=str(s))["session"]["summary"]
                 for s in GET_READY_CHOICES}
    assert summaries[max(GET_READY_CHOICES)] != summaries[GET_READY]  # so the page can be seen to change


@pytest.mark.parametrize("kept", [None, "", "7", 15, True, "15 ", ["15"], {"get_ready": 15}])
def test_a_get_ready_time_that_is_not_a_choice_counts_the_default(kept):
    reply = ask(op="session_start", fragment=PLAN_LINK, log="", today=TODAY, now=NOW, timer=kept)["session"]
    assert reply == start(PLAN_LINK)["session"]
    assert all(i["steps"][0]["seconds"] == GET_READY for i in reply["items"])


def test_a_plan_that_allows_no_session_says_why():
    reply = start(fragment(plan.assess({"red_flags": {"fever-or-weight-loss": True}})["share"]))
    assert reply["session"] is None and reply["blocked"]["headline"] == plan.HEADLINES["urgent"]


def test_a_saved_entry_starts_a_session_from_its_answers_and_an_old_one_asks_the_warning_signs_first():
    store = progress.add("", {"date": "2026-11-20", "answers": NO_SIGNS})["store"]
    store = progress.add(store, {"date": "2026-11-01", "checks": {}, "pain": 3})["store"]
    rows = progress.report(store, TODAY)["entries"]
    old, new = rows
    assert old["session"] == progress.ANSWER_FIRST and old["session"]["href"] == "assessment/"
    assert new["session"]["href"] == "session/" + fragment(encode(new["answers"]))
    assert [i["exercise"] for i in start(fragment(new["session"]["href"]))["session"]["items"]] == \
        ["band-row", "band-lateral-raise-shrug", "lying-chin-tuck"]


def programme(adjust=None, items=(("band-row", {"reps": 12, "sets": 3, "per_week": 2}),)):
    state = {"items": [{"exercise": e, "dosage": d} for e, d in items], "note": "", "name": "Sam"}
    if adjust is not None:
        state["adjust"] = adjust
    return state


def test_a_programme_keeps_its_switch_only_when_on_and_offers_a_session():
    assert "adjust" not in handout.check_state(programme())[0]
    assert handout.check_state(programme(adjust=True))[0]["adjust"] is True
    clean, problems = handout.check_state(programme(adjust="yes"))
    assert "adjust" not in clean
    assert problems == ["the setting that lets doses adjust could not be read, so the doses stay as they are"]
    view = handout.patient_view(programme(adjust=True))
    assert view["session"]["href"] == "session/" + fragment(view["share"])
    assert view["adjust"] == handout.ADJUST_TEXT[True]
    assert handout.open_link(fragment(view["share"]))["state"]["adjust"] is True  # kept in the link
    assert handout.patient_view(programme(items=(("daily-walking", {"per_day": 1}),)))["session"] is None


def test_a_fixed_programme_keeps_the_clinicians_dose_after_a_high_rating():
    link = fragment(handout.patient_view(programme())["share"])
    first = start(link)
    assert first["session"]["fixed"] is True and first["session"]["title"] == "Sam, your clinician's programme"
    log = do("", first, [9])
    (item,) = start(link, log, "2026-11-26", "2026-11-26T09:00:00Z")["session"]["items"]
    assert item["dose"] == {"reps": 12, "sets": 3, "per_week": 2} and item["change"] == "fixed"
    assert "9/10" in item["reason"] and "tell your clinician" in item["reason"]


def test_a_programme_that_adjusts_steps_down_within_the_range():
    link = fragment(handout.patient_view(programme(adjust=True))["share"])
    log = do("", start(link), [9])
    (item,) = start(link, log, "2026-11-26", "2026-11-26T09:00:00Z")["session"]["items"]
    assert item["exercise"] == "band-row" and item["dose"] == {"reps": 10, "sets": 3, "per_week": 2}


def test_a_clinicians_new_dose_starts_afresh():
    log = do("", start(fragment(handout.patient_view(programme(adjust=True))["share"])), [9])
    changed = programme(adjust=True, items=(("band-row", {"reps": 14, "sets": 2, "per_week": 3}),))
    newer = fragment(handout.patient_view(changed)["share"])
    (item,) = start(newer, log, "2026-11-26", "2026-11-26T09:00:00Z")["session"]["items"]
    assert item["dose"] == {"reps": 14, "sets": 2, "per_week": 3} and item["change"] == "start"


def test_without_a_link_the_latest_list_is_used_and_with_none_there_is_no_session():
    assert start(None)["session"] is None
    log = do("", start(PLAN_LINK), [1, 1, 1])
    assert start(None, log)["fragment"] == PLAN_LINK
    with pytest.raises(AnswerError, match="needs the link of your plan"):
        start("#x=1")


# -- Timer steps ---------------------------------------------------------------------------------------------------

def test_repetitions_without_a_hold_are_counted_one_by_one_with_sides_and_sets():
    dosage = {"reps": 3, "sets": 2, "per_side": True, "frequency": {"count": 1, "per": "day"}}
    got = [(s["kind"], s["seconds"], s["label"]) for s in guided_steps(dosage)]
    rep = lambda n, where: ("rep", SECONDS_PER_REP, f"Repetition {n} of 3, {where}")  # noqa: E731
    side = lambda s, side: [rep(n, f"set {s} of 2, {side} side") for n in (1, 2, 3)]  # noqa: E731
    switch, rest = ("switch", 5, "Switch sides"), ("rest", 30, "Rest before the next set")
    assert got == [("ready", GET_READY, "Get ready"), *side(1, "left"), switch, *side(1, "right"), rest,
                   *side(2, "left"), switch, *side(2, "right")]


def test_holds_and_minutes_keep_the_technique_pages_steps():
    for exercise in CONTENT.exercises.values():
        dosage = exercise["dosage"]
        if "hold_seconds" in dosage or "duration_minutes" in dosage:
            assert guided_steps(dosage) == steps(dosage)


def test_each_step_has_its_cue_what_is_said_and_the_count():
    item = start(PLAN_LINK)["session"]["items"][2]  # lying chin tuck
    ready, hold, rest = item["steps"][:3]
    assert ready["cue"].startswith("Get into position. Lie on your back")
    assert hold["announce"] == "Hold 1 of 10: 10 seconds. Hold still and breathe normally."
    assert hold["count"] == "0 of 10 holds done"
    assert rest["kind"] == "rest" and item["steps"][-1]["count"] == "9 of 10 holds done"
    assert item["done_text"] == "10 of 10 holds done. That is the whole dose. Well done."


# -- The log, ratings, mornings and stops --------------------------------------------------------------------------

def test_each_result_is_saved_with_its_rating_in_words():
    reply = start(PLAN_LINK)
    head = {k: reply["session"][k] for k in ("id", "date", "source", "fixed")}
    item = reply["session"]["items"][0]
    record = {"slot": "band-row", "exercise": "band-row", "dose": item["dose"], "base": item["base"], "outcome": "done",
              "pain": 3, "stop_reason": None}
    saved = session.record("", head, record, PLAN_LINK)
    assert saved["rating"] == "3/10: acceptable." and saved["advice"] is None and saved["backup_old_log"] is False
    again = session.record(saved["log"], head, {**record, "pain": 1}, PLAN_LINK)  # the same exercise again replaces it
    (kept,) = sessionlog.read(again["log"])["log"]["sessions"]
    assert kept["items"] == [{**record, "pain": 1}]


def test_next_session_doses_follow_the_ratings_with_reasons():
    log = do("", start(PLAN_LINK), [7, 1, 2])
    reply = session.summary(PLAN_LINK, log, TODAY, NOW)
    assert [r["line"] for r in reply["results"]] == ["Done. 7/10: too much.", "Done. 1/10: safe.", "Done. 2/10: safe."]
    row, raise_, tuck = reply["next"]
    assert row["dose"] == {"reps": 8, "sets": 2, "per_week": 3}
    assert row["reason"] == "Down to 8 reps: your last session was 7/10, and above 5 is too much."
    assert raise_["change"] == tuck["change"] == "same"


def test_three_good_sessions_with_no_worse_mornings_step_up():
    log = ""
    for day in (20, 21, 22):
        today = f"2026-11-{day}"
        reply = start(PLAN_LINK, log, today, f"{today}T09:00:00Z")
        if reply["morning"]:
            log = session.morning(log, reply["morning"]["date"], False)["log"]
        log = do(log, start(PLAN_LINK, log, today, f"{today}T09:00:00Z"), [0, 1, 2])
    log = session.morning(log, "2026-11-22", False)["log"]
    later = start(PLAN_LINK, log, "2026-11-24", NOW)["session"]
    assert {"title": "Band row", "text": "Done 3 of 3 times in the last 7 days."} in later["later"]  # 3 a week
    items = {i["exercise"]: i for i in session.summary(PLAN_LINK, log, "2026-11-24", NOW)["next"]}
    assert items["band-row"]["reason"] == "Up to 12 reps: your last 3 sessions were 0-2/10 with no worse mornings."
    assert items["lying-chin-tuck"]["dose"]["per_day"] == 3  # 10 x 10 s is the top: then 3 times a day


def test_the_next_visit_asks_about_the_morning_after_and_a_worse_one_steps_down():
    log = do("", start(PLAN_LINK), [1, 1, 1])
    assert start(PLAN_LINK, log)["morning"] is None  # the same day: no morning yet
    later = start(PLAN_LINK, log, "2026-11-25", "2026-11-25T08:00:00Z")
    question = "Was your pain worse on the morning after your session on Tuesday 24 November?"
    assert later["morning"]["question"] == question
    log = session.morning(log, "2026-11-24", True)["log"]
    again = start(PLAN_LINK, log, "2026-11-25", "2026-11-25T08:00:00Z")
    assert again["morning"] is None
    reason = "Down to 8 reps: you said the morning after your last session was worse."
    assert again["session"]["items"][0]["reason"] == reason
    assert start(PLAN_LINK, log, "2026-12-20", "2026-12-20T08:00:00Z")["morning"] is None  # too long ago to ask


def test_a_stop_for_a_warning_sign_ends_the_session_and_waits_for_advice():
    reply = start(PLAN_LINK)
    head = {k: reply["session"][k] for k in ("id", "date", "source", "fixed")}
    item = reply["session"]["items"][0]
    reason = CONTENT.exercises["band-row"]["stop_if"][3]
    assert item["stop_choices"][3] == {"text": reason, "reason": reason, "ends": True}
    assert item["stop_choices"][-1] == {"text": CONTENT.session["other_reason"], "reason": None, "ends": False}
    record = {"slot": "band-row", "exercise": "band-row", "dose": item["dose"], "base": item["base"],
              "outcome": "stopped", "pain": None, "stop_reason": reason}
    saved = session.record("", head, record, PLAN_LINK)
    assert saved["advice"] == {"reason": reason, "text": CONTENT.session["stop_advice"], "ends": True}
    with pytest.raises(AnswerError, match="one of the exercise's own reasons"):
        session.record("", head, {**record, "stop_reason": "I was bored."}, PLAN_LINK)
    later = start(PLAN_LINK, saved["log"], "2026-11-26", "2026-11-26T09:00:00Z")["session"]
    assert [h["slot"] for h in later["held"]] == ["band-row"]
    assert "band-row" not in [i["exercise"] for i in later["items"]]
    cleared = session.add_back(saved["log"], "plan", "band-row", "2026-11-26T09:05:00Z")["log"]
    back = start(PLAN_LINK, cleared, "2026-11-26", "2026-11-26T09:06:00Z")["session"]
    assert back["held"] == [] and back["items"][0]["reason"].startswith("Down to 8 reps: you stopped it last time")


def test_an_exercise_done_as_often_as_its_dose_says_is_done_for_now():
    log = do("", start(PLAN_LINK), [1, 1, 1])
    log = do(log, start(PLAN_LINK, log, TODAY, "2026-11-24T18:00:00Z"), [1, 1, 1])
    later = start(PLAN_LINK, log, TODAY, "2026-11-24T20:00:00Z")["session"]
    assert {"title": "Lying chin tuck", "text": "Done today: 2 of 2 times."} in later["later"]
    assert [i["exercise"] for i in later["items"]] == ["band-row", "band-lateral-raise-shrug"]


# -- Damaged or tampered logs --------------------------------------------------------------------------------------

json_values = st.recursive(st.none() | st.booleans() | st.integers(-5, 40) | st.text(max_size=12),
                           lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                           max_leaves=10)
item_like = st.fixed_dictionaries({}, optional={"slot": st.sampled_from(["band-row", "x"]) | json_values,
                                                "exercise": st.sampled_from(["band-row"]) | json_values,
                                                "dose": st.just({"reps": 10, "sets": 2, "per_week": 3}) | json_values,
                                                "base": json_values,
                                                "outcome": st.sampled_from(sessionlog.OUTCOMES) | json_values,
                                                "pain": json_values, "stop_reason": json_values})
log_like = st.fixed_dictionaries({"format": st.just(sessionlog.FORMAT), "version": st.just(1) | json_values}, optional={
    "sessions": st.lists(st.fixed_dictionaries({}, optional={
        "id": st.just(NOW) | json_values, "date": st.just(TODAY) | json_values, "source": st.just("plan") | json_values,
        "items": st.lists(item_like, max_size=3)}), max_size=3) | json_values,
    "mornings": json_values, "cleared": json_values, "reminder": json_values, "last": st.just(PLAN_LINK) | json_values})


@settings(max_examples=400, deadline=None)
@given(log_like | json_values)
def test_any_saved_text_is_read_without_an_exception_and_a_session_still_starts(data):
    text = json.dumps(data)
    read = sessionlog.read(text)
    assert isinstance(read["problems"], list)
    request = {"op": "session_start", "fragment": PLAN_LINK, "log": text, "today": TODAY, "now": NOW}
    reply = json.loads(browser.handle(json.dumps(request)))
    assert reply["ok"] or reply["error"] != browser.UNEXPECTED, reply
    report = json.loads(browser.handle(json.dumps({"op": "adherence", "log": text, "today": TODAY})))
    assert report["ok"] and report["report"]["weeks"] is not None


def test_unreadable_parts_are_named_and_the_page_keeps_a_backup_first():
    good = do("", start(PLAN_LINK), [1, 1, 1])
    data = json.loads(good)
    data["sessions"].append({"id": "yesterday", "date": TODAY, "source": "plan", "items": []})
    read = sessionlog.read(json.dumps(data))
    assert len(read["log"]["sessions"]) == 1 and "the time must look like" in read["problems"][0]
    again = session.morning(json.dumps(data), TODAY, False)
    assert again["backup_old_log"] is True


def test_a_log_from_a_newer_site_is_kept_and_never_written_over():
    newer = json.dumps({"format": sessionlog.FORMAT, "version": 2, "sessions": []})
    assert sessionlog.read(newer)["newer"] is True
    with pytest.raises(AnswerError, match="newer version"):
        session.morning(newer, TODAY, False)


# -- Adherence -------------------------------------------------------------------------------------------------

def test_adherence_counts_sessions_each_week_against_those_planned():
    log = do("", start(PLAN_LINK, today="2026-11-10", now="2026-11-10T09:00:00Z"), [1, 1, 1])
    log = do(log, start(PLAN_LINK, log, "2026-11-24", NOW), [0, 0, 0], outcome="skipped")
    log = do(log, start(PLAN_LINK, log, "2026-11-25", "2026-11-25T09:00:00Z"), [2, 2, 2])
    report = adherence.report(log, "2026-11-26")
    assert [(w["start"], w["done"], w["planned"]) for w in report["weeks"]] == [
        ("2026-11-09", 1, 14), ("2026-11-16", 0, 14), ("2026-11-23", 1, 14)]  # twice a day is 14; all skipped is none
    assert report["text"] == ("Guided sessions done each week, against those your doses plan: "
                              "week of 2026-11-09: 1 of 14; "
                              "week of 2026-11-16: 0 of 14; week of 2026-11-23: 1 of 14.")
    rows = {d["exercise"]: d["rows"] for d in report["doses"]}
    assert rows["band-row"][0] == {"date": "2026-11-10", "dosage": "2 sets of 10; 3 times a week", "outcome": "Done",
                                   "pain": "1/10: safe."}
    assert [r["outcome"] for r in rows["band-row"]] == ["Done", "Skipped", "Done"]
    assert report["saved"] == 3 and report["count"] == 2


# -- Reminders -----------------------------------------------------------------------------------------------------

def parsed(ics):
    calendar = icalendar.Calendar.from_ical(ics.encode("utf-8"))
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_a_weekly_reminder_repeats_on_the_chosen_days_and_alerts_at_the_chosen_time():
    made = reminders.make("", ["TH", "MO"], "18:30", TODAY, NOW, "https://example.org/ub/")
    calendar, event = parsed(made["file"])
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert event.decoded("DTSTART") == datetime.date(2026, 11, 26)  # the first Monday or Thursday from Tuesday 24th
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["BYDAY"] == ["MO", "TH"]
    assert int(event["SEQUENCE"]) == 0 and str(event["URL"]) == "https://example.org/ub/session/"
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY" and alarm.decoded("TRIGGER") == datetime.timedelta(hours=18, minutes=30)
    assert made["text"].startswith("Reminders on Mondays and Thursdays at 18:30.")
    assert all(len(line) <= 75 for line in made["file"].encode().split(b"\r\n"))


def test_a_changed_reminder_keeps_its_uid_with_the_sequence_one_higher_and_removal_cancels_it():
    first = reminders.make("", ["MO"], "07:00", TODAY, NOW, "https://example.org/")
    changed = reminders.make(first["log"], ["MO", "WE", "FR"], "19:15", TODAY, "2026-11-25T09:00:00Z",
                             "https://example.org/")
    (_, one), (_, two) = parsed(first["file"]), parsed(changed["file"])
    assert str(one["UID"]) == str(two["UID"]) and int(two["SEQUENCE"]) == 1
    assert two["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]
    removed = reminders.remove(changed["log"], "2026-11-26T09:00:00Z")
    calendar, cancel = parsed(removed["file"])
    assert str(calendar["METHOD"]) == "CANCEL" and str(cancel["STATUS"]) == "CANCELLED"
    assert str(cancel["UID"]) == str(one["UID"]) and int(cancel["SEQUENCE"]) == 2 and not cancel.walk("VALARM")
    assert "reminder" not in sessionlog.read(removed["log"])["log"]
    fresh = reminders.make(removed["log"], ["MO"], "07:00", TODAY, "2026-11-27T09:00:00Z", "https://example.org/")
    assert str(parsed(fresh["file"])[1]["UID"]) != str(one["UID"])  # a new reminder after a removal is a new event
    with pytest.raises(AnswerError, match="no reminder to remove"):
        reminders.remove(removed["log"], NOW)


@pytest.mark.parametrize("days, time, message", [
    ([], "18:00", "pick at least one day"), (["XX"], "18:00", "pick at least one day"), (["MO", "MO"], "18:00", "pick"),
    (["MO"], "25:00", "must look like 18:30"), (["MO"], "6pm", "must look like 18:30"),
])
def test_a_reminder_needs_days_and_a_time(days, time, message):
    with pytest.raises(AnswerError, match=message):
        reminders.make("", days, time, TODAY, NOW, "https://example.org/")


# -- Export and import ---------------------------------------------------------------------------------------------

def test_export_carries_the_sessions_and_import_merges_them_without_losing_any():
    store = progress.add("", {"date": TODAY, "answers": NO_SIGNS})["store"]
    log = do("", start(PLAN_LINK), [1, 2, 3])
    log = session.morning(log, "2026-11-23", False)["log"]
    file = ask(op="progress_export", store=store, sessions=log)["file"]
    assert json.loads(file)["sessions"] == sessionlog.read(log)["log"]
    other = do("", start(PLAN_LINK, now="2026-11-24T19:00:00Z"), [0, 0, 0])
    merged = ask(op="sessions_import", log=other, file=file)
    assert merged["added"] == 1 and merged["message"] == " Guided sessions: 1 new."
    ids = [s["id"] for s in sessionlog.read(merged["log"])["log"]["sessions"]]
    assert ids == [NOW, "2026-11-24T19:00:00Z"]
    assert ask(op="sessions_import", log=merged["log"], file=file)["added"] == 0  # the same file again adds nothing
    no_sessions = json.dumps({"format": progress.FORMAT, "version": 1, "entries": []})
    assert ask(op="sessions_import", log=log, file=no_sessions)["added"] == 0


def test_an_import_whose_sessions_are_damaged_changes_nothing():
    file = json.loads(ask(op="progress_export", store="", sessions=do("", start(PLAN_LINK), [1, 1, 1]))["file"])
    file["sessions"]["sessions"][0]["items"][0]["pain"] = 11
    message = "pain rating must be a whole number from 0 to 10; nothing was changed"
    with pytest.raises(progress.ProgressError, match=message):
        progress.merge_import("", json.dumps(file))
