"""Cross-reference rules that a JSON Schema cannot express, one named check per rule.

Each check takes the schema-valid records and yields ``Problem``s. ``RULES`` lists them all; tests break each one
with a fixture and assert the problem names the file and the field.
"""
from .problems import Problem


def _ids(items):
    return {item["id"] for item in items}


def check_id_matches_file_name(records, tables):
    for path, rec in records["all"]:
        if rec["id"] != path.stem:
            yield Problem(path.as_posix(), "id", f"is {rec['id']!r} but the file is named {path.name!r}; they must match")


def check_known_targets(records, tables):
    for path, rec in records["exercises"] + records["checks"]:
        for group in ("primary", "secondary"):
            for i, target in enumerate(rec["targets"][group]):
                if target not in tables["targets"]:
                    yield Problem(path.as_posix(), f"targets.{group}[{i}]", f"unknown muscle or joint {target!r}; use an id from content/taxonomy.json targets")


def check_primary_and_secondary_disjoint(records, tables):
    for path, rec in records["exercises"] + records["checks"]:
        for target in set(rec["targets"]["primary"]) & set(rec["targets"]["secondary"]):
            yield Problem(path.as_posix(), "targets.secondary", f"{target!r} is already a primary target; list it once")


def check_known_equipment(records, tables):
    for path, rec in records["exercises"] + records["checks"]:
        for i, item in enumerate(rec["equipment"]):
            if item not in tables["equipment"]:
                yield Problem(path.as_posix(), f"equipment[{i}]", f"unknown equipment {item!r}; use an id from content/taxonomy.json equipment")
        if "none" in rec["equipment"] and len(rec["equipment"]) > 1:
            yield Problem(path.as_posix(), "equipment", "'none' cannot be listed with other equipment")


def check_known_variations(records, tables):
    for path, rec in records["exercises"]:
        for group in ("easier", "harder"):
            for i, other in enumerate(rec["variations"][group]):
                if other == rec["id"]:
                    yield Problem(path.as_posix(), f"variations.{group}[{i}]", "an exercise cannot be a variation of itself")
                elif other not in tables["exercises"]:
                    yield Problem(path.as_posix(), f"variations.{group}[{i}]", f"no exercise {other!r} in content/exercises/")


def check_known_references(records, tables):
    for path, rec in records["exercises"] + records["checks"]:
        for i, ref in enumerate(rec["evidence"]["references"]):
            if ref not in tables["references"]:
                yield Problem(path.as_posix(), f"evidence.references[{i}]", f"unknown reference {ref!r}; add it to content/references.json")
    for path, rec in records["red-flags"]:
        for i, ref in enumerate(rec["references"]):
            if ref not in tables["references"]:
                yield Problem(path.as_posix(), f"references[{i}]", f"unknown reference {ref!r}; add it to content/references.json")


def check_unique_outcome_ids(records, tables):
    for path, rec in records["checks"]:
        seen = set()
        for i, outcome in enumerate(rec["outcomes"]):
            if outcome["id"] in seen:
                yield Problem(path.as_posix(), f"outcomes[{i}].id", f"{outcome['id']!r} is used twice in this check-in")
            seen.add(outcome["id"])


def check_normal_outcome_present(records, tables):
    for path, rec in records["checks"]:
        if not any(o["normal"] for o in rec["outcomes"]):
            yield Problem(path.as_posix(), "outcomes", "no outcome has normal: true; at least one result must count as normal")


def check_normal_outcomes_suggest_nothing(records, tables):
    for path, rec in records["checks"]:
        for i, outcome in enumerate(rec["outcomes"]):
            if outcome["normal"] and outcome["suggests"]:
                yield Problem(path.as_posix(), f"outcomes[{i}].suggests", "a normal outcome suggests no exercise; leave it empty")


def check_known_suggestions(records, tables):
    for path, rec in records["checks"]:
        for i, outcome in enumerate(rec["outcomes"]):
            for j, suggestion in enumerate(outcome["suggests"]):
                if suggestion["exercise"] not in tables["exercises"]:
                    yield Problem(path.as_posix(), f"outcomes[{i}].suggests[{j}].exercise", f"no exercise {suggestion['exercise']!r} in content/exercises/")


def check_known_raised_flags(records, tables):
    for path, rec in records["checks"]:
        for i, outcome in enumerate(rec["outcomes"]):
            if "raises_flag" in outcome:
                if outcome["raises_flag"] not in tables["red_flags"]:
                    yield Problem(path.as_posix(), f"outcomes[{i}].raises_flag", f"no red flag {outcome['raises_flag']!r} in content/red-flags/")
                elif outcome["normal"]:
                    yield Problem(path.as_posix(), f"outcomes[{i}].raises_flag", "a normal outcome cannot raise a red flag")


def check_known_general_suggestions(records, tables):
    for i, suggestion in enumerate(tables["programme"]["general_suggestions"]):
        if suggestion["exercise"] not in tables["exercises"]:
            yield Problem("content/programme.json", f"general_suggestions[{i}].exercise", f"no exercise {suggestion['exercise']!r} in content/exercises/")
        if suggestion["min_pain"] > suggestion["max_pain"]:
            yield Problem("content/programme.json", f"general_suggestions[{i}].min_pain", "is larger than max_pain")


def check_every_record_is_illustrated(records, tables):
    for path, rec in records["exercises"] + records["checks"]:
        if rec["id"] not in tables["illustrations"]:
            yield Problem(path.as_posix(), "id", f"has no illustration; add content/illustrations/{rec['id']}.json")


def check_illustration_names_a_record(records, tables):
    for path, rec in records["illustrations"]:
        if rec["id"] not in tables["exercises"] | tables["checks"]:
            yield Problem(path.as_posix(), "id", f"no exercise or check-in {rec['id']!r} to illustrate")


def check_taxonomy_regions(records, tables):
    for i, target in enumerate(tables["taxonomy"]["targets"]):
        if target["region"] not in tables["regions"]:
            yield Problem("content/taxonomy.json", f"targets[{i}].region", f"unknown region {target['region']!r}")
    if sorted(tables["programme"]["region_order"]) != sorted(tables["regions"]):
        yield Problem("content/programme.json", "region_order", "must list every region of content/taxonomy.json exactly once")


def check_known_caution_subjects(records, tables):
    for path, rec in records["exercises"]:
        for i, caution in enumerate(rec["avoid_if"]):
            if caution["when"] not in tables["conditions"] and caution["when"] not in tables["red_flags"]:
                yield Problem(path.as_posix(), f"avoid_if[{i}].when", f"unknown condition or warning sign {caution['when']!r}; use an id from content/conditions.json or content/red-flags/")


def check_cautions_are_not_prose_only(records, tables):
    """An exercise whose text speaks of an asked condition must carry a caution the engine can apply."""
    for path, rec in records["exercises"]:
        subjects = {c["when"] for c in rec["avoid_if"]}
        texts = [("precautions", t) for t in rec["precautions"]] + [("stop_if", t) for t in rec["stop_if"]]
        texts += [("dosage.note", rec["dosage"]["note"])] if "note" in rec["dosage"] else []
        for condition in tables["conditions"].values():
            for field, text in texts:
                word = next((w for w in condition.get("mentioned_as", []) if w in text.lower()), None)
                if word and condition["id"] not in subjects:
                    yield Problem(path.as_posix(), field, f"speaks of {word!r} but avoid_if has no caution for {condition['id']!r}; add one so plans apply it")
                    break


def check_condition_references(records, tables):
    for i, condition in enumerate(tables["conditions"].values()):
        for j, ref in enumerate(condition["references"]):
            if ref not in tables["references"]:
                yield Problem("content/conditions.json", f"conditions[{i}].references[{j}]", f"unknown reference {ref!r}; add it to content/references.json")


RULES = [
    check_id_matches_file_name,
    check_known_targets,
    check_primary_and_secondary_disjoint,
    check_known_equipment,
    check_known_variations,
    check_known_references,
    check_unique_outcome_ids,
    check_normal_outcome_present,
    check_normal_outcomes_suggest_nothing,
    check_known_suggestions,
    check_known_raised_flags,
    check_known_general_suggestions,
    check_every_record_is_illustrated,
    check_illustration_names_a_record,
    check_taxonomy_regions,
    check_known_caution_subjects,
    check_cautions_are_not_prose_only,
    check_condition_references,
]
