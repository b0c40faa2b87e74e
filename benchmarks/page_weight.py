"""Bytes on the wire for /assessment/ in headless Debian chromium, counted by the local server itself, so every
request is seen (the page's, the engine worker's and the service worker's). Prints figures; asserts nothing.

- First visit, in a new browser: from the first request until the engine is ready and the offline copy is complete
  (the service worker installed, the engine's files in their cache). Split into the parts of the engine (wasm,
  loader, standard library, engine wheel, segno, lock file, the engine's worker script), the service worker's own
  scripts and its install (the precache: pages and assets for offline use), and the page with its assets.
- Repeat visit, in the same browser: what still goes to the network, for the engine's files (goal 0) and in all.
Each file's compressed size is given as a host serving it compressed would send it: gzip level 9 and brotli
quality 11 (Node's zlib, which has both); the local server itself sends files as they are.

Usage: .venv/bin/python benchmarks/page_weight.py [--site BUILT_SITE]   (benchmarks/assessment_speed.py runs it too)
"""
import argparse
import functools
import http.server
import json
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from chromium import EXECUTABLE, FLAGS  # noqa: E402

# Which part of the first visit a file belongs to, by its path (the first match wins).
PARTS = (
    ("wasm", r"/pyodide\.asm\.wasm$"),
    ("loader", r"/pyodide(\.asm)?\.mjs$"),
    ("standard library", r"/python_stdlib[^/]*\.zip$"),
    ("engine wheel", r"/upperback-[^/]*\.whl$"),
    ("segno", r"/segno-[^/]*\.whl$"),
    ("lock file", r"/(upperback|pyodide)-lock\.json$"),
    ("engine worker script", r"/assessment-worker\.mjs$"),
    ("service worker scripts", r"/(sw|sw-engine|workbox-[^/]*)\.js$"),
)
ENGINE_PARTS = ("wasm", "loader", "standard library", "engine wheel", "segno", "lock file", "engine worker script")
INSTALL = "service worker install (precache)"
PAGE = "page and its assets"
SIZES = """const { readFileSync } = require("node:fs");
const zlib = require("node:zlib");
const out = {};
for (const file of JSON.parse(readFileSync(0, "utf8"))) {
  const data = readFileSync(file);
  out[file] = [data.length, zlib.gzipSync(data, { level: 9 }).length, zlib.brotliCompressSync(data, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }).length];
}
process.stdout.write(JSON.stringify(out));"""


def precaching(headers):
    """Whether a request is the service worker's install: Workbox fetches each precached file past the HTTP cache
    (cache mode "reload", sent as Cache-Control: no-cache) from the worker script (the Referer)."""
    referer = urlsplit(headers.get("Referer", "")).path
    return headers.get("Cache-Control", "") == "no-cache" and referer.endswith("/sw.js")


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site with a cache lifetime (so a warm visit can use the HTTP cache, as on GitHub Pages) and
    notes each response's path and body size."""
    served = []
    lock = threading.Lock()

    def end_headers(self):
        self.send_header("Cache-Control", "public, max-age=3600")
        super().end_headers()

    def send_header(self, keyword, value):
        if keyword.lower() == "content-length" and self.command == "GET":
            with self.lock:
                self.served.append((self.path, int(value), precaching(self.headers)))
        super().send_header(keyword, value)

    def log_message(self, *args):
        pass


def serve(site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(CountingHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def part_of(path, install=False):
    if install:
        return INSTALL
    clean = urlsplit(path).path
    return next((name for name, pattern in PARTS if re.search(pattern, clean)), PAGE)


def site_file(site, path):
    clean = unquote(urlsplit(path).path).lstrip("/")
    target = Path(site) / clean
    return target / "index.html" if target.is_dir() else target


def compressed_sizes(files):
    result = subprocess.run(["node", "-e", SIZES], input=json.dumps(sorted(set(map(str, files)))), capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout)


def engine_file_count(site):
    text = (Path(site) / "sw-engine.js").read_text()
    return len(json.loads(text.split("const ENGINE_FILES = ", 1)[1].split(";\n", 1)[0])) + 1  # and the worker script


def wait_ready(page):
    page.wait_for_function("() => performance.getEntriesByName('ub-engine-ready').length > 0", timeout=180000)


def wait_offline_copy(page, site):
    """Until the service worker controls the page and holds every engine file: the first visit is complete."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60000)
    page.wait_for_function("""wanted => caches.keys().then(async (names) => {
        const name = names.find((n) => n.startsWith('upperback-engine-'));
        return name && (await (await caches.open(name)).keys()).length === wanted; })""",
                           arg=engine_file_count(site), timeout=180000)


def first_and_repeat(browser, base, site):
    """The (path, bytes) the server sent on a first visit to /assessment/ and on a repeat visit. The browser has a
    profile of its own on disk, as a person's does: an incognito-like context keeps its HTTP cache in memory and
    does not keep a file as large as the wasm, so the service worker would fetch it again."""
    profile = tempfile.TemporaryDirectory()
    context = browser.browser_type.launch_persistent_context(profile.name, executable_path=EXECUTABLE,
                                                              args=FLAGS)
    page = context.new_page()
    CountingHandler.served.clear()
    page.goto(base + "/assessment/")
    wait_ready(page)
    wait_offline_copy(page, site)
    page.wait_for_timeout(1000)  # let the last responses finish
    first = list(CountingHandler.served)
    page.close()
    CountingHandler.served.clear()
    again = context.new_page()
    again.goto(base + "/assessment/")
    wait_ready(again)
    again.wait_for_timeout(1000)
    repeat = list(CountingHandler.served)
    context.close()
    profile.cleanup()
    return first, repeat


def summarise(site, first, repeat):
    sizes = compressed_sizes(site_file(site, path) for path, *_ in first)

    def add(total, path, sent):
        raw, gz, br = sizes[str(site_file(site, path))]
        whole = sent == raw  # a complete file (not a 304 or a range): its compressed sizes apply
        for key, value in (("raw", sent), ("gzip", gz if whole else sent), ("brotli", br if whole else sent)):
            total[key] = total.get(key, 0) + value

    parts, everything = {}, {}
    for path, sent, install in first:
        add(parts.setdefault(part_of(path, install), {}), path, sent)
        add(everything, path, sent)
    engine = {}
    for name in ENGINE_PARTS:
        for key, value in parts.get(name, {}).items():
            engine[key] = engine.get(key, 0) + value
    repeat_engine = sum(sent for path, sent, _ in repeat if part_of(path) in ENGINE_PARTS)
    return {
        "first_visit_bytes": everything,
        "first_visit_without_service_worker_install": {key: value - parts.get(INSTALL, {}).get(key, 0)
                                                       for key, value in everything.items()},
        "first_visit_engine_files": engine,
        "first_visit_breakdown": {name: parts.get(name, {"raw": 0, "gzip": 0, "brotli": 0})
                                  for name in (*ENGINE_PARTS, PAGE, "service worker scripts", INSTALL)},
        "service_worker_install_bytes": {key: parts.get(INSTALL, {}).get(key, 0) +
                                         parts.get("service worker scripts", {}).get(key, 0)
                                         for key in ("raw", "gzip", "brotli")},
        "repeat_visit_network_bytes": {"engine_files": repeat_engine, "all": sum(sent for _, sent, _ in repeat),
                                       "requests": len(repeat)},
    }


def measure(browser, site):
    server, base = serve(site)
    try:
        first, repeat = first_and_repeat(browser, base, site)
    finally:
        server.shutdown()
    return summarise(site, first, repeat)


def main():
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--site", help="a built site (default: build one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(args.site or Path(tmp) / "site")
        if not args.site:
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                           cwd=ROOT, check=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=EXECUTABLE, args=FLAGS)
            figures = measure(browser, site)
            browser.close()
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
