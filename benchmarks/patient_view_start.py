"""Patient view on a slow line, in headless Debian chromium against the built site: from navigation to the first
technique's title and picture on screen (build-time blocks, before the engine), and to the engine's check of the
link (the QR code drawn), at 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency, with an empty cache. Prints figures
(a benchmark, not a timed test).

Usage: .venv/bin/python benchmarks/patient_view_start.py --site DIR [--runs 3]
"""
import argparse
import functools
import http.server
import json
import statistics
import sys
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from chromium import EXECUTABLE, FLAGS  # noqa: E402

sys.path.insert(0, str(ROOT / "src"))
from upperback import handout  # noqa: E402

LINE = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
STATE = {"items": [{"exercise": "band-row", "dosage": {"sets": 3, "reps": 12, "per_week": 2}},
                   {"exercise": "lying-chin-tuck"}, {"exercise": "doorway-pec-stretch"}], "note": "", "name": "Sam"}


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def once(browser, url):
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", LINE)
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(".ub-handout-items > .ub-handout-item h3", timeout=600000)
    first = time.perf_counter() - start
    page.wait_for_selector(".ub-handout .ub-qr svg", timeout=600000)
    checked = time.perf_counter() - start
    context.close()
    return first, checked


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=args.site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/" + handout.patient_view(STATE)["share"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=EXECUTABLE, args=FLAGS)
        runs = [once(browser, url) for _ in range(args.runs)]
        browser.close()
    server.shutdown()
    print(json.dumps({"line": "1.6 Mbit/s down, 150 ms", "runs": args.runs,
                      "first_technique_s": round(statistics.median(r[0] for r in runs), 2),
                      "engine_checked_s": round(statistics.median(r[1] for r in runs), 2)}, indent=2))


if __name__ == "__main__":
    main()
