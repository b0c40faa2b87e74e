"""Check the content folder: JSON syntax, JSON Schemas, then the cross-reference rules.

Needs the ``jsonschema`` package (the ``authoring`` extra); the engine itself never imports this module.
"""
import json
from pathlib import Path

from .content import KINDS, default_root
from .problems import Problem
from .rules import RULES

SINGLE_FILES = {"taxonomy.json": "taxonomy", "programme.json": "programme", "references.json": "references", "conditions.json": "conditions",
                "hazards.json": "hazards"}
KIND_SCHEMA = {"exercises": "exercise", "checks": "check", "red-flags": "red-flag", "illustrations": "illustration"}


def _schemas(root):
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    raw = {p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8")) for p in Path(root, "schema").glob("*.schema.json")}
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in raw.values())
    return {name: Draft202012Validator(schema, registry=registry) for name, schema in raw.items()}


def _field(error):
    return ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in error.absolute_path).replace(".[", "[")


def _parse(path, label):
    try:
        return json.loads(path.read_text(encoding="utf-8")), None
    except json.JSONDecodeError as exc:
        return None, Problem(label, f"line {exc.lineno}", f"not valid JSON: {exc.msg}")


def validate(root=None):
    """Every problem in the content folder, as a list of ``Problem`` (empty when all is well)."""
    root = Path(root) if root else default_root()
    label = lambda path: f"content/{path.relative_to(root).as_posix()}"
    validators = _schemas(root)
    problems, records, singles = [], {kind: [] for kind in KINDS}, {}

    def check(path, schema_name):
        data, problem = _parse(path, label(path))
        if problem:
            problems.append(problem)
            return None
        errors = sorted(validators[schema_name].iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
        problems.extend(Problem(label(path), _field(e), e.message) for e in errors)
        return None if errors else data

    for name, schema_name in SINGLE_FILES.items():
        singles[schema_name] = check(root / name, schema_name)
    for kind in KINDS:
        for path in sorted((root / kind).glob("*.json")):
            data = check(path, KIND_SCHEMA[kind])
            if data is not None:
                records[kind].append((Path(label(path)), data))
    if problems:
        return problems  # the rules assume schema-valid records

    records["all"] = records["exercises"] + records["checks"] + records["red-flags"] + records["illustrations"]
    taxonomy = singles["taxonomy"]
    tables = {
        "taxonomy": taxonomy,
        "programme": singles["programme"],
        "regions": [r["id"] for r in taxonomy["regions"]],
        "targets": {t["id"] for t in taxonomy["targets"]},
        "equipment": {e["id"] for e in taxonomy["equipment"]},
        "references": set(singles["references"]),
        "exercises": {rec["id"] for _, rec in records["exercises"]},
        "checks": {rec["id"] for _, rec in records["checks"]},
        "red_flags": {rec["id"] for _, rec in records["red-flags"]},
        "conditions": {c["id"]: c for c in singles["conditions"]["conditions"]},
        "illustrations": {rec["id"] for _, rec in records["illustrations"]},
    }
    for rule in RULES:
        problems.extend(rule(records, tables))
    return problems
