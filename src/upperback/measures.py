"""Measured check-ins: the numbers a person takes at home (seconds, degrees, centimetres), checked, combined and
mapped to one of the check-in's outcomes by the rules in its record's ``measure`` (content/checks/*.json).

Answers carry them as ``"measures": {check_id: {part: [trial, ...]}}``, where a part is a side (``left``,
``right``) or ``value``. The rules are tried in order and the first that holds gives the outcome; a rule whose
figure depends on the age band is passed over when the band is not known, so that the next rule (usually "compare
with yourself") applies. A result the person chose themselves (for example "it hurt") always wins over a number.
"""
from .errors import AnswerError

UNITS = {"seconds": "s", "degrees": "degrees", "cm": "cm"}
PART_LABELS = {"left": "Left", "right": "Right", "value": "Result"}
# What the form's box for each tool is called, and its buttons (docs/javascripts/measures.js only shows them).
TOOLS = {
    "stopwatch": {"summary": "Time it here, with a stopwatch", "start": "Start timing", "stop": "Stop"},
    "inclinometer": {"summary": "Measure the angle here, with the phone's tilt sensor", "start": "Zero",
                     "stop": "Read the angle",
                     "none": "No tilt sensor answered on this device: type the angle instead."},
    "photo-angle": {"summary": "Measure the angle here, on your own side photo",
                    "choose": "Choose a side photo",
                    "ear": "Tap the small flap in front of your ear hole.",
                    "neck": "Now tap the bump at the bottom of the back of your neck (or your sticker).",
                    "again": "Measure another photo",
                    "private": "The photo stays on this device and is never saved or sent: only the angle is kept."},
    "ruler": {"summary": "Enter the heights you read on the ruler"},
}
# The tilt sensor that reads itself (a record's measure.hands_free): nobody taps the phone while it is on the body.
HANDS_FREE = {"summary": "Or measure it lying down, with the phone's tilt sensor", "start": "Start", "stop": ""}


def hands_free_text(timing):
    """What the tool does after the tap, from the record's own seconds (the page's timers get the same numbers)."""
    settle, window = timing["settle"], timing["window"]
    return (f"After you tap Start, the phone waits {settle} seconds, sets its zero and beeps, then keeps your "
            f"furthest turn for {window} seconds and beeps again: about {settle + window} seconds in all. Where the "
            "phone can, it buzzes too; if you hear nothing, count the seconds slowly before you take it down.")
# How the trials of one part make one figure: the best of several tries, or their average (a photo's angle).
COMBINE = {
    "best-high": max,
    "best-low": min,
    "mean": lambda values: sum(values) / len(values),
}
# Each test gets the part figures and the rule's figure.
TESTS = {
    "all-at-least": lambda figures, value: all(f >= value for f in figures),
    "all-at-most": lambda figures, value: all(f <= value for f in figures),
    "all-below": lambda figures, value: all(f < value for f in figures),
    "all-above": lambda figures, value: all(f > value for f in figures),
    "any-below": lambda figures, value: any(f < value for f in figures),
    "always": lambda figures, value: True,
}


LABEL_KEYS = sorted({key for labels in (*TOOLS.values(), HANDS_FREE) for key in labels})


def _shown(value):
    return repr(value)[:40]


def read(check, given):
    """The trials for one check-in, checked against its record: {part: [numbers]}. Raises AnswerError."""
    measure = check["measure"]
    name = check["id"]
    if not isinstance(given, dict):
        raise AnswerError(f"measures: {name}: must be an object of {', '.join(measure['parts'])} to a list of numbers")
    unknown = sorted(str(part) for part in set(given) - set(measure["parts"]))
    if unknown:
        raise AnswerError(f"measures: {name}: unknown part {_shown(unknown[0])}; "
                          f"the parts are {', '.join(measure['parts'])}")
    trials = {}
    for part in measure["parts"]:
        values = given.get(part)
        if values is None:
            continue
        if not isinstance(values, list) or not 1 <= len(values) <= measure["trials"]:
            raise AnswerError(f"measures: {name}: {part} must be a list of 1 to {measure['trials']} numbers")
        for value in values:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
                raise AnswerError(f"measures: {name}: {part}: {_shown(value)} is not a number")
            if not measure["min"] <= value <= measure["max"]:
                raise AnswerError(f"measures: {name}: {part}: {value:g} is outside {measure['min']:g} to "
                                  f"{measure['max']:g} {measure['unit']}; check the reading")
        trials[part] = [round(float(value), 1) for value in values]
    if trials and set(trials) != set(measure["parts"]):
        missing = [part for part in measure["parts"] if part not in trials]
        raise AnswerError(f"measures: {name}: {missing[0]} is missing; measure every part, or leave this check-in out")
    return trials


def figures(check, trials):
    """One figure per part: the trials combined as the record says (best of 3, or their average)."""
    combine = COMBINE[check["measure"]["combine"]]
    return {part: round(combine(values), 1) for part, values in trials.items()}


def _rule_value(rule, age_band):
    value = rule.get("value", 0)
    if isinstance(value, dict):
        return value["by_age"].get(age_band)  # None: no figure for this band (or the band is not known)
    return value


def outcome(check, trials, age_band=None):
    """The outcome id the numbers give, by the first rule that holds."""
    found = list(figures(check, trials).values())
    for rule in check["measure"]["rules"]:
        value = _rule_value(rule, age_band)
        if value is None:
            continue
        if TESTS[rule["test"]](found, value):
            return rule["outcome"]
    raise AnswerError(f"measures: {check['id']}: no rule fits these numbers")  # content rule: the last is 'always'


def _said(check, trials):
    """'Left 30 degrees, right 50 degrees' or 'Your result: 31.2 s': each part's figure, in words."""
    unit = UNITS[check["measure"]["unit"]]
    parts = figures(check, trials)
    said = ", ".join(f"{PART_LABELS[part].lower() if len(parts) > 1 else 'your result:'} {value:g} {unit}"
                     for part, value in parts.items())
    return f"{said[0].upper()}{said[1:]}"


def reading(check, trials, age_band=None):
    """What the page says beside the numbers: each part's figure, and the result it gives."""
    chosen = outcome(check, trials, age_band)
    label = next(o["label"] for o in check["outcomes"] if o["id"] == chosen)
    return {"outcome": chosen, "figures": figures(check, trials),
            "text": f"{_said(check, trials)}. Result ticked below: {label}."}


def view(check):
    """What the form shows for a measured check-in: the parts, their number fields and the tool, and for a way of
    measuring that differs from the check-in's own steps, its steps, safety notes and what it compares with."""
    measure = check["measure"]
    timing = measure.get("hands_free")
    labels = {**TOOLS[measure["tool"]], **(HANDS_FREE if timing else {})}
    return {
        "tool": measure["tool"], "unit": measure["unit"], "unit_short": UNITS[measure["unit"]],
        "trials": measure["trials"], "min": measure["min"], "max": measure["max"], "step": measure["step"],
        "parts": [{"id": part, "label": PART_LABELS[part]} for part in measure["parts"]],
        "how": measure["how"], "labels": {**dict.fromkeys(LABEL_KEYS, ""), **labels},
        "steps": measure.get("steps", []), "safety": measure.get("safety", []), "note": measure.get("note", ""),
        "hands_free": timing, "hands_free_text": hands_free_text(timing) if timing else "",
    }


def reading_for(check_id, trials, age_band=None, root=None):
    """The engine op behind the form's number fields: check the numbers and say the result they give."""
    from .answers import AGES
    from .content import load

    check = load(root).checks.get(check_id) if isinstance(check_id, str) else None
    if check is None or "measure" not in check:
        raise AnswerError(f"measures: {_shown(check_id)} is not a measured check-in")
    if age_band not in (None, "") and age_band not in AGES:
        raise AnswerError(f"age_band must be one of {', '.join(AGES)}; got {_shown(age_band)}")
    found = read(check, trials)
    if not found:
        return {"outcome": None, "figures": {}, "text": ""}
    if not check["measure"].get("rules"):
        return {"outcome": None, "figures": figures(check, found),
                "text": f"{_said(check, found)}. Keep it to compare with next time, and choose what you saw below."}
    return reading(check, found, age_band or None)


def compare(check, first, last):
    """Two sets of numbers for one check-in, first and latest: each part's change, and whether it is beyond the
    record's measurement error. Words for the progress page; "changed" only beyond the error."""
    measure = check["measure"]
    unit, error = UNITS[measure["unit"]], measure["error"]
    before, after = figures(check, first), figures(check, last)
    parts = []
    for part in measure["parts"]:
        if part in before and part in after:
            change = round(after[part] - before[part], 1)
            name = PART_LABELS[part] if len(measure["parts"]) > 1 else "Result"
            parts.append({"part": part, "first": before[part], "last": after[part], "change": change,
                          "changed": None if error is None else abs(change) > error,
                          "text": f"{name}: {before[part]:g} to {after[part]:g} {unit} ({change:+g} {unit})"})
    if error is None:
        verdict = "There is no published figure for the error of this measure: look for a steady trend."
    elif any(p["changed"] for p in parts):
        verdict = f"Changed: more than the measurement error of about {error:g} {unit}."
    else:
        verdict = f"Within the measurement error of about {error:g} {unit}: not a real change yet."
    return {"parts": parts, "error": error, "text": "; ".join(p["text"] for p in parts) + ". " + verdict}
