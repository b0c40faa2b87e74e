"""The weekly re-tailoring: the starting check-in, the weekly check-ins and the session log in; today's plan, and
each week's changes with their reasons in words, out. Nothing here does I/O.

The rules are data (content/retailoring.json); their figures are upperback.progress's change thresholds, so each
figure lives once. The plan starts as the plan of the starting check-in's answers (upperback.plan) and changes one
week at a time. Every exercise that enters today's plan passes the plan's caution filter (plan.Cautions, rebuilt
each week from the starting answers with that week's pain and warning signs), and the caps of 8 items and 20 minutes.

A weekly check-in (upperback.weekly checks its shape):
{"date", "pain_now": 0-10, "pain_worst": 0-10, "activities": [{"name", "score"}], "global": an id of the global
scale, "something_new": true or false, "warning_signs": {flag id: true or false} (absent: not answered yet),
"sessions": {"done", "planned"} (absent: counted from the session log), "barrier": a barrier id (optional)}
"""
import datetime
from functools import lru_cache

from . import education, progress
from .adherence import _counted, _planned
from .answers import normalise
from .content import SETTLE, STRENGTHEN, folder, load, read_json
from .errors import AnswerError
from .levels import INFO, LEVELS
from .plan import EVIDENCE_RANK, MAX_MINUTES, MAX_TODAY, Cautions, assess, minutes_of
from .sessionlog import read as read_log
from .weekly import checked_week

LOADS = ("gentle", "moderate", "hard")
T = progress.THRESHOLDS


@lru_cache(maxsize=4)
def rules(root=None):
    return read_json(folder(root) / "retailoring.json")


def _points(n):
    n = abs(n)
    shown = f"{n:.1f}".rstrip("0").rstrip(".")
    return shown, "point" if shown == "1" else "points"


class _Signal:
    """One week's change against the start: each measure's direction, whether it passes the smallest change that
    matters ("maybe") and the single-reading figure ("sure"), and the words for it."""

    def __init__(self, start, week, texts):
        self.texts, self.parts = texts, []  # (direction, strength, words): strength "maybe" or "sure"
        if start["pain"] is not None and week["pain_now"] is not None:
            change = week["pain_now"] - start["pain"]
            self._add(-change, T["pain-change"]["value"], T["pain-single-reading"]["value"],
                      "pain_lower" if change < 0 else "pain_higher" if change else "pain_same", change)
        before = {a["name"].casefold(): a["score"] for a in start["activities"]}
        rows = [(a["name"], a["score"] - before[a["name"].casefold()]) for a in week["activities"]
                if a["name"].casefold() in before]
        self.compared = start["pain"] is not None and week["pain_now"] is not None or bool(rows)
        if rows:
            average = sum(c for _, c in rows) / len(rows)
            self._add(average, T["activity-average-change"]["value"], T["activity-single-reading"]["value"],
                      "activities_easier" if average > 0 else "activities_harder" if average else "activities_same",
                      average)
            for name, change in rows:
                if abs(change) >= T["activity-single-change"]["value"]:
                    self.parts.append((1 if change > 0 else -1, "maybe", self._words(
                        "activity_easier" if change > 0 else "activity_harder", change, name=name)))

    def _words(self, key, change, **extra):
        points, unit = _points(change)
        return self.texts[key].format(points=points, unit=unit, **extra)

    def _add(self, better_by, maybe, sure, key, change):
        direction = (better_by > 0) - (better_by < 0)
        strength = "sure" if abs(better_by) >= sure else "maybe" if abs(better_by) >= maybe else None
        self.parts.append((direction, strength, self._words(key, change)))

    def has(self, direction, strength=None):
        return any(d == direction and s and (strength is None or s == strength) for d, s, _ in self.parts)

    def said(self, direction):
        return next(words for d, s, words in sorted(self.parts, key=lambda p: p[1] != "sure") if d == direction and s)

    def detail(self):
        words = [w for _, _, w in self.parts]
        return "; ".join(words[:1] + [w[:1].lower() + w[1:] for w in words[1:]])


def _verdict(signal, previous, same_run):
    """(verdict id, why in words). previous: last week's _Signal, or None in the first week."""
    texts = signal.texts
    if not signal.compared:
        return "noise", texts["no_measure"]
    for rule, direction in (("worse", -1), ("better", 1)):
        if signal.has(direction, "sure"):
            return rule, signal.said(direction) + texts["single_week"]
        if signal.has(direction) and previous is not None and previous.has(direction):
            return rule, signal.said(direction) + texts["two_weeks"]
    if signal.has(-1) or signal.has(1):
        return "noise", signal.said(-1 if signal.has(-1) else 1) + texts["one_week_so_far"]
    if same_run >= 2:
        return "same", ""
    return "noise", texts["within_noise"].format(detail=signal.detail())


class _State:
    """Today's plan and the later list as they stand after each week."""

    def __init__(self, base, content):
        self.content = content
        self.today = [item["exercise"] for phase in base["phases"] for item in phase["items"]]
        self.later = {item["exercise"]: item["when"] for item in base["later"]}
        self.left_out = {item["exercise"] for item in base["left_out"]}
        self.added, self.swapped_out, self.held = [], set(), {}

    def ex(self, exercise_id):
        return self.content.exercises[exercise_id]

    def title(self, exercise_id):
        return self.ex(exercise_id)["title"]

    def minutes(self, today=None):
        return sum(minutes_of(self.ex(i)) for i in (self.today if today is None else today))

    def fits(self, today):
        return len(today) <= MAX_TODAY and self.minutes(today) <= MAX_MINUTES

    def to_later(self, exercise_id, when, front=False):
        self.today.remove(exercise_id)
        self.later = {exercise_id: when, **self.later} if front else {**self.later, exercise_id: when}

    def to_today(self, exercise_id, replacing=None):
        self.later.pop(exercise_id, None)
        self.held.pop(exercise_id, None)
        if replacing:
            self.today[self.today.index(replacing)] = exercise_id
        else:
            self.today.append(exercise_id)


def _change(kind, exercise_id, state, text):
    return {"kind": kind, "exercise": exercise_id, "title": state.title(exercise_id), "text": text}


def _safety_pass(state, cautions, texts, restore):
    """Every week, before any rule: what the week's answers rule out or hold back leaves today's plan, and what
    was held back returns once nothing holds it (within the caps), unless the week is worse (restore false)."""
    changes = []
    for exercise_id in list(state.today):
        because = cautions.ruled_out(exercise_id)
        when = None if because else cautions.waits(exercise_id) or next(iter(cautions.unanswered(exercise_id)), None)
        if because or when:
            state.to_later(exercise_id, because or when)
            state.held[exercise_id] = True
            changes.append(_change("paused", exercise_id, state, texts["ruled_out" if because else "paused"].format(
                title=state.title(exercise_id), because=because, when=when)))
    for exercise_id in list(state.held) if restore else ():
        if exercise_id in state.later and not cautions.blocks(exercise_id) and state.fits(state.today + [exercise_id]):
            state.to_today(exercise_id)
            text = texts["returned"].format(title=state.title(exercise_id))
            changes.append(_change("returned", exercise_id, state, text))
    return changes


def _harder_of(state, exercise_id):
    """The exercise in today's plan that this one is the harder version of, or None."""
    return next((i for i in state.ex(exercise_id)["variations"]["easier"] if i in state.today), None)


def _next_step(state, cautions):
    """(the first exercise under Later a better week may add, the easier version it takes the place of) or
    (None, None): not a settle-pain technique, not blocked, not swapped out, not the easier version of one already
    in today's plan, and within the caps."""
    for exercise_id in state.later:
        ex = state.ex(exercise_id)
        if (
            ex["phase"] == SETTLE
            or cautions.blocks(exercise_id)
            or exercise_id in state.swapped_out
            or any(i in state.today for i in ex["variations"]["harder"])
        ):
            continue
        easier = _harder_of(state, exercise_id)
        if state.fits(
            [exercise_id if i == easier else i for i in state.today] if easier else state.today + [exercise_id]
        ):
            return exercise_id, easier
    return None, None


def _better(state, cautions, why, texts):
    changes = []
    exercise_id, easier = _next_step(state, cautions)
    room = [i for i in state.today if state.ex(i)["phase"] == SETTLE and state.ex(i)["type"] != "general"]
    if exercise_id is None and room:  # a pain-easing technique makes room, since it is needed less now
        made, at = room[-1], state.today.index(room[-1])
        state.to_later(made, texts["settled_when"], front=True)  # the first to come back on a worse week
        exercise_id, easier = _next_step(state, cautions)
        if exercise_id is None:
            state.today.insert(at, made)  # nothing fits even so: it stays where it was
            state.later.pop(made)
        else:
            changes.append(_change("made-room", made, state, texts["made_room"].format(title=state.title(made))))
    if exercise_id is None:
        full = len(state.today) >= MAX_TODAY or state.minutes() >= MAX_MINUTES
        text = texts["full"].format(items=MAX_TODAY, minutes=MAX_MINUTES) if full else texts["nothing_later"]
        return [{"kind": "none", "exercise": None, "title": None, "text": f"{why} {text}"}]
    ex = state.ex(exercise_id)
    state.to_today(exercise_id, replacing=easier)
    state.added.append(exercise_id)
    if easier:
        state.later = {easier: texts["harder_later"].format(title=ex["title"].lower()), **state.later}
        return changes + [
            _change(
                "moved-on",
                exercise_id,
                state,
                texts["moved_on"].format(title=ex["title"], easier=state.title(easier).lower(), why=why),
            )
        ]
    return changes + [_change("added", exercise_id, state, texts["added"].format(title=ex["title"], why=why))]


def _rank(ex):
    return EVIDENCE_RANK.index(ex["evidence"]["level"]), ex["id"]


def _same(state, cautions, why, texts):
    content = state.content
    swappable = [i for i in state.today if state.ex(i)["phase"] != SETTLE and state.ex(i)["type"] != "general"]
    # The least supported first, keeping what a better week just added
    for old in sorted(swappable, key=lambda i: (i not in state.added, _rank(state.ex(i))), reverse=True):
        was = state.ex(old)
        options = sorted(
            (
                ex
                for ex in content.exercises.values()
                if ex["id"] not in state.today
                and ex["id"] not in state.swapped_out
                and ex["id"] != old
                and ex["type"] == was["type"]
                and content.exercise_region(ex) == content.exercise_region(was)
                and LOADS.index(ex["load"]) <= LOADS.index(was["load"])
                and not cautions.blocks(ex["id"])
            ),
            key=_rank,
        )
        for new in options:
            after = [new["id"] if i == old else i for i in state.today]
            if state.fits(after):
                state.to_today(new["id"], replacing=old)
                state.swapped_out.add(old)
                state.later[old] = texts["swapped_later"]
                level = new["evidence"]["level"].replace("-", " ")
                return [
                    _change(
                        "swapped",
                        new["id"],
                        state,
                        texts["swapped"].format(new=new["title"], old=was["title"].lower(), level=level, why=why),
                    )
                ]
    return [{"kind": "none", "exercise": None, "title": None, "text": texts["no_swap"].format(why=why)}]


def _worse(state, cautions, why, texts):
    changes = []
    for old in list(state.today):
        ex = state.ex(old)
        if ex["phase"] == SETTLE:
            continue
        easier = next(
            (
                i
                for i in ex["variations"]["easier"]
                if i not in state.today
                and not cautions.blocks(i)
                and LOADS.index(state.ex(i)["load"]) <= LOADS.index(ex["load"])
            ),
            None,
        )
        if easier and state.fits([easier if i == old else i for i in state.today]):
            state.to_today(easier, replacing=old)
            state.later = {old: texts["stepped_back_when"], **state.later}
            changes.append(
                _change(
                    "easier",
                    easier,
                    state,
                    texts["easier"].format(new=state.title(easier), old=ex["title"].lower(), why=why),
                )
            )
    last = next((i for i in reversed(state.added) if i in state.today), None)
    if last is not None:
        state.added.remove(last)
        state.to_later(last, texts["stepped_back_when"], front=True)
        changes.append(
            _change("stepped-back", last, state, texts["stepped_back"].format(title=state.title(last), why=why))
        )
    settle = [i for i in state.later if state.ex(i)["phase"] == SETTLE and not cautions.blocks(i)]
    for exercise_id in settle:
        if not state.fits(state.today + [exercise_id]) and exercise_id == settle[0]:
            changes += _make_room(state, why, texts, keep={c["exercise"] for c in changes})
        if state.fits(state.today + [exercise_id]):
            state.to_today(exercise_id)
            changes.append(
                _change(
                    "settle",
                    exercise_id,
                    state,
                    texts["settle_back"].format(title=state.ex(exercise_id)["title"], why=why),
                )
            )
    return changes or [{"kind": "none", "exercise": None, "title": None, "text": why}]


def _make_room(state, why, texts, keep):
    """On a worse week with no room for a pain-easing technique: the least supported exercise that is neither one
    nor strengthening (the best-supported part), nor just made easier (keep), waits under Later."""
    others = [i for i in state.today if state.ex(i)["phase"] not in (SETTLE, STRENGTHEN) and i not in keep]
    if not others:
        return []
    last = max(others, key=lambda i: _rank(state.ex(i)))
    state.to_later(last, texts["stepped_back_when"], front=True)
    return [_change("stepped-back", last, state, texts["stepped_back"].format(title=state.title(last), why=why))]


def _week_answers(start_answers, week):
    """The starting answers with this week's pain and, once answered, this week's warning signs."""
    answers = {**start_answers, "pain": week["pain_now"] if week["pain_now"] is not None else start_answers.get("pain")}
    if answers["pain"] is None:
        answers.pop("pain")
    if week.get("warning_signs") is not None:
        answers["red_flags"] = {
            **start_answers.get("red_flags", {}),
            **{k: v for k, v in week["warning_signs"].items() if v},
        }
    return answers


def _sessions(week, log, start_date):
    """{"done", "planned", "source"} for the 7 days to the check-in's date, or None when neither is known."""
    if "sessions" in week:
        return {**week["sessions"], "source": "asked"}
    day = datetime.date.fromisoformat(week["date"])
    first = max((day - datetime.timedelta(days=6)).isoformat(), start_date)
    before = [s for s in log["sessions"] if s["date"] <= week["date"]]
    if not before:
        return None
    inside = [s for s in before if s["date"] >= first]
    names = []
    for s in inside:
        for item in s["items"]:
            if item["outcome"] == "done" and item["exercise"] not in names:
                names.append(item["exercise"])
    return {
        "done": sum(1 for s in inside if _counted(s)),
        "planned": _planned(before[-1]),
        "source": "log",
        "exercises": names,
    }


def _sessions_words(sessions, week, data, content, state):
    texts = data["texts"]
    if sessions is None:
        return {"on_target": None, "text": texts["sessions_unknown"], "question": None, "tip": None}
    done, planned = sessions["done"], sessions["planned"]
    if done >= planned:
        names = [content.exercises[i]["title"].lower() for i in sessions.get("exercises", [])][:2]
        what = texts["did_what"].format(names=" and ".join(names)) if names else ""
        return {
            "on_target": True,
            "text": texts["on_target"].format(done=done, planned=planned, what=what),
            "question": None,
            "tip": None,
        }
    question = {
        "text": texts["barrier_question"],
        "options": [{"id": b["id"], "label": b["label"]} for b in data["barriers"]],
    }
    barrier = next((b for b in data["barriers"] if b["id"] == week.get("barrier")), None)
    tip = None
    if barrier:
        first = state.today[0] if state.today else None
        guided = next((i for i in state.today if content.exercises[i]["type"] not in ("general",)), first)
        href = {
            "plan": "weekly/",
            "education": "education/",
            "reminders": "progress/#reminders",
            "exercise": f"exercises/{guided}/#steps" if guided else "exercises/",
        }[barrier["link"]]
        tip = {
            "barrier": barrier["id"],
            "label": barrier["label"],
            "text": barrier["tip"],
            "link": barrier["link"],
            "href": href,
            "references": barrier["references"],
        }
    return {
        "on_target": False,
        "text": texts["below_target"].format(done=done, planned=planned),
        "question": question,
        "tip": tip,
    }


def _plan_view(state, paused):
    content = state.content
    today = (
        []
        if paused
        else [
            {
                "exercise": i,
                "title": state.title(i),
                "url": f"exercises/{i}/",
                "minutes": round(minutes_of(state.ex(i)), 1),
            }
            for i in state.today
        ]
    )
    later = [
        {"exercise": i, "title": state.title(i), "url": f"exercises/{i}/", "when": when}
        for i, when in state.later.items()
    ]
    return {
        "paused": paused,
        "today": today,
        "later": later,
        "minutes": 0 if paused else round(state.minutes()),
        "phases": [p["id"] for p in content.programme["phases"]],
    }


def _start(start, root, today):
    entry = progress.make_entry(start, root, where="the starting check-in", today=today)
    if "answers" not in entry:
        raise AnswerError("the starting check-in must carry the answers its plan was made from")
    return entry


def retailor(start, weeks, log_text=None, root=None, today=None):
    """{"status", "advice", "plan", "weeks": [each week's verdict, changes, advice, sessions and tip]}."""
    content, data = load(root), rules(root)
    texts = data["texts"]
    entry = _start(start, root, today)
    if not isinstance(weeks, list):
        raise AnswerError("weeks must be a list of weekly check-ins")
    checked = sorted(
        (checked_week(w, content, data, f"weekly check-in {i + 1}", today) for i, w in enumerate(weeks)),
        key=lambda w: w["date"],
    )
    if any(w["date"] < entry["date"] for w in checked):
        raise AnswerError("a weekly check-in cannot be dated before the starting check-in")
    base = assess(entry["answers"], root)
    reply = {"status": base["status"], "advice": base["advice"], "weeks": [], "plan": None}
    if base["status"] not in ("ok", "soon"):
        return reply  # no plan to re-tailor: the starting check-in's advice comes first
    log = read_log(log_text, root)["log"]
    state, previous, same_run, paused, offered = _State(base, content), None, 0, False, set()
    start_day = datetime.date.fromisoformat(entry["date"])
    for number, week in enumerate(checked, 1):
        record = {
            "date": week["date"],
            "week": number,
            "global": week.get("global"),
            "pain_now": week["pain_now"],
            "pain_worst": week["pain_worst"],
            "advice": [],
            "changes": [],
        }
        if week["something_new"] and week.get("warning_signs") is None:
            record.update(verdict="warning-signs-first", summary=_says(data, "warning-signs-first"))
            record["plan"] = _plan_view(state, paused)  # the plan as it stood, unchanged
            record["education"] = None if paused else _piece(data, "warning-signs-first", None, week, offered, root)
            reply["weeks"].append(record)
            continue
        answers = _week_answers(entry["answers"], week)
        now = assess(answers, root)
        record["advice"] = [
            a
            for a in now["advice"]
            if a["level"] in (*LEVELS, INFO)
            and a["id"] not in {b["id"] for b in base["advice"]}
        ]
        if now["status"] not in ("ok", "soon"):
            record.update(verdict="get-help", summary=texts["get_help_first"], education=None)  # no piece alone
            paused = True
            record["plan"] = _plan_view(state, paused)
            reply["weeks"].append(record)
            continue
        paused = False
        cautions = Cautions(normalise(answers, content), content, now["status"])
        signal = _Signal(entry, week, texts)
        same_run = same_run + 1 if signal.compared and not signal.has(1) and not signal.has(-1) else 0
        verdict, why = _verdict(signal, previous, same_run)
        changes = _safety_pass(state, cautions, texts, restore=verdict != "worse")
        summary = _says(data, verdict)
        if verdict == "better":
            changes += _better(state, cautions, why, texts)
        elif verdict == "worse":
            changes += _worse(state, cautions, why, texts)
        elif verdict == "same":
            changes += _same(state, cautions, summary, texts)
            same_run = 0
        else:
            summary = why if why else summary
        gp = data["gp_advice"]
        days = (datetime.date.fromisoformat(week["date"]) - start_day).days
        if verdict in gp["on"] and days >= gp["min_days"] and not signal.has(1):
            flag = content.red_flags[gp["flag"]]
            record["advice"].append(
                {
                    "level": flag["level"],
                    "id": flag["id"],
                    "action": flag["action"],
                    "reason": gp["reason"].format(days=days),
                }
            )
        record.update(verdict=verdict, summary=summary, why=why, changes=changes)
        record["sessions"] = _sessions_words(_sessions(week, log, entry["date"]), week, data, content, state)
        record["plan"] = _plan_view(state, paused)
        record["education"] = _piece(data, verdict, record["sessions"]["on_target"] is False, week, offered, root)
        tip = record["sessions"]["tip"]
        if tip and tip["link"] == "education":
            tip["href"] = record["education"]["url"]  # the piece this week links, beside the tip
        reply["weeks"].append(record)
        previous = signal
    reply["plan"] = _plan_view(state, paused)
    return reply


def _piece(data, verdict, below_target, week, offered, root):
    """The week's education piece, beside the exercises (upperback.education)."""
    barrier = next((b for b in data["barriers"] if b["id"] == week.get("barrier")), None)
    piece = education.pick(data["education"], verdict, below_target, barrier, offered, root)
    offered.add(piece["id"])
    return piece


def _says(data, verdict):
    return next(r["says"] for r in data["rules"] if r["id"] == verdict)


def retailor_request(start, weeks, log_text=None, today=None):
    """The engine entry point's form (upperback.browser): every shape checked before use."""
    if not isinstance(start, dict):
        raise AnswerError("the starting check-in must be an object: a saved progress entry with its answers")
    if log_text is not None and not isinstance(log_text, str):
        raise AnswerError("the session log must be the saved text, or null")
    return retailor(start, weeks, log_text, today=today)
