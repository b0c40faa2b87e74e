"""The guide offline in Debian's chromium: after one visit online, the pages come from the service worker (Workbox,
written at build time) and the engine's files from its versioned cache, so a plan is made with the network off."""
import json

import pytest

from browser_support import answer

pytestmark = pytest.mark.browser

ENGINE_PAGES = ["/assessment/", "/progress/", "/clinicians/builder/"]
PAGES = ["/", "/exercises/band-row/", "/safety/", *ENGINE_PAGES]


def engine_ready(page):
    page.wait_for_selector("[data-engine=ready]", timeout=60000)


def caches(page):
    """{cache name: number of entries} in this browser."""
    return page.evaluate("""async () => Object.fromEntries(await Promise.all((await caches.keys()).map(
        async (name) => [name, (await (await caches.open(name)).keys()).length])))""")


def engine_files(site_url, page):
    text = page.request.get(site_url + "/sw-engine.js").text()
    return json.loads(text.split("const ENGINE_FILES = ", 1)[1].split(";\n", 1)[0])


@pytest.fixture
def visited(browser, site_url):
    """A browser that has been on the site once, online: each page type, the engine started once."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30000)
    page.goto(site_url + "/assessment/")
    engine_ready(page)
    wanted = len(engine_files(site_url, page)) + 1  # and the worker script
    page.wait_for_function("""wanted => caches.keys().then(async (names) => {
        const name = names.find((n) => n.startsWith('upperback-engine-'));
        return name && (await (await caches.open(name)).keys()).length === wanted; })""", arg=wanted, timeout=60000)
    yield page
    context.close()


def test_the_service_worker_precaches_the_pages_and_keeps_the_engine_apart(visited, site_url):
    found = caches(visited)
    precache = next(name for name in found if name.startswith("upperback-precache-"))
    engine = next(name for name in found if name.startswith("upperback-engine-pyodide-"))
    assert found[precache] > 60  # every page and asset, the search index and sitemap included
    assert found[engine] == len(engine_files(site_url, visited)) + 1
    cached = visited.evaluate("""async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)""", engine)
    assert not any("python_stdlib.zip" in url or "pyodide-lock.json" in url for url in cached)
    assert any(url.endswith("pyodide.asm.wasm") for url in cached)


def test_every_page_works_offline_and_a_plan_is_made_with_the_network_off(visited, site_url):
    engine_folder = "/" + engine_files(site_url, visited)[0].rsplit("/", 1)[0]
    visited.context.set_offline(True)
    # The network is really off: what the worker does not keep fails.
    for url in ("/assets/javascripts/lunr/wordcut.js", engine_folder + "/pyodide-lock.json"):
        # not kept: one file the worker never routes, one it routes to the engine's cache but never stored
        assert visited.evaluate("url => fetch(url).then(() => 'loaded', () => 'failed')", url) == "failed", url
    for path in PAGES:
        response = visited.goto(site_url + path)
        assert response.ok, path
        assert visited.locator("h1").count() >= 1, path
    visited.goto(site_url + "/assessment/")
    engine_ready(visited)
    answer(visited, none=True, pain=3)
    visited.wait_for_selector("[data-status]")
    assert visited.locator(".ub-plan-body a[data-exercise]").count() > 0
    visited.goto(site_url + "/progress/")
    engine_ready(visited)
    visited.goto(site_url + "/exercises/band-row/")
    assert "band" in visited.locator("h1").inner_text().lower()


def test_instant_navigation_works_offline(visited, site_url):
    visited.goto(site_url + "/")
    visited.context.set_offline(True)
    visited.click("a[href$='safety/']")
    visited.wait_for_url("**/safety/")
    assert visited.locator("h1").inner_text()
    visited.click("a[href$='assessment/']")
    visited.wait_for_url("**/assessment/")
    engine_ready(visited)


def test_the_patient_view_from_a_link_works_offline(visited, site_url):
    visited.goto(site_url + "/clinicians/builder/")
    engine_ready(visited)
    visited.click("[data-add=band-row]")
    visited.click("[data-action=create]")
    visited.wait_for_selector(".ub-qr svg")
    link = visited.input_value("#ub-builder-link")
    visited.context.set_offline(True)
    visited.goto(link)
    engine_ready(visited)
    visited.wait_for_selector(".ub-handout:not([hidden])")


def test_a_new_version_says_so_once(visited, site_url):
    """offline.js compares the page's version with the last one seen."""
    visited.evaluate("localStorage.setItem('upperback.site-version', 'an-older-version')")
    visited.goto(site_url + "/")
    notice = visited.locator(".ub-updated[role=status]")
    assert "updated" in notice.inner_text()
    notice.locator("button").click()
    assert notice.count() == 0
    visited.goto(site_url + "/safety/")
    assert visited.locator(".ub-updated").count() == 0


# What a browser that asks to save data (Chrome's Lite mode, Android's Data Saver) reports, before any script runs.
SAVE_DATA = """Object.defineProperty(Navigator.prototype, 'connection', {configurable: true,
    get: () => ({saveData: true, effectiveType: '4g', addEventListener() {}, removeEventListener() {}})});"""


def engine_requests(page, site_url):
    folder = engine_files(site_url, page)[0].rsplit("/", 1)[0]
    return [url for url in page.requests_seen if f"/{folder}/" in url or "assessment-worker.mjs" in url]


def test_the_home_page_warms_the_engine_files_though_it_holds_the_weekly_offer(page, site_url):
    # the weekly check-in's offer box starts the engine only for someone with saved check-ins; the page itself is
    # not an engine page, so a first visit there still fetches the engine's files once idle
    page.goto(site_url + "/")
    assert page.locator(".ub-weekly-offer").count() == 1 and page.locator("[data-pyodide]").count() == 0
    page.wait_for_selector('meta[name=ub-offline][data-warm="asked"]', state="attached", timeout=30000)


def test_a_page_without_the_engine_fetches_its_files_once_idle_so_the_assessment_then_works_offline(page, site_url):
    page.context.on("request", lambda request: page.requests_seen.append(request.url))  # the worker's too
    page.goto(site_url + "/exercises/band-row/")  # no engine on this page
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30000)
    page.wait_for_selector('meta[name=ub-offline][data-warm="asked"]', state="attached", timeout=30000)
    wanted = len(engine_files(site_url, page)) + 1  # and the worker script, at the address engine.js starts it with
    page.wait_for_function("""wanted => caches.keys().then(async (names) => {
        const name = names.find((n) => n.startsWith('upperback-engine-'));
        return name && (await (await caches.open(name)).keys()).length === wanted; })""", arg=wanted, timeout=90000)
    assert page.locator("[data-pyodide]").count() == 0
    page.context.set_offline(True)
    page.goto(site_url + "/assessment/")  # never opened online
    engine_ready(page)
    answer(page, none=True, pain=3)
    page.wait_for_selector("[data-status]")
    assert page.locator(".ub-plan-body a[data-exercise]").count() > 0


def test_nothing_is_fetched_ahead_when_the_browser_asks_to_save_data(page, site_url):
    page.add_init_script(SAVE_DATA)
    page.context.on("request", lambda request: page.requests_seen.append(request.url))
    page.goto(site_url + "/exercises/band-row/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30000)
    assert page.evaluate("navigator.connection.saveData") is True
    page.wait_for_selector('meta[name=ub-offline][data-warm="save-data"]', state="attached", timeout=30000)
    page.wait_for_timeout(3000)  # longer than the idle fallback: a warm-up, had it been asked for, would have begun
    assert not [name for name in caches(page) if name.startswith("upperback-engine-")]
    assert engine_requests(page, site_url) == []
