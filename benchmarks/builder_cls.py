"""Layout shift of the programme builder as it loads, in headless Debian chromium against the built site: the
cumulative layout shift (CLS: the largest session window of layout-shift entries without recent input, as web-vitals
counts it) from navigation until 2 s after the engine is ready, on a phone (390 x 844, 3x, touch) and a desktop
(1280 x 800), measured with a PerformanceObserver. Prints figures (a benchmark, not a timed test); the target is at
most 0.02 on the phone.

Usage: .venv/bin/python benchmarks/builder_cls.py --site DIR [--runs 3] [--page clinicians/builder/]
"""
import argparse
import functools
import http.server
import json
import statistics
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from chromium import EXECUTABLE, FLAGS  # noqa: E402

DEVICES = {"phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True,
                     "has_touch": True},
           "desktop": {"viewport": {"width": 1280, "height": 800}}}
# Runs before any page script: collects every layout-shift entry from the start of the load.
OBSERVE = """
window.__shifts = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__shifts.push({
  value: e.value, time: e.startTime, input: e.hadRecentInput,
  sources: (e.sources || []).map((s) => s.node ? (s.node.id || s.node.className || s.node.nodeName) : "?")
    .slice(0, 3) });
}).observe({ type: "layout-shift", buffered: true });
"""
CLS = """() => {
  let best = 0, current = 0, first = 0, last = 0;
  for (const s of window.__shifts.filter((s) => !s.input)) {
    if (current && (s.time - last > 1000 || s.time - first > 5000)) { current = 0; }
    if (!current) first = s.time;
    current += s.value; last = s.time; best = Math.max(best, current);
  }
  return { cls: best, shifts: window.__shifts };
}"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def once(browser, url, device):
    context = browser.new_context(**DEVICES[device])
    context.add_init_script(OBSERVE)
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("[data-engine=ready]", timeout=120000)
    page.wait_for_timeout(2000)
    result = page.evaluate(CLS)
    context.close()
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--page", default="clinicians/builder/")
    parser.add_argument("--sources", action="store_true", help="print what moved in the last run")
    args = parser.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=args.site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{args.page}"
    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=EXECUTABLE, args=FLAGS)
        for device in DEVICES:
            runs = [once(browser, url, device) for _ in range(args.runs)]
            out[device] = {
                "cls_median": round(statistics.median(r["cls"] for r in runs), 4),
                "cls_max": round(max(r["cls"] for r in runs), 4),
            }
            if args.sources:
                out[device]["shifts"] = [
                    {k: (round(v, 4) if k == "value" else v) for k, v in s.items() if k != "input"}
                    for s in runs[-1]["shifts"]
                ]
        browser.close()
    server.shutdown()
    print(json.dumps({"page": args.page, "runs": args.runs, **out}, indent=2))


if __name__ == "__main__":
    main()
