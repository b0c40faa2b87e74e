"""The same requests through CPython and through real Pyodide (Node.js, offline) give identical replies."""
import json
import random
import subprocess

from helpers import ROOT
from upperback.browser import handle
from upperback.content import load

CONTENT = load()


def request_vectors():
    rng = random.Random(2026)
    vectors = [{"op": "assess", "answers": {"red_flags": {f: True}, "pain": 5}} for f in CONTENT.red_flags]
    vectors += [
        {"op": "assess", "answers": {"checks": {c["id"]: o["id"]}, "pain": 2}}
        for c in CONTENT.checks.values()
        for o in c["outcomes"]
    ]
    for _ in range(40):
        checks = {c["id"]: rng.choice(c["outcomes"])["id"] for c in CONTENT.checks.values() if rng.random() < 0.6}
        flags = {f: True for f in CONTENT.red_flags if rng.random() < 0.05}
        answers = {
            "checks": checks,
            "red_flags": flags,
            "pain": rng.randint(0, 10),
            "age_band": rng.choice(["under-20", "20-49", "50-plus"]),
            "pain_duration": rng.choice(["under-6-weeks", "over-12-weeks"]),
        }
        vectors.append({"op": "assess", "answers": answers})
    vectors += [
        {"op": "assess", "answers": {"pain": 99}},
        {"op": "assess", "answers": {"checks": {"wall-test": "<img src=x onerror=alert(1)>"}}},
        {"op": "link", "fragment": "#a=not*base64"},
        {"op": "link", "fragment": "#something-else"},
    ]
    plan = json.loads(handle(json.dumps(vectors[-10])))["plan"]
    vectors.append({"op": "link", "fragment": plan["share"].split("#", 1)[1]})
    first = {
        "date": "2026-11-01",
        "checks": {"wall-test": "gap"},
        "pain": 6,
        "activities": [{"name": "Driving", "score": 3}],
    }
    second = {
        "date": "2026-11-15",
        "checks": {"wall-test": "touches"},
        "pain": 3,
        "activities": [{"name": "Driving", "score": 7}],
    }
    store = json.loads(handle(json.dumps({"op": "progress_add", "store": "", "entry": first})))["store"]
    store = json.loads(handle(json.dumps({"op": "progress_add", "store": store, "entry": second})))["store"]
    vectors += [
        {"op": "progress_add", "store": "", "entry": first},
        {"op": "progress_report", "store": store, "today": "2026-12-01"},
        {"op": "progress_report", "store": "{{ damaged", "today": "2026-12-01"},
        {"op": "progress_import", "store": "", "file": store},
        {"op": "progress_import", "store": store, "file": "not json"},
        {"op": "progress_export", "store": store},
        {"op": "calendar", "due": "2026-11-29", "site_url": "http://127.0.0.1/", "now": "2026-12-01T09:30:00+00:00"},
        {
            "op": "programme_view",
            "state": {
                "items": [{"exercise": "band-row", "dosage": {"sets": 3}}, {"exercise": "nope"}],
                "note": "hi",
                "name": "Sam",
            },
        },
        {"op": "programme_link", "fragment": "#p=%%%"},
        {"op": "qr", "text": "http://127.0.0.1:8000/clinicians/patient/#p=eyJ2IjoxfQ"},
    ]
    return vectors


def test_pyodide_gives_identical_replies(built_site):
    vectors = request_vectors()
    base = next((built_site / "pyodide").iterdir())
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "support" / "pyodide_runner.mjs"), f"{base}/"],
        input=json.dumps(vectors),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    output = json.loads(result.stdout)
    assert output["python"].startswith("3."), output["python"]
    expected = [json.loads(handle(json.dumps(v))) for v in vectors]
    assert output["replies"] == expected
    assert sum(1 for r in expected if not r["ok"]) == 6  # the bad inputs really were errors, in both
