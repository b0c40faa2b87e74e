"""View models for the site's pages: Python computes what a page shows, a Jinja template renders it.

Links are written as paths to the Markdown sources (``../checks/wall-test.md#outcomes``) so that MkDocs checks
every one of them at build time.
"""
import json

from . import bodymap, figures, measures, timer
from .dosage import describe

TYPE_LABELS = {
    "release": "Ball release", "mobility": "Mobility", "stretch": "Stretch", "strengthen": "Strengthening",
    "balance": "Balance", "breathing": "Breathing", "general": "General self-care",
}
EVIDENCE_LABELS = {
    "moderate": "Moderate: several trials point the same way.",
    "low": "Low: some trials, small or with mixed results.",
    "very-low": "Very low: little or only indirect research.",
    "expert-opinion": "Expert opinion: guidelines and clinical consensus, few trials.",
}


def _labels(items):
    return {item["id"]: item["label"] for item in items}


def _map(content, record, link=None):
    labels = _labels(content.taxonomy["targets"])
    return bodymap.svg(labels, record["targets"]["primary"], record["targets"]["secondary"], link)


def _illustration(content, record_id):
    record = content.illustrations.get(record_id)
    return figures.illustration(record) if record else None


def _references(content, ids):
    return [{"id": ref, **content.references[ref]} for ref in ids]


def exercise_link(content, exercise_id, base=""):
    exercise = content.exercises[exercise_id]
    return {"id": exercise_id, "title": exercise["title"], "href": f"{base}{exercise_id}.md"}


def suggested_by(content, exercise_id):
    """Check-in outcomes that suggest this exercise, with the reason each gives."""
    found = []
    for check in content.checks.values():
        for outcome in check["outcomes"]:
            for suggestion in outcome["suggests"]:
                if suggestion["exercise"] == exercise_id:
                    found.append(
                        {
                            "check": check["title"],
                            "href": f"../checks/{check['id']}.md#outcomes",
                            "outcome": outcome["label"],
                            "reason": suggestion["reason"],
                        }
                    )
    return found


def exercise_view(content, exercise_id):
    ex = content.exercises[exercise_id]
    targets, equipment = _labels(content.taxonomy["targets"]), _labels(content.taxonomy["equipment"])
    regions = _labels(content.taxonomy["regions"])
    phases = {p["id"]: p["title"] for p in content.programme["phases"]}
    return {
        **ex,
        "avoid_if": list(dict.fromkeys(c["text"] for c in ex["avoid_if"])),  # one caution may cover two subjects
        "type_label": TYPE_LABELS[ex["type"]],
        "phase_label": phases[ex["phase"]],
        "region_label": regions[content.exercise_region(ex)],
        "primary": [targets[t] for t in ex["targets"]["primary"]],
        "secondary": [targets[t] for t in ex["targets"]["secondary"]],
        "equipment_labels": [equipment[e] for e in ex["equipment"]],
        "dosage_text": describe(ex["dosage"]),
        "easier": [exercise_link(content, i) for i in ex["variations"]["easier"]],
        "harder": [exercise_link(content, i) for i in ex["variations"]["harder"]],
        "evidence_label": EVIDENCE_LABELS[ex["evidence"]["level"]],
        "references": _references(content, ex["evidence"]["references"]),
        "suggested_by": suggested_by(content, exercise_id),
        "map_svg": _map(content, ex),
        "illustration": _illustration(content, exercise_id),
        "timer_steps": json.dumps(timer.steps(ex["dosage"])) if timer.has_timer(ex["dosage"]) else None,
        # The first step at each get-ready time a person may pick (the timer swaps it in): one owner, upperback.timer.
        "timer_ready": json.dumps({str(s): timer.ready_step(s) for s in timer.GET_READY_CHOICES}),
        "timer_choices": timer.ready_choices(),
    }


# Whether a check-in can be done alone (its `helper`): the line the page shows, and the short form for the index.
HELPER_LINES = {
    "none": "You can do this one alone",
    "optional": "You can do this one alone; a helper is optional",
    "needed": "This one needs a helper",
}
HELPER_SHORT = {"none": "yes", "optional": "yes (a helper is optional)", "needed": "no, it needs a helper"}
# The same, on the assessment's collapsed card for the check-in (its summary line, under the name).
HELPER_BADGES = {"none": "On your own", "optional": "Alone or with a helper", "needed": "Needs a helper"}


def doable_alone(check):
    """True when one person can do the check-in: it needs no helper, or a helper is only optional."""
    return check["helper"] != "needed"


def alone_count(content):
    """How many check-ins one person can do alone, out of how many: "N of M check-ins can be done alone"."""
    alone, total = sum(doable_alone(c) for c in content.checks.values()), len(content.checks)
    noun = "check-in" if total == 1 else "check-ins"
    return {"alone": alone, "total": total, "text": f"{alone} of {total} {noun} can be done alone"}


def _helper_view(check):
    alone = doable_alone(check)
    note = check.get("helper_note", "")
    return {
        "alone": alone,
        "line": HELPER_LINES[check["helper"]],
        "note": note if alone or not note else f"On your own: {note}",
        "short": HELPER_SHORT[check["helper"]],
        "badge": HELPER_BADGES[check["helper"]],
    }


class CheckRows(list):
    """The check-in index rows, carrying the count of those doable alone (``rows.alone_count``)."""

    def __init__(self, rows, alone_count):
        super().__init__(rows)
        self.alone_count = alone_count


def check_view(content, check_id):
    check = content.checks[check_id]
    equipment, regions = _labels(content.taxonomy["equipment"]), _labels(content.taxonomy["regions"])
    outcomes = [
        {
            **o,
            "suggestions": [
                {**exercise_link(content, s["exercise"], "../exercises/"), "reason": s["reason"]} for s in o["suggests"]
            ],
        }
        for o in check["outcomes"]
    ]
    return {
        **check,
        "region_label": regions[check["region"]],
        "primary": [_labels(content.taxonomy["targets"])[t] for t in check["targets"]["primary"]],
        "secondary": [_labels(content.taxonomy["targets"])[t] for t in check["targets"]["secondary"]],
        "map_svg": _map(content, check),
        "illustration": _illustration(content, check_id),
        "equipment_labels": [equipment[e] for e in check["equipment"]],
        "outcome_views": outcomes,
        "helper_view": _helper_view(check),
        "alone_count": alone_count(content),
        "evidence_label": EVIDENCE_LABELS[check["evidence"]["level"]],
        "references": _references(content, check["evidence"]["references"]),
    }


# The assessment's check-ins step shows one collapsed card per check-in. Its summary line says the answer now: the
# result chosen, or one of these two "no answer" states (both send no answer: the plan lists the check-in for later).
CARD_STATES = {"skip": "Skipped", "not-yet": "Not done yet"}
CARD_WORDS = {
    "answer": "Your answer:",
    "skip_label": "Skip this one for now",
    "found": "What you found",
    "alarm": "This is a warning sign: open this card for what to do now.",
}


def card_answer_css(content):
    """The rules that show, on each closed card, the one answer line that matches the ticked radio (CSS :has(), so
    it works with JavaScript off). The radios and the lines share a key (``data-answer``: ``o1`` for the first
    outcome, and so on), so a rule per place in the list serves every check-in."""
    most = max(len(check["outcomes"]) for check in content.checks.values())
    keys = [f"o{n}" for n in range(1, most + 1)] + list(CARD_STATES)
    # No quotes and no ">": the template escapes them, and a <style> keeps entities as they are.
    return "\n".join(
        f".ub-check-card:has(input[data-answer={key}]:checked) .ub-card-answer [data-answer={key}] "
        "{ display: inline; }"
        for key in keys
    )


def flow_check_guides(content):
    """For the assessment's check-in step: each check-in's still picture, steps, safety notes and whether it can be
    done alone, so that a person does it where they answer it (``DEFS`` once, before the first picture); the words
    and rules of the collapsed card around each one."""
    guides = {}
    for check_id, check in content.checks.items():
        record = content.illustrations.get(check_id)
        guides[check_id] = {
            "summary": check["summary"],
            "picture": figures.svg(record, still=True) if record else "",
            "steps": check["steps"],
            "safety": check["safety"],
            "helper": _helper_view(check),
            "measure": measures.view(check) if "measure" in check else None,
        }
    return {
        "defs": figures.DEFS,
        "checks": guides,
        "card": {**CARD_WORDS, "states": CARD_STATES},
        "answer_css": card_answer_css(content),
        "alone_count": alone_count(content),
    }


def exercise_rows(content, base="exercises/"):
    """One row per exercise for index pages, in programme order (phase, then region pelvis up, then title)."""
    targets, equipment = _labels(content.taxonomy["targets"]), _labels(content.taxonomy["equipment"])
    phases = content.phase_ids()
    rows = []
    for ex in content.exercises.values():
        region = content.exercise_region(ex)
        all_targets = ex["targets"]["primary"] + ex["targets"]["secondary"]
        rows.append(
            {
                "id": ex["id"],
                "title": ex["title"],
                "href": f"{base}{ex['id']}.md",
                "summary": ex["summary"],
                "type": ex["type"],
                "type_label": TYPE_LABELS[ex["type"]],
                "region": region,
                "targets": all_targets,
                "target_labels": [targets[t] for t in ex["targets"]["primary"]],
                "all_target_labels": [targets[t] for t in all_targets],
                "equipment": ex["equipment"],
                "equipment_labels": [equipment[e] for e in ex["equipment"]],
                "sort": (phases.index(ex["phase"]), content.region_rank(region), ex["title"]),
            }
        )
    return sorted(rows, key=lambda r: r["sort"])


def grouped(rows, key, labels):
    """Rows grouped under each label, in the order of ``labels``; a row may sit under several groups."""
    groups = []
    for group_id, label in labels:
        members = [r for r in rows if (group_id in r[key] if isinstance(r[key], list) else r[key] == group_id)]
        if members:
            groups.append({"id": group_id, "label": label, "rows": members})
    return groups


def index_view(content):
    rows = exercise_rows(content, base="")
    tax = content.taxonomy
    return {
        "rows": rows,
        "by_type": grouped(rows, "type", list(TYPE_LABELS.items())),
        "by_region": grouped(rows, "region", [(r["id"], r["label"]) for r in tax["regions"]]),
        "by_target": grouped(rows, "targets", [(t["id"], t["label"]) for t in tax["targets"]]),
        "by_equipment": grouped(rows, "equipment", [(e["id"], e["label"]) for e in tax["equipment"]]),
        "map_svg": bodymap.svg(
            _labels(tax["targets"]),
            link=lambda t: f"by-target/#{t}" if any(t in r["targets"] for r in rows) else "by-target/",
        ),
        "types": list(TYPE_LABELS.items()),
        "regions": [(r["id"], r["label"]) for r in tax["regions"]],
        "targets": [(t["id"], t["label"]) for t in tax["targets"]],
        "equipment": [(e["id"], e["label"]) for e in tax["equipment"]],
        # Muscles and joints a thumb can pick: by region pelvis up, only those some technique works primarily.
        "target_chips": [
            {
                "region": region,
                "label": label,
                "targets": [
                    {"id": t["id"], "label": t["label"], "count": sum(t["id"] in r["targets"] for r in rows)}
                    for t in tax["targets"]
                    if t["region"] == region and any(t["id"] in r["targets"] for r in rows)
                ],
            }
            for region, label in ((r, _labels(tax["regions"])[r]) for r in content.programme["region_order"])
        ],
    }


def phases_view(content):
    """The phases page (/programme/): every technique in its phase, from the pelvis up."""
    rows = exercise_rows(content, base="exercises/")
    phases = []
    for phase in content.programme["phases"]:
        members = [r for r in rows if content.exercises[r["id"]]["phase"] == phase["id"]]
        phases.append({**phase, "rows": members})
    regions = _labels(content.taxonomy["regions"])
    return {
        "summary": content.programme["summary"],
        "phases": phases,
        "region_order": [regions[r] for r in content.programme["region_order"]],
    }


def checks_view(content):
    regions = _labels(content.taxonomy["regions"])
    rows = [
        {
            "id": c["id"],
            "title": c["title"],
            "summary": c["summary"],
            "region_label": regions[c["region"]],
            "href": f"{c['id']}.md",
            "helper": c["helper"],
            "helper_view": _helper_view(c),
        }
        for c in content.checks.values()
    ]
    return CheckRows(rows, alone_count(content))


def red_flags_view(content):
    by_level = {level: [] for level in ("emergency", "urgent", "soon")}
    for flag in content.red_flags.values():
        by_level[flag["level"]].append({**flag, "references": _references(content, flag["references"])})
    return by_level
