"""The builder checks as you type: ranges shown from the page, bad values flagged in the engine's words, no
duplicates, no empty link, added items announced and in view, starting templates, borders, and a phone's width."""
import json

import pytest

from browser_support import axe_violations
from helpers import ROOT
from upperback import handout

pytestmark = pytest.mark.browser
TEMPLATES = json.loads((ROOT / "content" / "templates.json").read_text())["templates"]


def open_builder(page, site_url, engine=True):
    if not engine:
        page.route("**/pyodide/**", lambda route: None)  # hold the engine: it never arrives
    page.goto(site_url + "/clinicians/builder/")
    if engine:
        page.wait_for_selector("[data-engine=ready]", timeout=60000)


def test_before_the_engine_fields_show_their_range_and_say_checks_are_loading(page, site_url):
    open_builder(page, site_url, engine=False)
    page.click("[data-add=lying-chin-tuck]")  # adding needs only the page
    low, high = handout.BOUNDS["per_day"]
    field = page.locator("li[data-item=lying-chin-tuck] .ub-dose", has=page.locator("[data-field=per_day]"))
    assert f"{low} to {high}" in field.locator(".ub-dose-range").inner_text()
    assert "loading" in field.locator(".ub-dose-check").inner_text().lower()
    assert page.locator("[data-action=create]").is_disabled()


def test_a_bad_dose_is_flagged_at_once_in_the_engines_words_and_blocks_the_link(page, site_url):
    open_builder(page, site_url)
    page.click("[data-add=lying-chin-tuck]")
    low, high = handout.BOUNDS["per_day"]
    box = page.locator("li[data-item=lying-chin-tuck] input[data-field=per_day]")
    box.fill(str(high + 2))
    check = page.locator("li[data-item=lying-chin-tuck] .ub-dose-check").filter(has_text=str(high + 2))
    check.wait_for()
    assert f"{low} to {high}" in check.inner_text() and box.get_attribute("aria-invalid") == "true"
    page.click("[data-action=create]")
    page.wait_for_selector(".ub-problems:not([hidden])")
    assert "outside their range" in page.locator(".ub-problems").inner_text()
    assert page.locator("#ub-builder-result").is_hidden()
    box.fill(str(high))
    page.wait_for_function("() => document.querySelector('li[data-item=lying-chin-tuck] input[data-field=per_day]')"
                           ".getAttribute('aria-invalid') === 'false'")
    page.click("[data-action=create]")
    page.wait_for_selector("#ub-builder-result:not([hidden]) .ub-qr svg")
    link = page.input_value("#ub-builder-link")
    view = handout.open_link(link[link.index("#"):])
    assert view["state"]["items"][0]["dosage"]["per_day"] == high  # the link uses the number the box shows


def test_no_duplicates_and_no_link_for_an_empty_programme(page, site_url):
    open_builder(page, site_url)
    page.click("[data-action=create]")
    page.wait_for_selector(".ub-problems:not([hidden])")
    assert "add at least one technique" in page.locator(".ub-problems").inner_text()
    assert page.locator("#ub-builder-result").is_hidden() and page.input_value("#ub-builder-link") == ""
    page.click("[data-add=band-row]")
    assert page.locator("[data-add=band-row]").is_disabled()
    assert page.locator("#ub-programme-items > li[data-item=band-row]").count() == 1
    page.click("li[data-item=band-row] button:has-text('Remove')")
    assert page.locator("[data-add=band-row]").is_enabled()


def test_an_added_item_is_announced_and_scrolled_into_view(page, site_url):
    page.set_viewport_size({"width": 390, "height": 700})
    open_builder(page, site_url)
    page.click("[data-add=band-row]")
    assert page.locator("#ub-builder-announce").inner_text() == \
        handout.ADDED.format(title="Band row", count=1, most=handout.MAX_ITEMS)
    assert page.locator("#ub-builder-announce").get_attribute("aria-live") == "polite"
    box = page.locator("#ub-programme-items > li[data-item=band-row]").bounding_box()
    assert box["y"] >= 0 and box["y"] < 700  # on screen


@pytest.mark.parametrize("template", TEMPLATES, ids=[t["id"] for t in TEMPLATES])
def test_a_template_loads_its_items_to_edit(page, site_url, template):
    open_builder(page, site_url)
    page.click(f"[data-template={template['id']}]")
    shown = page.locator("#ub-programme-items > li").evaluate_all("l => l.map(i => i.dataset.item)")
    assert shown == [item["exercise"] for item in template["items"]]
    page.click("[data-action=create]")
    page.wait_for_selector("#ub-builder-result:not([hidden]) .ub-qr svg")


@pytest.mark.parametrize("width", [320, 390])
def test_on_a_phone_nothing_scrolls_sideways_and_add_is_in_view(page, site_url, width):
    page.set_viewport_size({"width": width, "height": 800})
    open_builder(page, site_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    wrap = page.locator(".ub-catalogue-wrap")
    assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth + 1")  # the table fits: Add is never cut off
    add = page.locator("[data-add=band-row]").bounding_box()
    assert add["x"] + add["width"] <= width and add["height"] >= 44


def test_every_field_has_a_visible_border(page, site_url):
    open_builder(page, site_url)
    page.click("[data-add=band-row]")
    fields = page.locator("#ub-builder input:not([type=checkbox]), #ub-builder textarea, #ub-builder select")
    styles = fields.evaluate_all("""fs => fs.filter(f => f.offsetParent).map(f => {
        const s = getComputedStyle(f); return [f.id || f.name, s.borderTopStyle, parseFloat(s.borderTopWidth)]; })""")
    assert len(styles) >= 10
    assert [s for s in styles if s[1] == "none" or s[2] < 1] == []


def test_the_handout_print_view_has_no_accessibility_violations(page, site_url):
    state = {"items": [{"exercise": "band-row"}, {"exercise": "lying-chin-tuck"}], "name": "Sam",
             "clinician": "Alex Morgan", "contact": "020 7946 0000", "review": "2027-01-15"}
    page.goto(f"{site_url}/{handout.patient_view(state)['share']}")
    page.wait_for_selector(".ub-handout:not([hidden]) .ub-qr svg", timeout=60000)
    page.emulate_media(media="print")
    assert axe_violations(page) == []
