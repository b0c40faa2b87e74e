"""The clinical safety case (content/hazards.json and /clinicians/safety-case/): the hazard log is well formed,
every control names something that exists, every test it cites is one pytest collects, and the page shows every
scenario of the library with the status the engine gives it now."""
import copy
import importlib
import json
import re
import subprocess
import sys
from functools import lru_cache
from html import unescape

import pytest

from helpers import CONTENT, ROOT
from upperback.content import load
from upperback.plan import MAX_MINUTES, MAX_TODAY, assess
from upperback.rules import RULES
from upperback.safety_case import LIKELIHOOD, SEVERITY, rating, safety_case_view
from upperback.timer import daily_minutes

HAZARDS = json.loads((CONTENT / "hazards.json").read_text(encoding="utf-8"))["hazards"]
SCENARIOS = json.loads((CONTENT / "scenarios.json").read_text(encoding="utf-8"))["scenarios"]
PAGE = ("clinicians", "safety-case", "index.html")


def _schema_errors(data, schema_id):
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((CONTENT / "schema").glob("*.schema.json"))]
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)
    schema = next(s for s in schemas if s["$id"] == schema_id)
    Draft202012Validator.check_schema(schema)
    errors = Draft202012Validator(schema, registry=registry).iter_errors(data)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def test_hazard_log_matches_its_schema():
    data = json.loads((CONTENT / "hazards.json").read_text(encoding="utf-8"))
    assert _schema_errors(data, "urn:upperback:hazards") == []


def test_content_check_reports_a_broken_hazard_log(content_copy):
    from upperback.validation import validate

    content_copy.edit("hazards.json", lambda log: log["hazards"][0].pop("tests"))
    problems = [str(p) for p in validate(content_copy.root)]
    assert any(p.startswith("content/hazards.json: hazards[0]") and "'tests'" in p for p in problems), problems


def test_every_hazard_has_a_control_a_test_and_a_risk_no_worse_after_its_controls():
    ids = [h["id"] for h in HAZARDS]
    assert len(ids) >= 12 and len(set(ids)) == len(ids), ids
    problems = []
    for hazard in HAZARDS:
        where = f"hazard {hazard['id']}"
        if not hazard["controls"]:
            problems.append(f"{where}: no control")
        if not hazard["tests"]:
            problems.append(f"{where}: no test")
        before, after = (rating(hazard[k]["severity"], hazard[k]["likelihood"]) for k in ("before", "after"))
        if after > before:
            problems.append(f"{where}: the risk with controls ({after}) is higher than before them ({before})")
        if after >= 4:
            problems.append(f"{where}: residual risk {after} is unacceptable under DCB0129")
    assert not problems, "\n".join(problems)


def test_scales_and_matrix_are_dcb0129s():
    assert list(SEVERITY) == ["minor", "significant", "considerable", "major", "catastrophic"]
    assert list(LIKELIHOOD) == ["very-low", "low", "medium", "high", "very-high"]
    # Corners and the middle of the matrix.
    assert rating("minor", "very-low") == 1 and rating("catastrophic", "very-high") == 5
    assert rating("catastrophic", "very-low") == 3 and rating("minor", "very-high") == 3
    assert rating("considerable", "medium") == 3


def _names_something_real(control):
    """Why a control's `where` names nothing that exists, or None."""
    target = control["where"].split(": ", 1)[0]
    if target.startswith("upperback."):
        parts = target.split(".")
        for cut in range(len(parts), 0, -1):
            try:
                found = importlib.import_module(".".join(parts[:cut]))
            except ImportError:
                continue
            for name in parts[cut:]:
                if not hasattr(found, name):
                    return f"{target}: {'.'.join(parts[:cut])} has no {name!r}"
                found = getattr(found, name)
            if control["kind"] == "content rule" and found not in RULES:
                return f"{target} is not one of upperback.rules.RULES"
            return None
        return f"{target}: no such module"
    if control["kind"] in ("engine rule", "content rule"):
        return f"{target}: an {control['kind']} must name a module in upperback"
    matches = [p for p in ROOT.glob(target) if p.is_file()] if "*" in target else [ROOT / target]
    if not any(p.is_file() for p in matches):
        return f"{target}: no such file"
    return None


def test_every_control_names_something_that_exists():
    problems = [f"hazard {h['id']}: {why}" for h in HAZARDS for c in h["controls"] if (why := _names_something_real(c))]
    assert not problems, "\n".join(problems)


@lru_cache(maxsize=1)
def _collected():
    """Every test node id pytest collects, and the tail of its report (which names any collection error)."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    ids = {line.strip() for line in result.stdout.splitlines() if line.startswith("tests/") and "::" in line}
    return ids, (result.stdout + result.stderr)[-2000:]


def _is_collected(node_id, ids):
    # A parametrized id must match exactly; a bare function id stands for all of its cases.
    return node_id in ids or ("[" not in node_id and any(i.startswith(node_id + "[") for i in ids))


def test_every_cited_test_is_collected_by_pytest():
    ids, report = _collected()
    assert len(ids) > 100, f"pytest collected only {len(ids)} tests:\n{report}"
    missing = [f"hazard {h['id']}: {t}" for h in HAZARDS for t in h["tests"] if not _is_collected(t, ids)]
    assert not missing, "these cited tests are not collected by pytest:\n" + "\n".join(missing) + f"\n\n{report}"


def test_a_made_up_or_inexact_test_id_is_not_counted_as_collected():
    ids = {"tests/test_scenarios.py::test_scenario[pain-nine]", "tests/test_engine.py::test_bad[a-b]"}
    assert _is_collected("tests/test_scenarios.py::test_scenario[pain-nine]", ids)
    assert _is_collected("tests/test_engine.py::test_bad", ids)
    assert not _is_collected("tests/test_scenarios.py::test_scenario[pain-ni]", ids)
    assert not _is_collected("tests/test_scenarios.py::test_scenari", ids)
    assert not _is_collected("tests/test_engine.py::test_bad[a]", ids)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["id"] for s in SCENARIOS])
def test_scenario_plans_keep_to_the_daily_limits(scenario):
    """Hazard 'plan-too-long': every scenario's plan for today holds at most MAX_TODAY techniques and
    MAX_MINUTES minutes a day, counted again here from each item's dose (staying active is not counted)."""
    plan = assess(copy.deepcopy(scenario["answers"]))
    exercises = load().exercises
    today = [item["exercise"] for phase in plan["phases"] for item in phase["items"]]
    minutes = sum(daily_minutes(exercises[i]["dosage"]) for i in today if exercises[i]["type"] != "general")
    assert len(today) <= MAX_TODAY, f"{len(today)} techniques today: {today}"
    assert plan["minutes"] <= MAX_MINUTES and minutes <= MAX_MINUTES, f"{minutes:.1f} minutes a day: {today}"


def test_view_reads_the_content_root_it_is_given(content_copy):
    content_copy.edit("hazards.json", lambda log: log["hazards"][0].update(title="A title only this copy has"))
    view = safety_case_view(content_copy.root)
    assert view["hazards"][0]["title"] == "A title only this copy has"
    assert len(view["scenarios"]) == len(SCENARIOS)
    assert safety_case_view()["hazards"][0]["title"] == HAZARDS[0]["title"]


def _sections(html, tag, prefix):
    """Each <tag id="prefix-..."> element's id suffix to its HTML (up to the next one)."""
    starts = [(m.start(), m.group(1)) for m in re.finditer(rf'<{tag}\b[^>]*\bid="{prefix}-([a-z0-9-]+)"', html)]
    ends = [s for s, _ in starts[1:]] + [len(html)]
    return {name: html[start:end] for (start, name), end in zip(starts, ends, strict=True)}


def test_page_shows_every_hazard_and_every_scenario_with_its_actual_status(built_site):
    html = built_site.joinpath(*PAGE).read_text(encoding="utf-8")
    hazards = _sections(html, "h3", "hazard")
    assert list(hazards) == [h["id"] for h in HAZARDS]
    for hazard in HAZARDS:
        text = unescape(re.sub(r"<[^>]+>", "", hazards[hazard["id"]]))
        assert hazard["title"] in text and all(t in text for t in hazard["tests"]), hazard["id"]
    shown = _sections(html, "details", "scenario")
    assert list(shown) == [s["id"] for s in SCENARIOS]
    problems = []
    for scenario in SCENARIOS:
        status = assess(copy.deepcopy(scenario["answers"]))["status"]
        section = shown[scenario["id"]]
        page_status = re.search(r'class="ub-status" data-status="([a-z]+)"', section)
        if not page_status or page_status.group(1) != status:
            shown_status = page_status and page_status.group(1)
            problems.append(f"{scenario['id']}: the page shows {shown_status}, the engine gives {status}")
        if scenario["person"] not in unescape(section):
            problems.append(f"{scenario['id']}: the person is not shown")
    assert not problems, "\n".join(problems)


def test_clinicians_page_links_to_the_safety_case_and_the_nav_lists_it(built_site):
    index = built_site.joinpath("clinicians", "index.html").read_text(encoding="utf-8")
    assert 'href="safety-case/"' in index
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "clinicians/safety-case.md" in config
