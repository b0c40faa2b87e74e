"""The clinical safety case: the hazard log (content/hazards.json) with its DCB0129 risk ratings, and every person
of the scenario library (content/scenarios.json) with what their plan must show and the plan the engine makes now.

Standard library only. The site build renders it on /clinicians/safety-case/ (macros/templates/safety-case.md.j2),
so the page always shows the plans of the engine it was built with; tests/test_safety_case.py checks the log.
"""
import copy

from .answers import AGES, DURATIONS, OLD_AGE_BANDS, asked_conditions
from .content import folder, load, read_json
from .levels import SHORT_LABELS
from .plan import MAX_MINUTES, MAX_TODAY, assess

SEVERITY = {
    "minor": "Minor", "significant": "Significant", "considerable": "Considerable", "major": "Major",
    "catastrophic": "Catastrophic",
}
LIKELIHOOD = {"very-low": "Very low", "low": "Low", "medium": "Medium", "high": "High", "very-high": "Very high"}
# DCB0129's risk matrix: the risk rating for each likelihood (rows) and severity (columns, in SEVERITY's order).
MATRIX = {
    "very-high": (3, 4, 4, 5, 5),
    "high": (2, 3, 3, 4, 5),
    "medium": (2, 2, 3, 3, 4),
    "low": (1, 2, 2, 3, 4),
    "very-low": (1, 1, 2, 2, 3),
}
RATINGS = {
    1: "acceptable, nothing more needed",
    2: "acceptable where reducing it further would cost more than it gains",
    3: "undesirable: accepted only where it cannot reasonably be reduced further",
    4: "unacceptable: must be removed or controlled",
    5: "unacceptable",
}
STATUS = {
    "emergency": "Emergency: call emergency services, no exercise",
    "urgent": "Urgent: medical advice today, no exercise",
    "unanswered": "Unanswered: the warning signs come first, no exercise",
    "soon": "See a doctor soon, with a gentle plan meanwhile",
    "ok": "A general exercise plan",
}
SCENARIO_TEST = "tests/test_scenarios.py::test_scenario["


def rating(severity, likelihood):
    """The DCB0129 risk rating, 1 to 5, of a severity and a likelihood (ids as in content/hazards.json)."""
    return MATRIX[likelihood][list(SEVERITY).index(severity)]


def _risk(estimate):
    value = rating(estimate["severity"], estimate["likelihood"])
    return {**estimate, "severity_label": SEVERITY[estimate["severity"]],
            "likelihood_label": LIKELIHOOD[estimate["likelihood"]], "rating": value, "rating_text": RATINGS[value]}


def _scenario_id(node_id):
    return node_id[len(SCENARIO_TEST):-1] if node_id.startswith(SCENARIO_TEST) and node_id.endswith("]") else None


def _hazard(number, hazard, scenario_ids):
    tests = [{"id": node, "scenario": _scenario_id(node) if _scenario_id(node) in scenario_ids else None}
             for node in hazard["tests"]]
    return {**hazard, "number": number, "label": f"H{number}", "tests": tests,
            "before": _risk(hazard["before"]), "after": _risk(hazard["after"])}


def _titles(content, exercise_ids):
    return [content.exercises[i]["title"] if i in content.exercises else i for i in exercise_ids]


def _answers_in_words(content, answers):
    """The person's answers as (label, text) rows, in the order the assessment asks them."""
    rows = []
    flags = answers.get("red_flags")
    if flags is None:
        rows.append(("Warning signs", "not answered"))
    else:
        ticked = [content.red_flags[f]["question"] if f in content.red_flags else f"{f} (the id of an old link)"
                  for f, value in flags.items() if value]
        rows.append(("Warning signs", "yes to: " + "; ".join(ticked) if ticked else "none apply"))
    conditions = answers.get("conditions")
    if conditions is None:
        rows.append(("About you", "not answered"))
    else:
        yes = [content.conditions[c]["question"] for c, value in conditions.items() if value]
        unknown = [c["question"] for c in asked_conditions(content) if c["id"] not in conditions]
        text = "yes to: " + "; ".join(yes) if yes else "none apply"
        rows.append(("About you", text + (f" (not answered: {'; '.join(unknown)})" if unknown else "")))
    checks = answers.get("checks") or {}
    done = [f"{content.checks[c]['title']}: {content.outcome(c, o)['label']}" for c, o in checks.items()]
    rows.append(("Check-ins", "; ".join(done) if done else "none done"))
    pain = answers.get("pain")
    rows.append(("Pain now", f"{pain} out of 10" if pain is not None else "not rated"))
    age = answers.get("age_band")
    if age is None:
        rows.append(("Age", "not given"))
    else:
        rows.append(("Age", AGES[age] + (" (a band of old links)" if age in OLD_AGE_BANDS else "")))
    duration = answers.get("pain_duration")
    rows.append(("Pain for", DURATIONS[duration].lower() if duration else "not given"))
    return rows


def _expectation_in_words(content, expect):
    """What the scenario's plan must show, one plain sentence each."""
    status = expect["status"] if isinstance(expect["status"], list) else [expect["status"]]
    words = ["Status: " + " or ".join(status) + "."]

    def names(key):
        return ", ".join(_titles(content, expect.get(key, [])))

    if expect["max_items"] == 0:
        words.append("No exercise today.")
    else:
        words.append(f"At most {expect['max_items']} techniques today.")
    if expect.get("max_later") == 0:
        words.append("Nothing in the later list.")
    elif "max_later" in expect:
        words.append(f"At most {expect['max_later']} items in the later list.")
    if expect["must_include"]:
        words.append(f"Today includes {names('must_include')} (or an easier version now, with it later).")
    if expect["must_not_include"]:
        words.append(f"Never suggested, today or later: {names('must_not_include')}.")
    if expect.get("left_out"):
        words.append(f"Named as left out, with the reason: {names('left_out')}.")
    if expect.get("not_today"):
        words.append(f"Not today (may come later): {names('not_today')}.")
    if expect.get("later_includes"):
        words.append(f"In the later list: {names('later_includes')}.")
    if expect.get("today_phases"):
        phases = {p["id"]: p["title"] for p in content.programme["phases"]}
        words.append("Today only from the phases: " + ", ".join(phases[p] for p in expect["today_phases"]) + ".")
    if expect.get("one_version_today"):
        words.append("One version of each exercise today, never with its own easier or harder version.")
    if expect.get("cautioned"):
        words.append(f"Left out, or marked \"ask your clinician\": {names('cautioned')}.")
    for phrase in expect.get("headline_excludes", []):
        words.append(f"The headline never says \"{phrase}\".")
    return words, status


def _plan_view(plan):
    return {
        "status": plan["status"],
        "status_words": STATUS[plan["status"]],
        "headline": plan["headline"],
        "minutes": plan["minutes"],
        "advice": [{"level": a["level"], "level_label": SHORT_LABELS[a["level"]], "action": a["action"],
                    "reason": a["reason"]} for a in plan["advice"]],
        "phases": [{"title": phase["title"],
                    "items": [{"exercise": i["exercise"], "title": i["title"], "cautions": i.get("cautions") or []}
                              for i in phase["items"]]}
                   for phase in plan["phases"]],
        "today_count": sum(len(phase["items"]) for phase in plan["phases"]),
        "later": [{"exercise": i["exercise"], "title": i["title"], "when": i["when"],
                   "cautions": i.get("cautions") or []} for i in plan["later"]],
        "left_out": [{"exercise": i["exercise"], "title": i["title"], "because": i["because"]}
                     for i in plan["left_out"]],
        "notes": plan["notes"],
    }


def _scenario(content, scenario, root, cited_by):
    expect_words, expected = _expectation_in_words(content, scenario["expect"])
    plan = _plan_view(assess(copy.deepcopy(scenario["answers"]), root))
    return {
        "id": scenario["id"], "person": scenario["person"], "basis": scenario["basis"],
        "answers": _answers_in_words(content, scenario["answers"]),
        "expect": expect_words, "expected_status": expected, "status_as_expected": plan["status"] in expected,
        "plan": plan, "hazards": cited_by.get(scenario["id"], []),
    }


def safety_case_view(root=None):
    """The hazard log and every scenario with its actual plan, ready for the page template."""
    base = folder(root)
    content = load(root)
    scenarios = read_json(base / "scenarios.json")["scenarios"]
    scenario_ids = {s["id"] for s in scenarios}
    hazards = [_hazard(n, h, scenario_ids) for n, h in enumerate(read_json(base / "hazards.json")["hazards"], 1)]
    cited_by = {}
    for hazard in hazards:
        for test in hazard["tests"]:
            if test["scenario"]:
                cited_by.setdefault(test["scenario"], []).append({"id": hazard["id"], "label": hazard["label"]})
    shown = [_scenario(content, s, root, cited_by) for s in scenarios]
    return {
        "hazards": hazards,
        "scenarios": shown,
        "matrix": {"severities": list(SEVERITY.values()),
                   "rows": [{"label": LIKELIHOOD[likelihood], "ratings": MATRIX[likelihood]} for likelihood in MATRIX],
                   "ratings": RATINGS},
        "residual_counts": {n: sum(1 for h in hazards if h["after"]["rating"] == n) for n in RATINGS},
        "limits": {"today": MAX_TODAY, "minutes": MAX_MINUTES},
        "statuses": {s: sum(1 for sc in shown if sc["plan"]["status"] == s) for s in STATUS},
    }
