"""The hold timer with a controlled clock, keyboard-only use, the body-map filter, and a look at phone and desktop."""

import pytest

from browser_support import axe_violations
from upperback import timer
from upperback.content import load

pytestmark = pytest.mark.browser
EXERCISE = "ball-release-upper-trapezius"  # 3 holds of 30 s, 30 s rest, each side


def test_timer_runs_a_per_side_dosage_through_every_phase(page, site_url):
    steps = timer.steps(load().exercises[EXERCISE]["dosage"])
    page.clock.install()
    page.goto(f"{site_url}/exercises/{EXERCISE}/")
    box = page.locator(".ub-timer")
    box.locator("[data-timer=start]").click()
    seen = []
    for step in steps:
        seen.append((box.get_attribute("data-kind"), box.locator(".ub-timer-phase").inner_text()))
        page.clock.run_for(step["seconds"] * 1000)
    assert seen == [(s["kind"], s["label"]) for s in steps]
    assert box.get_attribute("data-state") == "done"
    assert box.get_attribute("data-holds-done") == "6"
    assert "Done: 6 holds" == box.locator(".ub-timer-live").inner_text()


def test_timer_keeps_time_while_throttled_and_pauses(page, site_url):
    page.clock.install()
    page.goto(f"{site_url}/exercises/{EXERCISE}/")
    box = page.locator(".ub-timer")
    box.locator("[data-timer=start]").click()
    # no ticks in between, as in a background tab: the default get-ready time + hold 1 + 10 s of rest
    page.clock.fast_forward(timer.GET_READY * 1000 + 30000 + 10000)
    page.clock.run_for(300)
    assert box.get_attribute("data-kind") == "rest" and box.get_attribute("data-holds-done") == "1"
    assert box.locator(".ub-timer-clock").inner_text() == "0:20"
    box.locator("[data-timer=pause]").click()
    page.clock.run_for(60000)
    assert box.get_attribute("data-state") == "paused" and box.locator(".ub-timer-clock").inner_text() == "0:20"
    box.locator("[data-timer=start]").click()  # resume
    page.clock.run_for(20500)
    assert (
        box.get_attribute("data-kind") == "hold"
        and box.locator(".ub-timer-phase").inner_text() == "Hold 2 of 3, left side"
    )


def test_timer_is_keyboard_operable(page, site_url):
    page.clock.install()
    page.goto(f"{site_url}/exercises/{EXERCISE}/")
    page.focus(".ub-timer [data-timer=start]")
    page.keyboard.press("Enter")
    box = page.locator(".ub-timer")
    assert box.get_attribute("data-state") == "running"
    page.keyboard.press("Tab")  # to Pause
    page.keyboard.press("Space")
    assert box.get_attribute("data-state") == "paused"
    page.keyboard.press("Tab")  # to Reset
    page.keyboard.press("Enter")
    assert box.get_attribute("data-state") == "idle"
    assert box.locator(".ub-timer-live").get_attribute("aria-live") == "assertive"


def test_exercise_index_loads_without_page_errors(page, site_url):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "/exercises/", wait_until="networkidle")
    assert page.locator(".ub-map-index a").count() > 0  # the map's links are there, and nothing threw
    assert errors == []


def test_a_muscle_chip_filters_the_index_on_a_phone_and_keeps_its_header_in_view(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "/exercises/", wait_until="networkidle")
    chip = page.locator(".ub-chips a[data-target=levator-scapulae]")
    assert chip.bounding_box()["height"] >= 44
    chip.click()
    targets = page.locator("#ub-exercise-list tbody tr:not([hidden])").evaluate_all(
        "rows => rows.map(r => r.dataset.target.split(' '))"
    )
    assert targets and all("levator-scapulae" in t for t in targets)
    header = page.locator("#ub-exercise-list thead").bounding_box()
    top_bar = page.locator(".md-header").bounding_box()
    assert header["y"] >= top_bar["y"] + top_bar["height"] - 1  # the list's header is not under the top bar
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    context.close()


def test_choosing_a_muscle_on_the_map_filters_the_index(page, site_url):
    page.goto(site_url + "/exercises/", wait_until="networkidle")
    page.locator(".ub-map-index a:has([data-target=levator-scapulae])").first.click()
    visible = page.locator("#ub-exercise-list tbody tr:not([hidden])")
    targets = visible.evaluate_all("rows => rows.map(r => r.dataset.target.split(' '))")
    assert targets and all("levator-scapulae" in t for t in targets)
    assert page.input_value("select[name=target]") == "levator-scapulae"


@pytest.mark.parametrize("width, height, name", [(390, 844, "phone"), (1280, 900, "desktop")])
def test_exercise_page_screenshots_and_accessibility(browser, site_url, tmp_path_factory, width, height, name):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{site_url}/exercises/{EXERCISE}/", wait_until="networkidle")
    shots = tmp_path_factory.getbasetemp() / "screenshots"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / f"exercise-{name}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px on {name}"
    page.locator(".ub-timer [data-timer=start]").click()
    assert axe_violations(page) == []
    context.close()


def test_a_disabled_timer_button_does_not_look_like_the_main_action(page, site_url):
    page.clock.install()
    page.goto(f"{site_url}/exercises/{EXERCISE}/")
    box = page.locator(".ub-timer")
    style = "b => { const s = getComputedStyle(b); return [s.backgroundColor, s.borderStyle]; }"
    enabled = box.locator("[data-timer=start]").evaluate(style)
    box.locator("[data-timer=start]").click()  # running: Start is disabled, Pause enabled
    assert box.locator("[data-timer=start]").is_disabled()
    disabled = box.locator("[data-timer=start]").evaluate(style)
    assert disabled[0] != enabled[0] and disabled[1] == "dashed"
    assert disabled[0] in ("rgba(0, 0, 0, 0)", "transparent")  # no fill: not the filled main-action style
    assert axe_violations(page) == []
