"""Published addresses never disappear: every recorded page still exists (or redirects), with its anchors."""
import shutil
import subprocess
import sys

from published_links import RECORDED, collect, missing, record
from site_links import parse


def recorded():
    return [line for line in RECORDED.read_text().splitlines() if line.strip()]


def test_every_published_page_and_anchor_still_exists(built_site):
    assert len(recorded()) > 500  # the list is real: every technique and check-in with its sections
    assert missing(built_site, recorded()) == [], (
        "published addresses disappeared; add a redirect (redirect_maps in mkdocs.yml)"
    )


def test_new_addresses_are_recorded(built_site):
    unrecorded = sorted(set(collect(built_site)) - set(recorded()))
    assert unrecorded == [], (
        "new pages or anchors: record them with `make published-links` (it only adds lines)"
    )


def test_a_removed_page_or_anchor_is_caught(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("pyodide"))
    shutil.rmtree(site / "exercises" / "lying-chin-tuck")
    page = site / "checks" / "wall-test" / "index.html"
    page.write_text(page.read_text().replace('id="caveats"', 'id="limits"'))
    gone = missing(site, recorded())
    assert "/exercises/lying-chin-tuck/" in gone and "/exercises/lying-chin-tuck/#dosage" in gone
    assert "/checks/wall-test/#caveats" in gone


def test_redirect_keeps_an_old_address_alive(tmp_path):
    """mkdocs-redirects, as pinned and configured here, leaves a redirect page at a renamed record's old URL."""
    (tmp_path / "docs" / "exercises").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "docs" / "exercises" / "lying-chin-tuck.md").write_text("# Lying chin tuck\n\n## Dosage\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - redirects:\n      redirect_maps:\n"
        "        exercises/old-chin-tuck.md: exercises/lying-chin-tuck.md\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--strict"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    old = parse(tmp_path / "site" / "exercises" / "old-chin-tuck" / "index.html")
    assert old.redirect and old.redirect.rstrip("/").endswith("lying-chin-tuck")
    assert missing(tmp_path / "site", ["/exercises/old-chin-tuck/#dosage"]) == []


def test_recording_adds_the_new_addresses_and_keeps_every_old_line(built_site, tmp_path):
    kept = tmp_path / "published-links.txt"
    gone_page = "/exercises/an-old-renamed-page/"  # a line the site no longer has: recording must not drop it
    present = recorded()
    kept.write_text("\n".join([gone_page] + present[1:]) + "\n")
    added = record(built_site, kept)
    assert present[0] in added
    lines = kept.read_text().splitlines()
    assert gone_page in lines and set(present) <= set(lines) and lines == sorted(set(lines))
