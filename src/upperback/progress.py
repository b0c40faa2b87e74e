"""Progress over time: saved check-in entries, what changed, whether it is meaningful, and the stored file format.

The browser keeps one text in localStorage (the same format as an export file) and asks this module for every
decision: reading a store that may be damaged, adding an entry, merging an import, reporting change. Nothing here
does I/O, so CPython and Pyodide give the same answers.

Thresholds (brief section 4): pain changes of about 2 points (0-10) go beyond day-to-day noise; for "my three
activities" (0-10, higher is easier), 2 points on the average or 3 on a single activity. The same thresholds say
when the programme has done its job (``goal_met``): not every check-in reaching the usual range.
"""
import datetime
import hashlib
import json

from .answers import as_answers, normalise
from .content import load
from .dates import day_from
from .errors import AnswerError

FORMAT = "upper-back-guide-progress"
VERSION = 1
PAIN_CHANGE = 2
ACTIVITY_AVERAGE_CHANGE = 2
ACTIVITY_SINGLE_CHANGE = 3
# One reading against the start, for the weekly re-tailoring (upperback.retailor): a single 0-10 pain rating must
# move about 4 points to be sure it is real (neck pain: measurement error 4.0, Kovacs 2008 [R31]); issue 19 holds
# the activities' average to the same figure, since the brief gives them no single-reading error of their own.
PAIN_SINGLE_READING_CHANGE = 4
ACTIVITY_SINGLE_READING_CHANGE = 4
# Every change threshold by name, with what it means and its source: the clinicians' measures page and the
# re-tailoring rules (content/retailoring.json names them) read them here, so each figure lives once.
THRESHOLDS = {
    "pain-change": {"value": PAIN_CHANGE, "measure": "pain",
                    "meaning": "Pain 0-10: the smallest change that matters, when it holds on two check-ins in a row",
                    "source": "Childs 2005 (measurement error 2); Kovacs 2008, neck pain (smallest change that matters "
                              "about 1.5), brief section 4", "references": ["R31"]},
    "pain-single-reading": {"value": PAIN_SINGLE_READING_CHANGE, "measure": "pain",
                            "meaning": "Pain 0-10: the change one reading needs to be beyond measurement error",
                            "source": "Kovacs 2008, neck pain, n=658 (measurement error 4.0), brief section 4",
                            "references": ["R31"]},
    "activity-average-change": {"value": ACTIVITY_AVERAGE_CHANGE, "measure": "activities",
                                "meaning": "The three activities 0-10: the smallest change in their average that "
                                           "matters, when it holds on two check-ins in a row",
                                "source": "Patient-Specific Functional Scale figures (Stratford 1995), brief section 4",
                                "references": ["R31"]},
    "activity-single-change": {"value": ACTIVITY_SINGLE_CHANGE, "measure": "activities",
                               "meaning": "The three activities 0-10: the smallest change in one activity that "
                                          "matters, when it holds on two check-ins in a row",
                               "source": "Patient-Specific Functional Scale figures (Stratford 1995), brief section 4",
                               "references": ["R31"]},
    "activity-single-reading": {"value": ACTIVITY_SINGLE_READING_CHANGE, "measure": "activities",
                                "meaning": "The three activities 0-10: the change in their average one reading "
                                           "needs before the plan changes on it",
                                "source": "Issue 19's rule, applying the pain scale's single-reading figure; no "
                                          "published single-reading error for the activities is in the brief",
                                "references": ["R31"]},
}
RECHECK_DAYS = 14
# Moving on to the keep-it-up phase needs the change to hold, as the thresholds above say ("when it holds on two
# check-ins in a row"): the goal met both at the latest check-in and at the one before, each against the first.
# That takes the first check-in and two more.
PHASE_MIN_ENTRIES = 3
_WEEK_WORDS = {1: "week", 2: "two weeks", 3: "three weeks", 4: "four weeks"}


def recheck_words():
    """RECHECK_DAYS as the pages say it ("two weeks"), so the advice and the re-check date agree."""
    weeks, days = divmod(RECHECK_DAYS, 7)
    return _WEEK_WORDS[weeks] if not days and weeks in _WEEK_WORDS else f"{RECHECK_DAYS} days"


MAX_ACTIVITIES = 3
MAX_ACTIVITY_NAME = 60
# Dates a check-in can carry: from the site's own era to tomorrow (a device a day ahead of its time zone). A date
# outside can only be a mistake or a damaged file, and a far-future one would overflow the re-check date.
EARLIEST_DATE = datetime.date(2000, 1, 1)
MAX_IMPORT_CHARS = 10_000_000  # far above years of weekly entries (about 300 characters each) and daily sessions (600)
CAVEAT = (
    f"Changes smaller than about {PAIN_CHANGE} points of pain, or {ACTIVITY_AVERAGE_CHANGE} points on the average of "
    f"your activities ({ACTIVITY_SINGLE_CHANGE} on a single one), are within normal day-to-day variation. "
    "Check-ins vary between attempts too: look for a trend over several weeks."
)


class ProgressError(AnswerError):
    """A progress file or entry that cannot be used; the message says what is wrong. Nothing was changed."""


def _today(today):
    """The request's today (YYYY-MM-DD, read by upperback.dates), the engine's clock when none is given, or None."""
    return datetime.date.today() if today is None else day_from(today)


def date_bounds(today=None):
    """The dates a check-in may carry, for the page's date field: {"min", "max"}."""
    day = _today(today)
    if day is None:
        raise ProgressError(f"today must look like 2026-11-24; got {str(today)[:40]!r}")
    return {"min": EARLIEST_DATE.isoformat(), "max": (day + datetime.timedelta(days=1)).isoformat()}


def _date(value, where, today=None):
    try:
        day = datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        raise ProgressError(f"{where}: date must look like 2026-11-24; got {str(value)[:40]!r}")
    bounds = date_bounds(today if _today(today) else None)
    if not bounds["min"] <= day.isoformat() <= bounds["max"]:
        raise ProgressError(
            f"{where}: the date {day.isoformat()} is not possible; use a date from {bounds['min']} to {bounds['max']}"
        )
    return day.isoformat()


def _version(data):
    """A store or file's format version: a whole number, or None when it has none that can be read."""
    version = data.get("version")
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def _activities(value, where):
    if not isinstance(value, list) or len(value) > MAX_ACTIVITIES:
        raise ProgressError(f"{where}: activities must be a list of at most {MAX_ACTIVITIES}")
    result = []
    for i, item in enumerate(value):
        if not isinstance(item, dict) or set(item) != {"name", "score"}:
            raise ProgressError(f"{where}: activities[{i}] must have a name and a score")
        name = item["name"].strip() if isinstance(item["name"], str) else ""
        if not name or len(name) > MAX_ACTIVITY_NAME:
            raise ProgressError(f"{where}: activities[{i}].name must be 1 to {MAX_ACTIVITY_NAME} characters")
        score = item["score"]
        if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
            raise ProgressError(f"{where}: activities[{i}].score must be a whole number from 0 to 10; got {score!r}")
        result.append({"name": name, "score": score})
    return result


def entry_id(entry):
    """Entries are identified by their content, so importing the same entry twice never duplicates it."""
    canonical = json.dumps(
        {k: entry[k] for k in ("date", "checks", "pain", "activities")}, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def make_entry(data, root=None, where="entry", today=None):
    """A checked entry from {"date", "checks", "pain", "activities"}, or {"date", "answers", "activities"} where
    answers are all the plan was made from (warning signs and conditions included), so a guided session can start
    from the entry; its check-ins and pain then come from the answers. Older entries have no answers."""
    if not isinstance(data, dict):
        raise ProgressError(f"{where}: must be an object")
    unknown = sorted(str(k) for k in set(data) - {"id", "date", "checks", "pain", "activities", "answers"})
    if unknown:
        raise ProgressError(f"{where}: unknown field {unknown[0][:40]!r}")
    given = data.get("answers")
    try:
        normal = normalise(
            given if given is not None else {"checks": data.get("checks", {}), "pain": data.get("pain")}, load(root)
        )
    except ProgressError:
        raise
    except AnswerError as exc:
        raise ProgressError(f"{where}: {exc}") from None
    if given is not None and (
        data.get("checks", normal["checks"]) != normal["checks"] or data.get("pain", normal["pain"]) != normal["pain"]
    ):
        raise ProgressError(f"{where}: its check-ins or pain differ from the answers it carries")
    entry = {
        "date": _date(data.get("date"), where, today),
        "checks": normal["checks"],
        "pain": normal["pain"],
        "activities": _activities(data.get("activities", []), where),
    }
    entry["id"] = entry_id(entry)  # the id leaves the answers out, so an entry saved twice is still one entry
    if given is not None:
        entry["answers"] = as_answers(normal)
    return entry


def _sorted(entries):
    return sorted(entries, key=lambda e: (e["date"], e["id"]))


NEWER = (
    "Your saved progress was made by a newer version of this site. It is kept exactly as it is: reload the page "
    "to get the newer version. Nothing can be saved here until then."
)


def read_store(text, root=None, today=None):
    """Whatever can be read from stored text: {"entries", "problems", "newer"}. A damaged store never raises."""
    if not text:
        return {"entries": [], "problems": [], "newer": False}
    if not isinstance(text, str):
        return {
            "entries": [],
            "problems": ["The saved progress could not be read at all. Export the raw data to keep a copy."],
            "newer": False,
        }
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return {
            "entries": [],
            "problems": [
                "The saved progress could not be read at all (it is not valid JSON). Export the raw data to keep a "
                "copy."
            ],
            "newer": False,
        }
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), list):
        return {
            "entries": [],
            "problems": ["The saved progress is not in a format this site knows. Export the raw data to keep a copy."],
            "newer": False,
        }
    version = _version(data)
    if version is not None and version > VERSION:
        return {"entries": [], "problems": [NEWER], "newer": True}
    problems = []
    if version != VERSION:
        which = "has no format version" if version is None else f"is from format version {version}"
        problems.append(f"The saved progress {which}; this site reads version {VERSION}. Readable entries are shown.")
    entries = {}
    for i, raw in enumerate(data["entries"]):
        try:
            entry = make_entry(raw, root, where=f"entry {i + 1}", today=today)
        except ProgressError as exc:
            problems.append(f"{exc}. This entry is kept in the raw data but not shown.")
            continue
        entries[entry["id"]] = entry
    return {"entries": _sorted(entries.values()), "problems": problems, "newer": False}


def dump(entries, sessions=None):
    """The store and export format: versioned JSON, entries in date order; an export also carries the session log
    (upperback.sessionlog) as its "sessions" part."""
    data = {"format": FORMAT, "version": VERSION, "entries": _sorted(entries)}
    if sessions is not None:
        data["sessions"] = sessions
    return json.dumps(data, indent=1, ensure_ascii=False)


def export(text, sessions_text=None, root=None, weekly_text=None, timer_text=None):
    """The export file: every readable entry, every readable part of the session log, every readable weekly
    check-in (upperback.weekly) as its "weekly" part, and the timers' options (upperback.timer) once one is picked."""
    from . import weekly
    from .sessionlog import read
    from .timer import kept_choice

    data = json.loads(dump(read_store(text, root)["entries"], read(sessions_text, root)["log"]))
    data["weekly"] = json.loads(weekly.dump(weekly.read(weekly_text, root)["checkins"]))
    if timer_text:
        data["timer"] = {"get_ready": kept_choice(timer_text)}
    return json.dumps(data, indent=1, ensure_ascii=False)


def _sessions_part(data, root):
    """An export's session log, checked before anything is changed (upperback.sessionlog.checked_part)."""
    if "sessions" not in data:
        return
    from .sessionlog import checked_part

    try:
        checked_part(data["sessions"], root)
    except AnswerError as exc:
        raise ProgressError(f"{exc}; nothing was changed") from None


def _weekly_part(data, root, today):
    """An export's weekly check-ins, checked before anything is changed (upperback.weekly.merge_file)."""
    if "weekly" not in data:
        return
    from .weekly import merge_file

    try:
        merge_file("", json.dumps({"weekly": data["weekly"]}), root, today)
    except AnswerError as exc:
        raise ProgressError(f"{str(exc).removesuffix('; nothing was changed')}; nothing was changed") from None


def add(text, data, root=None, today=None):
    """The new store text with one more entry. If the old store had unreadable parts, say so: the page keeps
    a backup of the old text before it writes the new one, so nothing is lost."""
    entry = make_entry(data, root, today=today)
    current = read_store(text, root, today)
    if current["newer"]:
        raise ProgressError(NEWER)
    merged = {e["id"]: e for e in current["entries"]}
    merged[entry["id"]] = entry
    return {"store": dump(merged.values()), "entry": entry, "backup_old_store": bool(current["problems"])}


def merge_import(text, file_text, root=None, today=None):
    """Merge an export file into the store. A file with any problem changes nothing and raises ProgressError."""
    if not isinstance(file_text, str):
        raise ProgressError("the file could not be read as text; nothing was changed")
    if len(file_text) > MAX_IMPORT_CHARS:
        raise ProgressError(
            f"the file is {len(file_text):,} characters long, far more than any progress export "
            f"(at most {MAX_IMPORT_CHARS:,}); nothing was changed"
        )
    try:
        data = json.loads(file_text)
    except ValueError:
        raise ProgressError("the file is not a progress export (it is not valid JSON); nothing was changed") from None
    except RecursionError:
        raise ProgressError("the file is nested far too deeply to be a progress export; nothing was changed") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), list):
        raise ProgressError("the file is not an Upper Back Guide progress export; nothing was changed")
    version = _version(data)
    if version != VERSION:
        shown = "no readable format version" if version is None else f"format version {version}"
        newer = (
            " (from a newer version of the site: reload the page to update it)" if version and version > VERSION else ""
        )
        raise ProgressError(f"the file has {shown}; this site reads version {VERSION}{newer}; nothing was changed")
    _sessions_part(data, root)
    _weekly_part(data, root, today)
    from .timer import options_part

    try:
        timer = options_part(data.get("timer"))
    except ValueError as exc:
        raise ProgressError(f"{exc}; nothing was changed") from None
    incoming = {}
    for i, raw in enumerate(data["entries"]):
        try:
            entry = make_entry(raw, root, where=f"entry {i + 1}", today=today)
        except ProgressError as exc:
            raise ProgressError(f"{exc}; nothing was changed") from None
        incoming.setdefault(entry["id"], entry)
    current = read_store(text, root, today)
    if current["newer"]:
        raise ProgressError(NEWER)
    merged = {e["id"]: e for e in current["entries"]}
    added = sum(1 for i in incoming if i not in merged)
    merged.update(incoming)
    repeated = len(data["entries"]) - len(incoming)
    message = f"Imported: {added} new check-in{'' if added == 1 else 's'}, {len(incoming) - added} already here"
    message += f", {repeated} repeated in the file." if repeated else "."
    return {
        "store": dump(merged.values()),
        "added": added,
        "already_there": len(incoming) - added,
        "repeated_in_file": repeated,
        "message": message,
        "backup_old_store": bool(current["problems"]),
        "timer": timer,
    }


def _change(first, last, threshold):
    if first is None or last is None:
        return None
    diff = last - first
    return {"first": first, "last": last, "change": diff, "meaningful": abs(diff) >= threshold}


def _check_trend(first, last):
    if first is None or last is None:
        return "not-compared"
    if first["id"] == last["id"]:
        return "same"
    if not first["normal"] and last["normal"]:
        return "improved"
    if first["normal"] and not last["normal"]:
        return "worse"
    return "changed"


def _activity_change(first, last):
    before = {a["name"].casefold(): a for a in first["activities"]}
    rows = [
        {"name": a["name"], **_change(before[a["name"].casefold()]["score"], a["score"], ACTIVITY_SINGLE_CHANGE)}
        for a in last["activities"]
        if a["name"].casefold() in before
    ]
    if not rows:
        return {"activities": [], "average": None}
    average = sum(r["change"] for r in rows) / len(rows)
    return {
        "activities": rows,
        "average": {"change": round(average, 1), "meaningful": abs(average) >= ACTIVITY_AVERAGE_CHANGE},
    }


def _numbers(check, entries):
    """A measured check-in's first and latest numbers against its measurement error (upperback.measures)."""
    from .measures import compare

    taken = [
        e["answers"]["measures"][check["id"]]
        for e in entries
        if check["id"] in e.get("answers", {}).get("measures", {})
    ]
    return compare(check, taken[0], taken[-1]) if len(taken) > 1 else None


def _goal_met(since):
    """Pain and the person's own activities have both improved by more than day-to-day variation since the first
    entry. A measure counts only if it was recorded both times, and pain only if it started high enough to drop by
    PAIN_CHANGE; with neither measure there is nothing to go on, so the goal is not met."""
    if not since:
        return False
    measures = []
    pain = since["pain"]
    if pain is not None and pain["first"] >= PAIN_CHANGE:
        measures.append(pain["change"] <= -PAIN_CHANGE)
    if since["average"] is not None:
        single = any(a["change"] >= ACTIVITY_SINGLE_CHANGE for a in since["activities"])
        measures.append(since["average"]["change"] >= ACTIVITY_AVERAGE_CHANGE or single)
    return bool(measures) and all(measures)


def _period(before, after):
    """What changed from one entry to a later one: pain, each activity named both times, and their average."""
    return {
        "from": before["date"],
        "to": after["date"],
        "pain": _change(before["pain"], after["pain"], PAIN_CHANGE),
        **_activity_change(before, after),
    }


def phase(entries):
    """Whether the check-ins support moving to the keep-it-up phase (PHASE_MIN_ENTRIES): {"ready", "entries",
    "needed", "held"}; held: how many check-ins in a row, counted back from the latest, meet the goal against the
    first."""
    held = 0
    for later in reversed(entries[1:]):
        if not _goal_met(_period(entries[0], later)):
            break
        held += 1
    return {
        "ready": len(entries) >= PHASE_MIN_ENTRIES and held >= PHASE_MIN_ENTRIES - 1,
        "entries": len(entries),
        "needed": PHASE_MIN_ENTRIES,
        "held": held,
    }


def _measure_direction(better, worse):
    return "better" if better else "worse" if worse else "same"


def direction(since):
    """Better, same or worse since the first check-in, by the thresholds above, for pain and the activities:
    {"overall": "first"|"better"|"same"|"worse"|"mixed"|"not-rated", "pain": ..., "activities": ...}; a measure not
    rated both times is None. "same" means any change is within day-to-day variation."""
    if not since:
        return {"overall": "first", "pain": None, "activities": None}
    pain = since["pain"]
    pain_way = (
        None if pain is None else _measure_direction(pain["change"] <= -PAIN_CHANGE, pain["change"] >= PAIN_CHANGE)
    )
    activities_way = None
    if since["average"] is not None:
        average = since["average"]["change"]
        singles = [a["change"] for a in since["activities"]]
        better = average >= ACTIVITY_AVERAGE_CHANGE or any(c >= ACTIVITY_SINGLE_CHANGE for c in singles)
        worse = average <= -ACTIVITY_AVERAGE_CHANGE or any(c <= -ACTIVITY_SINGLE_CHANGE for c in singles)
        activities_way = "mixed" if better and worse else _measure_direction(better, worse)
    ways = {w for w in (pain_way, activities_way) if w is not None}
    if not ways:
        overall = "not-rated"
    elif len(ways) == 1:
        overall = ways.pop()
    elif "better" in ways and "worse" not in ways and "mixed" not in ways:
        overall = "better"
    elif "worse" in ways and "better" not in ways and "mixed" not in ways:
        overall = "worse"
    else:
        overall = "mixed"
    return {"overall": overall, "pain": pain_way, "activities": activities_way}


# An entry saved before entries kept their answers: a session from it asks the warning signs first (decisions, 15).
ANSWER_FIRST = {
    "href": "assessment/",
    "text": "To start a session from this check-in, answer the warning-sign questions first",
}


def _session_link(entry):
    """The guided session for the plan an entry was made from (upperback.session_links)."""
    from .session_links import link
    from .share import encode

    return link(encode(entry["answers"])) if "answers" in entry else ANSWER_FIRST


def report(text, today=None, root=None):
    """Everything the progress page shows, computed here so the page only draws it."""
    content = load(root)
    store = read_store(text, root, today)
    entries = store["entries"]
    outcome = content.outcome
    rows = [
        {
            **e,
            "checks_in_usual_range": sum(1 for c, o in e["checks"].items() if outcome(c, o)["normal"]),
            "checks_done": len(e["checks"]),
            "activity_average": round(sum(a["score"] for a in e["activities"]) / len(e["activities"]), 1)
            if e["activities"]
            else None,
            "session": _session_link(e),
        }
        for e in entries
    ]
    result = {
        "entries": rows,
        "problems": store["problems"],
        "caveat": CAVEAT,
        "checks": [],
        "since_first": None,
        "since_previous": None,
        "all_improved": False,
        "goal_met": False,
        "next_due": None,
        "phase": phase(entries),
        "direction": direction(None),
        "pain_series": [],
        "activity_series": [],
        "usual_range_series": [],
        "newer": store["newer"],
    }
    if not entries:
        return result
    for check_id, check in content.checks.items():
        seen = [(e["date"], outcome(check_id, e["checks"][check_id])) for e in entries if check_id in e["checks"]]
        if not seen:
            continue
        first, last = seen[0][1], seen[-1][1]
        previous = seen[-2][1] if len(seen) > 1 else None
        result["checks"].append(
            {
                "id": check_id,
                "title": check["title"],
                "url": f"checks/{check_id}/",
                "first": {"date": seen[0][0], "label": first["label"], "normal": first["normal"]},
                "last": {"date": seen[-1][0], "label": last["label"], "normal": last["normal"]},
                "since_first": _check_trend(first, last) if len(seen) > 1 else "not-compared",
                "since_previous": _check_trend(previous, last),
                "numbers": _numbers(check, entries),
            }
        )
    for key, before in (("since_first", entries[0]), ("since_previous", entries[-2] if len(entries) > 1 else None)):
        if before is not None and before is not entries[-1]:
            result[key] = _period(before, entries[-1])
    compared = [c for c in result["checks"] if c["since_first"] != "not-compared"]
    started_off = [c for c in compared if not c["first"]["normal"]]
    result["all_improved"] = bool(started_off) and all(c["last"]["normal"] for c in compared)
    result["goal_met"] = _goal_met(result["since_first"])
    result["phase"] = phase(entries)
    result["direction"] = direction(result["since_first"])
    last_date = datetime.date.fromisoformat(entries[-1]["date"])
    result["next_due"] = (last_date + datetime.timedelta(days=RECHECK_DAYS)).isoformat()
    if today:
        day = _today(today)
        if day is None:
            raise ProgressError(f"today must look like 2026-11-24; got {str(today)[:40]!r}")
        result["overdue"] = day.isoformat() > result["next_due"]
    result["pain_series"] = [{"date": e["date"], "value": e["pain"]} for e in entries if e["pain"] is not None]
    result["activity_series"] = [
        {"date": r["date"], "value": r["activity_average"]} for r in rows if r["activity_average"] is not None
    ]
    result["usual_range_series"] = [{"date": r["date"], "value": r["checks_in_usual_range"]} for r in rows]
    return result


REMINDER_AT = datetime.time(9, 0)  # the re-check reminder alerts at 09:00 on the day, local time


def calendar(due_date, site_url="", now=None):
    """An .ics file with one all-day re-check event on due_date that alerts at REMINDER_AT (upperback.calendar_file).
    One UID per due date, so a second file for the same date updates the event instead of adding a copy.
    now: when the file is made (ISO 8601 with a time zone, as the page's clock gives it); the engine's clock if
    absent."""
    from .calendar_file import all_day_event, web_address

    day = _today(due_date) if isinstance(due_date, str) else None  # a due date is in the future: no upper bound
    if day is None:
        raise ProgressError(f"due date must look like 2026-11-24; got {str(due_date)[:40]!r}")
    url = web_address(site_url) if site_url else None
    where = f", then save them at {url}assessment/" if url else ""
    return all_day_event(
        day,
        uid=f"recheck-{day:%Y%m%d}@upper-back-guide",
        summary="Upper back check-ins: time to re-check",
        description=f"Repeat the same check-ins and rate your pain and your three activities{where}.",
        now=_moment(now),
        site_url=url,
        alarm_at=REMINDER_AT,
    )


def _moment(now):
    if now is None:
        return datetime.datetime.now(datetime.UTC)
    try:
        moment = datetime.datetime.fromisoformat(now) if isinstance(now, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ProgressError(
            f"now must be a date and time with a time zone, such as 2026-12-01T09:00:00Z; got {str(now)[:40]!r}"
        )
    return moment
