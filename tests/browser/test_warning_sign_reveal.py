"""Warning signs answer at once, with the engine's files blocked: each emergency or same-day sign, and each
combination rule, reveals the advice of the level the engine gives for the same answers, with numbers to tap."""
import time

import pytest

from browser_support import axe_violations, next_step, shown_step, tick_check
from upperback import assess
from upperback.content import load
from upperback.reveal import CALLS, combinations

pytestmark = pytest.mark.browser
CONTENT = load()


@pytest.fixture
def offline_form(browser, site_url):
    """The form on a phone, with every Pyodide file held back: whatever shows, the engine did not decide it."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.route("**/pyodide/**", lambda route: None)
    page.goto(site_url + "/assessment/")
    yield page
    context.close()


def revealed(page):
    """(level, tel numbers) of every piece of alarm advice now visible in the form."""
    shown = []
    for alarm in page.locator("#ub-assessment-form .ub-alarm").all():
        if alarm.is_visible():
            level = next(
                c.removeprefix("ub-alarm--") for c in alarm.get_attribute("class").split() if c.startswith("ub-alarm--")
            )
            shown.append(
                (level, alarm.locator("a.ub-call").evaluate_all("links => links.map(a => a.getAttribute('href'))"))
            )
    return shown


def test_nothing_is_revealed_before_a_tick(offline_form):
    assert revealed(offline_form) == []


@pytest.mark.parametrize("flag", list(CONTENT.red_flags), ids=str)
def test_each_sign_reveals_the_level_the_engine_gives(offline_form, flag):
    status = assess({"red_flags": {flag: True}})["status"]
    box = offline_form.locator(f"input[name=red_flags][value={flag}]")
    box.check()
    shown = revealed(offline_form)
    if status in CALLS:  # emergency and same-day advice show at once, with numbers to tap
        assert shown == [(status, [f"tel:{c['number']}" for c in CALLS[status]])]
        assert CONTENT.red_flags[flag]["action"] in offline_form.locator(".ub-alarm:visible").inner_text()
    else:
        assert shown == []
    box.uncheck()
    assert revealed(offline_form) == []  # un-ticking hides it again


def combination_cases():
    for rule in combinations(CONTENT):
        for other in rule["any"]:
            yield pytest.param(rule, rule["all"] + [other], [], id=f"{rule['id']}+{other}")
        for check_id, outcome_id in rule["any_outcomes"]:
            yield pytest.param(rule, rule["all"], [(check_id, outcome_id)], id=f"{rule['id']}+{check_id}:{outcome_id}")


@pytest.mark.parametrize("rule, flags, outcomes", list(combination_cases()))
def test_each_combination_reveals_the_level_the_engine_gives(offline_form, rule, flags, outcomes):
    status = assess({"red_flags": dict.fromkeys(flags, True), "checks": dict(outcomes)})["status"]
    assert status == rule["level"]
    for flag in flags:
        offline_form.check(f"input[name=red_flags][value={flag}]")
    combined = offline_form.locator(f"#ub-reveal-{rule['id']}")
    for check_id, outcome_id in outcomes:  # completed on the check-ins step: the advice shows beside the result
        while shown_step(offline_form) != "check-ins":
            next_step(offline_form)
        tick_check(offline_form, check_id, outcome_id)
        combined = offline_form.locator(f"#ub-reveal-{rule['id']}-{check_id}")
    assert combined.is_visible() and rule["action"] in combined.inner_text()
    assert [f"tel:{c['number']}" for c in CALLS[status]] == combined.locator("a.ub-call").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )


RAISING = [(c["id"], o) for c in CONTENT.checks.values() for o in c["outcomes"] if "raises_flag" in o]


@pytest.mark.parametrize("check_id, outcome", RAISING, ids=lambda x: x if isinstance(x, str) else x["id"])
def test_a_check_in_result_that_is_a_sign_reveals_its_advice_beside_it(offline_form, check_id, outcome):
    status = assess({"red_flags": {}, "checks": {check_id: outcome["id"]}})["status"]
    while shown_step(offline_form) != "check-ins":
        next_step(offline_form)
    tick_check(offline_form, check_id, outcome["id"])
    shown = revealed(offline_form)
    if status in CALLS:
        assert shown == [(status, [f"tel:{c['number']}" for c in CALLS[status]])]
    else:
        assert shown == []


def test_advice_shows_at_once_and_passes_accessibility_checks(offline_form):
    start = time.perf_counter()
    offline_form.check("input[name=red_flags][value=chest-pain]")
    offline_form.locator(".ub-flag:has(input[value=chest-pain]) .ub-alarm").wait_for(state="visible")
    print(f"\ntick to advice: {(time.perf_counter() - start) * 1000:.0f} ms (engine blocked)")
    call = offline_form.locator(".ub-flag:has(input[value=chest-pain]) a.ub-call").first
    assert call.bounding_box()["height"] >= 44
    assert offline_form.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    assert axe_violations(offline_form) == []


def test_advice_reveals_with_javascript_off(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "/assessment/")
    page.check("input[name=red_flags][value=chest-pain]")
    assert revealed(page) == [("emergency", [f"tel:{c['number']}" for c in CALLS["emergency"]])]
    context.close()
