"""Adherence, for /progress/: guided sessions done each week against those planned, and each exercise's dose history,
from the session log (upperback.sessionlog). The page draws the chart; the words, including its text alternative,
come from here.

A session counts when at least one exercise in it was done or stopped (not all skipped). The sessions planned in a
week are those the latest session's doses ask for: the most sessions a week any of its exercises needs (twice a day
is 14, three times a week is 3), since each session takes in every exercise that is due.
"""
import datetime

from .content import load
from .dates import today_from
from .dosage import describe, full
from .reminders import view as reminder_view
from .session import rating_text
from .sessionlog import read

WEEKS_SHOWN = 12
ROWS_SHOWN = 20  # the latest doses of each exercise
COLUMNS = ("Date", "Dose", "Result", "Pain during it")  # the dose history table's columns


def _monday(day):
    return day - datetime.timedelta(days=day.weekday())


def _planned(session):
    weekly = [item["dose"].get("per_day", 0) * 7 or item["dose"].get("per_week", 0) for item in session["items"]]
    return max(weekly, default=0)


def _counted(session):
    return any(item["outcome"] != "skipped" for item in session["items"])


def _weeks(sessions, today):
    if not sessions:
        return []
    earliest = _monday(today) - datetime.timedelta(weeks=WEEKS_SHOWN - 1)
    first = max(_monday(datetime.date.fromisoformat(sessions[0]["date"])), earliest)
    weeks, start = [], first
    while start <= today:
        end = start + datetime.timedelta(days=6)
        inside = [s for s in sessions if start.isoformat() <= s["date"] <= end.isoformat()]
        before = [s for s in sessions if s["date"] <= end.isoformat()]
        weeks.append({"start": start.isoformat(), "label": f"{start.day} {start:%b}",
                      "done": sum(1 for s in inside if _counted(s)), "planned": _planned(before[-1]) if before else 0})
        start += datetime.timedelta(weeks=1)
    return weeks


def _doses(log, content):
    rows = {}
    for session in log["sessions"]:
        for item in session["items"]:
            ex = content.exercises[item["exercise"]]
            outcome = {"done": "Done", "skipped": "Skipped", "stopped": "Stopped"}[item["outcome"]]
            rows.setdefault(item["exercise"], []).append({
                "date": session["date"], "dosage": describe(full(ex["dosage"], item["dose"])), "outcome": outcome,
                "pain": rating_text(item["pain"], content.session) if item["pain"] is not None else "–"})
    return [{"exercise": exercise_id, "title": content.exercises[exercise_id]["title"], "rows": found[-ROWS_SHOWN:]}
            for exercise_id, found in sorted(rows.items(), key=lambda kv: content.exercises[kv[0]]["title"])]


def report(log_text, today, root=None):
    """{"weeks": [{"start", "label", "done", "planned"}], "text", "doses": [{"exercise", "title", "rows"}],
    "count", "problems"}."""
    day = today_from(today)
    content = load(root)
    current = read(log_text, root)
    sessions = [s for s in current["log"]["sessions"] if s["date"] <= day.isoformat()]
    weeks = _weeks(sessions, day)
    done = sum(1 for s in sessions if _counted(s))
    text = ("Guided sessions done each week, against those your doses plan: " +
            "; ".join(f"week of {w['start']}: {w['done']} of {w['planned']}" for w in weeks) + ".") if weeks else \
        "No guided sessions yet. Start one from your plan, a saved check-in below, or your clinician's link."
    return {"weeks": weeks, "text": text, "doses": _doses(current["log"], content), "count": done, "columns": COLUMNS,
            "saved": len(current["log"]["sessions"]),
            "doses_heading": "Doses of each exercise" if done else "",
            "summary": f"{done} guided session{'' if done == 1 else 's'} saved on this device.",
            "problems": current["problems"], "reminder": reminder_view(log_text, root)}
