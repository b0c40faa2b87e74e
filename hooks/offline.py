"""MkDocs hook (mkdocs.yml hooks): the Content-Security-Policy of every page and the offline service worker.

It runs after the plugins, so on_post_build sees the finished site with Pyodide's files in it (engine_files.py,
the hook before it, publishes them). Then:
0. the web app manifest and its icons are written (app_manifest.py), so that the service worker precaches them;
1. every page gets its policy with the hashes of the inline scripts (csp.py);
2. every page gets the site's version (a hash of what is published), which docs/javascripts/offline.js compares
   with the last one seen to say, quietly, that the guide was updated;
3. Workbox writes sw.js (tools/service_worker.mjs); any file it would leave out stops the build.
Under `mkdocs serve` there is no service worker: the build writes one that removes any worker a built copy of the
site left on the same address, and offline.js registers nothing.
"""
import hashlib
import json
import logging
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "service_worker.mjs"
VERSION_PLACEHOLDER = "__UB_SITE_VERSION__"
CACHE_PREFIX = "upperback"
HELPER = "sw-engine.js"
ENGINE_WORKER = "javascripts/assessment-worker.mjs"  # started by docs/javascripts/engine.js
if str(ROOT) not in sys.path:  # `from hooks import ...` below, however mkdocs was started
    sys.path.insert(0, str(ROOT))
# What offline.js shows, once, on the first page of a new version, and its button.
UPDATED = "The guide was updated to its latest version. Your saved progress is unchanged."
DISMISS = "Dismiss"
# The files the engine's worker loads (assessment-worker.mjs); Pyodide's full lock and its source-only standard
# library are published beside them but never loaded.
NOT_LOADED = {"pyodide-lock.json", "python_stdlib.zip"}

# Under serve, the page's policy allows inline scripts (MkDocs injects its live-reload script), and this worker
# replaces any real one: it deletes the guide's caches, unregisters itself and reloads the open pages.
SERVE_WORKER = f"""// Written by `mkdocs serve` (hooks/offline.py): no offline copy while editing.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil((async () => {{
  for (const name of await caches.keys()) if (name.startsWith("{CACHE_PREFIX}-")) await caches.delete(name);
  await self.registration.unregister();
  for (const client of await self.clients.matchAll({{ type: "window" }})) client.navigate(client.url);
}})()));
"""

_command = {"name": "build"}
log = logging.getLogger("mkdocs.hooks.offline")


def on_startup(command, dirty):
    _command["name"] = command


def serving():
    return _command["name"] == "serve"


def on_config(config):
    """What overrides/main.html prints: the policy (hashes filled in after the build), the offline settings and
    the links to the web app manifest."""
    from hooks import app_manifest, csp, pyodide_files

    config.extra["ub_app"] = {"manifest": app_manifest.MANIFEST, "apple_touch_icon": app_manifest.APPLE_TOUCH_ICON,
                              "theme_colour": app_manifest.theme_colour()}
    config.extra["ub_offline"] = {
        "csp": csp.template(),
        "serve": serving(),
        "version": VERSION_PLACEHOLDER,
        "updated": UPDATED,
        "dismiss": DISMISS,
        "engine": pyodide_files.site_path(),
    }
    return config


def site_version(site_dir):
    """A short hash of every published file, the engine's included, so a new version has a new value."""
    digest = hashlib.sha256()
    for path in sorted(Path(site_dir).rglob("*")):
        if path.is_file() and path.name not in ("sw.js", HELPER) and not path.name.startswith("workbox-"):
            digest.update(str(path.relative_to(site_dir)).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def engine_cache_name(site_dir, engine_dir, pyodide_version):
    """Named by the Pyodide version and the engine's: its wheel version and a hash of its lock file (which lists
    the sha256 of every wheel) and of the worker script."""
    digest = hashlib.sha256((engine_dir / "upperback-lock.json").read_bytes())
    digest.update((Path(site_dir) / ENGINE_WORKER).read_bytes())
    wheel = next(engine_dir.glob("upperback-*.whl")).name.split("-")[1]
    return f"{CACHE_PREFIX}-engine-pyodide-{pyodide_version}-upperback-{wheel}-{digest.hexdigest()[:12]}"


def write_service_worker(site_dir):
    from hooks import pyodide_files

    if shutil.which("node") is None:
        raise RuntimeError("node was not found on PATH; the build needs it for the service worker (Workbox)")
    engine_path = pyodide_files.site_path()
    engine_dir = Path(site_dir) / engine_path
    files = sorted(path.name for path in engine_dir.iterdir() if path.is_file() and path.name not in NOT_LOADED)
    settings = {
        "siteDir": str(site_dir),
        "enginePath": engine_path,
        "engineWorker": ENGINE_WORKER,
        "engineCache": engine_cache_name(site_dir, engine_dir, pyodide_files.version()),
        "engineFiles": [engine_path + name for name in files],
        "cachePrefix": CACHE_PREFIX,
        "helper": HELPER,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(settings, handle)
    try:
        result = subprocess.run(["node", str(SCRIPT), handle.name], cwd=ROOT, capture_output=True, text=True)
    finally:
        Path(handle.name).unlink()
    if result.returncode:
        raise RuntimeError(f"the service worker was not written (tools/service_worker.mjs):\n{result.stderr[-2000:]}")
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    if summary["warnings"]:  # e.g. a file over the size limit, which Workbox would leave out of the precache
        raise RuntimeError("Workbox: " + "\n".join(summary["warnings"]))
    return {**summary, "engine_cache": settings["engineCache"], "engine_files": len(files)}


def on_post_build(config):
    from hooks import app_manifest, csp

    site_dir = Path(config["site_dir"])
    try:
        app_manifest.write(site_dir, config["site_name"], config["site_description"])
        policy, hashes = csp.finish(site_dir, serve=serving())
        log.info("Content-Security-Policy: %d inline-script hashes", hashes)
        version = site_version(site_dir)
        for page in csp.pages(site_dir):
            text = page.read_text(encoding="utf-8")
            if VERSION_PLACEHOLDER in text:
                page.write_text(text.replace(VERSION_PLACEHOLDER, version), encoding="utf-8")
        if serving():
            (site_dir / "sw.js").write_text(SERVE_WORKER, encoding="utf-8")
        else:
            made = write_service_worker(site_dir)
            log.info("service worker: %d files precached (%d bytes); engine cache %s (%d files, on first use)",
                     made["count"], made["size"], made["engine_cache"], made["engine_files"])
    except RuntimeError as error:  # a missing tool or a failed step: say which, without a traceback
        raise PluginError(str(error)) from error
