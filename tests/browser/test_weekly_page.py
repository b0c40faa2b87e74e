"""The weekly check-in (/weekly/, issue 19) in Debian's chromium on a phone viewport, on Playwright's controlled
clock: six weeks of one person (better, better, the same, the same, worse, missed sessions), each week's plan
changes and reasons, the week's reading beside the exercises, the barrier question and its tip; something new
asks the warning signs first; export carries the weekly check-ins; axe, 320 px without sideways scroll."""
import datetime
import json
import os
import sys
from pathlib import Path

import pytest

from browser_support import axe_violations
from upperback import progress
from upperback.retailor import retailor, rules

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_retailor import SIX_WEEKS, START_DATE, start  # noqa: E402  the engine scenario's six weeks

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
RULES = rules()
SHOTS = Path(os.environ.get("WEEKLY_SHOTS", "/tmp/weekly-shots"))
# What each week should be, from the scenario's design (tests/test_retailor.py) and the rules: better in one
# reading, better for the second week, within the noise, the same for 2 weeks, worse in one reading, missed.
VERDICTS = ["better", "better", "noise", "same", "worse", "noise"]
PIECES = {r["when"]: r["piece"] for r in RULES["education"]["by_week"]}
TIP = next(b["tip"] for b in RULES["barriers"] if b["id"] == "no-time")


def moment(day):
    return datetime.datetime.combine(day, datetime.time(9, 0))


def ready(page, url):
    page.goto(url)
    page.wait_for_selector("#ub-weekly[data-engine=ready]", timeout=90000)


def seed_start(page):
    """The starting check-in, saved as the assessment's "Save to my progress" saves it (an entry with answers)."""
    text = progress.dump([progress.make_entry(start(), today=START_DATE.isoformat())])
    page.evaluate("text => window.UpperBackStorage.update(async () => ({ok: true, text}))", text)


def fill(page, week):
    page.select_option("#ub-weekly-pain-now", str(week["pain_now"]))
    page.select_option("#ub-weekly-pain-worst", str(week["pain_worst"]))
    for n, activity in enumerate(week["activities"], 1):
        assert page.locator(f"label[for=ub-weekly-activity-{n}]").inner_text() == activity["name"]
        page.select_option(f"#ub-weekly-activity-{n}", str(activity["score"]))
    page.check(f"input[name=global][value={week['global']}]")
    page.fill("#ub-weekly-done", str(week["sessions"]["done"]))
    page.fill("#ub-weekly-planned", str(week["sessions"]["planned"]))
    page.check("input[name=something_new][value=no]")


def no_sideways_scroll(page):
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def test_six_weeks_of_one_person_on_a_phone(page, site_url):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(PHONE)
    page.clock.install(time=moment(START_DATE))
    ready(page, site_url + "/weekly/")
    assert page.locator(".ub-weekly-start").is_visible()  # nothing saved yet: start from the self-assessment
    seed_start(page)
    # The engine's own answer for the same six weeks, to compare the page's words with (parity, not expectation).
    engine = retailor(start(), [dict(w) for w in SIX_WEEKS], today=SIX_WEEKS[-1]["date"])["weeks"]
    for n, week in enumerate(SIX_WEEKS, 1):
        page.clock.set_system_time(moment(datetime.date.fromisoformat(week["date"])))
        ready(page, site_url + "/weekly/")
        assert page.locator(".ub-weekly-status").get_attribute("data-due") == "true"  # a week has passed
        fill(page, week)
        page.click("#ub-weekly-form button[type=submit]")
        page.wait_for_selector(f".ub-weekly-weeks li[data-week='{n}']", timeout=30000)
        summary = page.locator(".ub-weekly-week .ub-weekly-summary")
        assert summary.get_attribute("data-verdict") == VERDICTS[n - 1], n
        changes = page.locator(".ub-weekly-week .ub-weekly-changes li").all_inner_texts()
        assert changes == [c["text"] for c in engine[n - 1]["changes"]], n
        today_list = page.locator(".ub-weekly-today li").evaluate_all("els => els.map(e => e.dataset.exercise)")
        assert today_list == [i["exercise"] for i in engine[n - 1]["plan"]["today"]]
        piece = page.locator(".ub-weekly-education").get_attribute("data-piece")
        assert piece == engine[n - 1]["education"]["id"]
        if n == 1:
            assert changes and "activities are 4 points easier" in changes[-1]
            assert piece == PIECES["better"]
        if n == 4:
            assert "normal" in summary.inner_text() and RULES["gp_advice"]["flag"] in \
                page.locator(".ub-weekly-advice").evaluate_all("els => els.map(e => e.dataset.advice)")
        if n == 5:
            assert piece == PIECES["worse"] == "flare-ups"
            assert {
                k for k in page.locator(".ub-weekly-changes li").evaluate_all("els => els.map(e => e.dataset.kind)")
            } <= {"easier", "settle", "stepped-back"}
        page.screenshot(path=str(SHOTS / f"week-{n}-390.png"), full_page=True)
    # Week 6: fewer sessions than planned: what got in the way, then the tip matched to it.
    assert piece == PIECES["missed"] == "pacing"
    barrier = page.locator(".ub-weekly-barrier")
    assert barrier.locator("legend").inner_text() == RULES["texts"]["barrier_question"]
    assert barrier.locator("input[name=barrier]").count() == len(RULES["barriers"])
    assert axe_violations(page) == []
    page.check("input[name=barrier][value=no-time]")
    page.click("[data-action=barrier]")
    page.wait_for_selector(".ub-weekly-tip[data-barrier=no-time]", timeout=30000)
    assert TIP in page.locator(".ub-weekly-tip").inner_text()
    assert page.locator(".ub-weekly-weeks > li").count() == 6  # the barrier answer kept one check-in for the week
    assert axe_violations(page) == []
    assert no_sideways_scroll(page)
    page.set_viewport_size({"width": 320, "height": 700})
    assert no_sideways_scroll(page)
    page.screenshot(path=str(SHOTS / "week-6-320.png"), full_page=True)
    saved = json.loads(page.evaluate("window.UpperBackStorage.readWeekly()"))
    assert [c["date"] for c in saved["checkins"]] == [w["date"] for w in SIX_WEEKS]
    assert saved["checkins"][-1]["barrier"] == "no-time"
    assert all(url.startswith(site_url) or url.startswith(("blob:", "data:")) for url in page.requests_seen)


def test_something_new_asks_the_warning_signs_first_and_changes_nothing(page, site_url):
    page.set_viewport_size(PHONE)
    page.clock.install(time=moment(START_DATE))
    ready(page, site_url + "/weekly/")
    seed_start(page)
    page.clock.set_system_time(moment(START_DATE + datetime.timedelta(days=7)))
    ready(page, site_url + "/weekly/")
    before = page.locator(".ub-weekly-today li").evaluate_all("els => els.map(e => e.dataset.exercise)")
    fill(page, {**SIX_WEEKS[0]})  # a week that would be better on its own
    page.check("input[name=something_new][value=yes]")
    assert page.locator(".ub-weekly-signs").is_visible()
    assert axe_violations(page) == []
    page.click("#ub-weekly-form button[type=submit]")
    page.wait_for_selector(".ub-weekly-weeks li[data-week='1']", timeout=30000)
    assert page.locator(".ub-weekly-summary").get_attribute("data-verdict") == "warning-signs-first"
    assert page.locator(".ub-weekly-week .ub-weekly-changes li").count() == 0
    after = page.locator(".ub-weekly-today li").evaluate_all("els => els.map(e => e.dataset.exercise)")
    assert after == before


def test_a_bad_answer_says_what_to_fix_and_saves_nothing(page, site_url):
    page.set_viewport_size(PHONE)
    page.clock.install(time=moment(START_DATE))
    ready(page, site_url + "/weekly/")
    seed_start(page)
    ready(page, site_url + "/weekly/")
    assert page.locator(".ub-weekly-status").get_attribute("data-due") == "false"  # no week has passed
    assert page.locator("#ub-weekly-form").is_hidden()
    page.click("[data-action=early]")
    page.select_option("#ub-weekly-pain-now", "3")
    page.click("#ub-weekly-form button[type=submit]")  # "anything new or worrying" left unanswered
    page.wait_for_function("() => document.querySelector('.ub-weekly-error').textContent.length > 0")
    assert "anything new or worrying" in page.locator(".ub-weekly-error").inner_text()
    assert page.evaluate("window.UpperBackStorage.readWeekly()") == ""


def test_the_education_pages_pass_axe_and_fit_a_phone(page, site_url):
    page.set_viewport_size({"width": 320, "height": 700})
    for piece in ("flare-ups", "desk-and-phone", ""):
        page.goto(f"{site_url}/education/{piece}{'/' if piece else ''}")
        assert axe_violations(page) == [], piece
        assert no_sideways_scroll(page), piece
    page.goto(site_url + "/clinicians/measures/")
    assert axe_violations(page) == []
    page.set_viewport_size(PHONE)
    page.goto(site_url + "/education/flare-ups/")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "education-390.png"), full_page=True)


def test_a_warning_sign_ticked_on_the_weekly_page_shows_its_advice_at_once(page, site_url):
    from upperback.content import load
    from upperback.reveal import CALLS

    page.clock.install(time=moment(START_DATE))
    ready(page, site_url + "/weekly/")
    seed_start(page)
    page.clock.set_system_time(moment(START_DATE + datetime.timedelta(days=7)))
    ready(page, site_url + "/weekly/")  # the advice itself is the page's own (CSS), never waiting for a reply
    page.check("input[name=something_new][value=yes]")
    emergency = next(f for f in load().red_flags.values() if f["level"] == "emergency")
    box = page.locator(f"input[name=weekly_red_flags][value='{emergency['id']}']")
    advice = box.locator("xpath=ancestor::div[contains(@class,'ub-flag')][1]").locator(".ub-alarm")
    assert not advice.is_visible()
    box.check()
    assert advice.is_visible() and emergency["action"] in advice.inner_text()
    calls = advice.locator("a.ub-call").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert calls == [f"tel:{call['number']}" for call in CALLS["emergency"]]
