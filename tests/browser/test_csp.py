"""The Content-Security-Policy in Debian's chromium: no page type reports a violation, the engine still starts (its
module worker and Pyodide's WebAssembly), and a plan is made under the policy."""
import pytest

from browser_support import answer

pytestmark = pytest.mark.browser

# Every violation the page sees, kept where the test can read it, from before the page's first script.
LISTEN = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => window.__cspViolations.push(
    {directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample,
     source: event.sourceFile}));"""


@pytest.fixture
def watched(page):
    page.add_init_script(LISTEN)
    return page


def violations(page):
    return page.evaluate("window.__cspViolations")


def engine_ready(page):
    page.wait_for_selector("[data-engine=ready]", timeout=60000)


def test_the_policy_is_in_force(watched, site_url):
    watched.goto(site_url + "/")
    policy = watched.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    # An inline script that is not one of the build's is blocked, and reported.
    watched.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';
                                document.body.append(s); }""")
    watched.wait_for_function("() => window.__cspViolations.length > 0")
    assert watched.evaluate("window.__ran") is None
    assert violations(watched)[0]["directive"] == "script-src-elem"


@pytest.mark.parametrize("path", ["/", "/exercises/band-row/", "/safety/", "/checks/", "/evidence/", "/no-such-page/"])
def test_pages_without_the_engine_have_no_violations(watched, site_url, path):
    watched.goto(site_url + path)
    watched.wait_for_load_state("networkidle")
    assert violations(watched) == []


def test_instant_navigation_keeps_to_the_policy(watched, site_url):
    watched.goto(site_url + "/")
    watched.click("a[href$='safety/']")
    watched.wait_for_url("**/safety/")
    watched.goto(site_url + "/exercises/")
    watched.click("a[href$='band-row/']")
    watched.wait_for_url("**/band-row/")
    watched.wait_for_load_state("networkidle")
    assert watched.evaluate("document.querySelectorAll('script[src*=bundle]').length") == 1  # one document
    assert violations(watched) == []


def test_a_plan_is_made_under_the_policy(watched, site_url):
    watched.goto(site_url + "/assessment/")
    engine_ready(watched)
    answer(watched, none=True, pain=3)
    watched.wait_for_selector("[data-status]")
    assert watched.locator(".ub-plan-body a[data-exercise]").count() > 0
    assert violations(watched) == []


@pytest.mark.parametrize("path", ["/progress/", "/clinicians/builder/"])
def test_engine_pages_start_the_engine_with_no_violations(watched, site_url, path):
    watched.goto(site_url + path)
    engine_ready(watched)
    assert violations(watched) == []


def test_the_patient_view_from_a_link_has_no_violations(watched, site_url):
    watched.goto(site_url + "/clinicians/builder/")
    engine_ready(watched)
    watched.click("[data-add=band-row]")
    watched.click("[data-action=create]")
    watched.wait_for_selector(".ub-qr svg")
    link = watched.input_value("#ub-builder-link")
    watched.goto(link)
    engine_ready(watched)
    watched.wait_for_selector(".ub-handout:not([hidden])")
    assert violations(watched) == []
