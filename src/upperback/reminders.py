"""Session reminders: a calendar file (.ics), made on the device, that repeats every week on the days a person picks
and alerts at the time they pick (upperback.calendar_file). A static site cannot know whether a session was done, so
the reminder never claims to clear itself.

There is one reminder at a time, kept in the session log ("reminder"). Changing it re-issues the file with the same
uid and the sequence one higher, so calendars update the event; removing it issues a cancelling file
(METHOD:CANCEL) for that uid. The event links to the session page, never to a list: a link's fragment holds a
person's answers, and calendars are often synced to a server.
"""
import datetime
import re

from .calendar_file import WEEKDAYS, all_day_event, cancelled_event, web_address
from .dates import today_from
from .errors import AnswerError

DAY_NAMES = dict(
    zip(WEEKDAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"), strict=True)
)
SUMMARY = "Upper back: today's exercise session"
DESCRIPTION = (
    "Time for today's guided session. Your calendar cannot tell whether you have done it, so this reminder "
    "rings on each of these days."
)
UID = re.compile(r"sessions-[0-9]{8}T[0-9]{6}Z@upper-back-guide")
TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
FILE_NAME = "upper-back-session-reminders.ics"


def _time(value):
    if not isinstance(value, str) or not TIME.fullmatch(value):
        raise AnswerError(f"the reminder time must look like 18:30; got {str(value)[:20]!r}")
    return value


def _days(days):
    if not isinstance(days, list) or not days or any(d not in WEEKDAYS for d in days) or len(set(days)) != len(days):
        raise AnswerError("pick at least one day for the reminder")
    return sorted(days, key=WEEKDAYS.index)


def checked_reminder(raw):
    """A saved reminder, checked: {"uid", "sequence", "days", "time", "start"}."""
    if not isinstance(raw, dict) or not isinstance(raw.get("uid"), str) or not UID.fullmatch(raw["uid"]):
        raise AnswerError("the saved reminder has no uid this site made")
    sequence = raw.get("sequence")
    if isinstance(sequence, bool) or not isinstance(sequence, int) or not 0 <= sequence < 2**31:
        raise AnswerError("the saved reminder's sequence must be a whole number from 0")
    try:
        start = datetime.date.fromisoformat(raw.get("start")).isoformat()
    except (TypeError, ValueError):
        raise AnswerError("the saved reminder's start must look like 2026-11-24") from None
    return {
        "uid": raw["uid"],
        "sequence": sequence,
        "days": _days(raw.get("days")),
        "time": _time(raw.get("time")),
        "start": start,
    }


def describe(reminder):
    """'Reminders on Mondays and Thursdays at 18:30.'"""
    names = [DAY_NAMES[d] + "s" for d in reminder["days"]]
    days = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"Reminders on {days} at {reminder['time']}."


def _moment(now):
    try:
        moment = datetime.datetime.fromisoformat(now) if isinstance(now, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise AnswerError(f"now must be a date and time with a time zone; got {str(now)[:40]!r}")
    return moment


def _first_day(today, days):
    """The first of the chosen days on or after today: the event starts on one of its own days (RFC 5545 3.8.5.3)."""
    day = today_from(today)
    return next(day + datetime.timedelta(n) for n in range(7) if WEEKDAYS[(day.weekday() + n) % 7] in days)


def _ics(reminder, now, site_url):
    hours, minutes = map(int, reminder["time"].split(":"))
    return all_day_event(
        datetime.date.fromisoformat(reminder["start"]),
        uid=reminder["uid"],
        summary=SUMMARY,
        description=DESCRIPTION,
        now=now,
        site_url=f"{web_address(site_url)}session/",
        alarm_at=datetime.time(hours, minutes),
        weekly_on=reminder["days"],
        sequence=reminder["sequence"],
    )


def make(log_text, days, time, today, now, site_url, root=None):
    """{"log", "backup_old_log", "file", "name", "text"}: the log keeping the new reminder, and its .ics file."""
    from .sessionlog import read, rewrite

    moment, days, time = _moment(now), _days(days), _time(time)
    old = read(log_text, root)["log"].get("reminder")
    new_uid = f"sessions-{moment.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}@upper-back-guide"
    reminder = {
        "uid": old["uid"] if old else new_uid,
        "sequence": old["sequence"] + 1 if old else 0,
        "days": days,
        "time": time,
        "start": _first_day(today, days).isoformat(),
    }
    ics = _ics(reminder, moment, site_url)
    result = rewrite(log_text, lambda log: log.__setitem__("reminder", reminder), root)
    verb = "changed" if old else "made"
    return {
        **result,
        "file": ics,
        "name": FILE_NAME,
        "reminder": reminder,
        "text": f"{describe(reminder)} Open the file to add them to your calendar ({verb} on this device).",
    }


def remove(log_text, now, root=None):
    """{"log", "backup_old_log", "file", "name", "text"}: the log without its reminder, and the file that cancels it."""
    from .sessionlog import read, rewrite

    moment = _moment(now)
    old = read(log_text, root)["log"].get("reminder")
    if not old:
        raise AnswerError("there is no reminder to remove")
    ics = cancelled_event(
        datetime.date.fromisoformat(old["start"]),
        uid=old["uid"],
        summary=SUMMARY,
        now=moment,
        sequence=old["sequence"] + 1,
        weekly_on=old["days"],
    )
    result = rewrite(log_text, lambda log: log.pop("reminder", None), root)
    return {
        **result,
        "file": ics,
        "name": FILE_NAME,
        "reminder": None,
        "text": "Open this file to remove the reminders from your calendar.",
    }


def view(log_text, root=None):
    """What the page says about the current reminder: {"reminder", "text"}."""
    from .sessionlog import read

    reminder = read(log_text, root)["log"].get("reminder")
    return {"reminder": reminder, "text": describe(reminder) if reminder else "No session reminders yet."}
