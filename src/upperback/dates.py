"""The day a request says is today, read once for the modules that need it (adherence, reminders)."""
import datetime

from .errors import AnswerError


def today_from(today):
    """The date in ``today`` ("2026-11-24"); anything else raises AnswerError saying what it must look like."""
    try:
        day = datetime.date.fromisoformat(today) if isinstance(today, str) else None
    except ValueError:
        day = None
    if day is None:
        raise AnswerError(f"today must look like 2026-11-24; got {str(today)[:40]!r}")
    return day
