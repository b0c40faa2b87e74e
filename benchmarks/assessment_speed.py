"""Assessment speed in headless Debian chromium against the built site on localhost. Prints and writes figures.

- Navigation to "engine ready" on /assessment/ (worker + Pyodide + engine wheel from the lockfile) against a bare
  page that only calls loadPyodide() from the same self-hosted files; cold cache (new browser context) and warm
  cache (second visit in the same context). Target: ours within 1.15x of bare.
  A third page runs the same bare load inside a module Web Worker, to show what the worker itself costs.
- Submit-to-plan latency once ready, over repeated submissions. Target: p95 under 50 ms.

Usage: .venv/bin/python benchmarks/assessment_speed.py [--runs 5] [--submits 60] [--out FILE]
"""
import argparse
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
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
BARE = """<!doctype html><meta charset="utf-8"><title>bare</title>
<script type="module">
import { loadPyodide } from "./pyodide.mjs";
await loadPyodide({ indexURL: new URL("./", location.href).href });
performance.mark("ub-engine-ready");
</script>"""
# The same bare load inside a module Web Worker, to separate what the worker itself costs from what our page adds.
BARE_WORKER = """<!doctype html><meta charset="utf-8"><title>bare worker</title>
<script type="module">
const worker = new Worker("./bare-worker.mjs", { type: "module" });
worker.onmessage = () => performance.mark("ub-engine-ready");
</script>"""
BARE_WORKER_SCRIPT = """import { loadPyodide } from "./pyodide.mjs";
await loadPyodide({ indexURL: new URL("./", self.location.href).href });
self.postMessage("ready");"""
SUBMIT = """async () => {
  const body = document.querySelector(".ub-plan-body");
  body.replaceChildren();
  const done = new Promise((resolve) => new MutationObserver((_, observer) => {
    if (body.querySelector("[data-status]")) { observer.disconnect(); resolve(); }
  }).observe(body, { childList: true, subtree: true }));
  const start = performance.now();
  document.getElementById("ub-assessment-form").requestSubmit();
  await done;
  return performance.now() - start;
}"""


class CachingHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Cache-Control", "public, max-age=3600")  # so a warm visit can use the HTTP cache
        super().end_headers()

    def log_message(self, *args):
        pass


def ready_ms(page, url):
    page.goto(url)
    page.wait_for_function("performance.getEntriesByName('ub-engine-ready').length > 0", timeout=120000)
    return page.evaluate("performance.getEntriesByName('ub-engine-ready')[0].startTime")


def measure(browser, url, runs):
    cold, warm = [], []
    for _ in range(runs):
        context = browser.new_context()
        page = context.new_page()
        cold.append(ready_ms(page, url))
        warm.append(ready_ms(page, url + ("&" if "?" in url else "?") + "warm"))
        context.close()
    return cold, warm


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--submits", type=int, default=60)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "assessment_speed.json"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)], cwd=ROOT, check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"})
        pyodide_dir = next((site / "pyodide").iterdir())
        (pyodide_dir / "bare.html").write_text(BARE)
        (pyodide_dir / "bare-worker.html").write_text(BARE_WORKER)
        (pyodide_dir / "bare-worker.mjs").write_text(BARE_WORKER_SCRIPT)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(CachingHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            ours_cold, ours_warm = measure(browser, base + "/assessment/?bench", args.runs)
            bare_cold, bare_warm = measure(browser, f"{base}/pyodide/{pyodide_dir.name}/bare.html?bench", args.runs)
            worker_cold, worker_warm = measure(browser, f"{base}/pyodide/{pyodide_dir.name}/bare-worker.html?bench", args.runs)
            page = browser.new_page()
            ready_ms(page, base + "/assessment/")
            page.check("input[name=wall-test][value=gap]")
            page.select_option("#ub-pain", "6")
            latencies = sorted(page.evaluate(SUBMIT) for _ in range(args.submits))
            browser.close()
        server.shutdown()

    median = statistics.median
    figures = {
        "runs": args.runs,
        "ready_ms": {
            "ours_cold_median": round(median(ours_cold)), "bare_cold_median": round(median(bare_cold)),
            "ours_warm_median": round(median(ours_warm)), "bare_warm_median": round(median(bare_warm)),
            "bare_in_worker_cold_median": round(median(worker_cold)), "bare_in_worker_warm_median": round(median(worker_warm)),
        },
        "ratio_cold": round(median(ours_cold) / median(bare_cold), 3),
        "ratio_warm": round(median(ours_warm) / median(bare_warm), 3),
        "ratio_target": 1.15,
        "ratio_to_bare_worker_cold": round(median(ours_cold) / median(worker_cold), 3),
        "ratio_to_bare_worker_warm": round(median(ours_warm) / median(worker_warm), 3),
        "submit_to_plan_ms": {"submits": args.submits, "median": round(median(latencies), 1), "p95": round(latencies[int(0.95 * (len(latencies) - 1))], 1), "max": round(latencies[-1], 1)},
        "submit_p95_target_ms": 50,
    }
    text = json.dumps(figures, indent=2)
    print(text)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text + "\n")


if __name__ == "__main__":
    main()
