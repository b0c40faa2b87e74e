"""A summary a patient brings back to their clinician, with no server: the pain trend, the activity ratings, the
check-in changes and the guided sessions done against those planned, packed into a link's fragment (#s=...) like a
programme link (upperback.fragments). The patient hands over the link, its QR code or the printed page; nothing
leaves the device otherwise. /clinicians/summary/ opens the link and shows what this module words.

The link carries the figures only; every judgement (what counts as a change) is made here on opening, against
upperback.progress's thresholds, so the clinician reads the same words as the patient.
"""
import datetime

from .adherence import report as adherence_report
from .content import load
from .dates import today_from
from .errors import AnswerError
from .fragments import pack, unpack
from .handout import MAX_LINK
from .progress import (
    ACTIVITY_SINGLE_CHANGE,
    MAX_ACTIVITIES,
    MAX_ACTIVITY_NAME,
    PAIN_CHANGE,
    read_store,
)

PAGE = "clinicians/summary/"
PREFIX = "s="
VERSION = 1
READS = (1,)
MAX_PAIN_READINGS = 12  # the latest pain ratings: a trend a clinician can read, and a link that stays short
MAX_CHECKS = 20
FIX = "ask the patient to make the summary again on their progress page"
NOTHING = "Nothing is saved yet: save a check-in first, then make the summary."


class SummaryError(AnswerError):
    """A summary that cannot be made or read; the message says why."""


def build(store_text, log_text, today, root=None):
    """The summary's figures from the saved check-ins and session log."""
    content = load(root)
    day = today_from(today).isoformat()
    entries = read_store(store_text, root, day)["entries"]
    if not entries:
        raise SummaryError(NOTHING)
    first, last = entries[0], entries[-1]
    named = {a["name"].casefold(): a["score"] for a in first["activities"]}
    activities = [{"name": a["name"], "first": named[a["name"].casefold()], "last": a["score"]}
                  for a in last["activities"] if a["name"].casefold() in named]
    checks = []
    for check_id in content.checks:
        seen = [e["checks"][check_id] for e in entries if check_id in e["checks"]]
        if seen:
            checks.append({"id": check_id, "first": seen[0], "last": seen[-1], "times": len(seen)})
    weeks = adherence_report(log_text, day, root)["weeks"]
    return {"made": day, "from": first["date"], "to": last["date"], "entries": len(entries),
            "pain": [[e["date"], e["pain"]] for e in entries if e["pain"] is not None][-MAX_PAIN_READINGS:],
            "activities": activities, "checks": checks[:MAX_CHECKS],
            "sessions": {"done": sum(w["done"] for w in weeks), "planned": sum(w["planned"] for w in weeks),
                         "weeks": len(weeks)}}


def encode(summary):
    return pack(PAGE, PREFIX, VERSION, summary)


def decode(fragment, root=None):
    """The figures in a summary link, each checked; a bad, cut or old link raises SummaryError in words."""
    try:
        data = unpack(fragment, PREFIX, READS, MAX_LINK, "a progress summary link", "summary link", FIX)
    except AnswerError as exc:
        raise SummaryError(str(exc)) from None
    return checked(data, root)


def _date(value, where):
    try:
        return datetime.date.fromisoformat(value).isoformat() if isinstance(value, str) else None
    except ValueError:
        return None


def _whole(value, low, high):
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= (high if high else value)


def checked(data, root=None):
    """The summary, if every part has the shape build() gives; otherwise SummaryError naming the part."""
    content = load(root)

    def wrong(part):
        return SummaryError(f"this summary link's {part} cannot be read (it may have been changed); {FIX}")

    expected = {"made", "from", "to", "entries", "pain", "activities", "checks", "sessions"}
    if not isinstance(data, dict) or set(data) != expected:
        raise wrong("contents")
    for key in ("made", "from", "to"):
        if not _date(data[key], key):
            raise wrong(f"date ({key})")
    if not _whole(data["entries"], 1, None):
        raise wrong("number of check-ins")
    pain = data["pain"]
    if not isinstance(pain, list) or len(pain) > MAX_PAIN_READINGS or not all(
            isinstance(p, list) and len(p) == 2 and _date(p[0], "pain") and _whole(p[1], 0, 10) for p in pain):
        raise wrong("pain ratings")
    activities = data["activities"]
    if not isinstance(activities, list) or len(activities) > MAX_ACTIVITIES or not all(
            isinstance(a, dict) and set(a) == {"name", "first", "last"} and isinstance(a["name"], str)
            and 0 < len(a["name"].strip()) <= MAX_ACTIVITY_NAME and _whole(a["first"], 0, 10)
            and _whole(a["last"], 0, 10) for a in activities):
        raise wrong("activity ratings")
    checks = data["checks"]
    if not isinstance(checks, list) or len(checks) > MAX_CHECKS:
        raise wrong("check-ins")
    for c in checks:
        if not isinstance(c, dict) or set(c) != {"id", "first", "last", "times"} or c["id"] not in content.checks:
            raise wrong("check-ins")
        outcomes = {o["id"] for o in content.checks[c["id"]]["outcomes"]}
        if c["first"] not in outcomes or c["last"] not in outcomes or not _whole(c["times"], 1, None):
            raise wrong("check-ins")
    sessions = data["sessions"]
    if not isinstance(sessions, dict) or set(sessions) != {"done", "planned", "weeks"} or not all(
            _whole(sessions[k], 0, None) for k in sessions):
        raise wrong("guided sessions")
    return data


def _signed(change):
    return f"{'+' if change > 0 else ''}{change}"


def _trend(first, last, threshold):
    change = last - first
    if abs(change) < threshold:
        return f"{first} → {last} ({_signed(change)}): within day-to-day variation (under {threshold} points)"
    return f"{first} → {last} ({_signed(change)}): beyond day-to-day variation ({threshold} points or more)"


def view(summary, root=None):
    """What the clinician's page and the printout show, in words, from the summary's figures."""
    content = load(root)
    pain = summary["pain"]
    pain_text = (f"Pain 0-10 (lower is better), first to latest: {_trend(pain[0][1], pain[-1][1], PAIN_CHANGE)}."
                 if len(pain) > 1 else f"Pain 0-10: {pain[0][1]}, one rating so far." if pain else
                 "No pain ratings saved.")
    activities = [{"name": a["name"], "first": a["first"], "last": a["last"],
                   "text": _trend(a["first"], a["last"], ACTIVITY_SINGLE_CHANGE)} for a in summary["activities"]]
    checks = []
    for c in summary["checks"]:
        record = content.checks[c["id"]]
        first, last = content.outcome(c["id"], c["first"]), content.outcome(c["id"], c["last"])
        if c["times"] == 1:
            change = "Done once"
        elif c["first"] == c["last"]:
            change = "Same"
        elif not first["normal"] and last["normal"]:
            change = "Improved: now in the usual range"
        elif first["normal"] and not last["normal"]:
            change = "Worse: now outside the usual range"
        else:
            change = "Changed"
        checks.append({"id": c["id"], "title": record["title"], "first": first["label"], "last": last["label"],
                       "change": change})
    s = summary["sessions"]
    if s["planned"]:
        share = round(100 * s["done"] / s["planned"])
        adherence = (f"{s['done']} of {s['planned']} planned guided sessions done ({share}%) over the last "
                     f"{s['weeks']} week{'' if s['weeks'] == 1 else 's'}, from the session log on the device.")
    else:
        adherence = "No guided sessions saved on the device (the patient may exercise without the guided session)."
    return {"title": f"Progress summary, {summary['from']} to {summary['to']}",
            "made": f"Made on {summary['made']} from {summary['entries']} saved check-in"
                    f"{'' if summary['entries'] == 1 else 's'}, on the patient's device.",
            "pain": [{"date": d, "value": v} for d, v in pain], "pain_text": pain_text,
            "activities": activities, "checks": checks, "adherence": adherence, "sessions": s,
            "caution": "Self-reported ratings and home check-ins, not a clinical assessment. Ask about warning signs.",
            "summary": summary}


def make(store_text, log_text, today, root=None):
    """The summary_make op: the view and the site-relative link (#s=...) that carries it."""
    summary = build(store_text, log_text, today, root)
    return {"view": view(summary, root), "share": encode(summary)}


def open_link(fragment, root=None):
    """The summary_open op: the view of a summary link."""
    return {"view": view(decode(fragment, root), root)}
