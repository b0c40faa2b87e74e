"""The standard library the browser really needs: the build publishes only these modules of Pyodide's (precompiled)
standard library, listed in requirements/pyodide-stdlib.txt.

The list comes from a trace under Node (tools/trace_stdlib.py, tools/trace_stdlib.mjs): Pyodide is started the way
the browser's worker starts it (the engine's lock file, its two packages), then `import upperback.browser, segno`,
then every op of upperback.browser.OPS runs once on real data (a plan, a session and its log, a reminder, a
handout and its QR code), and the modules Python then holds are the list. Every module any import statement of
the engine or segno names, even inside a function (a lazy import), is imported too, so a code path the ops did not
take still finds its modules.
Why a checked-in list and not a trace in every build: starting Pyodide and running the ops adds ~10 s to each
build and the same trace to each test run; a list is reviewable (a new standard-library import shows up as a diff),
and tests/test_pyodide_stdlib.py retraces and fails, naming the module, when the list is out of date.
"""
import json
import subprocess
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIST = ROOT / "requirements" / "pyodide-stdlib.txt"
TRACER = ROOT / "tools" / "trace_stdlib.mjs"  # it runs tools/trace_stdlib_pyodide.py in Pyodide
HEADER = ("# The standard-library files of Pyodide's python_stdlib.zip the browser loads (hooks/pyodide_stdlib.py).\n"
          "# Written by tools/trace_stdlib.py; tests/test_pyodide_stdlib.py retraces and compares. Do not edit.\n")


def listed(path=LIST):
    """The names in the list: paths inside python_stdlib.zip, as the source archive names them (.py)."""
    return {line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def trim(compiled, target, names):
    """A copy of the compiled archive holding only the listed modules (each .py name stands for its .pyc), stored
    uncompressed: the host's brotli or gzip then compresses the whole file at once (brotli: 1.19 MB against 1.71 MB
    for the same files deflated one by one; gzip 1.65 against 1.71), and zipimport reads it without inflating."""
    wanted = {name + "c" if name.endswith(".py") else name for name in names}
    with zipfile.ZipFile(compiled) as archive_in, zipfile.ZipFile(target, "w") as archive_out:
        present = set(archive_in.namelist())
        missing = sorted(wanted - present)
        if missing:
            raise RuntimeError(f"{LIST.name} names files Pyodide's standard library does not have: {missing[:5]}; "
                               "run tools/trace_stdlib.py")
        for info in archive_in.infolist():
            if info.filename in wanted:
                archive_out.writestr(info, archive_in.read(info), compress_type=zipfile.ZIP_STORED)


def requests():
    """One request for each op in upperback.browser.OPS, in the order a person meets them, each on real data made by
    the one before (run here through CPython to build the chain; the trace replays it in Pyodide)."""
    from upperback import browser

    def ask(request):
        reply = json.loads(browser.handle(json.dumps(request)))
        if not reply["ok"]:
            raise RuntimeError(f"the trace's {request['op']} request failed: {reply}")
        chain.append(request)
        return reply

    chain = []
    today, now, site = "2026-11-24", "2026-11-24T09:00:00.000Z", "http://127.0.0.1:8000/"
    answers = {"red_flags": {}, "conditions": {}, "pain": 4, "age_band": "20-49", "pain_duration": "over-12-weeks",
               "checks": {"wall-test": "gap"}}
    ask({"op": "next_step", "step": "warning-signs", "answers": answers})
    ask({"op": "measure", "check": "single-leg-stance-check", "trials": {"left": [30], "right": [28]},
         "age_band": "20-39"})
    answers["measures"] = {"forward-head-photo": {"value": [47.5]}}
    plan = ask({"op": "assess", "answers": answers})["plan"]
    fragment = plan["share"][plan["share"].index("#"):]
    ask({"op": "link", "fragment": fragment})
    started = ask({"op": "session_start", "fragment": fragment, "log": "", "today": today, "now": now, "timer": "15"})
    head = {key: started["session"][key] for key in ("id", "date", "source", "fixed")}
    log = ""
    for item in started["session"]["items"]:
        record = {"slot": item["slot"], "exercise": item["exercise"], "dose": item["dose"], "base": item["base"],
                  "outcome": "done", "pain": 2, "stop_reason": None}
        log = ask({"op": "session_record", "log": log, "session": head, "item": record, "fragment": fragment})["log"]
    ask({"op": "session_summary", "fragment": fragment, "log": log, "today": today, "id": head["id"]})
    log = ask({"op": "session_morning", "log": log, "date": today, "worse": False})["log"]
    first = started["session"]["items"][0]
    back = {"op": "session_add_back", "log": log, "source": head["source"], "slot": first["slot"], "now": now}
    log = ask(back)["log"]
    log = ask({"op": "reminder_make", "log": log, "days": ["MO", "TH"], "time": "18:30", "today": today, "now": now,
               "site_url": site})["log"]
    log = ask({"op": "reminder_remove", "log": log, "now": now})["log"]
    ask({"op": "adherence", "log": log, "today": today})
    entry = {"date": today, "checks": {"wall-test": "gap"}, "pain": 4, "activities": [{"name": "Driving", "score": 4}]}
    store = ask({"op": "progress_add", "store": "", "entry": entry, "today": today})["store"]
    ask({"op": "progress_report", "store": store, "today": today})
    summary = ask({"op": "summary_make", "store": store, "log": log, "today": today})["share"]
    ask({"op": "summary_open", "fragment": summary[summary.index("#"):]})
    exported = ask({"op": "progress_export", "store": store, "sessions": log, "timer": "15"})["file"]
    ask({"op": "progress_import", "store": "", "file": exported, "today": today})
    ask({"op": "sessions_import", "log": "", "file": exported})
    first = {
        "date": "2026-11-02",
        "answers": {**answers, "red_flags": {}},
        "activities": [{"name": "Driving", "score": 4}],
    }
    started = ask({"op": "progress_add", "store": "", "entry": first, "today": today})["store"]
    checkin = {
        "date": "2026-11-09",
        "pain_now": 3,
        "pain_worst": 4,
        "activities": [{"name": "Driving", "score": 6}],
        "global": "same",
        "something_new": False,
        "sessions": {"done": 2, "planned": 3},
    }
    weekly = ask({"op": "weekly_add", "weekly": "", "checkin": checkin, "today": today})["text"]
    ask({"op": "weekly_view", "store": started, "weekly": weekly, "log": log, "today": today})
    ask({"op": "weekly_offer", "store": started, "weekly": weekly, "today": today})
    ask({"op": "retailor", "start": first, "weeks": [checkin], "log": log, "today": today})
    ask({"op": "weekly_import", "weekly": "", "file": exported, "today": today})
    ask({"op": "date_bounds", "today": today})
    from upperback import storage

    backup = {"key": storage.PROGRESS_KEY + storage.BACKUP_INFIX + "1795000000000", "size": len(store)}
    ask({"op": "storage_summary", "saved": {"entries": 1, "sessions": 1, "backups": [backup]}, "weekly": weekly,
         "draft": "{}", "last_export": today})
    ask({"op": "durability", "persisted": False, "last_export": None, "today": today})
    ask({"op": "calendar", "due": "2026-12-08", "site_url": site, "now": now})
    state = {"items": [{"exercise": "band-row", "dosage": {"sets": 3}}], "note": "Twice a day, gently.", "name": "Sam"}
    view = ask({"op": "programme_view", "state": state})["view"]
    ask({"op": "dose_check", "field": "sets", "value": "3"})
    ask({"op": "programme_make", "state": state, "site": site})
    link = view["share"]
    ask({"op": "programme_link", "fragment": link[link.index("#") :]})
    ask({"op": "qr", "text": site + link})
    missing = set(browser.OPS) - {request["op"] for request in chain}
    if missing:
        raise RuntimeError(f"the trace runs no request for {sorted(missing)}: add one to requests()")
    return chain


def trace(pyodide_dir, full_stdlib):
    """What Pyodide holds after the real start path and every op: {"files": the standard-library files, sorted;
    "failed": requests that did not succeed there; "absent": names imported nowhere (attributes, build-time
    packages); "ours": the engine's and segno's modules loaded}. pyodide_dir: a built site's Pyodide folder."""
    settings = {"pyodideDir": str(pyodide_dir), "stdlib": str(full_stdlib), "requests": requests()}
    result = subprocess.run(
        ["node", str(TRACER)], input=json.dumps(settings), capture_output=True, text=True, cwd=ROOT, timeout=600
    )
    if result.returncode:
        raise RuntimeError(f"the standard-library trace failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)
