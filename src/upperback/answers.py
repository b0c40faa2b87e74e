"""Check a person's answers and put them in one normal form; anything wrong raises AnswerError saying what to fix.

Answers (JSON): {"red_flags": {flag_id: true|false}, "checks": {check_id: outcome_id}, "pain": 0-10,
"age_band": "under-20"|"20-49"|"50-plus", "pain_duration": "under-6-weeks"|"6-12-weeks"|"over-12-weeks"}.
Every key is optional: an unanswered red flag counts as "no", a check-in not done is listed as one to do next.
"""
from .errors import AnswerError

AGE_BANDS = {"under-20": "Under 20", "20-49": "20 to 49", "50-plus": "50 or over"}
DURATIONS = {"under-6-weeks": "Less than 6 weeks", "6-12-weeks": "6 to 12 weeks", "over-12-weeks": "More than 12 weeks"}
KEYS = ("red_flags", "checks", "pain", "age_band", "pain_duration")


def _choice(answers, key, options):
    value = answers.get(key)
    if value is not None and value not in options:
        raise AnswerError(f"{key} must be one of {', '.join(options)}; got {value!r}")
    return value


def normalise(answers, content):
    if not isinstance(answers, dict):
        raise AnswerError("answers must be a JSON object such as {\"red_flags\": {}, \"checks\": {}, \"pain\": 3}")
    unknown = sorted(set(answers) - set(KEYS))
    if unknown:
        raise AnswerError(f"unknown answer {unknown[0]!r}; the answers are {', '.join(KEYS)}")

    flags = answers.get("red_flags", {})
    if not isinstance(flags, dict):
        raise AnswerError("red_flags must be an object of red-flag id to true or false")
    for flag_id, value in flags.items():
        if flag_id not in content.red_flags:
            raise AnswerError(f"unknown red flag {flag_id!r}; run `python -m upperback questions` for the list")
        if not isinstance(value, bool):
            raise AnswerError(f"red_flags.{flag_id} must be true or false; got {value!r}")

    checks = answers.get("checks", {})
    if not isinstance(checks, dict):
        raise AnswerError("checks must be an object of check-in id to outcome id")
    for check_id, outcome in checks.items():
        if check_id not in content.checks:
            raise AnswerError(f"unknown check-in {check_id!r}; run `python -m upperback questions` for the list")
        outcomes = [o["id"] for o in content.checks[check_id]["outcomes"]]
        if outcome not in outcomes:
            raise AnswerError(f"check-in {check_id!r} has no outcome {outcome!r}; choose one of {', '.join(outcomes)}")

    pain = answers.get("pain")
    if pain is not None and (isinstance(pain, bool) or not isinstance(pain, int) or not 0 <= pain <= 10):
        raise AnswerError(f"pain must be a whole number from 0 to 10; got {pain!r}")

    result = {
        "red_flags": sorted(flag_id for flag_id, value in flags.items() if value),
        "checks": {check_id: checks[check_id] for check_id in content.checks if check_id in checks},
        "pain": pain,
        "age_band": _choice(answers, "age_band", AGE_BANDS),
        "pain_duration": _choice(answers, "pain_duration", DURATIONS),
    }
    return result


def as_answers(normal):
    """The normal form back as answers JSON (the shortest form that gives the same plan)."""
    answers = {"red_flags": {flag_id: True for flag_id in normal["red_flags"]}, "checks": dict(normal["checks"])}
    for key in ("pain", "age_band", "pain_duration"):
        if normal[key] is not None:
            answers[key] = normal[key]
    return answers
