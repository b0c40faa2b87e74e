"""The assessment in Debian's chromium: form to plan, links, share link, safety gate, failure fallback, tampering,
printing and accessibility."""
import base64
import json
from urllib.parse import urlsplit

import pytest

from browser_support import answer, axe_violations, saved
from upperback.content import load

pytestmark = pytest.mark.browser


def open_ready(page, url):
    page.goto(url)
    page.wait_for_selector("#ub-assessment[data-engine=ready]", timeout=60000)


def submit_plan(page, red_flag, pain, status):
    """Tick one warning sign and a wall-test gap, rate the pain, and wait for a plan of the given status."""
    answer(page, flags=[red_flag], pain=pain, checks={"wall-test": "gap"})
    page.wait_for_selector(f"[data-status={status}]")


def test_form_is_readable_before_python_loads(page, site_url):
    page.context.route("**/pyodide/**", lambda route: None)  # hold every Pyodide file: the engine never arrives
    page.goto(site_url + "/assessment/")
    assert page.locator("input[name=red_flags]").count() == len(load().red_flags)
    assert page.locator("fieldset.ub-check").count() >= 10
    assert page.locator(".ub-engine-loading progress").is_visible()
    first = page.locator("fieldset.ub-check").first
    assert (
        first.locator(".ub-check-how a")
        .evaluate("a => a.href")
        .endswith(f"/checks/{first.locator('input').first.get_attribute('name')}/")
    )


def test_fill_the_form_get_a_plan_whose_links_load(page, site_url):
    open_ready(page, site_url + "/assessment/")
    answer(page, none=True, pain=6, checks={"wall-test": "gap"})
    page.wait_for_selector("[data-status=ok]")
    links = page.locator("a[data-exercise]")
    assert links.count() >= 5
    assert page.locator("a[data-exercise=chair-back-extension]").count() == 1
    assert "Wall test" in page.locator("a[data-exercise=chair-back-extension] ~ .ub-reason").inner_text()
    for href in links.evaluate_all("links => links.map(a => a.href)"):
        response = page.request.get(href)
        assert response.status == 200, href
        assert "Steps" in response.text()
    origin = urlsplit(site_url).netloc
    assert [u for u in page.requests_seen if urlsplit(u).netloc not in (origin, "")] == []


def test_share_link_reproduces_the_plan(page, browser, site_url):
    open_ready(page, site_url + "/assessment/")
    submit_plan(page, "no-better-after-weeks", "4", "soon")
    first = page.locator(".ub-plan-body").inner_text()
    link = page.locator("input.ub-share").input_value()
    assert "#a=" in link and page.url == link
    other = browser.new_context().new_page()
    open_ready(other, link)
    other.wait_for_selector("[data-status=soon]")
    assert other.locator(".ub-plan-body").inner_text() == first
    other.context.close()


def test_emergency_answer_shows_no_exercise_links(page, site_url):
    open_ready(page, site_url + "/assessment/")
    submit_plan(page, "chest-pain", "8", "emergency")
    assert page.locator("a[data-exercise]").count() == 0
    assert "Call emergency services" in page.locator(".ub-plan-body").inner_text()
    # Nothing to keep: no share link, no print button, no save (issue 11: an emergency offers only the advice).
    assert page.locator("input.ub-share, [data-print]").count() == 0
    assert page.locator(".ub-save").is_hidden()


def test_warning_signs_left_blank_come_first_and_no_exercise_is_shown(page, site_url):
    open_ready(page, site_url + "/assessment/")
    answer(page, pain=3, checks={"wall-test": "gap"})  # Next without answering the warning signs
    page.wait_for_selector("[data-status=unanswered]")
    assert "warning-sign questions first" in page.locator(".ub-status").inner_text()
    assert page.locator("a[data-exercise], a[data-later]").count() == 0
    assert page.locator(".ub-save").is_hidden()


ASKED = [c for c in load().conditions.values() if c["asked_as"] == "question"]


@pytest.mark.parametrize("condition", ASKED, ids=lambda c: c["id"])
def test_each_about_you_condition_leaves_out_its_exercises_and_says_why(page, site_url, condition):
    open_ready(page, site_url + "/assessment/")
    checks = {"wall-test": "gap", "neck-rotation-check": "both-less", "thoracic-rotation-check": "one-side-less"}
    answer(
        page, none=True, conditions=[condition["id"]], pain=4, checks=checks
    )  # candidates with every kind of caution
    page.wait_for_selector("[data-status]:not([data-status=unanswered])")
    cautioned = {
        e["id"]
        for e in load().exercises.values()
        if any(c["when"] == condition["id"] and c["action"] != "adapt" for c in e["avoid_if"])
    }
    shown = set(
        page.locator("a[data-exercise], a[data-later]").evaluate_all(
            "links => links.map(a => a.dataset.exercise || a.dataset.later)"
        )
    )
    assert shown and not shown & cautioned
    left_out = page.locator("a[data-left-out]").evaluate_all("links => links.map(a => a.dataset.leftOut)")
    assert set(left_out) <= cautioned
    if left_out:
        assert condition["told_us"] in page.locator(".ub-left-out").inner_text()
    reopened = page.context.new_page()  # the share link carries the condition: the same plan, the same left-out list
    open_ready(reopened, page.locator("input.ub-share").input_value())
    reopened.wait_for_selector("[data-status]")
    assert reopened.locator(".ub-plan-body").inner_text() == page.locator(".ub-plan-body").inner_text()


def test_old_share_link_with_the_neck_surgery_warning_sign_still_opens(page, site_url):
    old = {
        "v": 1,
        "red_flags": {"past-neck-surgery-or-inflammatory-joints": True},
        "checks": {"neck-rotation-check": "both-less"},
        "pain": 3,
    }
    packed = base64.urlsafe_b64encode(json.dumps(old).encode()).decode().rstrip("=")
    open_ready(page, f"{site_url}/assessment/#a={packed}")
    page.wait_for_selector("[data-status=soon]")
    shown = page.locator("a[data-exercise]").evaluate_all("links => links.map(a => a.dataset.exercise)")
    assert "neck-turns-and-side-bends" not in shown and "levator-scapulae-stretch" not in shown
    assert "neck surgery" in page.locator(".ub-plan-body").inner_text()


def test_save_works_from_a_shared_plan_link(page, browser, site_url):
    open_ready(page, site_url + "/assessment/")
    answer(page, none=True, pain=4, checks={"wall-test": "gap"})
    page.wait_for_selector("[data-status=ok]")
    link = page.locator("input.ub-share").input_value()
    other = browser.new_context().new_page()  # someone opens the link: the form was never filled in here
    errors = []
    other.on("pageerror", lambda error: errors.append(str(error)))
    open_ready(other, link)
    other.wait_for_selector("[data-status=ok]")
    other.click(".ub-save button")
    other.wait_for_selector(".ub-save-status:has-text('Saved on this device')")
    stored = json.loads(saved(other))
    [entry] = stored["entries"]
    assert entry["checks"] == {"wall-test": "gap"} and entry["pain"] == 4
    assert errors == []
    other.context.close()


def test_blocked_pyodide_download_shows_the_fallback(page, site_url):
    page.context.route("**/pyodide.asm.wasm", lambda route: route.abort())  # the worker's requests too
    page.add_init_script("window.__ubLoadTimeoutMs = 8000")
    page.goto(site_url + "/assessment/")
    page.wait_for_selector("#ub-assessment[data-engine=failed]", timeout=60000)
    failed = page.locator(".ub-engine-failed")
    assert failed.is_visible() and "could not load" in failed.inner_text()
    assert page.locator("button[type=submit]").is_disabled()
    assert page.locator("fieldset.ub-check .ub-check-how a").count() == len(load().checks)  # each page linked


@pytest.mark.parametrize(
    "payload",
    [
        {"v": 1, "checks": {"wall-test": '<img src=x onerror="window.__pwned=1">'}},
        {"v": 1, "red_flags": {"<script>window.__pwned=1</script>": True}},
        "<svg onload=window.__pwned=1>",
    ],
)
def test_tampered_share_link_executes_nothing(page, site_url, payload):
    packed = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    open_ready(page, f"{site_url}/assessment/#a={packed}")
    page.wait_for_selector(".ub-error")
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".ub-plan-body img, .ub-plan-body script, .ub-plan-body svg").count() == 0
    assert "could not make a plan" in page.locator(".ub-error").inner_text().lower()


def test_garbled_share_link_gives_clear_message(page, site_url):
    open_ready(page, site_url + "/assessment/#a=%%%garbled")
    page.wait_for_selector(".ub-error")
    assert "damaged" in page.locator(".ub-error").inner_text()


def test_engine_survives_instant_navigation(page, site_url):
    open_ready(page, site_url + "/assessment/")
    page.evaluate("window.__marker = 1")
    page.click(".md-nav a[href$='programme/']")
    page.wait_for_url("**/programme/")
    page.click(".md-nav a[href$='assessment/']")
    page.wait_for_selector("#ub-assessment[data-engine=ready]", timeout=10000)
    assert page.evaluate("window.__marker") == 1  # same document: instant navigation, no reload
    assert sum(1 for u in page.requests_seen if u.endswith("pyodide.asm.wasm")) == 1


def test_a_page_loaded_with_the_engine_starts_it_while_its_html_is_still_parsing(page, site_url):
    """The worker is asked for from <head>, before the body's ~1,700 lines parse (overrides/main.html), so Pyodide
    downloads beside the page instead of after it; reached by instant navigation, attach() starts it (above)."""
    open_ready(page, site_url + "/assessment/")
    started, parsed = page.evaluate("""() => [
        performance.getEntriesByType("resource").find((e) => e.name.includes("assessment-worker.mjs")).startTime,
        performance.getEntriesByType("navigation")[0].domInteractive]""")
    assert started < parsed
    assert sum(1 for u in page.requests_seen if "assessment-worker.mjs" in u) == 1  # started once, not again


def test_saving_works_on_a_page_reached_by_instant_navigation(page, site_url):
    # Material re-creates a new page's inline scripts without their type and id; the storage settings must survive.
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "/")
    page.evaluate("window.__marker = 1")
    page.click(".md-nav a[href$='assessment/']")
    page.wait_for_selector("#ub-assessment[data-engine=ready]", timeout=90000)
    assert page.evaluate("window.__marker") == 1  # same document: the page came by instant navigation
    answer(page, none=True, pain=3)
    page.wait_for_selector("[data-status=ok]")
    page.click(".ub-save button")
    page.wait_for_selector(".ub-save-status:has-text('Saved on this device')")
    assert len(json.loads(saved(page))["entries"]) == 1
    assert errors == []


def test_worker_loads_precompiled_stdlib_and_only_what_the_page_needs(page, site_url):
    open_ready(page, site_url + "/assessment/")
    names = [url.rsplit("/", 1)[-1] for url in page.requests_seen]
    assert names.count("pyodide.asm.wasm") == 1  # compiled by the page, instantiated by the worker: one download
    assert "python_stdlib.pyc.zip" in names and "python_stdlib.zip" not in names
    assert any(name.startswith("upperback-") for name in names)
    assert not any(name.startswith("segno-") for name in names)  # the QR code's package loads on clinician pages only


def test_engine_loads_when_the_server_mislabels_wasm(page, site_url):
    def octet_stream(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-type": "application/octet-stream"})

    page.context.route("**/pyodide.asm.wasm", octet_stream)  # streaming compilation refuses this type
    open_ready(page, site_url + "/assessment/")
    answer(page, none=True)
    page.wait_for_selector("[data-status]")


def test_plan_prints_without_the_form(page, site_url, tmp_path):
    open_ready(page, site_url + "/assessment/")
    answer(page, none=True, pain=3)
    page.wait_for_selector("[data-status=ok]")
    page.emulate_media(media="print")
    assert page.locator("#ub-assessment-form").is_hidden()
    assert page.locator(".md-header").is_hidden()
    assert page.locator("a[data-exercise]").first.is_visible()
    pdf = page.pdf(path=str(tmp_path / "plan.pdf"))
    assert pdf[:4] == b"%PDF"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_form_and_plan_have_no_accessibility_violations(page, site_url, scheme):
    page.emulate_media(color_scheme=scheme)
    open_ready(page, site_url + "/assessment/")
    assert axe_violations(page) == []
    answer(page, none=True, conditions=["thin-bones"], pain=5, checks={"wall-test": "gap"})  # cautions, left-out list
    page.wait_for_selector("[data-status=ok]")
    assert axe_violations(page) == []
