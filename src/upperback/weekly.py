"""The weekly check-in's shape: one record a week, checked here before the re-tailoring (upperback.retailor) or
storage reads it. Anything wrong raises AnswerError saying what to fix.

{"date": 2026-12-08, "pain_now": 0-10 or null, "pain_worst": 0-10 or null, "activities": [{"name", "score"}],
 "global": an id of the global scale or null, "something_new": true or false,
 "warning_signs": {flag id: true or false} (absent until answered), "sessions": {"done", "planned"} (absent: from
 the session log), "barrier": a barrier id (optional)}
"""
import json

from .content import load
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
        week = {
            "date": _date(raw.get("date"), where, today),
            "activities": _activities(raw.get("activities", []), where),
        }
    except ProgressError as exc:
        raise AnswerError(str(exc)) from None
    week["pain_now"] = _rating(raw, "pain_now", where)
    week["pain_worst"] = _rating(raw, "pain_worst", where)
    scale = [o["id"] for o in data["global_scale"]["options"]]
    if raw.get("global") is not None and raw["global"] not in scale:
        raise AnswerError(
            f'{where}: the answer to "{data["global_scale"]["question"]}" must be one of {", ".join(scale)}'
        )
    week["global"] = raw.get("global")
    if not isinstance(raw.get("something_new"), bool):
        raise AnswerError(f"{where}: say whether anything new or worrying started: true or false")
    week["something_new"] = raw["something_new"]
    if raw.get("warning_signs") is not None:
        signs = raw["warning_signs"]
        if not isinstance(signs, dict) or any(
            k not in content.red_flags or not isinstance(v, bool) for k, v in signs.items()
        ):
            raise AnswerError(f"{where}: warning signs must be an object of warning-sign id to true or false")
        week["warning_signs"] = dict(signs)
    if "sessions" in raw:
        sessions = raw["sessions"]
        if not isinstance(sessions, dict) or set(sessions) != {"done", "planned"}:
            raise AnswerError(f"{where}: sessions must say how many were done and how many planned")
        week["sessions"] = {
            "done": _count(sessions["done"], "done", where),
            "planned": _count(sessions["planned"], "planned", where),
        }
    barriers = [b["id"] for b in data["barriers"]]
    if raw.get("barrier") is not None:
        if raw["barrier"] not in barriers:
            raise AnswerError(f"{where}: what got in the way must be one of {', '.join(barriers)}")
        week["barrier"] = raw["barrier"]
    return week


# -- The saved weekly check-ins: one text (upperback.storage.WEEKLY_KEY), in export files as their "weekly" part ----

FORMAT = "upper-back-guide-weekly"
VERSION = 1
UNREADABLE = "The saved weekly check-ins could not be read. Export the raw data to keep a copy."
NEWER = (
    "Your weekly check-ins were saved by a newer version of this site. They are kept exactly as they are: "
    "reload the page to get the newer version. Nothing can be saved here until then."
)


def _rules(root):
    from .retailor import rules

    return rules(root)


def read(text, root=None, today=None):
    """{"checkins", "problems", "newer"} from saved text; never raises. A check-in that cannot be read is listed as
    a problem and kept in the raw text (the page backs the old text up before it writes a new one)."""
    empty = {"checkins": [], "problems": [], "newer": False}
    if not text:
        return empty
    try:
        data = json.loads(text) if isinstance(text, str) else None
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("checkins"), list):
        return {**empty, "problems": [UNREADABLE]}
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        return {**empty, "problems": [NEWER], "newer": True}
    content, rules, found, problems = load(root), _rules(root), {}, []
    for i, raw in enumerate(data["checkins"]):
        try:
            week = checked_week(raw, content, rules, f"weekly check-in {i + 1}", today)
        except AnswerError as exc:
            problems.append(f"{exc}. It is kept in the raw data but not used.")
            continue
        found[week["date"]] = week  # one check-in a date: a later one for the same date replaces it
    return {"checkins": [found[d] for d in sorted(found)], "problems": problems, "newer": False}


def dump(checkins):
    return json.dumps(
        {"format": FORMAT, "version": VERSION, "checkins": checkins}, separators=(",", ":"), ensure_ascii=False
    )


def add(text, checkin, root=None, today=None):
    """The saved text with one more check-in (replacing one of the same date): {"text", "backup_old", "checkin"}."""
    week = checked_week(checkin, load(root), _rules(root), "the weekly check-in", today)
    current = read(text, root, today)
    if current["newer"]:
        raise AnswerError(NEWER)
    kept = {w["date"]: w for w in current["checkins"]}
    kept[week["date"]] = week
    return {"text": dump([kept[d] for d in sorted(kept)]), "backup_old": bool(current["problems"]), "checkin": week}


def merge_file(text, file_text, root=None, today=None):
    """The saved text with an export file's weekly check-ins merged in; a check-in already saved for a date stays.
    Any problem in the file's part changes nothing. {"text", "backup_old", "added", "message"}."""
    try:
        data = json.loads(file_text) if isinstance(file_text, str) else None
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        raise AnswerError("the file could not be read; nothing was changed")
    current = read(text, root, today)
    if "weekly" not in data:
        return {"text": dump(current["checkins"]), "backup_old": bool(current["problems"]), "added": 0, "message": ""}
    part = data["weekly"]
    if (
        not isinstance(part, dict)
        or part.get("format") != FORMAT
        or part.get("version") != VERSION
        or not isinstance(part.get("checkins"), list)
    ):
        raise AnswerError(
            f"the file's weekly check-ins are not in a format this site reads (version {VERSION}); nothing was changed"
        )
    content, rules = load(root), _rules(root)
    incoming = [
        checked_week(raw, content, rules, f"the file's weekly check-in {i + 1}", today)
        for i, raw in enumerate(part["checkins"])
    ]
    if current["newer"]:
        raise AnswerError(NEWER)
    kept = {w["date"]: w for w in current["checkins"]}
    added = 0
    for week in incoming:
        if week["date"] not in kept:
            kept[week["date"]] = week
            added += 1
    return {
        "text": dump([kept[d] for d in sorted(kept)]),
        "backup_old": bool(current["problems"]),
        "added": added,
        "message": f" Weekly check-ins: {added} new." if added else " Weekly check-ins: none new.",
    }
