"""The saved weekly check-ins (upperback.weekly), what /weekly/ is told (upperback.weekly_view), and the weekly part
of export and import (upperback.progress): nothing saved is lost, a bad part changes nothing."""
import json

import pytest
from test_retailor import START_DATE, TODAY, start, week

from upperback import browser, progress, storage, weekly, weekly_view
from upperback.errors import AnswerError


def store_text():
    return progress.dump([progress.make_entry(start(), today=TODAY)])


def test_a_second_check_in_on_the_same_date_replaces_the_first():
    first = weekly.add("", week(1, pain=4), today=TODAY)["text"]
    second = weekly.add(first, {**week(1, pain=4), "barrier": "forgot"}, today=TODAY)
    checkins = weekly.read(second["text"], today=TODAY)["checkins"]
    assert len(checkins) == 1 and checkins[0]["barrier"] == "forgot"
    third = weekly.add(second["text"], week(2), today=TODAY)["text"]
    assert [c["date"] for c in weekly.read(third, today=TODAY)["checkins"]] == [week(1)["date"], week(2)["date"]]


def test_damaged_text_is_reported_and_backed_up_before_a_write():
    assert weekly.read("{not json")["problems"] == [weekly.UNREADABLE]
    text = json.dumps({"format": weekly.FORMAT, "version": 1, "checkins": [week(1), {"date": "x"}]})
    read = weekly.read(text, today=TODAY)
    assert len(read["checkins"]) == 1 and len(read["problems"]) == 1
    assert weekly.add(text, week(2), today=TODAY)["backup_old"] is True


def test_a_newer_format_is_kept_and_not_written_over():
    newer = json.dumps({"format": weekly.FORMAT, "version": 99, "checkins": []})
    assert weekly.read(newer)["newer"] is True
    with pytest.raises(AnswerError, match="newer version"):
        weekly.add(newer, week(1), today=TODAY)


def test_export_carries_the_weekly_check_ins_and_import_merges_them():
    saved = weekly.add("", week(1), today=TODAY)["text"]
    file = progress.export(store_text(), None, weekly_text=saved)
    assert json.loads(file)["weekly"]["checkins"][0]["date"] == week(1)["date"]
    merged = weekly.merge_file("", file, today=TODAY)
    assert merged["added"] == 1 and "1 new" in merged["message"]
    again = weekly.merge_file(merged["text"], file, today=TODAY)
    assert again["added"] == 0


def test_an_import_with_a_bad_weekly_part_changes_nothing():
    file = json.loads(progress.export(store_text(), None))
    file["weekly"]["checkins"] = [{**week(1), "pain_now": 99}]
    with pytest.raises(progress.ProgressError, match="nothing was changed"):
        progress.merge_import("", json.dumps(file), today=TODAY)


def test_the_page_is_told_when_a_week_has_passed():
    before = weekly_view.view(store_text(), "", None, START_DATE.isoformat())
    assert before["due"] is False and before["activities"] == [a["name"] for a in start()["activities"]]
    due = (START_DATE.toordinal() + weekly_view.DAYS)
    after = weekly_view.view(store_text(), "", None, type(START_DATE).fromordinal(due).isoformat())
    assert after["due"] is True and after["retailored"]["plan"]["today"]


def test_without_a_starting_check_in_the_page_says_where_to_start():
    view = weekly_view.view("", "", None, TODAY)
    assert view["start"] is None and view["message"] == weekly_view.NO_START


def test_the_entry_point_adds_and_views():
    reply = json.loads(
        browser.handle(json.dumps({"op": "weekly_add", "weekly": "", "checkin": week(1), "today": TODAY}))
    )
    assert reply["ok"]
    view = json.loads(
        browser.handle(
            json.dumps(
                {"op": "weekly_view", "store": store_text(), "weekly": reply["text"], "log": None, "today": TODAY}
            )
        )
    )
    assert view["ok"] and view["view"]["retailored"]["weeks"][0]["date"] == week(1)["date"]
    bad = json.loads(browser.handle(json.dumps({"op": "weekly_add", "weekly": "", "checkin": [], "today": TODAY})))
    assert bad == {"ok": False, "error": "the weekly check-in: must be an object"}


def test_backups_of_the_weekly_check_ins_are_named_and_counted():
    key = storage.WEEKLY_KEY + storage.BACKUP_INFIX + "1764576000000"
    summary = storage.summary({"entries": 1, "weekly": 2, "backups": [{"key": key, "size": 2048}]})
    assert "of the weekly check-ins" in summary["backups"][0]["label"]
    assert "2 weekly check-ins" in summary["delete_warning"]


def test_the_delete_warning_counts_the_weekly_check_ins_from_their_saved_text_and_names_every_kind_kept():
    text = weekly.add(weekly.add("", week(1), today=TODAY)["text"], week(2), today=TODAY)["text"]
    warning = storage.summary({"entries": 1, "sessions": 3, "backups": []}, text, '{"answers": {}}', "2026-11-30")[
        "delete_warning"
    ]
    for words in (
        "1 saved check-in,",
        "3 guided sessions",
        "2 weekly check-ins",
        storage.DRAFT_WORDS,
        storage.EXPORT_WORDS,
    ):
        assert words in warning, words
    bare = storage.summary({"entries": 0, "backups": []}, "", None, None)["delete_warning"]
    assert bare.startswith("From this browser, this deletes 0 saved check-ins.")
    reply = json.loads(browser.handle(json.dumps({"op": "storage_summary", "saved": {"entries": 0}, "weekly": 3})))
    assert reply == {"ok": False, "error": "the weekly check-ins must be the saved text, or null"}
