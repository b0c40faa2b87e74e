"""The guided session in Debian's chromium, on Playwright's controlled clock: a full 3-exercise session from an
assessment plan (timer steps, ratings, the log, the next visit's morning question and doses), one from a clinician's
link, stopping and getting advice, a saved entry, adherence and reminders on /progress/, voice, beeps and the wake
lock, keyboard use, reduced motion, axe on every screen, and phone and desktop screenshots."""
import datetime
import json
import os
from pathlib import Path

import icalendar
import pytest

from browser_support import answer, axe_violations
from upperback import handout, plan, session, timer

pytestmark = pytest.mark.browser
START = datetime.datetime(2026, 11, 24, 9, 0)
TODAY = "2026-11-24"
PLAN_LINK = plan.assess({"red_flags": {}})["session"]["href"]  # session/#a=...: band row, side raise, chin tuck
EXPECTED = session.start(PLAN_LINK[PLAN_LINK.index("#"):], "", TODAY, "2026-11-24T09:00:00Z")["session"]["items"]
SHOTS = Path(os.environ.get("SESSION_SHOTS", "/tmp/session-shots"))


def ready(page, url):
    page.goto(url)
    page.wait_for_selector("#ub-session[data-engine=ready], #ub-assessment[data-engine=ready], "
                           "#ub-patient[data-engine=ready], #ub-progress[data-engine=ready]", timeout=90000)


def shown(page, name):
    page.wait_for_selector(f"#ub-session [data-screen={name}]:not([hidden])", timeout=30000)


def at(page, n, of=3):
    """Wait for the screen of the n-th exercise."""
    shown(page, "exercise")
    page.locator(".ub-exercise-position", has_text=f"Exercise {n} of {of}").wait_for(timeout=30000)


def clean(page):
    assert axe_violations(page) == [], page.locator("#ub-session").get_attribute("data-shown")


def log(page):
    return json.loads(page.evaluate("window.UpperBackStorage.readSessions()") or "null")


def steps_seen(page, item):
    """Start the timer and step through the dose on the clock: (kind, label, count) of each step."""
    page.click("[data-action=timer]")
    seen = []
    for step in item["steps"]:
        seen.append((page.get_attribute("#ub-session", "data-kind"), page.locator(".ub-step-label").inner_text(),
                     page.locator(".ub-step-count").inner_text()))
        page.clock.run_for(step["seconds"] * 1000)
    page.clock.run_for(500)
    shown(page, "rate")
    return seen


def play(page, item):
    page.click("[data-action=timer]")
    page.clock.run_for(item["seconds"] * 1000 + 500)
    shown(page, "rate")


def rate(page, pain):
    page.check(f"input[name=pain][value='{pain}']")
    page.click(".ub-rate-form button[type=submit]")


def test_a_full_session_from_the_assessment_plan_sets_the_next_sessions_doses(page, site_url):
    page.clock.install(time=START)
    ready(page, site_url + "/assessment/")
    answer(page, none=True)
    page.wait_for_selector("[data-status=ok]")
    page.click("[data-start-session]")
    shown(page, "overview")
    clean(page)
    assert page.locator(".ub-session-list li").count() == 3
    assert page.locator(".ub-session-summary").inner_text() == "3 exercises, about 7 minutes."
    assert not page.locator("[data-option=speech]").is_checked()  # voice and beeps are off by default
    assert not page.locator("[data-option=beeps]").is_checked()
    page.click("[data-action=begin]")
    for n, (item, pain) in enumerate(zip(EXPECTED, [7, 1, 2], strict=True)):
        at(page, n + 1)
        assert page.locator(".ub-exercise-title").inner_text() == item["title"]
        assert page.locator(".ub-exercise-position").inner_text() == f"Exercise {n + 1} of 3"
        assert page.locator(f".ub-exercise-figure [data-figure={item['exercise']}]").count() == 1
        if n == 0:
            clean(page)
        if n in (0, 2):  # repetitions in sets, then holds with rests: every step, its label and its count
            assert steps_seen(page, item) == [(s["kind"], s["label"], s["count"]) for s in item["steps"]]
        else:
            play(page, item)
        assert page.locator(".ub-step-live").inner_text() == item["done_text"]
        if n == 0:
            clean(page)
        rate(page, pain)
    shown(page, "summary")
    clean(page)
    results = page.locator(".ub-summary-results li").all_inner_texts()
    assert results == ["Band row Done. 7/10: too much.", "Band side raise and shrug Done. 1/10: safe.",
                       "Lying chin tuck Done. 2/10: safe."]
    assert page.locator("[data-next=band-row]").inner_text() == \
        "Band row 2 sets of 8; 3 times a week. Down to 8 reps: your last session was 7/10, and above 5 is too much."
    (saved,) = log(page)["sessions"]
    assert saved["date"] == TODAY and saved["source"] == "plan"
    assert [(i["exercise"], i["outcome"], i["pain"]) for i in saved["items"]] == [
        ("band-row", "done", 7), ("band-lateral-raise-shrug", "done", 1), ("lying-chin-tuck", "done", 2)]

    page.clock.fast_forward("24:00:00")  # the next visit, the next day, from the same page
    ready(page, site_url + "/session/")
    shown(page, "morning")
    clean(page)
    assert "Tuesday 24 November" in page.locator(".ub-morning-question").inner_text()
    page.click("[data-morning=not-worse]")
    shown(page, "overview")
    assert log(page)["mornings"] == {TODAY: "not-worse"}
    first = page.locator("[data-item=band-row]").inner_text()
    assert "2 sets of 8" in first and "Down to 8 reps" in first


def test_a_session_from_a_clinicians_link_keeps_its_fixed_doses(page, site_url):
    state = {"items": [{"exercise": "open-book", "dosage": {"reps": 3, "per_day": 1}},
                       {"exercise": "seated-chin-retraction", "dosage": {"hold_seconds": 5, "reps": 2, "per_day": 2}}],
             "note": "", "name": "Sam"}
    view = handout.patient_view(state)
    page.clock.install(time=START)
    ready(page, site_url + "/" + view["share"])
    page.wait_for_selector(".ub-handout:not([hidden]) [data-start-session]")
    assert page.locator(".ub-handout-adjust").inner_text() == handout.ADJUST_TEXT[False]
    page.click("[data-start-session]")
    shown(page, "overview")
    clean(page)
    assert page.locator(".ub-session-title").inner_text() == "Sam, your clinician's programme"
    assert page.locator(".ub-session-fixed").inner_text() == "Your clinician set these doses: they stay as they are."
    page.click("[data-action=begin]")
    link = view["share"][view["share"].index("#"):]
    items = session.start(link, "", TODAY, "2026-11-24T09:00:00Z")["session"]["items"]
    shown(page, "exercise")
    sides = steps_seen(page, items[0])  # 3 slow reps each side, with a switch between
    assert [kind for kind, _, _ in sides] == ["ready", "rep", "rep", "rep", "switch", "rep", "rep", "rep"]
    assert sides[5][1] == "Repetition 1 of 3, right side" and sides[7][2] == "5 of 6 repetitions done"
    rate(page, 8)
    at(page, 2, of=2)
    play(page, items[1])
    rate(page, 0)
    shown(page, "summary")
    texts = page.locator(".ub-summary-next li").all_inner_texts()
    assert texts[0] == ("Open book 3 repetitions, each side; once a day. Your clinician set this dose. Your last "
                        "session was 8/10, and above 5 is too much: tell your clinician before you go on with it.")
    assert texts[1].startswith("Sitting chin retraction hold 5 seconds, 2 times; twice a day. "
                               "Your clinician set this dose.")
    (saved,) = log(page)["sessions"]
    assert saved["source"] == "programme" and saved["fixed"] is True
    assert [i["dose"] for i in saved["items"]] == [{"reps": 3, "per_day": 1},
                                                   {"hold_seconds": 5, "reps": 2, "per_day": 2}]


def test_stop_asks_why_and_a_warning_sign_ends_the_session_until_advice(page, site_url):
    page.clock.install(time=START)
    ready(page, site_url + "/" + PLAN_LINK)
    shown(page, "overview")
    page.click("[data-action=begin]")
    shown(page, "exercise")
    page.click("[data-action=timer]")
    page.clock.run_for(8000)
    page.click("[data-action=stop]")
    shown(page, "stop")
    clean(page)
    reasons = page.locator(".ub-stop-choices label").all_inner_texts()
    assert [r.strip() for r in reasons] == [c["text"] for c in EXPECTED[0]["stop_choices"]]
    page.locator(".ub-stop-choices input").nth(3).check()  # "You feel a sharp or shooting pain."
    page.click(".ub-stop-form button[type=submit]")
    shown(page, "advice")
    clean(page)
    assert "Stop this one and get advice" in page.locator(".ub-advice-text").inner_text()
    (saved,) = log(page)["sessions"]
    assert saved["items"] == [{**saved["items"][0], "outcome": "stopped", "pain": None,
                               "stop_reason": EXPECTED[0]["stop_choices"][3]["reason"]}]
    page.clock.fast_forward("02:00:00")
    ready(page, site_url + "/" + PLAN_LINK)
    shown(page, "overview")
    assert page.locator("[data-add-back=band-row]").is_visible()
    assert page.locator("[data-item=band-row]").count() == 0
    page.click("[data-add-back=band-row]")
    page.wait_for_selector("[data-item=band-row]")
    back = page.locator("[data-item=band-row]").inner_text()
    assert "Down to 8 reps: you stopped it last time and have had advice since" in back


def test_another_reason_to_stop_asks_for_the_rating_and_goes_on(page, site_url):
    page.clock.install(time=START)
    ready(page, site_url + "/" + PLAN_LINK)
    shown(page, "overview")
    page.click("[data-action=begin]")
    shown(page, "exercise")
    page.click("[data-action=stop]")
    page.locator(".ub-stop-choices input").last.check()
    page.click(".ub-stop-form button[type=submit]")
    shown(page, "rate")
    rate(page, 4)
    at(page, 2)
    page.click("[data-action=skip]")
    at(page, 3)
    assert page.locator(".ub-exercise-title").inner_text() == "Lying chin tuck"
    (saved,) = log(page)["sessions"]
    assert [(i["outcome"], i["pain"]) for i in saved["items"]] == [("stopped", 4), ("skipped", None)]


def test_a_saved_check_in_starts_a_session_from_its_plan(page, site_url):
    ready(page, site_url + "/assessment/")
    answer(page, none=True)
    page.wait_for_selector("[data-status=ok]")
    page.click(".ub-save button")
    page.wait_for_selector(".ub-save-status a")
    ready(page, site_url + "/progress/")
    page.wait_for_selector(".ub-history-body a[data-session]")
    page.click(".ub-history-body a[data-session]")
    shown(page, "overview")
    assert page.locator(".ub-session-list li").count() == 3


def test_the_empty_and_blocked_screens_pass_axe(page, site_url):
    ready(page, site_url + "/session/")
    shown(page, "empty")
    clean(page)
    urgent = plan.assess({"red_flags": {"fever-or-weight-loss": True}})["share"]
    ready(page, site_url + "/session/" + urgent[urgent.index("#"):])
    shown(page, "blocked")
    clean(page)
    assert page.locator(".ub-blocked-headline").inner_text() == plan.HEADLINES["urgent"]


def test_progress_shows_adherence_and_doses_and_reminders_can_be_made_changed_and_removed(page, site_url, tmp_path):
    page.clock.install(time=START)
    ready(page, site_url + "/" + PLAN_LINK)
    shown(page, "overview")
    page.click("[data-action=begin]")
    for n, (item, pain) in enumerate(zip(EXPECTED, [1, 2, 3], strict=True), 1):
        at(page, n)
        play(page, item)
        rate(page, pain)
    shown(page, "summary")
    ready(page, site_url + "/progress/")
    page.wait_for_selector("#sessions figure svg[role=img]")
    alternative = page.locator("#sessions figure svg").get_attribute("aria-label")
    assert alternative == "Guided sessions done each week, against those your doses plan: week of 2026-11-23: 1 of 14."
    assert page.locator("#sessions figcaption").inner_text() == alternative
    assert page.locator("[data-doses=band-row] tbody tr").inner_text().split("\t") == \
        ["2026-11-24", "2 sets of 10; 3 times a week", "Done", "1/10: safe."]
    assert axe_violations(page) == []
    page.check("#sessions input[name=day][value=MO]")
    page.check("#sessions input[name=day][value=TH]")
    page.fill("#ub-reminder-time", "18:30")
    with page.expect_download() as made:
        page.click(".ub-reminder-form button[type=submit]")
    event = icalendar.Calendar.from_ical(Path(made.value.path()).read_bytes()).walk("VEVENT")[0]
    assert event["RRULE"]["BYDAY"] == ["MO", "TH"] and int(event["SEQUENCE"]) == 0
    assert event.walk("VALARM")[0].decoded("TRIGGER") == datetime.timedelta(hours=18, minutes=30)
    page.wait_for_selector("[data-action=remove-reminder]:not([hidden])")
    assert page.locator(".ub-reminder-state").inner_text() == "Reminders on Mondays and Thursdays at 18:30."
    with page.expect_download() as changed:
        page.click(".ub-reminder-form button[type=submit]")
    again = icalendar.Calendar.from_ical(Path(changed.value.path()).read_bytes()).walk("VEVENT")[0]
    assert str(again["UID"]) == str(event["UID"]) and int(again["SEQUENCE"]) == 1
    with page.expect_download() as removed:
        page.click("[data-action=remove-reminder]")
    calendar = icalendar.Calendar.from_ical(Path(removed.value.path()).read_bytes())
    assert str(calendar["METHOD"]) == "CANCEL" and str(calendar.walk("VEVENT")[0]["UID"]) == str(event["UID"])

    with page.expect_download() as exported:  # export, delete everything, import: the sessions come back
        page.click("[data-action=export]")
    file = tmp_path / "export.json"
    exported.value.save_as(file)
    assert len(json.loads(file.read_text())["sessions"]["sessions"]) == 1
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-action=delete]")
    page.wait_for_function("() => document.querySelector('.ub-data-status').innerText.includes('deleted')")
    assert log(page) is None
    page.set_input_files("#ub-import", str(file))
    page.wait_for_function("() => document.querySelector('.ub-data-status').innerText"
                           ".includes('Guided sessions: 1 new.')")
    assert len(log(page)["sessions"]) == 1


FAKES = """
window.__said = []; window.__beeps = 0; window.__locks = [];
const voices = [{name: 'Cloud', lang: 'en-GB', localService: false},
                {name: 'Device', lang: 'en-GB', localService: true}];
Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: {getVoices: () => voices,
  speak: (u) => window.__said.push([u.text, u.voice.name]), cancel: () => {}, addEventListener: () => {}}});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
window.AudioContext = function () { this.currentTime = 0; this.destination = {};
  this.createOscillator = () => ({connect() {}, frequency: {}, start() { window.__beeps += 1; }, stop() {}}); };
Object.defineProperty(navigator, 'wakeLock', {value: {request: async (kind) => {
  const lock = {kind, released: false, release: async () => { lock.released = true; }};
  window.__locks.push(lock);
  return lock; }}});
"""


def test_voice_and_beeps_are_off_until_chosen_use_a_local_voice_and_the_screen_stays_awake(page, site_url):
    page.add_init_script(FAKES)
    page.clock.install(time=START)
    ready(page, site_url + "/" + PLAN_LINK)
    shown(page, "overview")
    page.click("[data-action=begin]")
    shown(page, "exercise")
    page.click("[data-action=timer]")
    page.clock.run_for((timer.GET_READY + 1) * 1000)  # into the first repetition
    assert page.evaluate("[window.__said.length, window.__beeps]") == [0, 0]  # off by default
    assert page.evaluate("window.__locks.map(l => [l.kind, l.released])") == [["screen", False]]
    page.check("[data-option=speech]")
    page.check("[data-option=beeps]")
    page.clock.run_for(4000)
    said = page.evaluate("window.__said")
    assert said[0] == [EXPECTED[0]["steps"][2]["announce"], "Device"]  # the device's own voice, never the cloud one
    assert page.evaluate("window.__beeps") >= 1
    page.click("[data-action=done]")
    rate(page, 1)
    for n in (2, 3):
        at(page, n)
        page.click("[data-action=skip]")
    shown(page, "summary")
    assert page.evaluate("window.__locks.map(l => l.released)") == [True]


def test_the_session_works_with_the_keyboard_alone(page, site_url):
    page.clock.install(time=START)
    ready(page, site_url + "/" + PLAN_LINK)
    shown(page, "overview")

    def press_on(selector):
        for _ in range(60):
            if page.evaluate(f"document.activeElement.matches({json.dumps(selector)})"):
                page.keyboard.press("Enter")
                return
            page.keyboard.press("Tab")
        raise AssertionError(f"{selector} was never reached with Tab")

    press_on("[data-action=begin]")
    shown(page, "exercise")
    assert page.evaluate("document.activeElement.id") == "ub-exercise-heading"  # focus follows each screen
    press_on("[data-action=timer]")
    page.clock.run_for(3000)
    assert page.get_attribute("#ub-session", "data-kind") == "ready"
    press_on("[data-action=done]")
    shown(page, "rate")
    press_on("input[name=pain]")  # the first value; arrows move within the scale
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    press_on(".ub-rate-form button[type=submit]")
    at(page, 2)
    assert log(page)["sessions"][0]["items"][0]["pain"] == 1


def test_the_overview_counts_the_minutes_with_the_get_ready_time_picked(page, site_url):
    # One exercise whose minutes round differently at the default and the longest get-ready time.
    state = {"items": [{"exercise": "band-row", "dosage": {"reps": 19, "sets": 1, "per_week": 2}}], "note": "",
             "name": "Sam"}
    href = handout.patient_view(state)["session"]["href"]
    longest = str(max(timer.GET_READY_CHOICES))

    def engine(kept):
        return session.start(href[href.index("#"):], "", TODAY, "2026-11-24T09:00:00Z", timer_text=kept)["session"]

    default, longer = engine(None), engine(longest)
    assert default["summary"] != longer["summary"]
    page.clock.install(time=START)
    ready(page, site_url + "/" + href)
    shown(page, "overview")
    summary, item = page.locator(".ub-session-summary"), page.locator("[data-item=band-row]")
    assert summary.inner_text() == default["summary"] and default["items"][0]["dose_line"] in item.inner_text()
    choice = page.locator(f"#ub-session input[data-ready-choice][value='{longest}']")
    choice.check()
    page.wait_for_function(f"() => document.getElementById('ub-session').dataset.counted === '{longest}'")
    assert summary.inner_text() == longer["summary"] and longer["items"][0]["dose_line"] in item.inner_text()
    assert page.evaluate("document.activeElement.value") == longest  # the choice keeps the focus
    page.wait_for_selector("#ub-session[data-ready-saved=true]")
    ready(page, site_url + "/" + href)  # kept by the storage module: counted at once on the next visit
    shown(page, "overview")
    assert summary.inner_text() == longer["summary"]
    page.click("[data-action=begin]")
    shown(page, "exercise")
    assert page.inner_text(".ub-step-clock") == f"0:{longest}"
    assert page.inner_text(".ub-exercise-dose") == longer["items"][0]["dose_line"]
    shortest = str(min(timer.GET_READY_CHOICES))
    page.check(f"#ub-session input[data-ready-choice][value='{shortest}']")  # picked again before the timer starts
    assert page.inner_text(".ub-step-clock") == f"0:{int(shortest):02d}"
    assert page.inner_text(".ub-exercise-dose") == engine(shortest)["items"][0]["dose_line"]
    clean(page)


def test_reduced_motion_shows_still_pictures(page, site_url):
    page.emulate_media(reduced_motion="reduce")
    ready(page, site_url + "/" + PLAN_LINK)
    shown(page, "overview")
    page.click("[data-action=begin]")
    shown(page, "exercise")
    figure = page.locator(".ub-exercise-figure")
    assert figure.locator(".ubf-stills").is_visible()
    assert not figure.locator(".ubf-player").is_visible()


@pytest.mark.parametrize("width, height, name", [(390, 844, "phone"), (1280, 900, "desktop")])
def test_every_screen_fits_without_sideways_scroll(browser, site_url, width, height, name):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.clock.install(time=START)
    SHOTS.mkdir(parents=True, exist_ok=True)

    def fits(screen):
        page.screenshot(path=str(SHOTS / f"{name}-{screen}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, screen

    ready(page, site_url + "/" + PLAN_LINK)
    shown(page, "overview")
    fits("overview")
    page.click("[data-action=begin]")
    shown(page, "exercise")
    page.click("[data-action=timer]")
    page.clock.run_for(7000)
    fits("exercise")
    page.click("[data-action=done]")
    shown(page, "rate")
    fits("rate")
    rate(page, 2)
    at(page, 2)
    page.click("[data-action=stop]")
    shown(page, "stop")
    fits("stop")
    context.close()
