"""Issue 16 items 4, 5 and 7 in Debian's chromium: the progress page at a glance with 1 and 3 saved check-ins, the
destructive delete, the summary round trip (progress -> link -> clinician's page, same figures), its one-page A4
printout, the builder opening a summary link, and the get-ready choice remembered across a reload."""
import io

import pytest
from pypdf import PdfReader

from browser_support import axe_violations
from upperback import progress, timer

pytestmark = pytest.mark.browser
KEY = "upper-back-guide.progress"


def entry(date, wall, pain, driving):
    return {"date": date, "checks": {"wall-test": wall}, "pain": pain,
            "activities": [{"name": "Driving", "score": driving}, {"name": "Reading", "score": 5}]}


THREE = [entry("2026-10-01", "gap", 7, 3), entry("2026-10-15", "touches", 4, 6), entry("2026-11-01", "touches", 3, 7)]


def seeded(page, site_url, entries, width=390):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + "/progress/")
    text = progress.dump([progress.make_entry(e) for e in entries])
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, text])
    page.goto(site_url + "/progress/")
    page.wait_for_selector("[data-engine=ready]", timeout=60000)
    page.wait_for_selector(".ub-headline")


def no_sideways_scroll(page):
    for width in (320, 390):
        page.set_viewport_size({"width": width, "height": 800})
        page.wait_for_timeout(300)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width


def test_one_check_in_shows_no_comparison_and_no_chart(page, site_url):
    seeded(page, site_url, THREE[:1])
    assert page.get_attribute(".ub-headline", "data-direction") == "first"
    assert page.locator("[data-period]").count() == 0 and page.locator("figure.ub-figure").count() == 0
    assert page.get_attribute(".ub-verdict", "data-phase-ready") == "false"
    assert "You can move" not in page.inner_text(".ub-verdict")


def test_three_check_ins_read_at_a_glance(page, site_url):
    seeded(page, site_url, THREE)
    assert page.get_attribute(".ub-headline", "data-direction") == "better"
    periods = page.locator("[data-period]").evaluate_all("ls => ls.map(l => l.dataset.period)")
    assert periods == ["since_first", "since_previous"]
    assert page.get_attribute(".ub-verdict", "data-phase-ready") == "true"
    labels = page.locator(".ub-chart-label").evaluate_all(
        "ls => ls.map(l => [l.textContent, parseFloat(getComputedStyle(l).fontSize), "
        "l.getBoundingClientRect().height])")
    assert labels and all(size >= 12 and height >= 12 for _, size, height in labels)  # as drawn, on a 390 px phone
    assert "10 worst" in [text for text, _, _ in labels] and "1.5" not in [text for text, _, _ in labels]
    grid = page.locator(".ub-chart-grid").first.evaluate("l => getComputedStyle(l).stroke")
    assert grid not in ("none", "rgba(0, 0, 0, 0)")
    assert axe_violations(page) == []
    no_sideways_scroll(page)


def test_delete_looks_destructive_and_asks_first(page, site_url):
    seeded(page, site_url, THREE[:1])
    style = "b => { const s = getComputedStyle(b); return [s.color, s.borderColor, s.backgroundColor]; }"
    delete = page.locator("[data-action=delete]").evaluate(style)
    export = page.locator("[data-action=export]").evaluate(style)
    assert delete[0] != export[0] and delete[1] != export[1]
    assert delete[0] == "rgb(183, 28, 28)"  # the site's warning red, as on the problems box
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click("[data-action=delete]")
    page.wait_for_function("() => true")
    assert asked and "1 saved check-in" in asked[0] and "cannot be undone" in asked[0]
    assert page.locator(".ub-history-body tbody tr").count() == 1  # dismissed: nothing deleted


def sheet(page, scope):
    return page.locator(f"{scope} .ub-summary-sheet").evaluate(
        "s => [...s.querySelectorAll('p, td, th')].map(n => n.textContent)")


def test_summary_round_trip_print_and_builder(page, site_url):
    seeded(page, site_url, THREE, width=1280)
    page.click("[data-action=summary]")
    page.wait_for_selector(".ub-summary-make .ub-qr-code")
    made = sheet(page, ".ub-summary-make")
    assert "7 → 3 (-4)" in " ".join(made) and "Driving" in made
    link = page.input_value("#ub-summary-link")
    assert "/clinicians/summary/#s=" in link
    page.goto(link)
    page.wait_for_selector(".ub-clinic-summary .ub-summary-sheet:not([hidden])", timeout=60000)
    assert sheet(page, ".ub-clinic-summary") == made  # the clinician reads the same figures and words
    assert axe_violations(page) == []
    no_sideways_scroll(page)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    page.emulate_media(media="screen")
    page.goto(site_url + "/clinicians/builder/")
    page.wait_for_selector("[data-engine=ready]", timeout=60000)
    page.fill("#ub-open-link", link)
    page.locator(".ub-open-link").evaluate("f => f.requestSubmit()")
    page.wait_for_selector(".ub-clinic-summary .ub-summary-sheet:not([hidden])", timeout=60000)
    assert sheet(page, ".ub-clinic-summary") == made


def test_a_changed_summary_link_is_worded(page, site_url):
    page.goto(site_url + "/clinicians/summary/#s=eJyrVkpUslIqS8wpTVWqBQAchwRv")
    page.wait_for_selector("[data-checked=true]", timeout=60000)
    text = page.inner_text(".ub-clinic-summary .ub-problems")
    assert "cannot be opened" in text and "make the summary again" in text


def test_get_ready_choice_is_remembered_across_a_reload(page, site_url):
    page.goto(site_url + "/exercises/ball-release-upper-trapezius/")
    page.wait_for_selector(f".ub-timer[data-get-ready='{timer.GET_READY}']")  # read from storage, then shown
    page.check(".ub-timer input[data-ready-choice][value='15']")
    page.wait_for_selector(".ub-timer[data-ready-saved=true]")
    page.reload()
    page.wait_for_selector(".ub-timer[data-get-ready='15']")
    assert page.is_checked(".ub-timer input[value='15']")
    page.click("[data-timer=start]")
    assert page.inner_text(".ub-timer-clock") in ("0:15", "0:14")
    assert axe_violations(page) == []
    offered = page.locator("[data-ready-choice]").evaluate_all("rs => rs.map(r => r.value)")
    assert offered == [str(s) for s in timer.GET_READY_CHOICES]


def test_the_guided_session_and_the_exercise_timer_share_the_get_ready_choice(page, site_url):
    from upperback import plan

    page.goto(site_url + "/exercises/ball-release-upper-trapezius/")
    page.check(".ub-timer input[data-ready-choice][value='5']")
    page.wait_for_selector(".ub-timer[data-ready-saved=true]")
    page.goto(site_url + "/" + plan.assess({"red_flags": {}})["session"]["href"])
    page.wait_for_selector("#ub-session [data-screen=overview]:not([hidden])", timeout=90000)
    page.click("[data-action=begin]")
    page.wait_for_selector("#ub-session [data-screen=exercise]:not([hidden])")
    assert page.is_checked("#ub-session input[data-ready-choice][value='5']")
    assert page.inner_text(".ub-step-clock") == "0:05"
    page.check("#ub-session input[data-ready-choice][value='15']")  # changed here, it counts here and there
    assert page.inner_text(".ub-step-clock") == "0:15"
    page.wait_for_selector("#ub-session[data-ready-saved=true]")
    assert axe_violations(page) == []
    page.goto(site_url + "/exercises/ball-release-upper-trapezius/")
    page.wait_for_selector(".ub-timer[data-get-ready='15']")


def test_the_longest_summary_prints_on_one_a4_page(page, site_url):
    from upperback import clinic_summary
    from upperback.content import load

    content = load()

    def wordiest(flip):  # every check-in, with its two longest results, alternating
        return {cid: sorted(c["outcomes"], key=lambda o: len(o["label"]))[-2:][flip]["id"]
                for cid, c in content.checks.items()}

    names = [("Carrying the shopping up two flights of stairs at home " * 2)[:progress.MAX_ACTIVITY_NAME - 1] + str(i)
             for i in range(progress.MAX_ACTIVITIES)]
    entries = [{"date": f"2026-{m:02d}-{d:02d}", "checks": wordiest((m + d) % 2), "pain": (m + d) % 11,
                "activities": [{"name": n, "score": (d + i) % 11} for i, n in enumerate(names)]}
               for m in range(1, 11) for d in (1, 15)]
    made = clinic_summary.make(progress.dump([progress.make_entry(e) for e in entries]), "", "2026-11-01")
    assert len(made["view"]["pain"]) == clinic_summary.MAX_PAIN_READINGS
    assert len(made["view"]["checks"]) == len(content.checks)
    page.goto(f"{site_url}/{made['share']}")
    page.wait_for_selector(".ub-clinic-summary .ub-summary-sheet:not([hidden])", timeout=60000)
    page.emulate_media(media="print")
    assert len(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages) == 1
