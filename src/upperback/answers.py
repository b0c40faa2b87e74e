"""Check a person's answers and put them in one normal form; anything wrong raises AnswerError saying what to fix.

Answers (JSON): {"red_flags": {flag_id: true|false}, "conditions": {condition_id: true|false},
"checks": {check_id: outcome_id}, "measures": {check_id: {part: [numbers]}} (upperback.measures), "pain": 0-10,
"age_band": one of AGE_BANDS, "pain_duration": one of DURATIONS}.
Every key is optional, and missing means unknown, never "no":
- without "red_flags" the warning signs were not answered: the plan asks them first (status "unanswered");
- a condition not answered (or no "conditions" at all) is unknown: exercises cautioned for it are marked "ask first";
- a check-in not done is listed as one to do next.
"""

from .errors import AnswerError
from .measures import outcome as measured_outcome
from .measures import read as read_measure

AGE_BANDS = {
    "under-20": "Under 20",
    "20-39": "20 to 39",
    "40-49": "40 to 49",
    "50-59": "50 to 59",
    "60-64": "60 to 64",
    "65-69": "65 to 69",
    "70-79": "70 to 79",
    "80-plus": "80 or over",
}
# Bands of links made before the finer ones: read, never offered. A rule that needs a finer band takes the safer
# reading of these and says so.
OLD_AGE_BANDS = {"20-49": "20 to 49", "50-plus": "50 or over"}
AGES = {**AGE_BANDS, **OLD_AGE_BANDS}
# The youngest age in each band, and the oldest where a rule needs it (None: not known from the band).
AGE_RANGES = {
    "under-20": (0, 19),
    "20-39": (20, 39),
    "40-49": (40, 49),
    "50-59": (50, 59),
    "60-64": (60, 64),
    "65-69": (65, 69),
    "70-79": (70, 79),
    "80-plus": (80, None),
    "20-49": (20, 49),
    "50-plus": (50, None),
}
DURATIONS = {"under-6-weeks": "Less than 6 weeks", "6-12-weeks": "6 to 12 weeks", "over-12-weeks": "More than 12 weeks"}
KEYS = ("red_flags", "conditions", "checks", "measures", "pain", "age_band", "pain_duration")
# A warning sign of old links that is now two About-you conditions (shared/decisions.md).
OLD_FLAG_CONDITIONS = {"past-neck-surgery-or-inflammatory-joints": ("neck-surgery", "inflammatory-joint-condition")}


def _shown(value):
    """A value as it is quoted back in an error: short, whatever was sent."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _choice(answers, key, options):
    value = answers.get(key)
    if value is not None and (not isinstance(value, str) or value not in options):
        raise AnswerError(f"{key} must be one of {', '.join(options)}; got {_shown(value)}")
    return value


def _yes_no(answers, key, known, what):
    values = answers.get(key, {})
    if not isinstance(values, dict):
        raise AnswerError(f"{key} must be an object of {what} id to true or false")
    for item_id, value in values.items():
        if item_id not in known:
            raise AnswerError(f"unknown {what} {_shown(item_id)}; run `python -m upperback questions` for the list")
        if not isinstance(value, bool):
            raise AnswerError(f"{key}.{item_id} must be true or false; got {_shown(value)}")
    return values


def asked_conditions(content):
    return [c for c in content.conditions.values() if c["asked_as"] == "question"]


def normalise(answers, content):
    if not isinstance(answers, dict):
        raise AnswerError('answers must be a JSON object such as {"red_flags": {}, "checks": {}, "pain": 3}')
    unknown = sorted(str(key) for key in set(answers) - set(KEYS))
    if unknown:
        raise AnswerError(f"unknown answer {unknown[0][:40]!r}; the answers are {', '.join(KEYS)}")

    flags = _yes_no(answers, "red_flags", set(content.red_flags) | set(OLD_FLAG_CONDITIONS), "red flag")
    asked = {c["id"] for c in asked_conditions(content)}
    conditions = _yes_no(answers, "conditions", asked, "condition")

    checks = answers.get("checks", {})
    if not isinstance(checks, dict):
        raise AnswerError("checks must be an object of check-in id to outcome id")
    for check_id, outcome in checks.items():
        if check_id not in content.checks:
            raise AnswerError(f"unknown check-in {_shown(check_id)}; run `python -m upperback questions` for the list")
        outcomes = [o["id"] for o in content.checks[check_id]["outcomes"]]
        if not isinstance(outcome, str) or outcome not in outcomes:
            raise AnswerError(
                f"check-in {check_id!r} has no outcome {_shown(outcome)}; choose one of {', '.join(outcomes)}"
            )

    measures = _measures(answers, content)

    pain = answers.get("pain")
    if pain is not None and (isinstance(pain, bool) or not isinstance(pain, int) or not 0 <= pain <= 10):
        raise AnswerError(f"pain must be a whole number from 0 to 10; got {_shown(pain)}")

    said = {flag_id for flag_id, value in flags.items() if value}
    # Only what was answered is known: a condition left out is unknown, never "no".
    known_conditions = {c: conditions[c] for c in sorted(conditions)} if "conditions" in answers else None
    for old in said & set(OLD_FLAG_CONDITIONS):  # an old link's warning sign is read as its conditions
        known_conditions = {**(known_conditions or {}), **dict.fromkeys(OLD_FLAG_CONDITIONS[old], True)}
    age_band = _choice(answers, "age_band", AGES)
    # A measured check-in gives its outcome by its record's rules, unless the person chose one (say, "it hurt").
    chosen = dict(checks)
    for check_id, trials in measures.items():
        if check_id not in chosen and content.checks[check_id]["measure"].get("rules"):
            chosen[check_id] = measured_outcome(content.checks[check_id], trials, age_band)
    return {
        "red_flags": sorted(said - set(OLD_FLAG_CONDITIONS)) if "red_flags" in answers else None,
        "conditions": known_conditions,
        "checks": {check_id: chosen[check_id] for check_id in content.checks if check_id in chosen},
        "measures": measures,
        "pain": pain,
        "age_band": age_band,
        "pain_duration": _choice(answers, "pain_duration", DURATIONS),
    }


def _measures(answers, content):
    """The numbers of measured check-ins, checked by upperback.measures: {check_id: {part: [trials]}}."""
    given = answers.get("measures", {})
    if not isinstance(given, dict):
        raise AnswerError(
            "measures must be an object of check-in id to its numbers, such as "
            '{"single-leg-stance-check": {"left": [30], "right": [28]}}'
        )
    found = {}
    for check_id in given:
        check = content.checks.get(check_id)
        if check is None:
            raise AnswerError(f"measures: unknown check-in {_shown(check_id)}")
        if "measure" not in check:
            raise AnswerError(f"measures: {check_id} is not a measured check-in; give its result in checks")
        trials = read_measure(check, given[check_id])
        if trials:
            found[check_id] = trials
    return {check_id: found[check_id] for check_id in content.checks if check_id in found}


def as_answers(normal):
    """The normal form back as answers JSON (the shortest form that gives the same plan, with the numbers)."""
    answers = {"checks": dict(normal["checks"])}
    if normal.get("measures"):
        answers["measures"] = {check_id: dict(parts) for check_id, parts in normal["measures"].items()}
    if normal["red_flags"] is not None:
        answers["red_flags"] = {flag_id: True for flag_id in normal["red_flags"]}
    if normal["conditions"] is not None:
        answers["conditions"] = dict(normal["conditions"])
    for key in ("pain", "age_band", "pain_duration"):
        if normal[key] is not None:
            answers[key] = normal[key]
    return answers
