"""Content checks: the real content is clean, and each schema or cross-reference rule catches its own breakage,
naming the file and the field."""
import json
from collections import Counter

import pytest

from helpers import CONTENT
from upperback.content import load
from upperback.rules import RULES, TEXT_RULES
from upperback.validation import validate

EXERCISE = "exercises/ball-release-upper-trapezius.json"
CHECK = "checks/wall-test.json"
FLAG = "red-flags/chest-pain.json"


def test_real_content_has_no_problems():
    assert [str(p) for p in validate()] == []


def test_content_covers_the_brief():
    content = load()
    assert len(content.exercises) >= 32
    assert len(content.checks) >= 10
    levels = Counter(f["level"] for f in content.red_flags.values())
    on_disk = Counter(json.loads(path.read_text())["level"] for path in (CONTENT / "red-flags").glob("*.json"))
    assert levels == on_disk  # every record file is loaded, at its own level
    brief_rows = {"emergency": 8, "urgent": 9, "soon": 7}  # the brief's tables 1A, 1B and 1C; a split only adds
    assert all(levels[level] >= rows for level, rows in brief_rows.items()), levels
    types = {e["type"] for e in content.exercises.values()}
    assert {"release", "mobility", "stretch", "strengthen", "balance", "breathing", "general"} <= types
    covered = {t for e in content.exercises.values() for t in e["targets"]["primary"]}
    assert {
        "upper-trapezius",
        "levator-scapulae",
        "rhomboids",
        "pectoralis-minor",
        "deep-neck-flexors",
        "hip-flexors",
    } <= covered
    assert {c["region"] for c in content.checks.values()} >= {"pelvis-hips", "thoracic", "shoulder-girdle", "neck"}


def _only(problems):
    assert len(problems) >= 1, "the broken record was not caught"
    return [(p.file, p.field, p.message) for p in problems]


SCHEMA_BREAKS = [
    (EXERCISE, lambda r: r.pop("steps"), "", "'steps' is a required property"),
    (EXERCISE, lambda r: r.update(type="massage"), "type", "is not one of"),
    (EXERCISE, lambda r: r.update(colour="red"), "", "Additional properties are not allowed"),
    (EXERCISE, lambda r: r["dosage"].update(reps=0), "dosage.reps", "less than the minimum"),
    (EXERCISE, lambda r: r["evidence"].update(level="strong"), "evidence.level", "is not one of"),
    (CHECK, lambda r: r["outcomes"][0].pop("normal"), "outcomes[0]", "'normal' is a required property"),
]


@pytest.mark.parametrize("relative, change, field, message", SCHEMA_BREAKS)
def test_schema_break_names_file_and_field(content_copy, relative, change, field, message):
    content_copy.edit(relative, change)
    problems = _only(validate(content_copy.root))
    assert any(f == f"content/{relative}" and fld == field and message in msg for f, fld, msg in problems), problems


def test_invalid_json_names_file_and_line(content_copy):
    (content_copy.root / EXERCISE).write_text('{"id": "ball-release-upper-trapezius",\n  "title": }')
    problems = _only(validate(content_copy.root))
    assert problems[0][0] == f"content/{EXERCISE}" and problems[0][1] == "line 2" and "not valid JSON" in problems[0][2]


RULE_BREAKS = {
    "check_id_matches_file_name": (EXERCISE, lambda r: r.update(id="renamed"), "id"),
    "check_known_targets": (EXERCISE, lambda r: r["targets"]["primary"].append("left-pinky"), "targets.primary[1]"),
    "check_primary_and_secondary_disjoint": (
        EXERCISE,
        lambda r: r["targets"]["secondary"].append("upper-trapezius"),
        "targets.secondary",
    ),
    "check_known_equipment": (EXERCISE, lambda r: r["equipment"].append("kettlebell"), "equipment[2]"),
    "check_known_variations": (
        EXERCISE,
        lambda r: r["variations"]["harder"].append("no-such-exercise"),
        "variations.harder[0]",
    ),
    "check_known_references": (
        EXERCISE,
        lambda r: r["evidence"]["references"].append("R999"),
        "evidence.references[4]",
    ),
    "check_unique_outcome_ids": (CHECK, lambda r: r["outcomes"][1].update(id=r["outcomes"][0]["id"]), "outcomes[1].id"),
    "check_normal_outcome_present": (CHECK, lambda r: [o.update(normal=False) for o in r["outcomes"]], "outcomes"),
    "check_normal_outcomes_suggest_nothing": (
        CHECK,
        lambda r: r["outcomes"][0]["suggests"].append(
            {"exercise": "ball-release-upper-trapezius", "reason": "Because."}
        ),
        "outcomes[0].suggests",
    ),
    "check_known_suggestions": (
        CHECK,
        lambda r: r["outcomes"][1]["suggests"][0].update(exercise="no-such-exercise"),
        "outcomes[1].suggests[0].exercise",
    ),
    "check_known_raised_flags": (
        "checks/neck-rotation-check.json",
        lambda r: next(o for o in r["outcomes"] if "raises_flag" in o).update(raises_flag="no-such-flag"),
        "outcomes[3].raises_flag",
    ),
    "check_known_general_suggestions": (
        "programme.json",
        lambda p: p["general_suggestions"][0].update(exercise="no-such-exercise"),
        "general_suggestions[0].exercise",
    ),
    "check_known_caution_subjects": (
        EXERCISE,
        lambda r: r["avoid_if"][0].update(when="no-such-condition"),
        "avoid_if[0].when",
    ),
    # the caution exists only as prose: the text names blood thinners, avoid_if has no caution for them
    "check_cautions_are_not_prose_only": (
        EXERCISE,
        lambda r: (
            r["avoid_if"].__setitem__(slice(None), [c for c in r["avoid_if"] if c["when"] != "blood-thinners"]),
            r["precautions"].append("Press gently if you take a blood thinner."),
        ),
        "precautions",
    ),
    "check_condition_references": (
        "conditions.json",
        lambda c: c["conditions"][0].update(references=["R999"]),
        "conditions[0].references[0]",
    ),
    # a helper is optional for the wall test, so it must say how to do it alone; 'helper' is listed only when needed
    "check_helper_has_a_note": (CHECK, lambda r: r.pop("helper_note"), "helper_note"),
    "check_helper_matches_equipment": (CHECK, lambda r: r["equipment"].append("helper"), "equipment"),
    # the guided session moves a dose only within its range: the dosage's own 30 s hold must lie inside it
    "check_dose_ranges_fit_the_dosage": (
        EXERCISE,
        lambda r: r["dose_range"]["hold_seconds"].update(min=40),
        "dose_range.hold_seconds",
    ),
    # the range reaches past the builder's widest hold (120 s): caught at the top end as well as the bottom
    "check_dose_ranges_fit_the_dosage_and_bounds": (
        EXERCISE,
        lambda r: r["dose_range"]["hold_seconds"].update(max=200),
        "dose_range.hold_seconds",
    ),
    # the schema gives a dose its type only; its bounds live once, in upperback.handout.BOUNDS
    "check_dosage_within_bounds": (EXERCISE, lambda r: r["dosage"].update(hold_seconds=200), "dosage.hold_seconds"),
    # ids the engine knows by name are checked against their Python owners, not a schema enum
    "check_known_phases": (EXERCISE, lambda r: r.update(phase="warm-up"), "phase"),
    "check_known_regions": (CHECK, lambda r: r.update(region="elbow"), "region"),
    "check_known_levels": (FLAG, lambda r: r.update(level="whenever"), "level"),
    "check_session_rules": ("session.json", lambda s: s["pain_scale"]["zones"][1].update(min=4), "pain_scale.zones[1]"),
    # a number never picks a result that records harm: "painful" is the person's to say
    "check_measure_rules": (
        "checks/thoracic-rotation-check.json",
        lambda r: r["measure"]["rules"][0].update(outcome="painful"),
        "measure.rules[0].outcome",
    ),
    # the weekly re-tailoring's see-a-GP advice shows a warning sign's own action: it must exist
    "check_retailoring_rules": (
        "retailoring.json",
        lambda d: d["gp_advice"].update(flag="no-such-flag"),
        "gp_advice.flag",
    ),
    # a template knows no one's conditions: the foam roller is skipped for thin bones, which it cannot rule out
    "check_template_items_respect_cautions": (
        "templates.json",
        lambda t: t["templates"][0]["items"].append({"exercise": "foam-roller-thoracic-extension"}),
        "templates[0].items[5]",
    ),
}


def test_the_authoring_spec_names_every_rule():
    from upperback.pose_rules import POSE_RULES
    from upperback.rules import rule_name

    spec = (CONTENT / "README.md").read_text(encoding="utf-8")
    missing = [rule_name(rule) for rule in [*RULES, *POSE_RULES] if f"`{rule_name(rule)}`" not in spec]
    assert missing == [], "content/README.md does not describe these named checks"


def test_every_rule_has_a_breaking_fixture():
    separate = {"check_taxonomy_regions", "check_every_record_is_illustrated", "check_illustration_names_a_record"}
    separate |= {rule.__name__ for rule in TEXT_RULES}  # tests/test_content_safety.py, from tests/data/hostile-content
    assert {rule.__name__ for rule in RULES} - separate == {name.removesuffix("_and_bounds") for name in RULE_BREAKS}


@pytest.mark.parametrize("rule", sorted(RULE_BREAKS))
def test_rule_names_file_and_field(content_copy, rule):
    relative, change, field = RULE_BREAKS[rule]
    content_copy.edit(relative, change)
    problems = validate(content_copy.root)
    named = rule.removesuffix("_and_bounds").removeprefix("check_").replace("_", "-")
    assert (f"content/{relative}", field, named) in [(p.file, p.field, p.rule) for p in problems], problems


def test_the_phases_must_be_the_engines_in_order(content_copy):
    content_copy.edit("programme.json", lambda p: p["phases"].reverse())
    problems = validate(content_copy.root)
    assert ("content/programme.json", "phases", "known-phases") in [(p.file, p.field, p.rule) for p in problems]


def test_taxonomy_region_rule(content_copy):
    content_copy.edit("taxonomy.json", lambda t: t["targets"][0].update(region="elbow"))
    problems = _only(validate(content_copy.root))
    assert ("content/taxonomy.json", "targets[0].region") in [(f, fld) for f, fld, _ in problems]


def test_problem_reads_file_field_rule_message(content_copy):
    content_copy.edit(EXERCISE, lambda r: r["targets"]["primary"].append("left-pinky"))
    text = str(validate(content_copy.root)[0])
    expected = f"content/{EXERCISE}: targets.primary[1]: known-targets: unknown muscle or joint 'left-pinky'"
    assert text.startswith(expected)


def test_missing_illustration_is_named(content_copy):
    (content_copy.root / "illustrations" / "band-row.json").unlink()
    problems = _only(validate(content_copy.root))
    assert [(f, fld) for f, fld, _ in problems] == [("content/exercises/band-row.json", "id")]
    assert "add content/illustrations/band-row.json" in problems[0][2]


def test_illustration_of_nothing_is_named(content_copy):
    source = content_copy.root / "illustrations" / "band-row.json"
    stray = content_copy.root / "illustrations" / "band-rowing.json"
    stray.write_text(source.read_text().replace('"id": "band-row"', '"id": "band-rowing"'))
    problems = _only(validate(content_copy.root))
    assert ("content/illustrations/band-rowing.json", "id") in [(f, fld) for f, fld, _ in problems]


def test_illustration_schema_break_names_file_and_field(content_copy):
    content_copy.edit("illustrations/band-row.json", lambda r: r["frames"][0]["pose"].update(head=[500, 20]))
    problems = _only(validate(content_copy.root))
    assert any(
        f == "content/illustrations/band-row.json" and fld == "frames[0].pose.head[0]" for f, fld, _ in problems
    ), problems


# -- Starting programmes (content/templates.json): a template knows no one's conditions --------------------------


def _template_items(index, items):
    return lambda record: record["templates"][index].update(items=items)


@pytest.mark.parametrize(
    "change, message",
    [
        # foam-roller-thoracic-extension is skipped for thin bones, which the About-you questions ask: a template
        # can't know
        (_template_items(0, [{"exercise": "foam-roller-thoracic-extension"}]), "is skipped for thin-bones"),
        # single-leg-balance adapts the balance task at 65 or over, the condition the older-adult template is
        # written for
        (_template_items(2, [{"exercise": "single-leg-balance"}]), "has a caution (adapt) on age-65-or-over"),
        (_template_items(1, [{"exercise": "prone-y"}]), "prone-y is hard, above the template's gentle"),
        (
            _template_items(0, [{"exercise": "band-row"}, {"exercise": "band-row"}]),
            "band-row is already in this template",
        ),
        (_template_items(0, [{"exercise": "band-row", "dosage": {"sets": 5}}]), "5 is outside band-row's range"),
        (_template_items(0, [{"exercise": "no-such-thing"}]), "unknown exercise 'no-such-thing'"),
    ],
)
def test_template_items_respect_their_exercises_cautions(content_copy, change, message):
    content_copy.edit("templates.json", change)
    problems = [str(p) for p in validate(content_copy.root)]
    assert any(
        "content/templates.json" in p and message in p and "template-items-respect-cautions" in p for p in problems
    ), problems


def test_too_many_template_items_fail():
    from upperback import handout

    content = load()
    spare = [i for i in content.exercises if i not in {"foam-roller-thoracic-extension"}][: handout.MAX_ITEMS + 1]
    record = json.loads((CONTENT / "templates.json").read_text())
    record["templates"][0]["items"] = [{"exercise": i} for i in spare]
    from upperback.rules import check_template_items_respect_cautions

    tables = {"templates": record, "exercise_records": content.exercises, "conditions": content.conditions}
    assert any(
        f"the builder allows {handout.MAX_ITEMS}" in p.message
        for p in check_template_items_respect_cautions({}, tables)
    )
