"""What the weekly check-in page (/weekly/) shows, computed here so the page only draws it: whether a check-in is
due, the questions with the person's own three activities, whether sessions come from the session log, and the
re-tailored plan with its history (upperback.retailor). offer() tells the home, progress and session pages whether
to offer the weekly check-in.

The starting point is the newest saved check-in that carries its answers (a self-assessment saved with its plan):
after a new assessment, the weekly comparisons and the plan being re-tailored start again from it. The weeks
re-tailored from an earlier starting point stay as history."""
import datetime

from . import progress, weekly
from .dates import today_from
from .errors import AnswerError
from .retailor import retailor, rules
from .sessionlog import read as read_log

DAYS = 7  # a weekly check-in is offered once a week has passed since the last one (or the starting check-in)
NO_START = ("Your weekly check-in starts from a saved check-in with its plan. Take the self-assessment, then "
            "choose \"Save to my progress\": that is your starting point.")
# Every other word the weekly page shows, sent with the view so that the page script composes no text.
WORDS = {
    "choose": "Choose",
    "choose_barrier": "Choose what got in the way.",
    "show_tip": "Show a tip",
    "paused": "Your plan is on hold: follow the advice above first.",
    "start_session": "Start today's session",
    "read_beside": "Read beside your exercises: ",
    "no_weeks": "No weekly check-in yet: your plan is the one from your starting check-in.",
    # what a barrier tip links to, by the kind of link content/retailoring.json gives it
    "links": {"plan": "Your plan", "education": "This week's reading", "reminders": "Change your session days",
              "exercise": "The picture and steps"},
}
MINUTES = "About {minutes} minutes a day, plus staying active. "
LATER = "Later ({count})"
READING = " (about {minutes} minutes). {why}"
DUE = "A week has passed since {last}: time for your weekly check-in. It takes about a minute."
NOT_DUE = ("Your next weekly check-in is due on {next_due}. You can check in earlier if something has changed.")
EARLIER = "From your starting check-in of {start} to your new one of {until}"


def segments(entries, checkins):
    """[(starting entry, its weekly check-ins)], oldest first, one for each saved check-in with answers. A weekly
    check-in belongs to the newest starting point dated before it; one dated on a later starting point's own day
    was made against the plan before it, so it stays with the one before. Check-ins before the first are left out."""
    starts = [e for e in entries if "answers" in e]
    parts = [(s, []) for s in starts]
    for week in checkins:
        owner = next((i for i in range(len(starts) - 1, 0, -1) if starts[i]["date"] < week["date"]), 0)
        if parts and week["date"] >= starts[0]["date"]:
            parts[owner][1].append(week)
    return parts


def _schedule(start, checkins, day):
    """(the date the last week counts from, the date the next check-in is due, whether it is due on day)."""
    last = checkins[-1]["date"] if checkins else start["date"]
    next_due = datetime.date.fromisoformat(last) + datetime.timedelta(days=DAYS)
    return last, next_due, day >= next_due


def _current(store_text, weekly_text, today, root):
    day = today_from(today)
    entries = progress.read_store(store_text, root, today)["entries"]
    saved = weekly.read(weekly_text, root, today)
    return day, saved, segments(entries, saved["checkins"])


def offer(store_text, weekly_text, today, root=None):
    """Whether to offer the weekly check-in, and its words: {"offer", "started", "next_due", "text"}. Not offered
    before a starting check-in is saved (the page says to take the self-assessment first) or within a week."""
    day, _, parts = _current(store_text, weekly_text, today, root)
    if not parts:
        return {"offer": False, "started": False, "next_due": None, "text": ""}
    start, checkins = parts[-1]
    last, next_due, due = _schedule(start, checkins, day)
    return {"offer": due, "started": True, "next_due": next_due.isoformat(),
            "text": DUE.format(last=last) if due else ""}


def _history(start, until, checkins, log_text, root, today):
    weeks = retailor(_start_of(start), checkins, log_text, root, today)["weeks"]
    return {"start": start["date"], "until": until["date"],
            "heading": EARLIER.format(start=start["date"], until=until["date"]),
            "weeks": [{k: w[k] for k in ("date", "week", "verdict", "summary", "changes")} for w in weeks]}


def _start_of(entry):
    return {k: entry[k] for k in ("date", "answers", "activities")}


def _words(retailored):
    """WORDS, with the figures of this plan and of this week's reading put in."""
    words = dict(WORDS)
    plan = (retailored or {}).get("plan")
    if plan:
        words["minutes"] = MINUTES.format(minutes=max(plan["minutes"], 1))
        words["later"] = LATER.format(count=len(plan["later"]))
    weeks = (retailored or {}).get("weeks") or []
    piece = weeks[-1].get("education") if weeks else None
    if piece:
        words["reading"] = READING.format(minutes=piece["minutes"], why=piece["why"])
    return words


def view(store_text, weekly_text, log_text, today, root=None):
    if log_text is not None and not isinstance(log_text, str):
        raise AnswerError("the session log must be the saved text, or null")
    day, saved, parts = _current(store_text, weekly_text, today, root)
    data = rules(root)
    result = {"start": None, "message": NO_START, "problems": saved["problems"], "newer": saved["newer"],
              "due": False, "next_due": None, "activities": [], "sessions_from_log": False, "retailored": None,
              "global_scale": data["global_scale"], "count": len(saved["checkins"]), "latest": None, "earlier": []}
    if not parts:
        return {**result, "words": _words(None)}
    start, checkins = parts[-1]
    last, next_due, due = _schedule(start, checkins, day)
    log = read_log(log_text, root)["log"]
    result.update(
        start={"date": start["date"], "pain": start["pain"]}, next_due=next_due.isoformat(), due=due,
        message=DUE.format(last=last) if due else NOT_DUE.format(next_due=next_due.isoformat()),
        activities=[a["name"] for a in start["activities"]],
        sessions_from_log=bool(log["sessions"]),
        latest=checkins[-1] if checkins else None,  # the page adds the barrier answer to it
        retailored=retailor(_start_of(start), checkins, log_text, root, today),
        # newest first, and only the starting points that had weekly check-ins
        earlier=[_history(s, parts[i + 1][0], weeks, log_text, root, today)
                 for i, (s, weeks) in reversed(list(enumerate(parts[:-1]))) if weeks])
    result["words"] = _words(result["retailored"])
    return result
