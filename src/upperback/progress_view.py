"""The progress page in words and chart shapes, from upperback.progress's report: the summary on top, what changed,
the check-ins table, the advice about the next phase and each chart's axes. The page's script only draws these; every
threshold is upperback.progress's.
"""
import datetime

from .progress import (
    ACTIVITY_AVERAGE_CHANGE,
    ACTIVITY_SINGLE_CHANGE,
    PAIN_CHANGE,
    PHASE_MIN_ENTRIES,
    RECHECK_DAYS,
)

TREND = {"improved": "Improved", "same": "Same", "worse": "Worse", "changed": "Changed",
         "not-compared": "Not compared yet"}
HEADLINES = {
    "first": "Your first check-in",
    "better": "Better since your first check-in",
    "same": "About the same since your first check-in",
    "worse": "Worse since your first check-in",
    "mixed": "Mixed since your first check-in: some better, some worse",
    "not-rated": "Nothing rated twice to compare yet",
}
WORSE_ADVICE = ("If you keep getting worse, or you notice any warning sign, read the safety page and talk to your "
                "clinician or GP.")
PHASE_RULE = (f"Move to the keep-it-up phase when, since your first check-in, your pain has dropped by "
              f"{PAIN_CHANGE} points or more and your activities are {ACTIVITY_AVERAGE_CHANGE} points easier on "
              f"average (or {ACTIVITY_SINGLE_CHANGE} on one), and this holds on {PHASE_MIN_ENTRIES - 1} check-ins "
              f"in a row, so {PHASE_MIN_ENTRIES} check-ins at least with the first. If you rated only one of the two, "
              f"that one decides; if your pain started below {PAIN_CHANGE}, your activities decide.")
# Each chart's scale: the outcome's name and what its ends mean, so the axis reads in words.
PAIN_AXIS = {"title": "Pain", "axis": "Pain, 0 (none) to 10 (worst)", "ends": {0: "0 none", 10: "10 worst"}}
ACTIVITY_AXIS = {"title": "Average of my activities", "axis": "My activities, 0 (cannot do) to 10 (as before)",
                 "ends": {0: "0 cannot", 10: "10 as before"}}
MAX_DATE_LABELS = 6  # more dates than this crowd a phone's width: every second (third...) date is labelled


def _points(value, unit="point"):
    number = f"{value:g}"
    return f"{number} {unit}{'' if abs(value) == 1 else 's'}"


def _moved(change):
    if change == 0:
        return "no change"
    return f"{'up' if change > 0 else 'down'} {_points(abs(change))}"


def _pain_sentence(pain, way):
    said = f"Pain {pain['first']} → {pain['last']} ({_moved(pain['change'])})"
    if way == "same":
        return f"{said}: within day-to-day variation (less than {PAIN_CHANGE} points), so about the same."
    return f"{said}: more than the {PAIN_CHANGE} points day-to-day variation explains, so {way}."


def _activity_sentence(since, way):
    average = since["average"]["change"]
    said = f"Average of your activities {_moved(average)}"
    if way == "same":
        return (f"{said}: within day-to-day variation (less than {ACTIVITY_AVERAGE_CHANGE} points on the average "
                f"and {ACTIVITY_SINGLE_CHANGE} on one activity), so about the same.")
    if way == "mixed":
        return f"{said}: one activity is clearly easier and another clearly harder, so mixed."
    return (f"{said}: beyond day-to-day variation ({ACTIVITY_AVERAGE_CHANGE} points on the average or "
            f"{ACTIVITY_SINGLE_CHANGE} on one activity), so {way}.")


def headline(report):
    """The one summary on top: {"direction", "title", "points": [sentence per measure], "advice"}."""
    way = report["direction"]
    since = report["since_first"]
    points = []
    if way["overall"] == "first":
        points.append(f"There is nothing to compare yet. Check in again in about {RECHECK_DAYS} days, on or after "
                      f"{report['next_due']}, to see whether things are changing.")
    if way["pain"]:
        points.append(_pain_sentence(since["pain"], way["pain"]))
    if way["activities"]:
        points.append(_activity_sentence(since, way["activities"]))
    if way["overall"] == "not-rated":
        points.append("Rate your pain and name the same three activities each time, so that they can be compared.")
    return {"direction": way["overall"], "title": HEADLINES[way["overall"]], "points": points,
            "advice": WORSE_ADVICE if way["overall"] in ("worse", "mixed") else ""}


def _change_item(label, change, threshold):
    said = f"{label}: {change['first']} → {change['last']} ({_moved(change['change'])})"
    verdict = "a meaningful change" if change["meaningful"] else f"within day-to-day variation (under {threshold})"
    return {"text": f"{said}, {verdict}.", "meaningful": change["meaningful"]}


def _period(key, heading, period):
    items = []
    if period["pain"]:
        items.append(_change_item("Pain", period["pain"], PAIN_CHANGE))
    items += [_change_item(a["name"], a, ACTIVITY_SINGLE_CHANGE) for a in period["activities"]]
    if period["average"]:
        meaningful = period["average"]["meaningful"]
        verdict = "a meaningful change" if meaningful else \
            f"within day-to-day variation (under {ACTIVITY_AVERAGE_CHANGE})"
        items.append({"text": f"Average of your activities: {_moved(period['average']['change'])}, {verdict}.",
                      "meaningful": meaningful})
    return {"key": key, "heading": f"{heading} ({period['from']} to {period['to']})", "items": items}


def periods(report):
    """What changed: since the first check-in and, from the third, since last time. With two check-ins the two
    are one comparison, so it is shown once; with one there is nothing to compare."""
    shown = []
    if report["since_first"]:
        shown.append(_period("since_first", "Since your first check-in", report["since_first"]))
    if report["since_previous"] and len(report["entries"]) > 2:
        shown.append(_period("since_previous", "Since last time", report["since_previous"]))
    return shown


def checks_table(report):
    """The check-ins: with one check-in its results; with two first, latest and the change; from three, since last
    time too. {"columns", "rows": [{"id", "title", "url", "since_first", "cells": [text]}]}."""
    count = len(report["entries"])
    if count == 1:
        columns = ["Check-in", "Result"]
    else:
        columns = ["Check-in", "First", "Latest", "Change since first"] + (["Since last time"] if count > 2 else [])
    rows = []
    for c in report["checks"]:
        if count == 1:
            cells = [f"{c['last']['label']} ({c['last']['date']})"]
        else:
            change = TREND[c["since_first"]] + (f" {c['numbers']['text']}" if c["numbers"] else "")
            cells = [f"{c['first']['label']} ({c['first']['date']})", f"{c['last']['label']} ({c['last']['date']})",
                     change] + ([TREND[c["since_previous"]]] if count > 2 else [])
        rows.append({"id": c["id"], "title": c["title"], "url": c["url"], "since_first": c["since_first"],
                     "cells": cells})
    return {"columns": columns, "rows": rows}


HISTORY_CAPTION = ("Pain 0-10 (lower is better), activities 0-10 (higher is better), check-ins within the usual "
                   "range")
HISTORY_COLUMNS = ["Date", "Pain", "My activities", "Check-ins in usual range", "Guided session"]
NOT_RATED = "–"


def history_table(report):
    """Every saved check-in, one row each. The page labels each cell with its column too, so that on a phone a row
    reads as a card: {"caption", "columns", "rows": [{"id", "cells": [text], "session": {"href", "text"}}]}, the
    session link being the last column."""
    rows = []
    for e in report["entries"]:
        activities = "; ".join(f"{a['name']}: {a['score']}" for a in e["activities"]) or NOT_RATED
        cells = [e["date"], NOT_RATED if e.get("pain") is None else str(e["pain"]), activities,
                 f"{e['checks_in_usual_range']} of {e['checks_done']}"]
        rows.append({"id": e["id"], "cells": cells, "session": e["session"]})
    return {"caption": HISTORY_CAPTION, "columns": HISTORY_COLUMNS, "rows": rows}


def phase_text(report):
    """Advice on the keep-it-up phase only when enough check-ins support it (upperback.progress.phase)."""
    phase = report["phase"]
    if phase["ready"]:
        return (f"Since your first check-in your pain and your three activities have improved by more than "
                f"day-to-day variation, and this has held on {phase['held']} check-ins in a row. You can move to "
                f"the keep-it-up phase of the programme.")
    if report["goal_met"]:
        more = PHASE_MIN_ENTRIES - 1 - phase["held"]
        return (f"Your pain and activities have improved by more than day-to-day variation since your first "
                f"check-in. Keep going and check in again: {more} more check-in{'' if more == 1 else 's'} showing "
                f"the same will say that the change holds.")
    return "Keep going with your programme. " + PHASE_RULE


def _short_date(iso):
    day = datetime.date.fromisoformat(iso)
    return f"{day.day} {day:%b}"


def _chart(key, title, axis, ticks, series, maximum, trend):
    step = -(-len(series) // MAX_DATE_LABELS)
    points = [{"value": p["value"], "label": f"{p['value']:g}",
               "date": _short_date(p["date"]) if i % step == 0 or i == len(series) - 1 else ""}
              for i, p in enumerate(series)]
    description = f"{title}: " + "; ".join(f"{p['date']}: {p['value']:g}" for p in series) + "."
    return {"key": key, "title": title, "axis": axis, "max": maximum, "ticks": ticks, "points": points,
            "description": description, "trend": trend}


def _scale_ticks(ends, maximum=10, step=2):
    return [{"value": v, "label": ends.get(v, str(v))} for v in range(0, maximum + 1, step)]


def _trend(change, unit=""):
    return f"Since the first: {_moved(change)}{unit}." if change is not None else ""


def charts(report):
    """Each chart's title, axis name, maximum, ticks in words and points. Charts start at the second check-in,
    when there is a line to draw."""
    if len(report["entries"]) < 2:
        return []
    since = report["since_first"]
    shown = []
    if len(report["pain_series"]) > 1:
        way = report["direction"]["pain"]
        trend = _trend(since["pain"]["change"]) + (f" {way.capitalize()}." if way and way != "same" else
                                                   " Within day-to-day variation." if way else "")
        shown.append(_chart("pain", PAIN_AXIS["title"] + " (lower is better)", PAIN_AXIS["axis"],
                            _scale_ticks(PAIN_AXIS["ends"]), report["pain_series"], 10, trend))
    if len(report["activity_series"]) > 1:
        way = report["direction"]["activities"]
        change = since["average"]["change"] if since["average"] else None
        trend = _trend(change) + (f" {way.capitalize()}." if way and way != "same" else
                                  " Within day-to-day variation." if way else "")
        shown.append(_chart("activities", ACTIVITY_AXIS["title"] + " (higher is better)", ACTIVITY_AXIS["axis"],
                            _scale_ticks(ACTIVITY_AXIS["ends"]), report["activity_series"], 10, trend))
    done = max(e["checks_done"] for e in report["entries"])
    if done:
        step = 1 if done <= 5 else 2
        ticks = [{"value": v, "label": f"{v} of {done}"} for v in range(0, done + 1, step)]
        series = report["usual_range_series"]
        moved = series[-1]["value"] - series[0]["value"]
        trend = (f"Since the first: {'up' if moved > 0 else 'down'} {abs(moved)} "
                 f"check-in{'' if abs(moved) == 1 else 's'} in the usual range." if moved else
                 "Since the first: the same number in the usual range.")
        shown.append(_chart("checks", "Check-ins within the usual range", "Check-ins in the usual range",
                            ticks, series, done, trend))
    return shown


def view(report):
    """Everything the progress page draws, in the order it shows it."""
    if not report["entries"]:
        return {"count": 0}
    due = f"Next re-check: {report['next_due']}" + (" (due now)." if report.get("overdue") else ".")
    return {"count": len(report["entries"]), "headline": headline(report), "periods": periods(report),
            "checks": checks_table(report), "history": history_table(report),
            "phase": {"ready": report["phase"]["ready"], "text": phase_text(report)},
            "caveat": report["caveat"], "charts": charts(report),
            "charts_note": "" if len(report["entries"]) > 1 else "The charts start at your second check-in.",
            "next_due": due}


def reply(store, today):
    """The progress_report op: the report (numbers) and its view (words and chart shapes)."""
    from .progress import report as make_report

    made = make_report(store, today)
    return {"report": made, "view": view(made)}
