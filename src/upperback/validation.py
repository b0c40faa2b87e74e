"""Check the content folder: JSON syntax, JSON Schemas, then the cross-reference rules.

Needs the ``jsonschema`` package (the ``authoring`` extra); the engine itself never imports this module.
"""
import json
from pathlib import Path

from .content import KINDS, default_root
from .problems import Problem
from .rules import RULES, rule_name

SINGLE_FILES = {
    "taxonomy.json": "taxonomy",
    "programme.json": "programme",
    "references.json": "references",
    "conditions.json": "conditions",
    "hazards.json": "hazards",
    "session.json": "session",
    "templates.json": "templates",
    "retailoring.json": "retailoring",
    "outcome-measures.json": "outcome-measures",
}
EXTRA_FILES = ("scenarios.json",)  # checked by their own tests; here only their text is read by the text rules
KIND_SCHEMA = {"exercises": "exercise", "checks": "check", "red-flags": "red-flag", "illustrations": "illustration"}


def _schemas(root, label, problems):
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    raw = {}
    for path in sorted(Path(root, "schema").glob("*.schema.json")):
        schema, problem = _parse(path, label(path))
        if problem or not isinstance(schema, dict) or not isinstance(schema.get("$id"), str):
            problems.append(problem or Problem(label(path), "$id", "not a JSON Schema with an $id"))
        else:
            raw[path.name.removesuffix(".schema.json")] = schema
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in raw.values())
    return {name: Draft202012Validator(schema, registry=registry) for name, schema in raw.items()}


def _field(error):
    return ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in error.absolute_path).replace(".[", "[")


def _parse(path, label):
    """The parsed file, or a problem saying why it cannot be read: never an exception."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, Problem(label, "", "is missing; every content folder has this file")
    except OSError as exc:
        return None, Problem(label, "", f"cannot be read: {exc.strerror or exc}")
    try:
        return json.loads(data.decode("utf-8")), None
    except UnicodeDecodeError as exc:
        return None, Problem(label, f"byte {exc.start}", "not UTF-8 text; save the file as UTF-8")
    except json.JSONDecodeError as exc:
        return None, Problem(label, f"line {exc.lineno}", f"not valid JSON: {exc.msg}")
    except RecursionError:
        return None, Problem(label, "", "nested too deeply to read; a record is a few levels deep")
    except ValueError:  # json.loads refuses a number of more than 4300 digits
        return None, Problem(label, "", "has a number too long to read")


def validate(root=None):
    """Every problem in the content folder, as a list of ``Problem`` (empty when all is well)."""
    root = Path(root) if root else default_root()

    def label(path):
        return f"content/{path.relative_to(root).as_posix()}"

    problems, records, singles, documents = [], {kind: [] for kind in KINDS}, {}, []
    validators = _schemas(root, label, problems)

    def check(path, schema_name):
        data, problem = _parse(path, label(path))
        if problem:
            problems.append(problem)
            return None
        if schema_name not in validators:  # named once, and not again when it is there but broken
            schema_file = f"content/schema/{schema_name}.schema.json"
            if not any(p.file == schema_file for p in problems):
                problems.append(Problem(schema_file, "", "is missing"))
            return None
        try:
            errors = sorted(validators[schema_name].iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
        except RecursionError:
            problems.append(Problem(label(path), "", "nested too deeply to check; a record is a few levels deep"))
            return None
        problems.extend(Problem(label(path), _field(e), e.message) for e in errors)
        if not errors:
            documents.append((Path(label(path)), data))
        return None if errors else data

    for name, schema_name in SINGLE_FILES.items():
        singles[schema_name] = check(root / name, schema_name)
    for kind in KINDS:
        for path in sorted((root / kind).glob("*.json")):
            data = check(path, KIND_SCHEMA[kind])
            if data is not None:
                records[kind].append((Path(label(path)), data))
    records["education"] = []
    for path in sorted((root / "education").glob("*.json")):
        data = check(path, "education")
        if data is not None:
            records["education"].append((Path(label(path)), data))
    for name in EXTRA_FILES:
        if (root / name).exists():
            data, problem = _parse(root / name, label(root / name))
            problems.extend([problem] if problem else [])
            documents.append((Path(label(root / name)), data))
    if problems:
        return problems  # the rules assume schema-valid records

    records["all"] = records["exercises"] + records["checks"] + records["red-flags"] + records["illustrations"]
    records["documents"] = documents  # every file, singles and records, for the rules that read all text
    taxonomy = singles["taxonomy"]
    tables = {
        "taxonomy": taxonomy,
        "programme": singles["programme"],
        "session": singles["session"],
        "retailoring": singles["retailoring"],
        "outcome_measures": singles["outcome-measures"],
        "education": {rec["id"] for _, rec in records["education"]},
        "templates": singles["templates"],
        "exercise_records": {rec["id"]: rec for _, rec in records["exercises"]},
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
        problems.extend(problem._replace(rule=problem.rule or rule_name(rule)) for problem in rule(records, tables))
    return problems
