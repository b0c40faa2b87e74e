"""Where the weekly check-in is offered (issue 19), in Debian's chromium on a phone, on Playwright's controlled clock:
on the home page, the progress page and the end of a guided session, the offer shows once 7 days have passed since
the starting check-in and not on the 6th day (upperback.weekly_view.DAYS); with nothing saved the home page offers
nothing and says what to do first. Then "Delete everything" on /progress/ names, with its counts, one of every kind
of thing the storage module keeps, and afterwards none of them is left."""
import datetime
import json
import os
from pathlib import Path

import pytest
from test_retailor import START_DATE, start, week  # the engine tests' person

from browser_support import axe_violations, backups
from upperback import browser, handout, progress, session, storage, weekly, weekly_view

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
SHOTS = Path(os.environ.get("WEEKLY_SHOTS", "/tmp/weekly-shots"))
# A one-exercise programme from a clinician's link: the shortest way to the end of a guided session.
PROGRAMME = handout.patient_view({"items": [{"exercise": "open-book", "dosage": {"reps": 1, "per_day": 1}}],
                                  "note": "", "name": "Sam"})["share"]


def moment(day):
    return datetime.datetime.combine(day, datetime.time(9, 0))


def seed(page, key, text):
    page.evaluate("([key, text]) => window.UpperBackStorage[key](async () => ({ok: true, text}))", [key, text])


def seed_start(page):
    seed(page, "update", progress.dump([progress.make_entry(start(), today=START_DATE.isoformat())]))


def offered(page):
    box = page.locator(".ub-weekly-offer")
    page.wait_for_selector(".ub-weekly-offer[data-offered]", state="attached", timeout=90000)
    return box.get_attribute("data-offered") == "true", box


def end_a_guided_session(page, site_url):
    page.goto(site_url + "/" + PROGRAMME)
    page.wait_for_selector(".ub-handout:not([hidden]) [data-start-session]", timeout=90000)
    page.click("[data-start-session]")
    page.wait_for_selector("#ub-session [data-screen=overview]:not([hidden])", timeout=30000)
    page.click("[data-action=begin]")
    link = PROGRAMME[PROGRAMME.index("#"):]
    (item,) = session.start(link, "", START_DATE.isoformat(), "2026-11-02T09:00:00Z")["session"]["items"]
    page.wait_for_selector("#ub-session [data-screen=exercise]:not([hidden])", timeout=30000)
    page.click("[data-action=timer]")
    page.clock.run_for(item["seconds"] * 1000 + 500)
    page.wait_for_selector("#ub-session [data-screen=rate]:not([hidden])", timeout=30000)
    page.check("input[name=pain][value='1']")
    page.click(".ub-rate-form button[type=submit]")
    page.wait_for_selector("#ub-session [data-screen=summary]:not([hidden])", timeout=30000)


def test_with_nothing_saved_the_home_page_offers_no_weekly_check_in_and_says_to_assess_first(page, site_url):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(PHONE)
    page.clock.install(time=moment(START_DATE))
    page.goto(site_url + "/")
    is_offered, box = offered(page)
    assert not is_offered and box.is_hidden()
    content = page.locator("article")
    assert content.locator("a[href$='/weekly/']:visible").count() == 0
    step = content.locator("#start + ol > li").nth(5)
    assert step.locator("a[href$='/assessment/']").count() == 1 and "self-assessment" in step.inner_text()
    assert not any("pyodide" in url for url in page.requests_seen)  # nothing saved: the engine is not fetched
    page.screenshot(path=str(SHOTS / "home-no-offer-390.png"), full_page=False)


@pytest.mark.parametrize("days", [weekly_view.DAYS - 1, weekly_view.DAYS])
def test_the_weekly_check_in_is_offered_once_a_week_has_passed_on_each_page(page, site_url, days):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(PHONE)
    page.clock.install(time=moment(START_DATE))
    page.goto(site_url + "/")
    seed_start(page)
    page.clock.set_system_time(moment(START_DATE + datetime.timedelta(days=days)))
    expected = days >= 7  # issue 19: offered once a week has passed since the starting check-in
    words = weekly_view.DUE.format(last=START_DATE.isoformat())
    for where in ("/", "/progress/", "session"):
        if where == "session":
            end_a_guided_session(page, site_url)
        else:
            page.goto(site_url + where)
        is_offered, box = offered(page)
        assert is_offered is expected, where
        assert box.is_visible() is expected, where
        if expected:
            assert box.locator(".ub-weekly-offer-text").inner_text() == words
            link = box.locator("a")
            assert link.inner_text() == "Do my weekly check-in"
            assert link.evaluate("a => a.href") == site_url + "/weekly/"
            assert link.bounding_box()["height"] >= 44
        if where == "/":
            assert axe_violations(page) == []
            page.screenshot(path=str(SHOTS / f"home-day-{days}-390.png"), full_page=False)
        if where == "session":
            page.screenshot(path=str(SHOTS / f"session-end-day-{days}-390.png"), full_page=True)
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def _session_log(today):
    """A guided session's log text, made by the engine as the session page makes it."""
    ask = lambda request: json.loads(browser.handle(json.dumps(request)))  # noqa: E731
    link = PROGRAMME[PROGRAMME.index("#"):]
    started = ask({"op": "session_start", "fragment": link, "log": "", "today": today, "now": today + "T09:00:00Z"})
    head = {key: started["session"][key] for key in ("id", "date", "source", "fixed")}
    item = started["session"]["items"][0]
    record = {"slot": item["slot"], "exercise": item["exercise"], "dose": item["dose"], "base": item["base"],
              "outcome": "done", "pain": 1, "stop_reason": None}
    return ask({"op": "session_record", "log": "", "session": head, "item": record, "fragment": link})["log"]


def test_delete_everything_counts_every_kind_saved_and_leaves_none(page, site_url):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(PHONE)
    today = (START_DATE + datetime.timedelta(days=8)).isoformat()
    page.clock.install(time=moment(START_DATE + datetime.timedelta(days=8)))
    page.goto(site_url + "/progress/")
    page.wait_for_selector("#ub-progress[data-engine=ready]", timeout=90000)
    history = progress.dump([progress.make_entry(start(), today=today)])
    seed(page, "update", history)  # one check-in with its answers
    seed(page, "updateSessions", _session_log(today))  # one guided session
    seed(page, "updateWeekly", weekly.add("", week(1), today=today)["text"])  # one weekly check-in
    page.evaluate("text => window.UpperBackStorage.writeDraft(text)", json.dumps({"answers": {"pain": 4}}))
    page.evaluate("date => window.UpperBackStorage.exported(date)", today)
    page.evaluate("text => window.UpperBackStorage.backUp(text)", "{damaged")  # one backup copy
    page.goto(site_url + "/progress/")
    page.wait_for_selector("#ub-progress[data-engine=ready]", timeout=90000)
    page.wait_for_selector(".ub-backups li[data-backup]", timeout=30000)
    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    page.click("[data-action=delete]")
    page.wait_for_function("() => document.querySelector('.ub-data-status').textContent.length > 0")
    (warning,) = messages
    for words in ("1 saved check-in,", "1 guided session,", "1 weekly check-in,", storage.DRAFT_WORDS,
                  storage.EXPORT_WORDS, "1 backup copy"):
        assert words in warning, (words, warning)
    (SHOTS / "delete-confirmation.txt").write_text(warning + "\n")
    page.screenshot(path=str(SHOTS / "progress-after-delete-390.png"), full_page=False)
    store = "window.UpperBackStorage"
    for reader in ("read", "readSessions", "readWeekly", "readDraft"):
        assert page.evaluate(f"{store}.{reader}()") == "", reader
    assert page.evaluate(f"{store}.lastExport()") is None
    assert backups(page) == []


def test_after_a_new_assessment_the_weekly_page_starts_from_it_and_keeps_the_weeks_before_as_history(page, site_url):
    page.set_viewport_size(PHONE)
    new_day = START_DATE + datetime.timedelta(days=15)
    page.clock.install(time=moment(new_day + datetime.timedelta(days=1)))
    page.goto(site_url + "/weekly/")
    page.wait_for_selector("#ub-weekly[data-engine=ready]", timeout=90000)
    renewed = {**start(), "date": new_day.isoformat()}
    renewed["answers"] = {**renewed["answers"], "pain": 3}
    today = (new_day + datetime.timedelta(days=1)).isoformat()
    seed(page, "update", progress.dump([progress.make_entry(e, today=today) for e in (start(), renewed)]))
    text = weekly.add(weekly.add("", week(1), today=today)["text"], week(2), today=today)["text"]
    seed(page, "updateWeekly", text)
    page.goto(site_url + "/weekly/")
    page.wait_for_selector(".ub-weekly-history h3", timeout=90000)
    status = page.locator(".ub-weekly-status")
    assert status.get_attribute("data-due") == "false"
    assert (new_day + datetime.timedelta(days=7)).isoformat() in status.inner_text()  # a week from the new start
    assert page.locator(".ub-weekly-weeks").count() == 0  # no weekly check-in since the new assessment
    earlier = page.locator(".ub-weekly-earlier")
    assert earlier.get_attribute("data-start") == START_DATE.isoformat()
    assert earlier.locator(":scope > li").evaluate_all("els => els.map(e => e.dataset.week)") == ["2", "1"]
    assert new_day.isoformat() in page.locator(".ub-weekly-history h3").inner_text()
    assert axe_violations(page) == []
