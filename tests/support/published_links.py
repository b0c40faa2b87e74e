"""The site's published addresses: every page, and every section anchor of technique and check-in pages.

`make published-links` (this file run on a fresh build) adds the new ones to tests/data/published-links.txt and never
removes a line; tests/test_stable_links.py fails when a recorded address disappears (a page may move only behind a
redirect) and when a new one is not recorded.
"""
import sys
from pathlib import Path

from site_links import page_url, parse

LINKABLE = ("/exercises/", "/checks/")
RECORDED = Path(__file__).resolve().parents[1] / "data" / "published-links.txt"
SKIP = ("/pyodide/", "/assets/", "/search/")


def collect(site):
    site = Path(site)
    lines = set()
    for html in site.rglob("index.html"):
        url = page_url(site, html)
        if url.startswith(SKIP):
            continue
        lines.add(url)
        if url.startswith(LINKABLE) and url not in LINKABLE:
            parsed = parse(html)
            lines.update(f"{url}#{anchor}" for anchor in parsed.heading_ids)
    return sorted(lines)


def missing(site, recorded):
    """Recorded addresses that the built site no longer has (a redirect page keeps its address alive)."""
    gone = []
    for line in recorded:
        url, _, anchor = line.partition("#")
        page = Path(site) / url.lstrip("/") / "index.html"
        if not page.exists():
            gone.append(line)
            continue
        parsed = parse(page)
        if anchor and parsed.redirect is None and anchor not in parsed.ids:
            gone.append(line)
    return gone


def record(site, recorded=RECORDED):
    """Add the site's unrecorded addresses to the list, keeping every line already there; returns the added ones."""
    old = [line for line in recorded.read_text(encoding="utf-8").splitlines() if line.strip()]
    added = sorted(set(collect(site)) - set(old))
    recorded.write_text("\n".join(sorted(set(old) | set(added))) + "\n", encoding="utf-8")
    return added


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1], "index.html").is_file():
        sys.exit("usage: python tests/support/published_links.py SITE_DIR (a built site: make build writes site/)")
    new = record(sys.argv[1])
    print(f"{RECORDED.name}: {len(new)} new addresses recorded" + "".join(f"\n  {line}" for line in new))
