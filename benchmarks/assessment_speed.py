"""Assessment speed in headless Debian chromium against the built site on localhost. Prints and writes figures.

- Navigation to "engine ready" on /assessment/ (worker + Pyodide + the engine imported from its wheel) against a
  bare page that only calls loadPyodide() from the same self-hosted files. Cold: the first visit, in a browser
  profile of its own on disk; warm: the second visit, once the first is complete (for our page, once the service
  worker holds the offline copy). Aim: ours at most 1.0x the bare worker given the same standard library.
  Our page also loads Python's standard library precompiled (python_stdlib.pyc.zip, made by the build), where
  loadPyodide() alone loads Pyodide's source-only python_stdlib.zip. So two more pages separate the effects:
  the bare load given the same precompiled standard library (like for like: what our page itself adds), and that
  load inside a module Web Worker (what the worker alone adds). A last page starts our engine as the site does,
  with no guide page around it (ENGINE_ONLY): what the engine itself adds.
  Each is measured on the local link and on an emulated slower one (THROTTLED): on this 2-processor machine the
  local figures are bound by the processor, which a page that renders ~170 KB of HTML shares with its engine.
- Submit-to-plan latency once ready, over repeated submissions. Target: p95 under 50 ms.
- Bytes (benchmarks/page_weight.py): the first visit to /assessment/ (uncompressed, gzip and brotli), split into
  wasm, loader, standard library, engine wheel, segno, lock file, pages and assets, and the service worker's
  install; and what a repeat visit still fetches for the engine's files (goal 0).
Pages are measured in turn within each run, so a slow spell of the machine affects all of them alike.
The standard library both our page and the "same standard library" pages load is the site's trimmed, precompiled
one (hooks/pyodide_stdlib.py); the plain bare page loads Pyodide's full source-only one, copied in for it.

Usage: .venv/bin/python benchmarks/assessment_speed.py [--runs 5] [--throttled-runs 3] [--submits 60] [--out FILE]
"""
import argparse
import functools
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
import page_weight  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from chromium import EXECUTABLE, FLAGS  # noqa: E402

# The baseline: a page that only calls loadPyodide() from the same self-hosted files.
BARE_LOAD = 'await loadPyodide({ indexURL: new URL("./", self.location.href).href });'
# Like for like: the same load, given the precompiled standard library our page uses.
SAME_STDLIB_LOAD = (
    'await loadPyodide({ indexURL: new URL("./", self.location.href).href, '
    'stdLibURL: new URL("./python_stdlib.pyc.zip", self.location.href).href });'
)
PAGE = """<!doctype html><meta charset="utf-8"><title>bare</title>
<script type="module">
import { loadPyodide } from "./pyodide.mjs";
%s
performance.mark("ub-engine-ready");
</script>"""
# That load inside a module Web Worker, to separate what the worker itself costs from what our page adds.
BARE_WORKER = """<!doctype html><meta charset="utf-8"><title>bare worker</title>
<script type="module">
const worker = new Worker("./bare-worker.mjs", { type: "module" });
worker.onmessage = () => performance.mark("ub-engine-ready");
</script>"""
BARE_WORKER_SCRIPT = (
    'import { loadPyodide } from "./pyodide.mjs";\n' + SAME_STDLIB_LOAD + '\nself.postMessage("ready");'
)
# A slower link, emulated by chromium. The local server sends every file uncompressed, so these are raw bytes
# (16 MB for the engine, against about 4.5 MB from a host that compresses with brotli): read the ratios, not the times.
THROTTLED = {"offline": False, "latency": 60, "downloadThroughput": 40e6 / 8, "uploadThroughput": 10e6 / 8}
THROTTLED_WORDS = "40 Mbit/s down, 10 up, 60 ms latency; files sent uncompressed"
# Our engine started the way the site starts it (engine.js from <head>, the worker, the wheel, the import), on a page
# with nothing else: what the engine itself adds, apart from rendering a guide page beside it. It lives beside
# /assessment/ so that its addresses are that page's.
ENGINE_ONLY = """<!doctype html><meta charset="utf-8"><title>engine only</title>
<meta name="ub-engine-start" content="../%s">
<script src="../javascripts/engine.js"></script>
<script src="engine-only.js"></script>"""
ENGINE_ONLY_SCRIPT = """const base = document.querySelector('meta[name="ub-engine-start"]').content;
UpperBackEngine.start(new URL(base, location.href).href).then(() => performance.mark("ub-engine-ready"));"""
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
    # A function, not an expression: the pages' Content-Security-Policy forbids the eval an expression needs.
    page.wait_for_function("() => performance.getEntriesByName('ub-engine-ready').length > 0", timeout=180000)
    return page.evaluate("performance.getEntriesByName('ub-engine-ready')[0].startTime")


def visit(context, url, network):
    page = context.new_page()
    if network:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", network)
    return page, ready_ms(page, url)


def measure(playwright, site, urls, runs, network=None):
    """Cold and warm "engine ready" times per page; each run visits every page in turn. Each page gets a browser
    profile of its own on disk, as a person's browser has (an in-memory context does not keep a file as large as the
    wasm in its HTTP cache). Warm is the second visit once the first is complete: for our page, once the service
    worker holds the offline copy, so that its precache does not run during the warm visit."""
    times = {name: {"cold": [], "warm": []} for name in urls}
    for _ in range(runs):
        for name, url in urls.items():
            with tempfile.TemporaryDirectory() as profile:
                context = playwright.chromium.launch_persistent_context(profile, executable_path=EXECUTABLE,
                                                                        args=FLAGS)
                page, cold = visit(context, url + "?bench", network)
                if name == "ours":
                    page_weight.wait_offline_copy(page, site)
                page.close()
                warm_page, warm = visit(context, url + "?bench&warm", network)
                context.close()
            times[name]["cold"].append(cold)
            times[name]["warm"].append(warm)
    return times


def summary(times):
    median = {
        name: {cache: statistics.median(values) for cache, values in by_cache.items()}
        for name, by_cache in times.items()
    }

    def ratio(other, ours="ours"):
        return {cache: round(median[ours][cache] / median[other][cache], 3) for cache in ("cold", "warm")}

    return {
        "ready_ms_median": {
            name: {cache: round(value) for cache, value in by_cache.items()} for name, by_cache in median.items()
        },
        "ready_ms_all": {
            name: {cache: [round(v) for v in values] for cache, values in by_cache.items()}
            for name, by_cache in times.items()
        },
        "ratio_to_bare": ratio("bare"),
        "ratio_to_bare_same_stdlib": ratio("bare_same_stdlib"),
        "ratio_to_bare_same_stdlib_in_worker": ratio("bare_same_stdlib_in_worker"),
        "engine_only_ratio_to_bare_same_stdlib_in_worker": ratio("bare_same_stdlib_in_worker", "ours_engine_only"),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--throttled-runs", type=int, default=3, help="runs on the emulated slow link (0: none)")
    parser.add_argument("--submits", type=int, default=60)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "assessment_speed.json"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
            cwd=ROOT,
            check=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"},
        )
        pyodide_dir = next((site / "pyodide").iterdir())
        with sync_playwright() as p:  # before the pages below are added: the bytes of the site as published
            browser = p.chromium.launch(executable_path=EXECUTABLE, args=FLAGS)
            weight = page_weight.measure(browser, site)
            browser.close()
        pages = {
            "bare.html": PAGE % BARE_LOAD,
            "bare-same-stdlib.html": PAGE % SAME_STDLIB_LOAD,
            "bare-worker.html": BARE_WORKER,
            "bare-worker.mjs": BARE_WORKER_SCRIPT,
        }
        for name, text in pages.items():
            (pyodide_dir / name).write_text(text)
        (site / "assessment" / "engine-only.html").write_text(ENGINE_ONLY % f"pyodide/{pyodide_dir.name}/")
        (site / "assessment" / "engine-only.js").write_text(ENGINE_ONLY_SCRIPT)
        # The baseline's own standard library: the site publishes only the precompiled one.
        shutil.copyfile(ROOT / "node_modules" / "pyodide" / "python_stdlib.zip", pyodide_dir / "python_stdlib.zip")
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(CachingHandler, directory=str(site))
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        bare = f"{base}/pyodide/{pyodide_dir.name}"
        urls = {
            "ours": base + "/assessment/",
            "ours_engine_only": base + "/assessment/engine-only.html",
            "bare": bare + "/bare.html",
            "bare_same_stdlib": bare + "/bare-same-stdlib.html",
            "bare_same_stdlib_in_worker": bare + "/bare-worker.html",
        }
        with sync_playwright() as p:
            local = measure(p, site, urls, args.runs)
            throttled = measure(p, site, urls, args.throttled_runs, THROTTLED) if args.throttled_runs else None
            browser = p.chromium.launch(executable_path=EXECUTABLE, args=FLAGS)
            page = browser.new_page()
            ready_ms(page, base + "/assessment/")
            # The form shows one step at a time; its answers are set directly (the check-in's step is not shown).
            page.evaluate("""() => { document.querySelector("input[name=wall-test][value=gap]").checked = true;
                                     document.getElementById("ub-pain").value = "6"; }""")
            latencies = sorted(page.evaluate(SUBMIT) for _ in range(args.submits))
            browser.close()
        server.shutdown()

    figures = {
        **weight,
        "runs": args.runs,
        **summary(local),
        "ratio_target": 1.0,
        "throttled": {"network": THROTTLED_WORDS, "runs": args.throttled_runs, **summary(throttled)}
        if throttled else None,
        "submit_to_plan_ms": {
            "submits": args.submits,
            "median": round(statistics.median(latencies), 1),
            "p95": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
            "max": round(latencies[-1], 1),
        },
        "submit_p95_target_ms": 50,
    }
    text = re.sub(
        r"\[\s+([^\[\]]*?)\s+\]", lambda m: "[" + " ".join(m.group(1).split()) + "]", json.dumps(figures, indent=2)
    )  # lists on one line
    print(text)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text + "\n")


if __name__ == "__main__":
    main()
