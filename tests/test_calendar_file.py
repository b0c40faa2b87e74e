"""The calendar file (upperback.calendar_file), read back by a real iCalendar parser: RFC 5545 folding at 75
octets, TEXT escaping, DTSTAMP from the time the file is made, a stable UID, CRLF, the reminder, and a site
address that must be a web address."""
import datetime
from itertools import pairwise

import icalendar
import pytest

from upperback import AnswerError
from upperback.calendar_file import all_day_event, fold

DAY = datetime.date(2026, 12, 1)
NOW = datetime.datetime(2026, 11, 3, 10, 4, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
UID = "recheck-20261201@upper-back-guide"
# commas, semicolons, a backslash, newlines of three kinds, accents, a 3-octet dash and a 4-octet emoji
SUMMARY = "Re-check, then save; a\\b\r\nnext\rline\nlast"
DESCRIPTION = "Répétez les mêmes contrôles — évaluez la douleur, puis enregistrez-les 🙂 " * 4


def make(**changes):
    values = dict(uid=UID, summary=SUMMARY, now=NOW, description=DESCRIPTION, site_url="https://example.org/ub/",
                  alarm_at=datetime.time(9, 30))
    return all_day_event(changes.pop("day", DAY), **{**values, **changes})


def parsed(ics):
    calendar = icalendar.Calendar.from_ical(ics.encode("utf-8"))
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_a_real_parser_reads_back_every_value():
    calendar, event = parsed(make())
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    assert event.decoded("DTSTART") == DAY and event.decoded("DTEND") == DAY + datetime.timedelta(days=1)
    assert str(event["UID"]) == UID
    assert str(event["SUMMARY"]) == SUMMARY.replace("\r\n", "\n").replace("\r", "\n")
    assert str(event["DESCRIPTION"]) == DESCRIPTION
    assert str(event["URL"]) == "https://example.org/ub/"
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY" and alarm.decoded("TRIGGER") == datetime.timedelta(hours=9, minutes=30)
    assert str(alarm["DESCRIPTION"])


def test_dtstamp_is_when_the_file_was_made_in_utc_not_the_due_date():
    _, event = parsed(make())
    assert event.decoded("DTSTAMP") == NOW and event.decoded("DTSTAMP").utcoffset() == datetime.timedelta(0)
    assert "DTSTAMP:20261103T080405Z\r\n" in make()
    with pytest.raises(AnswerError, match="time zone"):
        make(now=datetime.datetime(2026, 11, 3, 10, 4, 5))


def test_the_uid_is_the_callers_so_the_same_reminder_updates_itself():
    later = NOW + datetime.timedelta(days=3)
    assert str(parsed(make())[1]["UID"]) == str(parsed(make(now=later))[1]["UID"]) == UID


def test_lines_end_in_crlf_and_fold_at_75_octets_without_splitting_a_character():
    ics = make()
    assert ics.endswith("END:VCALENDAR\r\n") and "\n" not in ics.replace("\r\n", "")
    lines = ics.encode("utf-8").split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) == 75  # the description is long enough to be folded
    for line in lines:
        assert len(line) <= 75
        line.decode("utf-8")  # each physical line is whole characters
        assert not line.startswith(b"  ")  # a continuation starts with exactly one space
    assert sum(line.startswith(b" ") for line in lines) >= 4


@pytest.mark.parametrize("text", ["x" * 200, "é" * 100, "—" * 60, "🙂" * 50, "a🙂" * 40, "D:" + "ab—🙂é" * 30])
def test_folding_uses_each_line_as_fully_as_a_character_allows(text):
    lines = fold(text).encode("utf-8").split(b"\r\n")
    assert b"".join(line[1:] if i else line for i, line in enumerate(lines)).decode("utf-8") == text
    for line, following in pairwise(lines):
        next_char = following[1:].decode("utf-8")[0]
        assert len(line) <= 75 < len(line) + len(next_char.encode("utf-8")), (line, next_char)


def test_no_reminder_and_no_address_unless_asked():
    ics = make(alarm_at=None, site_url=None, description="")
    _, event = parsed(ics)
    assert not event.walk("VALARM") and "URL" not in event and "DESCRIPTION" not in event


@pytest.mark.parametrize("site_url, message", [
    ("javascript:alert(1)", "must start with https:// or http://"),
    ("ftp://example.org/", "must start with https:// or http://"),
    ("//example.org/", "must start with https:// or http://"),
    ("https://example.org/\r\nATTACH:https://evil.example/x", "cannot hold spaces, control characters"),
    ("https://example.org/a b", "cannot hold spaces"),
    ('https://example.org/"onload', "quotes"),
    ("https://exämple.org/", "outside ASCII"),
    ("https:///path", "no host name"),
    ("", "must be text"),
    (["https://example.org/"], "must be text"),
])
def test_the_site_address_must_be_a_web_address(site_url, message):
    with pytest.raises(AnswerError, match=message):
        make(site_url=site_url)


@pytest.mark.parametrize("changes, message", [
    ({"day": "2026-12-01"}, "must be a date"),
    ({"day": datetime.date.max}, "too far ahead"),
    ({"summary": ""}, "needs a uid and a summary"),
    ({"summary": "bell\x07"}, "control characters"),
    ({"uid": 5}, "uid must be text"),
    ({"alarm_at": "09:00"}, "time of day"),
])
def test_bad_values_raise_a_worded_error(changes, message):
    with pytest.raises(AnswerError, match=message):
        make(**changes)


def test_a_reminder_at_midnight_rings_at_the_start_of_the_day():
    (alarm,) = parsed(make(alarm_at=datetime.time(0, 0)))[1].walk("VALARM")
    assert alarm.decoded("TRIGGER") == datetime.timedelta(0)
