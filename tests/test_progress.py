"""Progress: entries, comparisons and thresholds, damaged stores, imports that change nothing on error, calendar."""
import json

import pytest

from upperback import AnswerError, progress
from upperback.progress import ProgressError


def entry(date, checks=None, pain=None, activities=()):
    data = {"date": date, "checks": checks or {}, "activities": [{"name": n, "score": s} for n, s in activities]}
    if pain is not None:
        data["pain"] = pain
    return data


def store_of(*entries):
    text = ""
    for e in entries:
        text = progress.add(text, e)["store"]
    return text


FIRST = entry(
    "2026-11-01", {"wall-test": "gap", "neck-rotation-check": "both-full"}, 6, [("Driving", 3), ("Reading", 5)]
)
SECOND = entry(
    "2026-11-15", {"wall-test": "touches", "neck-rotation-check": "one-side-less"}, 5, [("driving", 6), ("Reading", 6)]
)


def test_two_dates_give_two_entries_and_their_changes():
    report = progress.report(store_of(SECOND, FIRST), today="2026-11-20")  # saved out of order
    assert [e["date"] for e in report["entries"]] == ["2026-11-01", "2026-11-15"]
    trends = {c["id"]: c["since_first"] for c in report["checks"]}
    assert trends == {"wall-test": "improved", "neck-rotation-check": "worse"}
    since = report["since_first"]
    assert since["pain"] == {"first": 6, "last": 5, "change": -1, "meaningful": False}
    driving = next(a for a in since["activities"] if a["name"] == "driving")
    assert driving["change"] == 3 and driving["meaningful"]  # 3 points on a single activity
    assert since["average"] == {"change": 2.0, "meaningful": True}  # (3 + 1) / 2
    assert report["next_due"] == "2026-11-29" and report["overdue"] is False
    assert report["all_improved"] is False


@pytest.mark.parametrize("first, last, meaningful", [(6, 4, True), (6, 5, False), (2, 4, True), (5, 5, False)])
def test_pain_threshold_is_two_points(first, last, meaningful):
    report = progress.report(store_of(entry("2026-01-01", pain=first), entry("2026-01-15", pain=last)))
    assert report["since_first"]["pain"]["meaningful"] is meaningful


def test_activity_average_threshold_is_two_and_single_is_three():
    report = progress.report(
        store_of(
            entry("2026-01-01", activities=[("a", 4), ("b", 4)]), entry("2026-01-15", activities=[("a", 6), ("b", 5)])
        )
    )
    assert report["since_first"]["average"] == {"change": 1.5, "meaningful": False}
    assert [a["meaningful"] for a in report["since_first"]["activities"]] == [False, False]


def test_all_improved_only_when_every_check_in_is_back_in_range():
    report = progress.report(
        store_of(entry("2026-01-01", {"wall-test": "gap"}), entry("2026-01-20", {"wall-test": "touches"}))
    )
    assert report["all_improved"] is True
    assert progress.report(store_of(entry("2026-01-01", {"wall-test": "gap"})))["all_improved"] is False


@pytest.mark.parametrize(
    "first, last, met",
    [
        ((6, [("a", 4), ("b", 4)]), (4, [("a", 6), ("b", 6)]), True),  # pain -2, activities +2 on average
        ((6, [("a", 4), ("b", 4)]), (4, [("a", 7), ("b", 4)]), True),  # pain -2, one activity +3
        ((6, [("a", 4), ("b", 4)]), (5, [("a", 7), ("b", 7)]), False),  # activities better, pain only -1
        ((6, [("a", 4), ("b", 4)]), (2, [("a", 5), ("b", 5)]), False),  # pain better, activities only +1
        ((6, []), (4, []), True),  # only pain rated: pain decides
        ((1, [("a", 4)]), (0, [("a", 7)]), True),  # pain too low to drop 2: activities decide
        ((None, []), (None, []), False),  # nothing rated: nothing to go on
    ],
)
def test_goal_met_rests_on_pain_and_activities(first, last, met):
    store = store_of(
        entry("2026-01-01", pain=first[0], activities=first[1]), entry("2026-01-15", pain=last[0], activities=last[1])
    )
    assert progress.report(store)["goal_met"] is met


def test_goal_met_does_not_need_every_check_in_in_range():
    store = store_of(
        entry("2026-01-01", {"wall-test": "gap"}, 6, [("a", 3)]),
        entry("2026-01-15", {"wall-test": "gap"}, 3, [("a", 7)]),
    )
    report = progress.report(store)
    assert report["goal_met"] is True and report["all_improved"] is False


def test_same_entry_twice_is_stored_once():
    assert len(progress.read_store(store_of(FIRST, FIRST))["entries"]) == 1


def test_export_import_round_trip_is_exact():
    text = store_of(FIRST, SECOND)
    exported = progress.dump(progress.read_store(text)["entries"])
    merged = progress.merge_import("", exported)
    assert merged["added"] == 2 and progress.read_store(merged["store"]) == progress.read_store(text)
    again = progress.merge_import(merged["store"], exported)
    assert again["added"] == 0 and again["already_there"] == 2 and again["store"] == merged["store"]


@pytest.mark.parametrize(
    "file_text, message",
    [
        ("not json", "not valid JSON"),
        ('{"entries": []}', "not an Upper Back Guide progress export"),
        ('{"format": "upper-back-guide-progress", "version": 9, "entries": []}', "version 9"),
        (
            '{"format": "upper-back-guide-progress", "version": 1, "entries": [{"date": "2026-13-45"}]}',
            "entry 1: date must look like",
        ),
        (
            '{"format": "upper-back-guide-progress", "version": 1, "entries": [{"date": "2026-01-01", "pain": 12}]}',
            "pain must be a whole number",
        ),
        (
            '{"format": "upper-back-guide-progress", "version": 1, "entries": [{"date": "2026-01-01", "checks": '
            '{"wall-test": "<b>"}}]}',
            "has no outcome",
        ),
    ],
)
def test_bad_import_changes_nothing_and_says_why(file_text, message):
    with pytest.raises(ProgressError, match=message) as caught:
        progress.merge_import(store_of(FIRST), file_text)
    assert "nothing was changed" in str(caught.value)


def test_damaged_store_keeps_readable_entries_and_explains():
    good = json.loads(store_of(FIRST))["entries"][0]
    damaged = json.dumps(
        {"format": "upper-back-guide-progress", "version": 1, "entries": [good, {"date": "yesterday"}, "junk"]}
    )
    read = progress.read_store(damaged)
    assert [e["id"] for e in read["entries"]] == [good["id"]] and len(read["problems"]) == 2
    added = progress.add(damaged, SECOND)
    assert added["backup_old_store"] is True and len(progress.read_store(added["store"])["entries"]) == 2
    imported = progress.merge_import(damaged, store_of(SECOND))
    assert imported["backup_old_store"] is True and imported["added"] == 1
    assert progress.merge_import(store_of(FIRST), store_of(SECOND))["backup_old_store"] is False


@pytest.mark.parametrize("raw", ["{{{", "[1, 2]", '{"format": "something-else"}'])
def test_unreadable_store_never_raises(raw):
    read = progress.read_store(raw)
    assert read["entries"] == [] and read["problems"]
    assert progress.report(raw)["problems"]


def test_old_version_store_is_read_with_a_note():
    old = json.loads(store_of(FIRST))
    old["version"] = 0
    read = progress.read_store(json.dumps(old))
    assert len(read["entries"]) == 1 and "version 0" in read["problems"][0]


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"date": "2026-01-01", "activities": [{"name": "a", "score": 1}] * 4}, "at most 3"),
        ({"date": "2026-01-01", "activities": [{"name": "x" * 61, "score": 1}]}, "1 to 60 characters"),
        ({"date": "2026-01-01", "activities": [{"name": "ok", "score": 11}]}, "score must be a whole number"),
        ({"date": "2026-01-01", "mood": "fine"}, "unknown field 'mood'"),
    ],
)
def test_bad_entry_is_refused_with_a_clear_message(bad, message):
    with pytest.raises(ProgressError, match=message):
        progress.add("", bad)


def test_recheck_calendar_file_reads_back_with_a_reminder_that_alerts():
    icalendar = pytest.importorskip("icalendar")
    ics = progress.calendar("2026-12-15", "https://example.org/guide/", now="2026-12-01T09:30:00Z")
    event = next(c for c in icalendar.Calendar.from_ical(ics).walk("VEVENT"))
    assert str(event["DTSTART"].dt) == "2026-12-15" and event["DTSTAMP"].dt.isoformat() == "2026-12-01T09:30:00+00:00"
    assert "https://example.org/guide/assessment/" in str(event["DESCRIPTION"])
    [alarm] = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"  # a reminder that alerts, at progress.REMINDER_AT on the day
    assert alarm["TRIGGER"].dt.total_seconds() == progress.REMINDER_AT.hour * 3600 + progress.REMINDER_AT.minute * 60
    with pytest.raises(AnswerError, match="http"):
        progress.calendar("2026-12-15", "javascript:alert(1)//")


def test_calendar_file_is_an_all_day_event_on_the_due_date():
    ics = progress.calendar("2026-12-01", "https://example.org/")
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20261201" in ics and "DTEND;VALUE=DATE:20261202" in ics
    assert "https://example.org/assessment/" in ics


TODAY = "2026-12-01"


@pytest.mark.parametrize("date", ["9999-12-31", "2026-12-03", "1999-12-31"])
def test_impossible_dates_are_refused_on_save_and_import(date):
    with pytest.raises(
        ProgressError, match=f"the date {date} is not possible; use a date from 2000-01-01 to 2026-12-02"
    ):
        progress.add("", entry(date), today=TODAY)
    file_text = json.dumps({"format": progress.FORMAT, "version": 1, "entries": [entry(date)]})
    with pytest.raises(ProgressError, match=f"{date} is not possible.*nothing was changed"):
        progress.merge_import("", file_text, today=TODAY)


def test_tomorrow_is_allowed_for_a_device_ahead_of_its_time_zone():
    assert progress.add("", entry("2026-12-02"), today=TODAY)["entry"]["date"] == "2026-12-02"
    assert progress.date_bounds(TODAY) == {"min": "2000-01-01", "max": "2026-12-02"}


def test_a_stored_far_future_entry_is_listed_and_never_stops_the_report():
    raw = json.dumps({"format": progress.FORMAT, "version": 1, "entries": [FIRST, {**SECOND, "date": "9999-12-31"}]})
    report = progress.report(raw, today=TODAY)
    assert [e["date"] for e in report["entries"]] == [FIRST["date"]]
    assert any("9999-12-31 is not possible" in p for p in report["problems"])
    assert report["next_due"] == "2026-11-15"


def test_import_counts_are_exact_when_a_file_repeats_an_entry():
    reply = progress.merge_import(
        store_of(FIRST),
        json.dumps({"format": progress.FORMAT, "version": 1, "entries": [FIRST, SECOND, SECOND, SECOND]}),
        today=TODAY,
    )
    assert (reply["added"], reply["already_there"], reply["repeated_in_file"]) == (1, 1, 2)
    assert len(progress.read_store(reply["store"], today=TODAY)["entries"]) == 2


def test_a_newer_store_is_kept_as_it_is_and_never_rewritten_as_older():
    newer = json.dumps({"format": progress.FORMAT, "version": 2, "entries": [FIRST]})
    assert progress.read_store(newer)["newer"] is True
    with pytest.raises(ProgressError, match="newer version of this site"):
        progress.add(newer, SECOND, today=TODAY)
    with pytest.raises(ProgressError, match="newer version of this site"):
        progress.merge_import(newer, store_of(SECOND), today=TODAY)


@pytest.mark.parametrize("version", [True, "1", 1.0, None])
def test_a_version_must_be_a_whole_number(version):
    file_text = json.dumps({"format": progress.FORMAT, "version": version, "entries": []})  # 1.0 stays a float
    with pytest.raises(ProgressError, match="format version|no readable format version"):
        progress.merge_import("", file_text, today=TODAY)


@pytest.mark.parametrize(
    "file_text, message",
    [
        ("[" * 100_000 + "]" * 100_000, "nested far too deeply"),
        (" " * (progress.MAX_IMPORT_CHARS + 1), "far more than any progress export"),
    ],
)
def test_imports_have_size_and_depth_limits(file_text, message):
    with pytest.raises(ProgressError, match=message):
        progress.merge_import("", file_text, today=TODAY)


@pytest.mark.parametrize(
    "persisted, last_export, remind",
    [
        (True, None, False),
        (False, None, True),
        (None, "2026-11-20", False),
        (False, "2026-11-17", False),  # 14 days ago: not yet
        (False, "2026-11-16", True),
    ],
)
def test_durability_reminds_about_an_export_only_when_the_browser_may_clear_the_data(persisted, last_export, remind):
    from upperback import storage

    result = storage.durability(persisted, last_export, TODAY)
    assert result["remind"] is remind
    assert (storage.KEPT if persisted else storage.NOT_KEPT) in result["text"]


def test_storage_summary_lists_backups_and_names_them_in_the_delete_warning():
    from upperback import storage

    key = storage.PROGRESS_KEY + storage.BACKUP_INFIX + "1796114742702"
    summary = storage.summary({"entries": 3, "backups": [{"key": key, "size": 2048}]})
    assert summary["backups"] == [{"key": key, "label": "Backup copy kept on 2026-12-01 08:45 UTC (2 KB)"}]
    assert "3 saved check-ins and 1 backup copy" in summary["delete_warning"]
    with pytest.raises(ProgressError.__mro__[1], match="each backup needs the key"):
        storage.summary({"entries": 0, "backups": [{"key": "someone-else"}]})


def test_an_entry_keeps_the_answers_its_plan_was_made_from():
    answers = {
        "red_flags": {},
        "conditions": {"thin-bones": True},
        "checks": {"wall-test": "gap"},
        "pain": 4,
        "age_band": "70-79",
    }
    saved = progress.add("", {"date": "2026-11-20", "answers": answers}, today=TODAY)["entry"]
    assert saved["answers"] == answers and saved["checks"] == {"wall-test": "gap"} and saved["pain"] == 4
    assert (
        saved["id"]
        == progress.add("", {"date": "2026-11-20", "checks": {"wall-test": "gap"}, "pain": 4}, today=TODAY)["entry"][
            "id"
        ]
    )
    round_trip = progress.read_store(progress.dump([saved]), today=TODAY)["entries"]
    assert round_trip == [saved]
    with pytest.raises(ProgressError, match="differ from the answers it carries"):
        progress.add("", {"date": "2026-11-20", "answers": answers, "pain": 3}, today=TODAY)


def test_the_timers_get_ready_choice_travels_in_export_and_import():
    from upperback import timer

    text = store_of(FIRST)
    assert "timer" not in json.loads(progress.export(text))  # nothing picked: nothing exported
    exported = progress.export(text, timer_text="15")
    assert json.loads(exported)["timer"] == {"get_ready": 15}
    assert progress.merge_import("", exported)["timer"] == "15"
    assert json.loads(progress.export(text, timer_text="7"))["timer"] == {"get_ready": timer.GET_READY}
    assert progress.merge_import("", progress.export(text))["timer"] is None
    for bad in ({"get_ready": 7}, {"get_ready": True}, {"get_ready": 15, "x": 1}, [15]):
        data = {**json.loads(exported), "timer": bad}
        with pytest.raises(ProgressError, match="timer options must be .* nothing was changed"):
            progress.merge_import(text, json.dumps(data))
