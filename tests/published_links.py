"""The site's published addresses: every page, and every section anchor of technique and check-in pages.

`python tests/published_links.py SITE_DIR > tests/data/published-links.txt` records them; the test
tests/test_stable_links.py fails when a recorded address disappears (a page may move only behind a redirect).
"""
import sys
from pathlib import Path

from site_links import page_url, parse

LINKABLE = ("/exercises/", "/checks/")
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


if __name__ == "__main__":
    print("\n".join(collect(sys.argv[1])))
