"""The built site in Debian's chromium: no request leaves localhost, and axe-core finds no WCAG 2.2 AA violations."""
from urllib.parse import urlsplit

import pytest

from browser_support import axe_violations

pytestmark = pytest.mark.browser

PAGES = ["/", "/exercises/ball-release-upper-trapezius/", "/checks/wall-test/", "/exercises/", "/safety/"]


@pytest.mark.parametrize("path", PAGES)
def test_page_requests_stay_on_this_origin(page, site_url, path):
    page.goto(site_url + path, wait_until="networkidle")
    origin = urlsplit(site_url).netloc
    others = [u for u in page.requests_seen if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != origin]
    assert others == []
    assert len(page.requests_seen) > 1  # the page, its styles and scripts were really loaded


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_page_has_no_accessibility_violations(page, site_url, path, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + path, wait_until="networkidle")
    assert axe_violations(page) == []


def test_exercise_filter_narrows_the_list(page, site_url):
    page.goto(site_url + "/exercises/", wait_until="networkidle")
    rows = page.locator("#ub-exercise-list tbody tr")
    total = rows.count()
    page.select_option("select[name=type]", "release")
    visible = page.locator("#ub-exercise-list tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    assert all(t == "release" for t in visible.evaluate_all("rows => rows.map(r => r.dataset.type)"))
    page.select_option("select[name=target]", "upper-trapezius")
    assert (
        page.locator("#ub-exercise-list tbody tr:not([hidden]) a[data-exercise=ball-release-upper-trapezius]").count()
        == 1
    )
    assert "techniques shown" in page.locator(".ub-filter-count").inner_text()


def test_exercise_page_anchor_link_lands_on_section(page, site_url):
    page.goto(site_url + "/exercises/ball-release-upper-trapezius/#dosage", wait_until="networkidle")
    assert page.locator("#dosage").is_visible()
    assert page.evaluate("location.hash") == "#dosage"
