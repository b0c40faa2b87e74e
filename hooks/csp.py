"""The Content-Security-Policy of every page, as a <meta> tag (a static host sets no headers).

The theme override writes the tag with a placeholder where the script hashes go (overrides/main.html); after the
build, finish() hashes every inline script that a browser would run, in every page, and writes the same list
into each page. One list for all pages, because Material's instant navigation keeps the first page's policy while
it swaps in the next page's content. Material's inline scripts are allowed by their sha256, never by
'unsafe-inline'. Scripts of a data type (application/json) are not run, so they need no hash.

A meta policy cannot set frame-ancestors, report-uri or sandbox (browsers ignore them there), and it does not
reach the Web Workers: a worker from the same origin takes its policy from its own response's headers, which a
static host does not send. Under `mkdocs serve` the live-reload script that MkDocs injects changes on every
request, so there scripts are allowed inline instead (serve_policy).
"""
import base64
import hashlib
import re
from pathlib import Path

PLACEHOLDER = "__UB_SCRIPT_HASHES__"
# Each directive and why: worker-src for the engine's module worker and Material's search worker (blob: for a
# worker built from a Blob); style-src 'unsafe-inline' because Material and the pages set style attributes and the
# assessment form has an inline <style> made from upperback.reveal; img-src data: for Material's icons in CSS and
# blob: for pictures made in the page; 'wasm-unsafe-eval' because the page compiles Pyodide's WebAssembly.
DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", f"'self' 'wasm-unsafe-eval' {PLACEHOLDER}"),
    ("worker-src", "'self' blob:"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data: blob:"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
# The types a browser runs as script; anything else in a <script> (JSON, templates) is data.
RUN_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def template():
    """The policy with the placeholder, as the theme override prints it."""
    return "; ".join(f"{name} {value}" for name, value in DIRECTIVES)


def inline_scripts(html):
    """The text of each inline script a browser would run in this page."""
    found = []
    for match in SCRIPT.finditer(html):
        attributes = match["attributes"]
        if re.search(r"\bsrc\s*=", attributes, re.I):
            continue
        kind = TYPE.search(attributes)
        kind = next((group for group in kind.groups() if group is not None), "") if kind else ""
        if kind.strip().lower() in RUN_TYPES:
            found.append(match["body"])
    return found


def script_hash(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def pages(site_dir):
    return sorted(Path(site_dir).rglob("*.html"))


def finish(site_dir, serve=False):
    """Write the policy into every built page; returns (policy, number of hashes). A page without the placeholder
    (one the theme did not render) stops the build, so no page goes out without a policy."""
    files = [path for path in pages(site_dir) if "pyodide" not in path.relative_to(site_dir).parts]
    texts = {path: path.read_text(encoding="utf-8") for path in files}
    missing = [str(path.relative_to(site_dir)) for path, text in texts.items() if PLACEHOLDER not in text]
    if missing:
        raise RuntimeError("these pages have no Content-Security-Policy (overrides/main.html site_meta): "
                           + ", ".join(missing))
    if serve:
        sources = ["'unsafe-inline'"]
    else:
        sources = sorted({script_hash(body) for text in texts.values() for body in inline_scripts(text)})
    for path, text in texts.items():
        path.write_text(text.replace(PLACEHOLDER, " ".join(sources)), encoding="utf-8")
    return template().replace(PLACEHOLDER, " ".join(sources)), len(sources) if not serve else 0
