"""The weekly check-in's shape: one record a week, checked here before the re-tailoring (upperback.retailor) or
storage reads it. Anything wrong raises AnswerError saying what to fix.

{"date": 2026-12-08, "pain_now": 0-10 or null, "pain_worst": 0-10 or null, "activities": [{"name", "score"}],
 "global": an id of the global scale or null, "something_new": true or false,
 "warning_signs": {flag id: true or false} (absent until answered), "sessions": {"done", "planned"} (absent: from
 the session log), "barrier": a barrier id (optional)}
"""
from .errors import AnswerError

FIELDS = ("date", "pain_now", "pain_worst", "activities", "global", "something_new", "warning_signs", "sessions",
          "barrier")
MAX_SESSIONS = 42  # three times a day, every day of the week


def _rating(raw, key, where):
    value = raw.get(key)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10):
        raise AnswerError(f"{where}: {key.replace('_', ' ')} must be a whole number from 0 to 10, or left out")
    return value


def _count(value, what, where):
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_SESSIONS:
        raise AnswerError(f"{where}: sessions {what} must be a whole number from 0 to {MAX_SESSIONS}")
    return value


def checked_week(raw, content, data, where="the weekly check-in", today=None):
    """A weekly check-in in normal form. data: the re-tailoring rules (content/retailoring.json)."""
    from .progress import ProgressError, _activities, _date

    if not isinstance(raw, dict):
        raise AnswerError(f"{where}: must be an object")
    unknown = sorted(str(k) for k in set(raw) - set(FIELDS))
    if unknown:
        raise AnswerError(f"{where}: unknown field {unknown[0][:40]!r}")
    try:
        week = {"date": _date(raw.get("date"), where, today), "activities": _activities(raw.get("activities", []), where)}
    except ProgressError as exc:
        raise AnswerError(str(exc)) from None
    week["pain_now"] = _rating(raw, "pain_now", where)
    week["pain_worst"] = _rating(raw, "pain_worst", where)
    scale = [o["id"] for o in data["global_scale"]["options"]]
    if raw.get("global") is not None and raw["global"] not in scale:
        raise AnswerError(f"{where}: the answer to \"{data['global_scale']['question']}\" must be one of "
                          f"{', '.join(scale)}")
    week["global"] = raw.get("global")
    if not isinstance(raw.get("something_new"), bool):
        raise AnswerError(f"{where}: say whether anything new or worrying started: true or false")
    week["something_new"] = raw["something_new"]
    if raw.get("warning_signs") is not None:
        signs = raw["warning_signs"]
        if not isinstance(signs, dict) or any(k not in content.red_flags or not isinstance(v, bool)
                                              for k, v in signs.items()):
            raise AnswerError(f"{where}: warning signs must be an object of warning-sign id to true or false")
        week["warning_signs"] = dict(signs)
    if "sessions" in raw:
        sessions = raw["sessions"]
        if not isinstance(sessions, dict) or set(sessions) != {"done", "planned"}:
            raise AnswerError(f"{where}: sessions must say how many were done and how many planned")
        week["sessions"] = {"done": _count(sessions["done"], "done", where),
                            "planned": _count(sessions["planned"], "planned", where)}
    barriers = [b["id"] for b in data["barriers"]]
    if raw.get("barrier") is not None:
        if raw["barrier"] not in barriers:
            raise AnswerError(f"{where}: what got in the way must be one of {', '.join(barriers)}")
        week["barrier"] = raw["barrier"]
    return week
