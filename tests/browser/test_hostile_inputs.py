"""Hostile links, stored values and files in Debian's chromium: no page hangs, nothing saved is hidden or lost."""
import base64
import json

import pytest

from browser_support import answer, saved
from upperback import storage

pytestmark = pytest.mark.browser
KEY = storage.PROGRESS_KEY


def packed(data):
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def ready(page, url):
    page.goto(url)
    page.wait_for_selector("[data-engine=ready]", timeout=60000)


@pytest.mark.parametrize(
    "path, fragment, shown",
    [
        ("/assessment/", "#a=" + packed({"v": 1, "red_flags": {}, "age_band": ["x"]}), ".ub-error"),
        ("/assessment/", "#a=" + packed({"v": 1, "red_flags": {}, "checks": {"wall-test": ["gap"]}}), ".ub-error"),
        ("/assessment/", "#a=" + packed({"v": True, "red_flags": {}}), ".ub-error"),
        (
            "/clinicians/patient/",
            "#p=" + packed({"v": 1, "items": [{"exercise": ["band-row"]}]}),
            ".ub-problems:not([hidden])",
        ),
        (
            "/clinicians/builder/",
            "#p=" + packed({"v": 1, "items": [{"exercise": {"x": 1}}], "note": ["n"]}),
            ".ub-problems:not([hidden])",
        ),
    ],
)
def test_links_that_used_to_hang_a_page_now_say_what_is_wrong(page, site_url, path, fragment, shown):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    ready(page, site_url + path + fragment)
    page.wait_for_selector(shown, timeout=5000)  # a worded message within seconds, never "Loading" for ever
    assert page.locator(shown).inner_text().strip()
    assert errors == []


def test_a_far_future_stored_date_never_locks_the_progress_page(page, site_url):
    good = {"date": "2026-08-01", "checks": {"wall-test": "gap"}, "pain": 5, "activities": []}
    future = {**good, "date": "9999-12-31", "pain": 4}
    page.goto(site_url + "/progress/")
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)",
        [KEY, json.dumps({"format": "upper-back-guide-progress", "version": 1, "entries": [good, future]})],
    )
    ready(page, site_url + "/progress/")
    assert "9999-12-31 is not possible" in page.locator(".ub-progress-problems").inner_text()
    assert page.locator(".ub-progress-history tbody tr").count() == 1
    with page.expect_download() as download:  # the data can always be taken out
        page.click("[data-action=export-raw]")
    assert "9999-12-31" in open(download.value.path()).read()


def test_the_save_date_field_takes_its_range_from_the_engine(page, site_url):
    ready(page, site_url + "/assessment/")
    field = page.locator("input[name=entry_date]")
    assert field.get_attribute("min") == "2000-01-01"
    today = page.evaluate("window.UpperBackEngine.today()")
    assert field.get_attribute("max") > today


def test_a_backup_of_unreadable_data_is_shown_exported_restored_and_named_before_deletion(page, site_url):
    page.goto(site_url + "/progress/")
    page.evaluate("k => localStorage.setItem(k, '{{{ not json')", KEY)
    ready(page, site_url + "/assessment/")  # a save replaces the unreadable text: it must be kept as a backup
    answer(page, none=True, checks={"wall-test": "gap"})
    page.wait_for_selector("[data-status=ok]")
    page.click(".ub-save button")
    page.wait_for_selector(".ub-save-status a")
    ready(page, site_url + "/progress/")
    backup = page.locator(".ub-backups li")
    assert backup.count() == 1 and "Backup copy kept on" in backup.inner_text()
    with page.expect_download() as download:
        backup.locator("[data-export-backup]").click()
    assert open(download.value.path()).read() == "{{{ not json"
    messages = []
    page.on("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    page.click("[data-action=delete]")
    # it says what it removes, each kind counted, and asks first
    assert "1 saved check-in," in messages[0] and "1 backup copy" in messages[0]
    assert messages[0].endswith("Delete everything?")
    assert saved(page)  # dismissed: nothing deleted
    backup.locator("[data-restore-backup]").click()  # the backup becomes the history; the history is kept too
    page.wait_for_function("() => document.querySelectorAll('.ub-backups li').length === 2")
    assert saved(page) == "{{{ not json"


def test_a_full_storage_says_so_and_changes_nothing(page, site_url):
    before = json.dumps({"format": "upper-back-guide-progress", "version": 1, "entries": []})
    page.goto(site_url + "/progress/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, before])
    ready(page, site_url + "/assessment/")
    assert saved(page) == before
    page.evaluate("""() => { IDBObjectStore.prototype.put = function () {
        throw new DOMException('full', 'QuotaExceededError'); }; }""")
    answer(page, none=True, checks={"wall-test": "gap"})
    page.wait_for_selector("[data-status=ok]")
    page.click(".ub-save button")
    page.wait_for_function("() => document.querySelector('.ub-save-status').innerText.length > 0")
    assert page.locator(".ub-save-status").inner_text() == storage.FULL
    assert saved(page) == before  # nothing already saved was changed


def test_an_import_that_repeats_entries_counts_exactly(page, site_url, tmp_path):
    entry = {"date": "2026-08-01", "checks": {"wall-test": "gap"}, "pain": 5, "activities": []}
    other = {**entry, "date": "2026-08-15"}
    upload = tmp_path / "repeats.json"
    upload.write_text(
        json.dumps({"format": "upper-back-guide-progress", "version": 1, "entries": [entry, other, other, other]})
    )
    ready(page, site_url + "/progress/")
    page.set_input_files("#ub-import", str(upload))
    page.wait_for_function("() => document.querySelector('.ub-data-status').innerText.includes('Imported')")
    assert (
        page.locator(".ub-data-status").inner_text()
        == "Imported: 2 new check-ins, 0 already here, 2 repeated in the file."
    )


def test_two_tabs_saving_at_the_same_moment_keep_every_entry(browser, site_url):
    context = browser.new_context()
    tabs = [context.new_page(), context.new_page()]
    for n, tab in enumerate(tabs):
        ready(tab, site_url + "/assessment/")
        answer(tab, none=True, checks={"wall-test": "gap" if n else "touches"})
        tab.wait_for_selector("[data-status=ok]")
    for round_ in range(20):  # both saves released at once, 20 times, each time a new entry in each tab
        for n, tab in enumerate(tabs):
            tab.fill("input[name=entry_date]", f"2026-{n + 1:02d}-{round_ + 1:02d}")
        tabs[0].evaluate("() => { window.__go = () => document.querySelector('.ub-save button').click(); }")
        tabs[1].evaluate("() => { window.__go = () => document.querySelector('.ub-save button').click(); }")
        for tab in tabs:
            tab.evaluate("document.querySelector('.ub-save-status').textContent = ''")
        tabs[0].evaluate("window.__go()"), tabs[1].evaluate("window.__go()")
        for tab in tabs:
            tab.wait_for_function("() => document.querySelector('.ub-save-status').innerText.startsWith('Saved')")
    stored = json.loads(saved(tabs[0]))
    assert len(stored["entries"]) == 40
    context.close()


def test_the_progress_page_says_whether_the_browser_keeps_the_data(page, site_url):
    ready(page, site_url + "/progress/")
    note = page.locator(".ub-durability")
    assert note.is_visible()
    assert note.inner_text().startswith((storage.KEPT, storage.NOT_KEPT))


def moved_over_from_an_older_version(page, site_url):
    """A history as an older version of the site left it in localStorage, after one visit has moved it over."""
    entry = {"date": "2026-08-01", "checks": {"wall-test": "gap"}, "pain": 5, "activities": []}
    old = json.dumps({"format": "upper-back-guide-progress", "version": 1, "entries": [entry]})
    page.goto(site_url + "/progress/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, old])
    ready(page, site_url + "/progress/")
    return old


def test_the_same_old_text_found_twice_is_not_kept_as_a_backup(page, site_url):
    # two pages opening at once can both find the old localStorage text before either removes it
    old = moved_over_from_an_older_version(page, site_url)
    assert saved(page) == old
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, old])  # as the other page still saw it
    ready(page, site_url + "/progress/")
    assert saved(page) == old and page.evaluate("window.UpperBackStorage.backups()") == []
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None


def test_history_saved_by_an_older_version_moves_over_without_loss(page, site_url):
    old = moved_over_from_an_older_version(page, site_url)
    assert saved(page) == old and page.evaluate(f"localStorage.getItem('{KEY}')") is None
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, "text an old tab wrote later"])
    ready(page, site_url + "/progress/")  # IndexedDB already has a history: it stays, the later text is a backup
    assert saved(page) == old
    assert [b["text"] for b in page.evaluate("window.UpperBackStorage.backups()")] == ["text an old tab wrote later"]
