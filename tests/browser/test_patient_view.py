"""The patient view is for the patient: its pictures, the clinician's note and contact, today's session, no builder
button; and its techniques show from build time before the engine is ready, then the engine checks the link."""
import base64
import json

import pytest

from browser_support import axe_violations
from upperback import handout, handout_page
from upperback.content import load

pytestmark = pytest.mark.browser
CONTENT = load()
STATE = {"items": [{"exercise": "band-row", "dosage": {"sets": 3, "reps": 12, "per_week": 2}},
                   {"exercise": "lying-chin-tuck"}],
         "note": "After work, not first thing.", "name": "Sam", "clinician": "Alex Morgan, Riverside Clinic",
         "contact": "020 7946 0000, weekdays 9 to 5", "review": "2027-01-15"}
SHARE = handout.patient_view(STATE)["share"]


def shown(page):
    return page.locator(".ub-handout-items > .ub-handout-item").evaluate_all("items => items.map(i => i.dataset.item)")


def test_the_patient_sees_pictures_note_contact_and_todays_session_and_no_builder_button(page, site_url):
    page.goto(f"{site_url}/{SHARE}")
    page.wait_for_selector("[data-engine=ready]", timeout=60000)
    page.wait_for_selector(".ub-handout:not([hidden]) .ub-qr svg")
    assert shown(page) == ["band-row", "lying-chin-tuck"]
    for exercise in ("band-row", "lying-chin-tuck"):  # the exercise's own figure, with its text alternative
        alt = CONTENT.illustrations[exercise]["frames"][0]["alt"]
        assert page.locator(f".ub-handout-items [data-item={exercise}] svg[aria-label*='{alt[:40]}']").count() >= 1
    assert page.locator(".ub-handout-note").inner_text() == STATE["note"]
    assert page.locator(".ub-handout-contact").inner_text() == f"Contact: {STATE['contact']}"
    start = page.locator(".ub-handout [data-start-session]")
    assert start.is_visible() and start.inner_text() == "Start today's session"
    assert start.get_attribute("href").endswith("session/" + SHARE[SHARE.index("#"):])
    box = page.locator("#ub-patient")
    assert box.get_by_text("Edit in the builder").count() == 0
    assert page.locator(".ub-handout a[href*='builder']").count() == 0
    assert page.locator("[data-action=print]").is_enabled()
    assert axe_violations(page) == []
    start.click()
    page.wait_for_url("**/session/#p=*")


def test_the_techniques_show_before_the_engine_is_ready_and_a_changed_dose_waits_for_it(page, site_url):
    page.route("**/pyodide/**", lambda route: None)  # hold the engine: it never arrives
    page.goto(f"{site_url}/{SHARE}")
    page.wait_for_selector(".ub-handout:not([hidden])")
    assert shown(page) == ["band-row", "lying-chin-tuck"]
    assert page.locator(".ub-handout-items h3").all_inner_texts() == ["Band row", "Lying chin tuck"]
    assert page.locator(".ub-handout-items [data-item=band-row] .ubf-svg").first.is_visible()
    usual = handout.patient_view({"items": [{"exercise": "lying-chin-tuck"}]})["items"][0]["dosage"]
    assert (
        page.locator("[data-item=lying-chin-tuck] [data-dose]").inner_text() == usual
    )  # the link keeps its usual dose
    assert "checking" in page.locator("[data-item=band-row] [data-dose]").inner_text()  # changed: the engine words it
    assert page.locator("[data-action=print]").is_disabled()  # no printing a handout without its QR code
    assert page.locator(".ub-log-rows th[scope=row]").all_inner_texts()[:2] == ["Band row", "Lying chin tuck"]


def test_a_changed_dose_says_so_when_the_engine_cannot_load(page, site_url):
    page.route("**/pyodide/**", lambda route: route.abort())  # the engine's files cannot be fetched at all
    page.goto(f"{site_url}/{SHARE}")
    page.wait_for_selector("#ub-patient[data-engine=failed]", state="attached", timeout=60000)
    changed = page.locator("[data-item=band-row] [data-dose]").inner_text()
    assert changed == handout_page.DOSE_UNCHECKED and "checking" not in changed  # never "checking" for ever
    usual = handout.patient_view({"items": [{"exercise": "lying-chin-tuck"}]})["items"][0]["dosage"]
    assert page.locator("[data-item=lying-chin-tuck] [data-dose]").inner_text() == usual
    assert page.locator(".ub-engine-failed").is_visible()


def test_the_engine_then_checks_the_link_and_drops_what_it_cannot_use(page, site_url):
    state = {
        "items": [{"exercise": "band-row", "dosage": {"sets": 99}}, {"exercise": "no-such"}, {"exercise": "band-row"}],
        "note": "",
        "name": "",
    }
    packed = base64.urlsafe_b64encode(json.dumps({"v": 1, **state}).encode()).decode().rstrip("=")
    page.goto(f"{site_url}/clinicians/patient/#p={packed}")
    page.wait_for_selector("[data-engine=ready]", timeout=60000)
    page.wait_for_selector(".ub-handout .ub-qr svg")
    assert shown(page) == ["band-row", "band-row"]  # the same technique twice is shown twice, with unique ids
    assert page.evaluate("new Set([...document.querySelectorAll('[id]')].map(e => e.id)).size") == page.evaluate(
        "document.querySelectorAll('[id]').length"
    )
    usual = handout.patient_view({"items": [{"exercise": "band-row"}]})["items"][0]["dosage"]
    assert page.locator(".ub-handout-items [data-dose]").all_inner_texts() == [usual, usual]
    assert "sets must be a whole number from 1 to 5" in page.locator(".ub-problems").inner_text()


def test_the_clinician_opens_a_patient_link_in_the_builder(page, site_url):
    page.goto(f"{site_url}/clinicians/builder/")
    page.wait_for_selector("[data-engine=ready]", timeout=60000)
    page.fill("#ub-open-link", f"{site_url}/{SHARE}")
    page.click(".ub-open-link button")
    page.wait_for_selector("#ub-programme-items > li")
    assert page.locator("#ub-programme-items > li").evaluate_all("l => l.map(i => i.dataset.item)") == [
        "band-row",
        "lying-chin-tuck",
    ]
    assert page.input_value("li[data-item=band-row] input[data-field=sets]") == "3"
    assert page.input_value("#ub-clinician") == STATE["clinician"]
    page.fill("#ub-open-link", "https://example.org/not-a-programme")
    page.click(".ub-open-link button")
    page.wait_for_selector(".ub-problems:not([hidden])")
    assert "not a programme link" in page.locator(".ub-problems").inner_text()
