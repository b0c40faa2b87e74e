"""What the weekly check-in page (/weekly/) shows, computed here so the page only draws it: whether a check-in is
due, the questions with the person's own three activities, whether sessions come from the session log, and the
re-tailored plan with its history (upperback.retailor)."""
import datetime

from . import progress, weekly
from .errors import AnswerError
from .retailor import retailor, rules
from .sessionlog import read as read_log

DAYS = 7  # a weekly check-in is offered once a week has passed since the last one (or the starting check-in)
NO_START = ("Your weekly check-in starts from a saved check-in with its plan. Take the self-assessment, then "
            "choose \"Save to my progress\": that is your starting point.")


def _day(today):
    try:
        return datetime.date.fromisoformat(today) if isinstance(today, str) else None
    except ValueError:
        return None


def view(store_text, weekly_text, log_text, today, root=None):
    day = _day(today)
    if day is None:
        raise AnswerError(f"today must look like 2026-11-24; got {str(today)[:40]!r}")
    if log_text is not None and not isinstance(log_text, str):
        raise AnswerError("the session log must be the saved text, or null")
    entries = progress.read_store(store_text, root, today)["entries"]
    start = next((e for e in entries if "answers" in e), None)
    saved = weekly.read(weekly_text, root, today)
    data = rules(root)
    result = {"start": None, "message": NO_START, "problems": saved["problems"], "newer": saved["newer"],
              "due": False, "next_due": None, "activities": [], "sessions_from_log": False, "retailored": None,
              "global_scale": data["global_scale"], "count": len(saved["checkins"]), "latest": None}
    if start is None:
        return result
    checkins = [w for w in saved["checkins"] if w["date"] >= start["date"]]
    last = checkins[-1]["date"] if checkins else start["date"]
    next_due = datetime.date.fromisoformat(last) + datetime.timedelta(days=DAYS)
    log = read_log(log_text, root)["log"]
    result.update(
        start={"date": start["date"], "pain": start["pain"]}, next_due=next_due.isoformat(), due=day >= next_due,
        message=(f"A week has passed since {last}: time for your weekly check-in. It takes about a minute."
                 if day >= next_due else f"Your next weekly check-in is due on {next_due.isoformat()}. "
                 "You can check in earlier if something has changed."),
        activities=[a["name"] for a in start["activities"]],
        sessions_from_log=bool(log["sessions"]),
        latest=checkins[-1] if checkins else None,  # the page adds the barrier answer to it
        retailored=retailor({k: start[k] for k in ("date", "answers", "activities")}, checkins, log_text, root,
                            today))
    return result
