"""Guided session start in headless Debian chromium against the built site on localhost. Prints figures (a benchmark,
not a timed test).

Once the engine is ready on /session/ (opened from the example plan: "None of these apply to me" and nothing else,
so band row, band side raise and shrug, lying chin tuck):
- start to first cue: from pressing "Start the session" to the first exercise's first cue on screen (the next
  frame drawn after it is in the page); no engine request is on this path;
- opening the list: the engine's session_start reply (today's doses from the session log), with an empty log and
  with a log of 90 earlier sessions, as the page asks it before it can offer "Start the session".

Usage: .venv/bin/python benchmarks/session_start.py [--runs 30] [--site DIR]   (without --site the site is built)
"""
import argparse
import datetime
import functools
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from chromium import EXECUTABLE, FLAGS  # noqa: E402

sys.path.insert(0, str(ROOT / "src"))
from upperback import plan, session  # noqa: E402

LINK = plan.assess({"red_flags": {}})["session"]["href"]
FIRST_CUE = """async () => {
  const button = document.querySelector("[data-action=begin]");
  const cue = document.querySelector(".ub-step-cue");
  cue.textContent = "";
  const start = performance.now();
  button.click();
  if (!cue.textContent || document.querySelector("[data-screen=exercise]").hidden) throw new Error("no cue");
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return performance.now() - start;
}"""
OPEN = """async (log) => {
  const start = performance.now();
  const reply = await window.UpperBackEngine.ask({ op: "session_start", fragment: location.hash, log,
    today: "2026-12-31", now: "2026-12-31T09:00:00.000Z" });
  if (!reply.ok || !reply.session) throw new Error(JSON.stringify(reply));
  return performance.now() - start;
}"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def long_log(days=90):
    """90 days of the example session, each exercise done at 1/10."""
    log, fragment = "", LINK[LINK.index("#"):]
    for n in range(days):
        day = (datetime.date(2026, 10, 1) + datetime.timedelta(days=n)).isoformat()
        reply = session.start(fragment, log, day, f"{day}T09:00:00Z")
        head = {k: reply["session"][k] for k in ("id", "date", "source", "fixed")}
        for item in reply["session"]["items"]:
            record = {"slot": item["slot"], "exercise": item["exercise"], "dose": item["dose"], "base": item["base"],
                      "outcome": "done", "pain": 1, "stop_reason": None}
            log = session.record(log, head, record, fragment)["log"]
    return log


def stats(values):
    values = sorted(values)
    return {"median": round(statistics.median(values), 1), "p95": round(values[int(0.95 * (len(values) - 1))], 1),
            "max": round(values[-1], 1)}


def measure(site, runs):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{LINK}"
    history = long_log()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=EXECUTABLE, args=FLAGS)
        page = browser.new_page()
        page.goto(url)
        page.wait_for_selector("#ub-session[data-engine=ready] [data-screen=overview]:not([hidden])", timeout=120000)
        first_cue = []
        for _ in range(runs):
            first_cue.append(page.evaluate(FIRST_CUE))
            page.evaluate("document.querySelector('[data-screen=exercise]').hidden = true; "
                          "document.querySelector('[data-screen=overview]').hidden = false")
        sessions = f"{len(json.loads(history)['sessions'])} sessions"
        opening = {"empty log": [page.evaluate(OPEN, "") for _ in range(runs)],
                   sessions: [page.evaluate(OPEN, history) for _ in range(runs)]}
        browser.close()
    server.shutdown()
    return {"runs": runs, "start_to_first_cue_ms": stats(first_cue),
            "open_list_ms": {name: stats(values) for name, values in opening.items()}}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--site", help="a built site to use instead of building one")
    args = parser.parse_args()
    if args.site:
        print(json.dumps(measure(Path(args.site), args.runs), indent=2))
        return
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                       cwd=ROOT, check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"})
        print(json.dumps(measure(site, args.runs), indent=2))


if __name__ == "__main__":
    main()
