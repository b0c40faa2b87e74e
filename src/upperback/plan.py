"""The self-assessment: answers in, a plan of links out. Red flags always win over exercise.

- any emergency flag: emergency advice only, no exercise at all;
- any urgent flag: same-day advice, no programme;
- a check-in result that is itself a warning sign (outcome.raises_flag) counts as that red flag;
- any soon flag (or new pain under 20 or from 50): the advice first, then a gentle plan (settle and move phases);
- otherwise: the full plan. Items come from check-in outcomes and from the pain rating, each with its reason,
  grouped by programme phase and ordered pelvis up within a phase.
"""
from .answers import AGE_BANDS, as_answers, normalise
from .content import LEVELS, load
from .dosage import describe
from .share import decode, encode

HEADLINES = {
    "emergency": "Call emergency services now. Do not exercise.",
    "urgent": "Get medical advice today, before you start any exercise programme.",
    "soon": "See a doctor soon. Meanwhile, these gentle exercises are a safe place to start.",
    "ok": "No warning signs. Here is a general exercise plan, with the reason for each part.",
}
GENTLE_PHASES = ("settle", "move")
# What a page may offer with each kind of plan. An emergency answer offers nothing to keep: only the advice.
# Urgent advice can be shared or printed to show a clinician, but its check-ins are not saved as progress.
ACTIONS = {
    "emergency": (),
    "urgent": ("share", "print"),
    "soon": ("save", "share", "print"),
    "ok": ("save", "share", "print"),
}
# Brief, section 0: new pain under 20 or from 50 leans to "get checked first", even if its question was not ticked.
AGE_FLAG = "new-pain-under-20-or-over-50"


def _advice(flag):
    return {"level": flag["level"], "id": flag["id"], "action": flag["action"], "reason": f"You answered yes to: {flag['question']}"}


def _age_advice(normal):
    age = normal["age_band"]
    if age in ("under-20", "50-plus") and normal["pain_duration"] == "under-6-weeks" and AGE_FLAG not in normal["red_flags"]:
        return [{
            "level": "soon", "id": "age-and-new-pain",
            "action": "Book an appointment with your GP or doctor in the coming days to get checked first. Gentle activity is fine meanwhile.",
            "reason": f"Your pain is new (less than 6 weeks) and your age is {AGE_BANDS[age].lower()}: new back pain at this age is worth a check.",
        }]
    return []


def _raised_by_check_ins(normal, content):
    """Warning signs that a check-in result stands for (content: outcome.raises_flag)."""
    raised = []
    for check_id, outcome_id in normal["checks"].items():
        check = content.checks[check_id]
        outcome = content.outcome(check_id, outcome_id)
        if "raises_flag" in outcome and outcome["raises_flag"] not in normal["red_flags"]:
            flag = content.red_flags[outcome["raises_flag"]]
            raised.append({**_advice(flag), "reason": f"During the check-in \"{check['title']}\" you noted: {outcome['label']}. That is a warning sign."})
    return raised


def _suggestions(normal, content):
    """(exercise id, reason) pairs: check-in outcomes first, then the pain rating."""
    for check_id, outcome_id in normal["checks"].items():
        check = content.checks[check_id]
        outcome = content.outcome(check_id, outcome_id)
        for suggestion in outcome["suggests"]:
            yield suggestion["exercise"], f"{check['title']}: you noted \"{outcome['label']}\". {suggestion['reason']}"
    pain = normal["pain"] or 0
    for general in content.programme["general_suggestions"]:
        if general["min_pain"] <= pain <= general["max_pain"]:
            yield general["exercise"], general["reason"]


def _phases(normal, content, allowed):
    reasons = {}
    for exercise_id, reason in _suggestions(normal, content):
        if reason not in reasons.setdefault(exercise_id, []):
            reasons[exercise_id].append(reason)
    phases = []
    for phase in content.programme["phases"]:
        if phase["id"] not in allowed:
            continue
        items = [
            {"exercise": ex_id, "title": ex["title"], "url": f"exercises/{ex_id}/", "dosage": describe(ex["dosage"]), "reason": " ".join(reasons[ex_id])}
            for ex_id, ex in ((i, content.exercises[i]) for i in reasons)
            if ex["phase"] == phase["id"]
        ]
        items.sort(key=lambda item: (content.region_rank(content.exercise_region(content.exercises[item["exercise"]])), item["title"]))
        if items:
            phases.append({"id": phase["id"], "title": phase["title"], "goal": phase["goal"], "items": items})
    return phases


def _notes(normal, content):
    notes = []
    for check_id, outcome_id in normal["checks"].items():
        check = content.checks[check_id]
        outcome = content.outcome(check_id, outcome_id)
        if not outcome["normal"] and not outcome["suggests"] and "raises_flag" not in outcome:
            notes.append(f"{check['title']}: you noted \"{outcome['label']}\". No exercise is suggested for this. If it hurt or made you feel unwell, read the warning signs and talk to a clinician.")
    if normal["pain"] is None:
        notes.append("You did not rate your pain, so the plan does not include the pain-relief techniques. Add a rating to tailor it.")
    return notes


def assess(answers, root=None):
    content = load(root)
    normal = normalise(answers, content)
    advice = [_advice(content.red_flags[i]) for i in normal["red_flags"]] + _raised_by_check_ins(normal, content) + _age_advice(normal)
    advice.sort(key=lambda a: LEVELS.index(a["level"]))
    status = advice[0]["level"] if advice else "ok"
    if status == "emergency":
        advice = [a for a in advice if a["level"] == "emergency"]
    plan = {
        "status": status,
        "headline": HEADLINES[status],
        "advice": advice,
        "phases": [],
        "next_checks": [],
        "notes": [],
        "pain": normal["pain"],
        "answers": as_answers(normal),  # what the plan was made from: a page saves these, never its own copy
        "actions": list(ACTIONS[status]),
        "share": encode(as_answers(normal)),
    }
    if status in ("emergency", "urgent"):
        return plan
    allowed = GENTLE_PHASES if status == "soon" else tuple(content.phase_ids())
    plan["phases"] = _phases(normal, content, allowed)
    plan["next_checks"] = [{"id": c["id"], "title": c["title"], "url": f"checks/{c['id']}/"} for c in content.checks.values() if c["id"] not in normal["checks"]]
    plan["notes"] = _notes(normal, content)
    return plan


def assess_link(fragment, root=None):
    """The plan a share link's fragment (#a=...) stands for."""
    return assess(decode(fragment), root)
