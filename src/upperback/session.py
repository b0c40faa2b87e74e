"""The guided session: today's exercises from any list a person has, one per screen, each with today's dose, the
reason for it, a timer that runs the whole dose, and the questions asked around it. The page only plays it.

A list comes from a link's fragment: a plan (#a=..., the assessment's share link, or a saved entry's answers) or a
clinician's programme (#p=...). For a plan, every step to another version of an exercise goes through the plan's
caution filter (upperback.plan.Cautions.blocks); a programme's conditions are unknown, so only its doses may change,
and only when the clinician let them adjust. Doses follow upperback.doses; what was done is kept in the session log
(upperback.sessionlog).

Around the exercises: the next visit asks whether the morning after the last session was worse; an exercise stopped
for one of its stop_if reasons waits until the person says they have had advice; one done as often as its dose says
(today, or in the last 7 days for a weekly one) is listed as done for now.
"""
import datetime

from . import doses, handout, sessionlog, share
from .answers import normalise
from .content import load
from .dates import today_from
from .dosage import adjustable, describe, full
from .errors import AnswerError
from .session_links import guided
from .timer import GET_READY, GET_READY_CHOICES, guided_steps, kept_choice, ready_step

WEEK = 7
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NO_LIST = ("This page needs the link of your plan or of your clinician's programme: start from the self-assessment, "
           "your progress page or your clinician's link")


def long_date(day):
    """'Tuesday 24 November'."""
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"




# -- The list ---------------------------------------------------------------------------------------------------

def _plan_source(fragment, content):
    from .plan import Cautions, assess  # the plan's own filter: one owner for what suits a person

    plan = assess(share.decode(fragment))
    source = {"kind": "plan", "fixed": False, "title": "Today's session from your plan", "problems": [],
              "items": [], "also": [], "blocks": None, "fixed_text": ""}
    if "session" not in plan["actions"]:
        source["blocked"] = {"headline": plan["headline"],
                             "advice": [f"{a['action']} {a['reason']}" for a in plan["advice"]],
                             "link": {"href": plan["share"], "text": "Open the self-assessment"}}
        return source
    cautions = Cautions(normalise(plan["answers"], content), content, plan["status"])
    source["blocks"], source["marks"] = cautions.blocks, cautions.marks
    for phase in plan["phases"]:
        for item in phase["items"]:
            _add(source, content, item["exercise"], adjustable(content.exercises[item["exercise"]]["dosage"]))
    return source


def _programme_source(fragment, content):
    clean, problems = handout.check_state(handout.decode(fragment))
    fixed = not clean.get("adjust")
    title = f"{clean['name']}, your clinician's programme" if clean["name"] else "Your clinician's programme"
    source = {"kind": "programme", "fixed": fixed, "title": title, "problems": problems, "items": [], "also": [],
              "blocks": None, "marks": lambda exercise_id: [],
              "fixed_text": "Your clinician set these doses: they stay as they are." if fixed else
              "Your clinician let these doses adjust to your pain ratings, within each exercise's usual range."}
    for item in clean["items"]:
        _add(source, content, item["exercise"], item["dosage"])
    return source


def _add(source, content, exercise_id, dose):
    ex = content.exercises[exercise_id]
    if guided(content, exercise_id):
        source["items"].append((exercise_id, dose))
    else:
        source["also"].append({"exercise": exercise_id, "title": ex["title"], "url": f"exercises/{exercise_id}/",
                               "dosage": describe(full(ex["dosage"], dose))})


def _source(fragment, content):
    if not isinstance(fragment, str):
        raise AnswerError(NO_LIST)
    if fragment.removeprefix("#").startswith(share.PREFIX):
        return _plan_source(fragment, content)
    if fragment.removeprefix("#").startswith(handout.PREFIX):
        return _programme_source(fragment, content)
    raise AnswerError(NO_LIST)


# -- What the log says about a slot --------------------------------------------------------------------------------

def _records(log, kind, slot):
    """Every time this slot of this kind of list was done or stopped, oldest first (skipped ones left out)."""
    return [{**item, "date": session["date"], "at": session["id"]} for session in log["sessions"]
            if session["source"] == kind for item in session["items"]
            if item["slot"] == slot and item["outcome"] != "skipped"]


def _instant(text):
    return datetime.datetime.fromisoformat(text).astimezone(datetime.UTC)


def _held(log, kind, slot, records):
    """The last record, when it was a stop for a stop_if reason with no advice had since; else None."""
    last = records[-1] if records else None
    if not last or last["outcome"] != "stopped" or not last["stop_reason"]:
        return None
    cleared = [c["at"] for c in log["cleared"] if c["source"] == kind and c["slot"] == slot]
    return None if any(_instant(at) > _instant(last["at"]) for at in cleared) else last


def _done_for_now(records, dose, day):
    """Text saying the dose's sessions are all done (today, or in the last 7 days), or None if it is due."""
    if "per_day" in dose:
        count = sum(1 for r in records if r["date"] == day.isoformat())
        return f"Done today: {count} of {dose['per_day']} times." if count >= dose["per_day"] else None
    since = (day - datetime.timedelta(days=WEEK - 1)).isoformat()
    count = sum(1 for r in records if since <= r["date"] <= day.isoformat())
    return f"Done {count} of {dose['per_week']} times in the last {WEEK} days." if count >= dose["per_week"] else None


def morning_question(log, day, rules):
    """The question about the morning after the latest earlier session, if it is recent and not yet answered."""
    dates = sorted({s["date"] for s in log["sessions"] if s["date"] < day.isoformat()
                    and any(i["outcome"] != "skipped" for i in s["items"])})
    if not dates or dates[-1] in log["mornings"]:
        return None
    last = datetime.date.fromisoformat(dates[-1])
    if (day - last).days > rules["morning_within_days"]:
        return None
    question = f"Was your pain worse on the morning after your session on {long_date(last)}?"
    return {"date": dates[-1], "question": question,
            "worse": "Yes, it was worse", "not_worse": "No, it was not worse",
            "why": "If it was, the dose goes down next time: the pain-monitoring model counts the next morning too."}


# -- The screens ------------------------------------------------------------------------------------------------

def _seconds(n):
    if n >= 60 and n % 60 == 0:
        return f"{n // 60} minute{'' if n == 60 else 's'}"
    return f"{n} second{'' if n == 1 else 's'}"


def _minutes(seconds):
    minutes = int(seconds / 60 + 0.5)  # half a minute rounds up
    return "under a minute" if seconds < 60 else f"about {minutes} minute{'' if minutes == 1 else 's'}"


def _timer(exercise, dosage, cues, get_ready):
    """The whole dose as timed steps, starting with the get-ready seconds the person picked, each with its cue, what
    a screen reader and the voice say, and the count; and the first step at each get-ready time a person may pick
    (upperback.timer.GET_READY_CHOICES), for the page to swap in, worded the same way."""
    steps = [ready_step(get_ready)] + guided_steps(dosage)[1:]
    ready = {}
    for seconds in GET_READY_CHOICES:
        first = _steps_with_cues(exercise, [ready_step(seconds)] + steps[1:], cues)[0][0]
        ready[str(seconds)] = first
    result, done_text = _steps_with_cues(exercise, steps, cues)
    return result, done_text, ready


def _steps_with_cues(exercise, steps, cues):
    counted = [s for s in steps if s["kind"] in ("hold", "rep")]
    noun = {"hold": "holds", "rep": "repetitions"}[counted[0]["kind"]] if len(counted) > 1 else None
    done, result = 0, []
    for step in steps:
        cue = f"{cues['ready']} {exercise['steps'][0]}" if step["kind"] == "ready" else cues[step["kind"]]
        spoken = step["label"] if step["kind"] == "rep" else f"{step['label']}: {_seconds(step['seconds'])}."
        if step["kind"] in ("ready", "hold", "switch"):
            spoken += f" {cue}"
        count = f"{done} of {len(counted)} {noun} done" if noun else ""
        result.append({**step, "cue": cue, "announce": spoken, "count": count})
        done += step["kind"] in ("hold", "rep")
    return result, f"{len(counted)} of {len(counted)} {noun} done. {cues['done']}" if noun else cues["done"]


def rating_text(pain, rules):
    """'2/10: safe.'"""
    zone = next(z for z in rules["pain_scale"]["zones"] if z["min"] <= pain <= z["max"])
    return f"{pain}/10: {zone['label'].lower()}."


def scale(rules):
    """The 0-10 rating asked after each exercise, in zones labelled by the pain-monitoring model."""
    pain = rules["pain_scale"]
    return {"question": pain["question"], "model": pain["model"], "reference": pain["reference"],
            "zones": [{**z, "values": list(range(z["min"], z["max"] + 1)),
                       "heading": f"{z['min']}-{z['max']}: {z['label']}"} for z in pain["zones"]]}


def _item(content, source, slot, start, decision, done_for_now, get_ready):
    ex = content.exercises[decision["exercise"]]
    rules = content.session
    dosage = full(ex["dosage"], decision["dose"])
    steps, done_text, ready = _timer(ex, dosage, rules["cues"], get_ready)
    seconds = sum(s["seconds"] for s in steps)
    # The dose with its minutes at each get-ready time, for the exercise screen when the person picks again there.
    dose_lines = {str(s): f"{describe(dosage)}: {_minutes(seconds - get_ready + s)}." for s in GET_READY_CHOICES}
    stops = [{"text": reason, "reason": reason, "ends": True} for reason in ex["stop_if"]]
    stops.append({"text": rules["other_reason"], "reason": None, "ends": False})
    return {"slot": slot, "exercise": ex["id"], "title": ex["title"], "url": f"exercises/{ex['id']}/",
            "dose": decision["dose"], "base": start, "dosage_text": describe(dosage), "change": decision["change"],
            "dose_line": f"{describe(dosage)}: {_minutes(seconds)}.",
            "dose_lines": dose_lines,
            "reason": decision["reason"], "cautions": source["marks"](ex["id"]) if source["kind"] == "plan" else [],
            "steps": steps, "ready": ready, "seconds": seconds, "time_text": _minutes(seconds), "done_text": done_text,
            "how": ex["steps"], "feel": ex["feel"], "stop_choices": stops,
            "rating_question": f"{ex['title']}: {rules['pain_scale']['question'].lower()}",
            "due": done_for_now is None, "done_for_now": done_for_now}


def _build(source, log, day, content, get_ready=GET_READY):
    items, held = [], []
    for slot, start in source["items"]:
        records = _records(log, source["kind"], slot)
        stop = _held(log, source["kind"], slot, records)
        if stop:
            held.append({"slot": slot, "title": content.exercises[slot]["title"], "source": source["kind"],
                         "text": f"Left out today: last time you stopped because: {stop['stop_reason']} Get advice "
                                 "from a GP or physiotherapist before you do it again.",
                         "clear": "I have had advice: add it back"})
            continue
        history = [r for r in records if r["base"] == start]  # a clinician's new dose starts afresh
        decision = doses.next_dose(content, slot, start, history, log["mornings"], source["blocks"], source["fixed"])
        items.append(_item(content, source, slot, start, decision, _done_for_now(records, decision["dose"], day),
                           get_ready))
    return items, held


def _load(fragment, log_text, today, root):
    content = load(root)
    day = today_from(today)
    current = sessionlog.read(log_text, root)
    if fragment in (None, ""):
        fragment = current["log"].get("last")
    return content, day, current, fragment


def start(fragment, log_text, today, now, timer_text=None, root=None):
    """Everything the session page shows before the first exercise: {"session", "blocked", "morning", "problems",
    "fragment"}. Without a fragment, the list of the latest session; with none, session is None. timer_text is the
    get-ready choice the storage module keeps (upperback.timer.kept_choice: anything else is the default); each
    timer, and so the minutes, starts with it."""
    content, day, current, fragment = _load(fragment, log_text, today, root)
    get_ready = kept_choice(timer_text)
    sessionlog.moment(now, "the time the session starts")
    reply = {"session": None, "blocked": None, "morning": None, "problems": current["problems"], "fragment": fragment}
    if fragment is None:
        return reply
    source = _source(fragment, content)
    reply["problems"] = current["problems"] + source["problems"]
    if source.get("blocked"):
        reply["blocked"] = source["blocked"]
        return reply
    rules = content.session
    items, held = _build(source, current["log"], day, content, get_ready)
    due = [i for i in items if i["due"]]
    for n, item in enumerate(due, 1):
        item["position"] = f"Exercise {n} of {len(due)}"
    seconds = sum(i["seconds"] for i in due)
    count = f"{len(due)} exercise{'' if len(due) == 1 else 's'}, {_minutes(seconds)}" if due else "Nothing is due now"
    reply["morning"] = morning_question(current["log"], day, rules)
    reply["session"] = {
        "id": now, "date": day.isoformat(), "source": source["kind"], "fixed": source["fixed"],
        "title": source["title"], "summary": f"{count}.", "fixed_text": source["fixed_text"],
        "items": due, "later": [{"title": i["title"], "text": i["done_for_now"]} for i in items if not i["due"]],
        "held": held, "also": source["also"], "safety": rules["safety"], "scale": scale(rules),
        "stop_advice": rules["stop_advice"], "seconds": seconds,
    }
    return reply


def summary(fragment, log_text, today, session_id, root=None):
    """After a session: what was done and rated, and the dose each exercise has next time, with its reason."""
    content, day, current, fragment = _load(fragment, log_text, today, root)
    sessionlog.moment(session_id, "the session")
    if fragment is None:
        raise AnswerError(NO_LIST)
    rules = content.session
    done = next((s for s in current["log"]["sessions"] if s["id"] == session_id), {"items": []})
    results = []
    for item in done["items"]:
        title = content.exercises[item["exercise"]]["title"]
        outcome = {"done": "Done", "skipped": "Skipped", "stopped": "Stopped"}[item["outcome"]]
        if item["stop_reason"]:
            outcome += f": {item['stop_reason']}"
        pain = f" {rating_text(item['pain'], rules)}" if item["pain"] is not None else ""
        results.append({"exercise": item["exercise"], "title": title, "line": f"{outcome}.{pain}"})
    source = _source(fragment, content)
    items, held = _build(source, current["log"], day, content) if not source.get("blocked") else ([], [])
    return {"results": results, "held": held, "problems": current["problems"],
            "next": [{"slot": i["slot"], "exercise": i["exercise"], "title": i["title"],
                      "dosage_text": i["dosage_text"], "dose": i["dose"], "change": i["change"], "reason": i["reason"],
                      "line": f"{i['dosage_text']}. {i['reason']}"} for i in items]}


def record(log_text, session, item, fragment, root=None):
    """One exercise's result saved to the log: {"log", "backup_old_log", "rating", "advice"}. A stop for one of the
    exercise's stop_if reasons brings the advice, and ends today's session."""
    content = load(root)
    result = sessionlog.add_item(log_text, session, item, fragment, root)
    saved = sessionlog.item(item, content, "the exercise")
    rules = content.session
    advice = None
    if saved["outcome"] == "stopped" and saved["stop_reason"]:
        advice = {"reason": saved["stop_reason"], "text": rules["stop_advice"], "ends": True}
    rating = rating_text(saved["pain"], rules) if saved["pain"] is not None else ""
    return {**result, "rating": rating, "advice": advice}


def morning(log_text, day, worse, root=None):
    return sessionlog.set_morning(log_text, day, worse, root)


def add_back(log_text, source, slot, now, root=None):
    """The person has had advice after a stop: the exercise comes back (one step down from where it stopped)."""
    return sessionlog.clear(log_text, source, slot, now, root)
