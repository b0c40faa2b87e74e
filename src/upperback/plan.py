"""The self-assessment: answers in, a short plan for today out. Red flags always win over exercise.

Status, in order of precedence:
- emergency: any emergency sign, a check-in result that is one, or past cancer with a nerve sign: advice only;
- urgent: same-day advice, no plan;
- unanswered: the warning signs were never answered: they come first, no plan;
- soon: the advice first, then a gentle plan (gentle load only; the rest waits under `later`);
- ok: the plan.

The plan: candidates come from check-in outcomes and the pain rating, each with its reason. Cautions (an exercise's
`avoid_if`) leave out what the person's answers rule out, and say why; a check-in that hurt leaves out exercises for
the same region. One version of each exercise is kept (the easier one now), the best supported first, at most
MAX_TODAY techniques and MAX_MINUTES a day. Everything else goes under `later`, each with when to add it.
"""
from . import reveal
from .answers import AGE_RANGES, AGES, OLD_AGE_BANDS, as_answers, asked_conditions, normalise
from .content import MAINTAIN, SETTLE, STRENGTHEN, load
from .dosage import describe
from .levels import INFO, LEVELS
from .session_links import guided, link
from .share import encode
from .timer import daily_minutes

HEADLINES = {
    "emergency": "Call emergency services now. Do not exercise.",
    "urgent": "Get medical advice today, before you start any exercise programme.",
    "unanswered": "Answer the warning-sign questions first: they come before any exercise.",
    "soon": "See a doctor soon. Meanwhile, these gentle exercises are a safe place to start.",
    "ok": "No warning signs. Here is a general exercise plan, with the reason for each part.",
}
# What a page may offer with each kind of plan. An emergency answer offers nothing to keep: only the advice.
# Urgent advice can be shared or printed to show a clinician, but its check-ins are not saved as progress.
ACTIONS = {
    "emergency": (),
    "urgent": ("share", "print"),
    "unanswered": (),
    "soon": ("save", "share", "print", "session"),
    "ok": ("save", "share", "print", "session"),
}
# "session": the guided session (upperback.session), offered only when today's plan has an exercise it guides.
MAX_TODAY = 8  # techniques in today's plan (issue 10: a plan for today, not a catalogue)
MAX_MINUTES = 20  # a day, counted from the timer steps; staying active (walking, heat) comes on top
HIGH_PAIN = 8  # from this rating, only the settle-pain techniques today; strengthening waits (shared/decisions.md)
HURT_CHECK_INS_FOR_SOON = 2
# Staying active, heat and slow breathing load no one area, so a check-in that hurt does not rule them out.
UNLOADED_TYPES = ("general", "breathing")
# Brief, section 0: new pain under 20 or from 50 leans to "get checked first", even if its question was not ticked.
AGE_FLAG = "new-pain-under-20-or-over-50"
# The best-supported first (content/schema/common.schema.json evidence levels).
EVIDENCE_RANK = ("high", "moderate", "low", "very-low", "expert-opinion")


def _advice(flag):
    return {
        "level": flag["level"],
        "id": flag["id"],
        "action": flag["action"],
        "reason": f"You answered yes to: {flag['question']}",
    }


def _outcomes(normal, content):
    for check_id, outcome_id in normal["checks"].items():
        yield content.checks[check_id], content.outcome(check_id, outcome_id)


def _raised_by_check_ins(normal, content):
    """Warning signs that a check-in result stands for (content: outcome.raises_flag)."""
    said = set(normal["red_flags"] or ())
    for check, outcome in _outcomes(normal, content):
        if "raises_flag" in outcome and outcome["raises_flag"] not in said:
            flag = content.red_flags[outcome["raises_flag"]]
            yield {
                **_advice(flag),
                "reason": f'During the check-in "{check["title"]}" you noted: {outcome["label"]}. That is a warning '
                    f'sign.',
            }


def _escalations(normal, content):
    """Advice that comes from a combination of answers, not from one question."""
    said = set(normal["red_flags"] or ())
    results = [(c["id"], o["id"]) for c, o in _outcomes(normal, content)]
    for rule in reveal.combinations(content):  # the same rules the form reveals without the engine
        if reveal.applies(rule, said, results):
            yield {"level": rule["level"], "id": rule["id"], "action": rule["action"], "reason": rule["reason"]}
    nerve_checks = [c["title"] for c, o in _outcomes(normal, content) if o.get("nerve_sign")]
    hurt = [c["title"] for c, o in _outcomes(normal, content) if o.get("hurt")]
    if len(hurt) >= HURT_CHECK_INS_FOR_SOON:
        yield {
            "level": "soon",
            "id": "check-ins-hurt",
            "action": "Book an appointment with a GP or physiotherapist in the coming days, and tell them which "
                "movements hurt. Gentle activity is fine meanwhile.",
            "reason": f"{len(hurt)} check-ins hurt: {', '.join(hurt)}.",
        }
    if nerve_checks:
        yield {
            "level": "soon",
            "id": "tingling-during-check-in",
            "action": "Book an appointment with a GP or physiotherapist in the coming days, and say that a movement "
                "gave you pain or tingling down the arm.",
            "reason": f"During {', '.join(nerve_checks)} you noted pain or tingling down the arm.",
        }


def _condition_advice(normal, content):
    for condition_id, value in (normal["conditions"] or {}).items():
        condition = content.conditions[condition_id]
        if value and "advice" in condition:
            yield {**condition["advice"], "id": condition_id, "reason": f"You told us {condition['told_us']}."}


def _age_advice(normal, content):
    age, said = normal["age_band"], set(normal["red_flags"] or ())
    if age is None or normal["pain_duration"] != "under-6-weeks" or AGE_FLAG in said:
        return
    low, high = AGE_RANGES[age]
    if high is not None and high < 20 or low >= 50:
        yield {
            "level": "soon",
            "id": "age-and-new-pain",
            "action": "Book an appointment with your GP or doctor in the coming days to get checked first. Gentle "
                "activity is fine meanwhile.",
            "reason": f"Your pain is new (less than 6 weeks) and your age is {AGES[age].lower()}: new back pain at "
                f"this age is worth a check.",
        }


def _pain_advice(normal):
    if normal["pain"] is not None and normal["pain"] >= HIGH_PAIN:
        yield {
            "level": INFO,
            "id": "high-pain",
            "action": "Today, do only the gentle pain-easing techniques below, and keep moving a little. If pain this "
                "bad does not ease within a few days, or you cannot cope with it, contact your GP or NHS 111.",
            "reason": f"You rated your pain {normal['pain']} out of 10.",
        }


def _subjects(normal, content):
    """(what applies to the person, what is not known): condition and warning-sign ids that cautions name."""
    applies = set(normal["red_flags"] or ())
    unknown = set()
    asked = {c["id"] for c in asked_conditions(content)}
    known = normal["conditions"] or {}
    applies |= {c for c, value in known.items() if value}
    unknown |= asked - set(known)
    age = normal["age_band"]
    if age is None:
        unknown.add("age-65-or-over")
    else:
        low, high = AGE_RANGES[age]
        if low >= 65 or age in OLD_AGE_BANDS and high is None:  # '50 or over' takes the safer reading: maybe 65+
            applies.add("age-65-or-over")
    return applies, unknown


def _suggestions(normal, content):
    """(exercise id, reason) pairs: check-in outcomes first, then the pain rating."""
    for check, outcome in _outcomes(normal, content):
        for suggestion in outcome["suggests"]:
            yield suggestion["exercise"], f'{check["title"]}: you noted "{outcome["label"]}". {suggestion["reason"]}'
    pain = normal["pain"] or 0
    for general in content.programme["general_suggestions"]:
        if general["min_pain"] <= pain <= general["max_pain"]:
            yield general["exercise"], general["reason"]


def minutes_of(exercise):
    """An exercise's minutes a day against MAX_MINUTES: staying active (walking, heat) comes on top."""
    return 0.0 if exercise["type"] == "general" else daily_minutes(exercise["dosage"])


def _item(content, exercise_id, reasons):
    ex = content.exercises[exercise_id]
    return {
        "exercise": exercise_id,
        "title": ex["title"],
        "url": f"exercises/{exercise_id}/",
        "dosage": describe(ex["dosage"]),
        "reason": " ".join(reasons),
        "cautions": [],
    }


class Cautions:
    """What a person's answers say about any exercise: whether they rule it out, the caution marks to show beside
    it, and whether it waits for later. The plan applies it to its items; the guided session (upperback.session)
    applies it to every step to another exercise (a harder or easier version), so both use the one filter."""

    def __init__(self, normal, content, status):
        self.normal, self.content, self.status = normal, content, status
        self.applies, self.unknown = _subjects(normal, content)
        self.hurt_regions = {c["region"]: c["title"] for c, o in _outcomes(normal, content) if o.get("hurt")}

    def ruled_out(self, exercise_id):
        """Why the person's answers rule this exercise out, or None."""
        ex = self.content.exercises[exercise_id]
        for caution in ex["avoid_if"]:
            if caution["when"] in self.applies and caution["action"] != "adapt":
                ask = " Ask your clinician whether it suits you." if caution["action"] == "ask-first" else ""
                if caution["when"] in self.content.conditions:
                    return f"Left out because you told us {self.content.conditions[caution['when']]['told_us']}.{ask}"
                return f"Left out because of a warning sign you ticked: {caution['text']}{ask}"
        region = self.content.exercise_region(ex)
        if region in self.hurt_regions and ex["type"] not in UNLOADED_TYPES:
            return (
                f'Left out because the check-in "{self.hurt_regions[region]}" hurt: this exercise works the same area. '
                "Ask a clinician before you do it."
            )
        return None

    def unanswered(self, exercise_id):
        """Texts for the cautions we cannot rule on, because the person did not answer whether they apply."""
        cautions = self.content.exercises[exercise_id]["avoid_if"]
        return [
            f"You did not say whether {self.content.conditions[c['when']]['told_us']}. "
            "If so, ask your clinician before you do this one."
            for c in cautions
            if c["when"] in self.unknown and c["action"] != "adapt"
        ]

    def marks(self, exercise_id):
        """Caution texts to show beside an item: ones that adapt it, and ones we cannot rule on (not answered)."""
        cautions = self.content.exercises[exercise_id]["avoid_if"]
        marks = [c["text"] for c in cautions if c["action"] == "adapt" and c["when"] in self.applies]
        return list(dict.fromkeys(marks + self.unanswered(exercise_id)))  # one text may cover two conditions

    def waits(self, exercise_id):
        """When an exercise that suits the person should be added instead of today, or None if it can be today."""
        ex, pain = self.content.exercises[exercise_id], self.normal["pain"]
        if (pain or 0) >= HIGH_PAIN and ex["phase"] != SETTLE:
            return f"Add when your pain is below {HIGH_PAIN} out of 10."
        if self.status == "soon" and ex["load"] != "gentle":
            return "Add once a doctor has checked you and said it is fine."
        if ex["phase"] == MAINTAIN and pain is not None and pain > 2:
            return {p["id"]: p for p in self.content.programme["phases"]}[STRENGTHEN]["move_on_when"]
        return None

    def blocks(self, exercise_id):
        """Why the person may not move on to this exercise today, or None: the caution filter for every step to
        another exercise. Ruled out, waiting for later, or cautioned for something not answered all block it."""
        return self.ruled_out(exercise_id) or self.waits(exercise_id) or next(iter(self.unanswered(exercise_id)), None)


class _Plan:
    """Today's items, the later list and the left-out list, built up one rule at a time."""

    def __init__(self, normal, content, status):
        self.normal, self.content, self.status = normal, content, status
        self.cautions = Cautions(normal, content, status)
        self.ruled_out, self.marks = self.cautions.ruled_out, self.cautions.marks
        self.reasons = {}
        for exercise_id, reason in _suggestions(normal, content):
            if reason not in self.reasons.setdefault(exercise_id, []):
                self.reasons[exercise_id].append(reason)
        self.today, self.later, self.left_out = {}, {}, {}

    def choose(self):
        for exercise_id in list(self.reasons):
            why_not = self.ruled_out(exercise_id)
            if why_not:
                self.left_out[exercise_id] = why_not
                self._alternative(exercise_id)
            else:
                self.today[exercise_id] = _item(self.content, exercise_id, self.reasons[exercise_id])
        for exercise_id, item in self.today.items():
            item["cautions"] = self.marks(exercise_id)
        self._one_version_each()
        self._wait_for_load()
        self._limit()

    def _alternative(self, exercise_id):
        """A safer, easier version of an exercise that was left out, if one exists and suits the person."""
        ex = self.content.exercises[exercise_id]
        for other in ex["variations"]["easier"]:
            if other not in self.reasons and not self.ruled_out(other):
                self.reasons[other] = [f"A gentler choice in place of {ex['title'].lower()}, which was left out."]
                self.today[other] = _item(self.content, other, self.reasons[other])
                return

    def _move_to_later(self, exercise_id, when):
        item = self.today.pop(exercise_id)
        self.later[exercise_id] = {**item, "when": when}

    def _one_version_each(self):
        """An exercise with its own easier version in the plan: the easier one now, the harder one later."""
        for exercise_id in list(self.today):
            easier = [e for e in self.content.exercises[exercise_id]["variations"]["easier"] if e in self.today]
            if easier and exercise_id in self.today:
                title = self.content.exercises[easier[0]]["title"]
                self._move_to_later(exercise_id, f"Add when {title.lower()} feels easy: it is the harder version.")

    def _wait_for_load(self):
        for exercise_id in list(self.today):
            when = self.cautions.waits(exercise_id)
            if when:
                self._move_to_later(exercise_id, when)

    def _rank(self, exercise_id):
        ex = self.content.exercises[exercise_id]
        core = ex["type"] == "strengthen" and ex["load"] == "gentle"  # neck and shoulder-blade strengthening first
        return (not core, EVIDENCE_RANK.index(ex["evidence"]["level"]), -len(self.reasons[exercise_id]), exercise_id)

    def _limit(self):
        phases = {p["id"]: p for p in self.content.programme["phases"]}
        minutes = 0.0
        kept = 0
        for exercise_id in sorted(self.today, key=self._rank):
            ex = self.content.exercises[exercise_id]
            cost = minutes_of(ex)
            if kept >= MAX_TODAY or minutes + cost > MAX_MINUTES:
                self._move_to_later(
                    exercise_id, f"Add when today's plan feels easy. {phases[ex['phase']]['move_on_when']}"
                )
                continue
            kept += 1
            minutes += cost
        self.minutes = round(minutes)

    def phases(self):
        content, result = self.content, []
        for phase in content.programme["phases"]:
            items = [item for i, item in self.today.items() if content.exercises[i]["phase"] == phase["id"]]
            items.sort(
                key=lambda item: (
                    content.region_rank(content.exercise_region(content.exercises[item["exercise"]])),
                    item["title"],
                )
            )
            if items:
                result.append({"id": phase["id"], "title": phase["title"], "goal": phase["goal"], "items": items})
        return result


def _notes(normal, content, plan):
    notes = []
    for check, outcome in _outcomes(normal, content):
        if (
            not outcome["normal"]
            and not outcome["suggests"]
            and "raises_flag" not in outcome
            and not outcome.get("hurt")
        ):
            notes.append(
                f'{check["title"]}: you noted "{outcome["label"]}". No exercise is suggested for this. If it hurt or '
                f'made you feel unwell, read the warning signs and talk to a clinician.'
            )
    if normal["pain"] is None:
        notes.append(
            "You did not rate your pain, so the plan does not include the pain-relief techniques. Add a rating to "
            "tailor it."
        )
    if normal["conditions"] is None:
        notes.append(
            'You did not answer the About-you questions, so exercises that need care with some health conditions are '
            'marked "ask your clinician first". Answer them to tailor the plan.'
        )
    if plan.left_out:
        notes.append('Some exercises were left out because of what you told us: see "Left out" below.')
    return notes


def assess(answers, root=None):
    content = load(root)
    normal = normalise(answers, content)
    said = [_advice(content.red_flags[i]) for i in normal["red_flags"] or ()]
    advice = said + list(_raised_by_check_ins(normal, content)) + list(_escalations(normal, content))
    advice += list(_condition_advice(normal, content)) + list(_age_advice(normal, content)) + list(_pain_advice(normal))
    order = LEVELS + (INFO,)
    advice.sort(key=lambda a: order.index(a["level"]))
    status = next((a["level"] for a in advice if a["level"] in LEVELS), "ok")
    if normal["red_flags"] is None and status not in ("emergency", "urgent"):
        status = "unanswered"  # skipped questions are never read as "no"
    if status == "emergency":
        advice = [a for a in advice if a["level"] == "emergency"]
    reply = {
        "status": status,
        "headline": HEADLINES[status],
        "advice": advice,
        "phases": [],
        "later": [],
        "left_out": [],
        "minutes": 0,
        "minutes_text": "",
        "next_checks": [],
        "notes": [],
        "pain": normal["pain"],
        "answers": as_answers(normal),  # what the plan was made from: a page saves these, never its own copy
        "actions": list(ACTIONS[status]),
        "calls": reveal.CALLS.get(status, []),  # numbers to tap: emergency and same-day advice only
        "share": encode(as_answers(normal)),
        "session": None,  # the guided session's link, when "session" is among the actions
    }
    if status in ("emergency", "urgent", "unanswered"):
        return reply
    plan = _Plan(normal, content, status)
    plan.choose()
    reply["phases"] = plan.phases()
    reply["later"] = [plan.later[i] for i in sorted(plan.later, key=plan._rank)]
    reply["left_out"] = [
        {"exercise": i, "title": content.exercises[i]["title"], "url": f"exercises/{i}/", "because": why}
        for i, why in plan.left_out.items()
    ]
    reply["minutes"] = plan.minutes
    reply["minutes_text"] = f"Today's plan takes about {max(plan.minutes, 1)} minutes a day, plus staying active."
    reply["next_checks"] = [
        {"id": c["id"], "title": c["title"], "url": f"checks/{c['id']}/"}
        for c in content.checks.values()
        if c["id"] not in normal["checks"]
    ]
    reply["notes"] = _notes(normal, content, plan)
    if any(guided(content, item["exercise"]) for phase in reply["phases"] for item in phase["items"]):
        reply["session"] = link(reply["share"])  # {"href", "text"}: the page offers it as it is
    else:
        reply["actions"].remove("session")
    return reply


def assess_link(fragment, root=None):
    """The plan a share link's fragment (#a=...) stands for."""
    from .share import decode

    return assess(decode(fragment), root)
