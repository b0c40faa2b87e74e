"""The session log: the guided sessions done on this device, each exercise's dose, outcome and pain rating, and the
answers about the next morning. The page keeps it as one saved text (upperback.storage.SESSIONS_KEY) and asks this
module for every change; an export file carries it as its "sessions" part. Nothing here does I/O.

{"format": FORMAT, "version": VERSION,
 "sessions": [{"id": when it started (ISO 8601 with a time zone), "date": the person's date, "source": "plan" or
               "programme", "fixed": true when a clinician fixed the doses,
               "items": [{"slot": the list's exercise, "exercise": the one done (a harder or easier version),
                          "dose": its dose, "base": the list's own dose for the slot, "outcome": "done", "skipped" or
                          "stopped", "pain": 0-10 or null, "stop_reason": one of the exercise's stop_if, or null}]}],
 "mornings": {"2026-11-24": "worse" or "not-worse"},   the morning after that date's sessions
 "cleared": [{"source", "slot", "at"}],                 advice had after a stop: the exercise comes back
 "reminder": {"uid", "sequence", "days", "time"},      the calendar reminder made last (upperback.reminders)
 "last": "#a=..." or "#p=..."}                          the list the latest session came from, to start the next

Reading stored text never raises: whatever cannot be read is listed as a problem, and the page keeps a backup copy
of the old text before it writes a new one. An import with any problem changes nothing.
"""
import datetime
import json

from .content import load
from .dosage import adjustable
from .errors import AnswerError
from .reminders import checked_reminder

FORMAT = "upper-back-guide-sessions"
VERSION = 1
SOURCES = ("plan", "programme")
OUTCOMES = ("done", "skipped", "stopped")
MORNINGS = ("worse", "not-worse")
LINKS = ("#a=", "#p=")  # a plan's or a programme's fragment (upperback.share, upperback.handout)
MAX_LINK = 8000
MAX_TEXT = 600  # a stop reason is one of the content's sentences (common.schema.json: at most 600 characters)
EARLIEST = datetime.date(2000, 1, 1)
UNREADABLE = "The saved session log could not be read. Export the raw data to keep a copy."
NEWER = ("Your session log was made by a newer version of this site. It is kept exactly as it is: reload the page to "
         "get the newer version. Nothing can be saved here until then.")


class LogError(AnswerError):
    """A session log, a part of one, or a record that cannot be used; the message says what is wrong."""


def empty():
    return {"format": FORMAT, "version": VERSION, "sessions": [], "mornings": {}, "cleared": []}


def _date(value, where):
    try:
        day = datetime.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        day = None
    if day is None or day < EARLIEST:
        raise LogError(f"{where}: the date must look like 2026-11-24; got {str(value)[:40]!r}")
    return day.isoformat()


def moment(value, where):
    """A time as the page's clock gives it (2026-11-24T09:00:00.000Z): text, kept as it is, with a time zone."""
    try:
        parsed = datetime.datetime.fromisoformat(value) if isinstance(value, str) and len(value) <= 40 else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise LogError(f"{where}: the time must look like 2026-11-24T09:00:00.000Z; got {str(value)[:40]!r}")
    return value


def _number_dose(value, exercise, where, what):
    """A dose in the adjustable form of the exercise's dosage, each number within the builder's BOUNDS."""
    from .handout import BOUNDS  # the widest doses anyone may set

    numbers = {key for key in adjustable(exercise["dosage"]) if not key.startswith("per_")}
    if (not isinstance(value, dict) or set(value) - numbers - {"per_day", "per_week"} or numbers - set(value)
            or len(set(value) & {"per_day", "per_week"}) != 1):
        raise LogError(f"{where}: the {what} must hold the numbers of {exercise['id']}'s dose")
    for key, number in value.items():
        low, high = BOUNDS[key]
        if isinstance(number, bool) or not isinstance(number, int) or not low <= number <= high:
            raise LogError(f"{where}: {what} {key.replace('_', ' ')} must be a whole number from {low} to {high}")
    return dict(value)


def item(raw, content, where, strict_reason=False):
    """One exercise of a session, checked. strict_reason: a stop reason must be one of the exercise's stop_if (a new
    record); stored ones may carry an older wording."""
    if not isinstance(raw, dict):
        raise LogError(f"{where}: must be an object")
    unknown = sorted(str(k) for k in set(raw) - {"slot", "exercise", "dose", "base", "outcome", "pain", "stop_reason"})
    if unknown:
        raise LogError(f"{where}: unknown field {unknown[0][:40]!r}")
    for key in ("slot", "exercise"):
        if not isinstance(raw.get(key), str) or raw[key] not in content.exercises:
            raise LogError(f"{where}: unknown exercise {str(raw.get(key))[:60]!r}")
    exercise = content.exercises[raw["exercise"]]
    if raw.get("outcome") not in OUTCOMES:
        raise LogError(f"{where}: the outcome must be one of {', '.join(OUTCOMES)}")
    pain = raw.get("pain")
    if pain is not None and (isinstance(pain, bool) or not isinstance(pain, int) or not 0 <= pain <= 10):
        raise LogError(f"{where}: the pain rating must be a whole number from 0 to 10")
    reason = raw.get("stop_reason")
    if reason is not None:
        if raw["outcome"] != "stopped" or not isinstance(reason, str) or not 0 < len(reason) <= MAX_TEXT:
            raise LogError(f"{where}: a stop reason belongs to a stopped exercise, as text")
        if strict_reason and reason not in exercise["stop_if"]:
            raise LogError(f"{where}: the stop reason must be one of the exercise's own reasons to stop")
    return {"slot": raw["slot"], "exercise": raw["exercise"],
            "dose": _number_dose(raw.get("dose"), exercise, where, "dose"),
            "base": _number_dose(raw.get("base"), content.exercises[raw["slot"]], where, "base dose"),
            "outcome": raw["outcome"], "pain": pain, "stop_reason": reason}


def head(raw, where):
    """A session's id, date, source and whether its doses are fixed, checked."""
    if not isinstance(raw, dict):
        raise LogError(f"{where}: must be an object")
    if raw.get("source") not in SOURCES:
        raise LogError(f"{where}: the source must be one of {', '.join(SOURCES)}")
    if not isinstance(raw.get("fixed", False), bool):
        raise LogError(f"{where}: fixed must be true or false")
    return {"id": moment(raw.get("id"), where), "date": _date(raw.get("date"), where), "source": raw["source"],
            "fixed": raw.get("fixed", False)}


def _session(raw, content, where):
    session = head(raw, where)
    items = raw.get("items", [])
    if not isinstance(items, list):
        raise LogError(f"{where}: items must be a list")
    session["items"] = [item(x, content, f"{where}, exercise {i + 1}") for i, x in enumerate(items)]
    return session


def _parts(data, content, strict):
    """(log, problems) from parsed data; strict: the first problem raises."""
    log, problems = empty(), []

    def keep(make):
        try:
            return make()
        except AnswerError as exc:  # a LogError, or a reminder's (upperback.reminders)
            if strict:
                raise LogError(str(exc)) from None
            problems.append(f"{exc}. It is kept in the raw data but not used.")
            return None

    sessions = data.get("sessions", [])
    if not isinstance(sessions, list):
        raise LogError("the sessions must be a list")
    found = {}
    for i, raw in enumerate(sessions):
        session = keep(lambda raw=raw, i=i: _session(raw, content, f"session {i + 1}"))
        if session:
            found[session["id"]] = session
    log["sessions"] = sorted(found.values(), key=lambda s: s["id"])
    mornings = data.get("mornings", {})
    if not isinstance(mornings, dict):
        raise LogError("the mornings must be an object of date to worse or not-worse")
    for day, answer in mornings.items():
        if keep(lambda day=day, answer=answer: _morning(day, answer)):
            log["mornings"][day] = answer
    cleared = data.get("cleared", [])
    if not isinstance(cleared, list):
        raise LogError("cleared must be a list")
    for i, raw in enumerate(cleared):
        entry = keep(lambda raw=raw, i=i: _cleared(raw, content, f"cleared {i + 1}"))
        if entry and entry not in log["cleared"]:
            log["cleared"].append(entry)
    if isinstance(data.get("last"), str) and keep(lambda: link(data["last"])):
        log["last"] = data["last"]
    if "reminder" in data:
        reminder = keep(lambda: checked_reminder(data["reminder"]))
        if reminder:
            log["reminder"] = reminder
    return log, problems


def link(fragment):
    """The fragment of the list a session came from, kept so the next one can start from it."""
    if not isinstance(fragment, str) or not fragment.startswith(LINKS) or len(fragment) > MAX_LINK:
        raise LogError("a session starts from a plan's link (#a=...) or a programme's link (#p=...)")
    return fragment


def _morning(day, answer):
    _date(day, "a morning's date")
    if answer not in MORNINGS:
        raise LogError(f"the morning after {day} must be worse or not-worse")
    return True


def _cleared(raw, content, where):
    if not isinstance(raw, dict) or raw.get("source") not in SOURCES or not isinstance(raw.get("slot"), str) \
            or raw["slot"] not in content.exercises:
        raise LogError(f"{where}: must name a source and an exercise")
    return {"source": raw["source"], "slot": raw["slot"], "at": moment(raw.get("at"), where)}


def read(text, root=None):
    """{"log", "problems", "newer"} from saved text; never raises."""
    if not text:
        return {"log": empty(), "problems": [], "newer": False}
    try:
        data = json.loads(text) if isinstance(text, str) else None
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {"log": empty(), "problems": [UNREADABLE], "newer": False}
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        return {"log": empty(), "problems": [NEWER], "newer": True}
    try:
        log, problems = _parts(data, load(root), strict=False)
    except AnswerError as exc:
        return {"log": empty(), "problems": [f"The saved session log could not be read: {exc}."], "newer": False}
    if version != VERSION:
        problems.insert(0, f"The saved session log has no format version this site reads ({VERSION}); "
                           "readable parts are used.")
    return {"log": log, "problems": problems, "newer": False}


def dump(log):
    return json.dumps(log, separators=(",", ":"), ensure_ascii=False)


def rewrite(text, edit, root=None):
    """The new saved text after one change, and whether the old text needs a backup copy first."""
    current = read(text, root)
    if current["newer"]:
        raise LogError(NEWER)
    log = current["log"]
    edit(log)
    return {"log": dump(log), "backup_old_log": bool(current["problems"])}


def add_item(text, session, record, fragment, root=None):
    """The log with one exercise's result added to its session (made if new); a result for the same exercise of
    the same session replaces the earlier one. fragment: the list the session came from."""
    content = load(root)
    meta = head(session, "the session")
    entry = item(record, content, "the exercise", strict_reason=True)
    fragment = link(fragment)

    def edit(log):
        log["last"] = fragment
        found = next((s for s in log["sessions"] if s["id"] == meta["id"]), None)
        if found is None:
            found = {**meta, "items": []}
            log["sessions"].append(found)
            log["sessions"].sort(key=lambda s: s["id"])
        found["items"] = [x for x in found["items"] if x["slot"] != entry["slot"]] + [entry]

    return rewrite(text, edit, root)


def set_morning(text, day, worse, root=None):
    day = _date(day, "the morning's date")
    if not isinstance(worse, bool):
        raise LogError("say whether the morning was worse: true or false")
    return rewrite(text, lambda log: log["mornings"].__setitem__(day, "worse" if worse else "not-worse"), root)


def clear(text, source, slot, at, root=None):
    entry = _cleared({"source": source, "slot": slot, "at": at}, load(root), "the exercise to add back")
    return rewrite(text, lambda log: log["cleared"].append(entry), root)


def checked_part(part, root=None):
    """An export file's "sessions" part as a log; any problem raises LogError (the import then changes nothing)."""
    if not isinstance(part, dict) or part.get("format") != FORMAT or part.get("version") != VERSION:
        raise LogError(f"the file's session log is not one this site reads (format version {VERSION})")
    return _parts(part, load(root), strict=True)[0]


def merge(text, part, root=None):
    """The log with an export's sessions merged in: sessions by id, mornings and clearances added; nothing already
    saved is replaced. {"log", "backup_old_log", "added"}."""
    incoming = checked_part(part, root)
    counted = {}

    def edit(log):
        known = {s["id"] for s in log["sessions"]}
        added = [s for s in incoming["sessions"] if s["id"] not in known]
        log["sessions"] = sorted(log["sessions"] + added, key=lambda s: s["id"])
        for day, answer in incoming["mornings"].items():
            log["mornings"].setdefault(day, answer)
        log["cleared"] += [c for c in incoming["cleared"] if c not in log["cleared"]]
        if "reminder" in incoming and "reminder" not in log:
            log["reminder"] = incoming["reminder"]
        counted["added"] = len(added)

    result = rewrite(text, edit, root)
    return {**result, "added": counted["added"]}


def merge_file(text, file_text, root=None):
    """The log with an export file's sessions merged in (a file without them adds none). The file has passed the
    progress import's checks, which check this part too (upperback.progress.merge_import)."""
    try:
        data = json.loads(file_text) if isinstance(file_text, str) else None
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        raise LogError("the file could not be read; nothing was changed")
    if "sessions" not in data:
        return {**rewrite(text, lambda log: None, root), "added": 0, "message": ""}
    result = merge(text, data["sessions"], root)
    added = result["added"]
    return {**result, "message": f" Guided sessions: {added} new." if added else " Guided sessions: none new."}
