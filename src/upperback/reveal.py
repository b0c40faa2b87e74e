"""Warning-sign advice that a page shows the moment a sign is ticked, before (and without) the engine.

Python decides here, at build time, which advice each tick and each combination of ticks reveals; the page holds
that advice hidden and a stylesheet rule (CSS :has(), also generated here) shows it. No decision is copied into
JavaScript, and it works with JavaScript off. The engine's plan reads the same rules (upperback.plan), and a test
holds the two equal for every single sign and every combination.
"""
from .content import load

# Numbers to call, with where they apply. One owner: the form, the plan and the safety page all read these.
CALLS = {
    "emergency": [
        {"number": "999", "where": "UK"},
        {"number": "112", "where": "Europe"},
        {"number": "911", "where": "North America"},
    ],
    "urgent": [{"number": "111", "where": "NHS 111, UK"}],
}


def numbers_text(level):
    """'999 (UK), 112 (Europe) or 911 (North America)': the numbers of a level, as words."""
    parts = [f"{c['number']} ({c['where']})" for c in CALLS[level]]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} or {parts[-1]}"


REVEALED = ("emergency", "urgent")  # "soon" advice waits for the plan: it is never a reason to stop right now
CANCER_FLAG = "past-cancer-new-spine-pain"
CANCER_WITH_NERVE_SIGNS = {
    "id": "past-cancer-with-nerve-signs",
    "level": "emergency",
    "action": "Call emergency services now (999 in the UK, 112 in Europe, 911 in North America) or go straight to "
    "A&E, and tell them about your cancer history. Do not do any exercise.",
    "reason": "You told us about cancer and new spine pain, and also a nerve symptom (weakness, numbness, tingling, "
    "or a bladder or bowel change). Together these need checking at once.",
}


def combinations(content=None):
    """Rules that need more than one answer: each with `all` (every one ticked) and `any` (at least one of these
    warning signs) or `any_outcomes` (check-in results, as (check id, outcome id))."""
    content = content or load()
    nerve_flags = [f["id"] for f in content.red_flags.values() if f.get("nerve_sign")]
    nerve_outcomes = [(c["id"], o["id"]) for c in content.checks.values() for o in c["outcomes"] if o.get("nerve_sign")]
    return [{**CANCER_WITH_NERVE_SIGNS, "all": [CANCER_FLAG], "any": nerve_flags, "any_outcomes": nerve_outcomes}]


def applies(rule, flags, outcomes):
    """Whether a combination rule holds for ticked warning signs and (check id, outcome id) results."""
    return set(rule["all"]) <= set(flags) and (
        bool(set(rule["any"]) & set(flags)) or bool(set(rule["any_outcomes"]) & set(outcomes))
    )


def form_reveals(content=None):
    """What the form holds hidden: per warning sign, and per combination rule, the advice and the numbers."""
    content = content or load()
    signs = {
        f["id"]: {"level": f["level"], "action": f["action"], "calls": CALLS[f["level"]]}
        for f in content.red_flags.values()
        if f["level"] in REVEALED
    }
    rules = combinations(content)
    combos = [
        {"id": r["id"], "level": r["level"], "action": r["action"], "reason": r["reason"], "calls": CALLS[r["level"]]}
        for r in rules
    ]
    # A check-in result that is itself a sign (outcome.raises_flag) shows that sign's advice beside the result; a
    # result that completes a combination shows the combination's advice there too (the warning signs are a step
    # behind by then).
    outcomes = {}
    for check in content.checks.values():
        for outcome in check["outcomes"]:
            flag = content.red_flags.get(outcome.get("raises_flag"))
            if flag and flag["level"] in REVEALED:
                outcomes[f"{check['id']}:{outcome['id']}"] = {**signs[flag["id"]], "reveal_id": None}
            for rule, combo in zip(rules, combos, strict=True):
                if (check["id"], outcome["id"]) in rule["any_outcomes"]:
                    outcomes[f"{check['id']}:{outcome['id']}"] = {**combo, "reveal_id": f"{rule['id']}-{check['id']}"}
    return {"signs": signs, "combinations": combos, "outcomes": outcomes, "css": _css(rules)}


def _css(rules):
    """One rule per combination: the form reveals the advice when every `all` box and one `any` answer is checked."""
    lines = []
    for rule in rules:
        # Ids are kebab-case words (content/schema/common.schema.json), so they stand in CSS without quotes.
        required = "".join(f":has(input[name=red_flags][value={i}]:checked)" for i in rule["all"])
        options = [f"input[name=red_flags][value={i}]:checked" for i in rule["any"]]
        options += [f"input[name={c}][value={o}]:checked" for c, o in rule["any_outcomes"]]
        lines.append(
            f"#ub-assessment-form{required}:has({', '.join(options)}) #ub-reveal-{rule['id']} {{ display: block; }}"
        )
        for c, o in rule["any_outcomes"]:  # the copy beside the check-in result
            lines.append(
                f"#ub-assessment-form{required}:has(input[name={c}][value={o}]:checked) "
                f"#ub-reveal-{rule['id']}-{c} {{ display: block; }}"
            )
    return "\n".join(lines)
