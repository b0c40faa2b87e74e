"""An iCalendar (RFC 5545) file with one all-day event, optionally weekly and with a reminder, or the file that
cancels it: standard library only.

The file follows the RFC where readers are known to differ: lines end in CRLF and are folded at 75 octets of
UTF-8 (never inside a character), TEXT values escape backslash, semicolon, comma and newline, DTSTAMP is when the
file was made (in UTC), not the event's date, and the UID is the caller's, so a second file for the same event
updates it instead of adding a copy.
"""
import datetime
import re

from .errors import AnswerError

LINE_OCTETS = 75  # RFC 5545 3.1: a content line is at most 75 octets, not counting the CRLF
PRODID = "-//Upper Back Guide//Reminder//EN"
CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # TEXT allows tab, and newlines only as \n
NOT_IN_A_WEB_ADDRESS = re.compile(r"[\x00-\x20\x7f-\x9f<>\"'`\\{}|^]")


def escape_text(text):
    """A TEXT value (RFC 5545 3.3.11): backslash, ';' and ',' escaped, every newline written as \\n."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")
    if CONTROL.search(text):
        raise AnswerError("calendar text cannot hold control characters")
    return text


def fold(line):
    """One content line folded into lines of at most 75 UTF-8 octets; each continuation starts with one space."""
    parts, current, size = [], [], 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > LINE_OCTETS:
            parts.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += octets
    parts.append("".join(current))
    return "\r\n".join(parts)


def web_address(site_url):
    """site_url when it is an http(s) address with a host and nothing that could end a line or a value; else an
    AnswerError saying what is wrong."""
    if not isinstance(site_url, str) or not site_url:
        raise AnswerError("the site address must be text such as https://example.org/")
    scheme, separator, rest = site_url.partition("://")
    if not separator or scheme.lower() not in ("http", "https"):
        raise AnswerError(f"the site address must start with https:// or http://; got {site_url[:40]!r}")
    if NOT_IN_A_WEB_ADDRESS.search(site_url) or not site_url.isascii():
        raise AnswerError("the site address cannot hold spaces, control characters, quotes or letters outside ASCII; "
                          f"got {site_url[:40]!r}")
    if not re.split(r"[/?#]", rest, maxsplit=1)[0]:
        raise AnswerError(f"the site address has no host name; got {site_url[:40]!r}")
    return site_url


def _utc_stamp(now):
    if not isinstance(now, datetime.datetime):
        raise AnswerError("the time the file is made must be a date and time")
    if now.tzinfo is None:
        raise AnswerError("the time the file is made must say its time zone (for example UTC)")
    return now.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _trigger(alarm_at):
    """A reminder at a time of day (to the minute) on the event's date, as a duration from the start of that
    all-day date, so it rings at that time wherever the person is."""
    if not isinstance(alarm_at, datetime.time) or alarm_at.tzinfo is not None:
        raise AnswerError("the reminder time must be a time of day, such as 09:00, with no time zone")
    hours, minutes = alarm_at.hour, alarm_at.minute
    if not hours and not minutes:
        return "PT0S"
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")


WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # RFC 5545 3.3.10 BYDAY, Monday first as date.weekday()


def _weekly(days):
    """An RRULE value repeating every week on these days (BYDAY codes, e.g. ("MO", "TH"))."""
    if not days or not all(isinstance(d, str) and d in WEEKDAYS for d in days) or len(set(days)) != len(days):
        raise AnswerError(f"the days of a weekly reminder must be some of {', '.join(WEEKDAYS)}, each once")
    return "FREQ=WEEKLY;BYDAY=" + ",".join(sorted(days, key=WEEKDAYS.index))


def _sequence(sequence):
    if isinstance(sequence, bool) or not isinstance(sequence, int) or not 0 <= sequence < 2**31:
        raise AnswerError("the calendar sequence must be a whole number from 0")
    return sequence


def _event(day, uid, summary, now, description, site_url, alarm_at, weekly_on, sequence, prodid, method):
    if not isinstance(day, datetime.date) or isinstance(day, datetime.datetime):
        raise AnswerError("the event's day must be a date")
    if day >= datetime.date.max:
        raise AnswerError(f"the event's day {day.isoformat()} is too far ahead")
    for name, value in (("uid", uid), ("summary", summary), ("description", description), ("prodid", prodid)):
        if not isinstance(value, str):
            raise AnswerError(f"the calendar {name} must be text")
    if not uid.strip() or not summary.strip():
        raise AnswerError("a calendar event needs a uid and a summary")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{escape_text(prodid)}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        "BEGIN:VEVENT",
        f"UID:{escape_text(uid)}",
        f"DTSTAMP:{_utc_stamp(now)}",
        f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(day + datetime.timedelta(days=1)).strftime('%Y%m%d')}",
    ]
    if weekly_on:
        lines.append(f"RRULE:{_weekly(weekly_on)}")
    if sequence is not None:
        lines.append(f"SEQUENCE:{_sequence(sequence)}")
    lines += [f"SUMMARY:{escape_text(summary)}", "TRANSP:TRANSPARENT"]  # a reminder, not a meeting: the day stays free
    if method == "CANCEL":
        lines.append("STATUS:CANCELLED")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if site_url is not None:
        lines.append(f"URL:{web_address(site_url)}")  # a URI value: checked, not escaped
    if alarm_at is not None:
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"TRIGGER:{_trigger(alarm_at)}",
                  f"DESCRIPTION:{escape_text(summary)}", "END:VALARM"]
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)


def all_day_event(day, *, uid, summary, now, description="", site_url=None, alarm_at=None, prodid=PRODID,
                  weekly_on=(), sequence=None):
    """The text of an .ics file with one all-day event on ``day`` (a ``datetime.date``).

    - ``uid``: a stable id for the event (the same event gives the same uid);
    - ``summary``, ``description``: plain text, escaped here;
    - ``now``: when the file is made, a timezone-aware ``datetime`` (written as DTSTAMP, in UTC);
    - ``site_url``: an http(s) address, written as the event's URL (validated: AnswerError if it is not one);
    - ``alarm_at``: a ``datetime.time``: a display reminder at that time of day on ``day`` (and on every repeat);
    - ``weekly_on``: BYDAY codes (``WEEKDAYS``): the event repeats every week on those days, from ``day``;
    - ``sequence``: the event's revision (RFC 5545 3.8.7.4): a changed event keeps its uid and adds 1.
    """
    return _event(day, uid, summary, now, description, site_url, alarm_at, weekly_on, sequence, prodid, "PUBLISH")


def cancelled_event(day, *, uid, summary, now, sequence, weekly_on=(), prodid=PRODID):
    """The text of an .ics file that removes the event ``uid`` (METHOD:CANCEL, STATUS:CANCELLED, RFC 5546 3.2.5):
    the same uid and start as the event it cancels, and a sequence one above its last."""
    return _event(day, uid, summary, now, "", None, None, weekly_on, sequence, prodid, "CANCEL")
