"""Progress in Debian's chromium: saving two assessments, changes, export/delete/import, damaged storage, bad
files, chart text alternatives and accessibility."""
import json
import os
from pathlib import Path

import pytest

from browser_support import answer, axe_violations, backups, saved
from upperback import progress, progress_view

pytestmark = pytest.mark.browser
KEY = "upper-back-guide.progress"
SHOTS = Path(os.environ.get("PROGRESS_SHOTS", "/tmp/progress-shots"))


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


def three_entries():
    """Three saved assessments, each with two activities (one with a long name) and its plan's session link."""
    store = ""
    for date, pain, wall in (("2026-11-01", 7, "gap"), ("2026-11-15", 5, "gap"), ("2026-11-29", 3, "touches")):
        answers = {"red_flags": {}, "pain": pain, "checks": {"wall-test": wall}}
        activities = [{"name": "Reaching up to a high shelf", "score": 4}, {"name": "Driving", "score": 6}]
        store = progress.add(store, {"date": date, "answers": answers, "activities": activities})["store"]
    return store


def accessibility_tree(page, selector):
    """(role, name) of an element and all inside it, in order, as chromium gives them to a screen reader (CSS
    display can take a table's semantics away)."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    backend = cdp.send("DOM.describeNode", {"nodeId": node})["node"]["backendNodeId"]
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    cdp.detach()
    by_id = {n["nodeId"]: n for n in nodes}
    found, stack = [], [next(n for n in nodes if n.get("backendDOMNodeId") == backend)]
    while stack:
        n = stack.pop()
        if not n.get("ignored"):
            found.append((n.get("role", {}).get("value"), n.get("name", {}).get("value", "")))
        stack.extend(by_id[c] for c in reversed(n.get("childIds", [])) if c in by_id)
    return found


@pytest.mark.parametrize("width", [320, 390])
def test_the_history_reads_on_a_phone_without_sideways_scroll_and_stays_a_table(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url + "/progress/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, three_entries()])
    ready(page, site_url + "/progress/")
    table = page.locator(".ub-history-body table")
    table.wait_for()
    assert len(history_rows(page)) == 3
    scroll, client = table.evaluate("t => [t.scrollWidth, t.clientWidth]")
    assert scroll <= client
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    wider = page.locator(".ub-progress-history *").evaluate_all(
        "(nodes, w) => nodes.filter(n => n.getBoundingClientRect().right > w || n.getBoundingClientRect().width > w)"
        ".map(n => n.outerHTML.slice(0, 80))", width)
    assert wider == []
    # Each cell is shown after its column's name, from the table's own header row.
    columns = table.locator("thead th").all_inner_texts()
    assert [c.lower() for c in columns] == [c.lower() for c in progress_view.HISTORY_COLUMNS]
    labels = table.locator("tbody tr").first.locator("th, td").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)")
    assert all(column in label for column, label in zip(columns[:-1], labels[:-1], strict=True)), labels
    # For a screen reader it stays a table: its header row, each row headed by its date, each cell a cell.
    tree = accessibility_tree(page, ".ub-history-body table")
    roles = [role for role, _ in tree]
    assert "table" in roles and "LayoutTable" not in roles
    assert [name for role, name in tree if role == "columnheader"] == columns
    assert [name for role, name in tree if role == "rowheader"] == ["2026-11-01", "2026-11-15", "2026-11-29"]
    assert roles.count("row") == 4 and roles.count("cell") == 3 * (len(columns) - 1)
    # The keyboard goes from link to link, each a 44 px target inside the screen.
    page.locator(".ub-history-body caption").click()
    for entry in page.locator("[data-entry]").all():
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.dataset.session")
        assert focused == entry.get_attribute("data-entry")
        box = page.locator(f"[data-session='{focused}']").bounding_box()
        assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= width
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".ub-progress-history").screenshot(path=str(SHOTS / f"history-{width}.png"))
    assert axe_violations(page) == []
    context.close()
