"""Installable in Debian's chromium: the browser itself reports no reason the guide could not be installed (its
manifest, icons and service worker), and the page that says how to add it to a home screen has no axe violations."""
import pytest

from browser_support import axe_violations
from chromium import EXECUTABLE, FLAGS

pytestmark = pytest.mark.browser


def test_chromium_reports_the_guide_installable(browser, site_url, tmp_path):
    # Chromium never offers install in an incognito-like context, so this one has its own profile.
    context = browser.browser_type.launch_persistent_context(str(tmp_path / "profile"), executable_path=EXECUTABLE,
                                                              args=FLAGS)
    try:
        page = context.new_page()
        page.goto(site_url + "/progress/")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30000)
        devtools = context.new_cdp_session(page)
        manifest = devtools.send("Page.getAppManifest")
        assert manifest["url"] == site_url + "/manifest.webmanifest" and manifest["errors"] == []
        assert devtools.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_the_home_screen_section_reads_well_and_has_no_axe_violations(page, site_url, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + "/progress/#home-screen")
    section = page.locator("#home-screen")
    assert "Add to Home Screen" in page.locator("main").inner_text()
    assert section.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []
