"""Progress in Debian's chromium: saving two assessments, changes, export/delete/import, damaged storage, bad
files, chart text alternatives and accessibility."""
import json

import pytest

from browser_support import answer, axe_violations, backups, saved

pytestmark = pytest.mark.browser
KEY = "upper-back-guide.progress"


def ready(page, url):
    page.goto(url)
    page.wait_for_selector("[data-engine=ready]", timeout=60000)


def save_assessment(page, site_url, date, wall, pain, activity_score):
    ready(page, site_url + "/assessment/")
    answer(page, none=True, pain=pain, checks={"wall-test": wall}, activities=[("Driving", activity_score)])
    page.wait_for_selector("[data-status=ok]")
    page.fill("input[name=entry_date]", date)
    page.click(".ub-save button")
    page.wait_for_selector(".ub-save-status a")


def history_rows(page):
    return page.locator(".ub-history-body tbody tr").evaluate_all("rows => rows.map(r => r.innerText)")


def test_two_assessments_show_two_entries_and_a_change(page, site_url):
    save_assessment(page, site_url, "2026-11-01", "gap", 7, 3)
    save_assessment(page, site_url, "2026-11-15", "touches", 4, 7)
    page.click(".ub-save-status a")
    page.wait_for_selector(".ub-history-body table")
    rows = history_rows(page)
    assert len(rows) == 2 and rows[0].startswith("2026-11-01") and rows[1].startswith("2026-11-15")
    assert page.get_attribute("tr[data-check=wall-test]", "data-since-first") == "improved"
    pain = page.locator("[data-period=since_first] li").first
    assert "7 → 4" in pain.inner_text() and pain.get_attribute("data-meaningful") == "true"
    assert page.get_attribute("[data-next-due]", "data-next-due") == "2026-11-29"
    figures = page.locator("figure.ub-figure svg[role=img]")
    assert figures.count() == 3
    assert "2026-11-01: 7" in figures.first.get_attribute("aria-label")  # charts have text alternatives
    assert page.locator("figure.ub-figure figcaption").count() == 3
    with page.expect_download() as download:
        page.click("[data-action=calendar]")
    assert "DTSTART;VALUE=DATE:20261129" in open(download.value.path()).read()


def test_export_delete_import_gives_back_the_same_history(page, site_url, tmp_path):
    save_assessment(page, site_url, "2026-10-01", "gap", 6, 2)
    save_assessment(page, site_url, "2026-10-15", "gap", 5, 4)
    ready(page, site_url + "/progress/")
    before = history_rows(page)
    assert len(before) == 2
    with page.expect_download() as download:
        page.click("[data-action=export]")
    exported = tmp_path / "history.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text())["version"] == 1
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-action=delete]")
    page.wait_for_selector(".ub-progress-empty:not([hidden])")
    assert saved(page) == ""
    page.set_input_files("#ub-import", str(exported))
    page.wait_for_selector(".ub-history-body table")
    assert history_rows(page) == before
    assert "2 new check-ins" in page.locator(".ub-data-status").inner_text()
    page.set_input_files("#ub-import", str(exported))  # the same file again adds nothing
    page.wait_for_function("() => document.querySelector('.ub-data-status').innerText.includes('2 already here')")
    assert history_rows(page) == before


def test_bad_import_changes_nothing_and_says_why(page, site_url, tmp_path):
    save_assessment(page, site_url, "2026-09-01", "gap", 5, 5)
    ready(page, site_url + "/progress/")
    stored = saved(page)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "upper-back-guide-progress", "version": 1, "entries": [{"date": "2026-02-30"}]}')
    page.set_input_files("#ub-import", str(bad))
    page.wait_for_function("() => document.querySelector('.ub-data-status').innerText.includes('Nothing was imported')")
    assert "date must look like" in page.locator(".ub-data-status").inner_text()
    assert saved(page) == stored


def test_damaged_store_is_explained_and_kept(page, site_url):
    good = {"date": "2026-08-01", "checks": {"wall-test": "gap"}, "pain": 5, "activities": []}
    damaged = json.dumps({"format": "upper-back-guide-progress", "version": 1, "entries": [good, {"date": "broken"}]})
    page.goto(site_url + "/progress/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, damaged])
    ready(page, site_url + "/progress/")
    assert page.locator(".ub-progress-problems").is_visible()
    assert "could not be read" in page.locator(".ub-progress-problems").inner_text()
    assert len(history_rows(page)) == 1
    with page.expect_download() as download:
        page.click("[data-action=export-raw]")
    assert open(download.value.path()).read() == damaged


def test_unreadable_store_never_breaks_the_page(page, site_url):
    page.goto(site_url + "/progress/")
    page.evaluate("k => localStorage.setItem(k, '{{{ not json')", KEY)
    ready(page, site_url + "/progress/")
    assert "not valid JSON" in page.locator(".ub-progress-problems").inner_text()
    save_assessment(page, site_url, "2026-07-01", "gap", 4, 4)
    kept = backups(page)
    assert len(kept) == 1 and kept[0]["text"] == "{{{ not json"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_progress_page_has_no_accessibility_violations(page, site_url, scheme):
    page.emulate_media(color_scheme=scheme)
    save_assessment(page, site_url, "2026-06-01", "gap", 6, 3)
    save_assessment(page, site_url, "2026-06-15", "touches", 3, 6)
    ready(page, site_url + "/progress/")
    page.wait_for_selector(".ub-history-body table")
    assert axe_violations(page) == []
