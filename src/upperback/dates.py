"""The day a request says is today, read once for the modules that need it (adherence, reminders, the session)."""
import datetime

from .errors import AnswerError


def day_from(value):
    """The date in ``value`` written as YYYY-MM-DD ("2026-11-24"), or None. Only that form: Python would also read
    "20261124" or a week date, which no page sends and an author would not mean."""
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def today_from(today):
    """The date in ``today`` ("2026-11-24"); anything else raises AnswerError saying what it must look like."""
    day = day_from(today)
    if day is None:
        raise AnswerError(f"today must look like 2026-11-24; got {str(today)[:40]!r}")
    return day
