"""The trimmed standard library in Debian's chromium: the engine's worker loads the site's python_stdlib.pyc.zip,
which holds only the listed modules (requirements/pyodide-stdlib.txt), and with it a plan is made, a session is
started and saved, and a clinician's handout gets a QR code that decodes to its link, with no import error."""
import io
import json
import zipfile

import pytest
import zxingcpp
from PIL import Image

from browser_support import answer
from hooks.pyodide_stdlib import listed

pytestmark = pytest.mark.browser


def ready(page, url):
    page.goto(url)
    page.wait_for_selector("[data-engine=ready]", timeout=90000)


def test_plan_session_and_handout_qr_work_with_only_the_listed_modules(page, site_url):
    problems, stdlib = [], []
    page.on("console", lambda message: message.type in ("error", "warning") and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.context.on("response", lambda response: response.url.endswith("/python_stdlib.pyc.zip")
                    and stdlib.append(response))

    ready(page, site_url + "/assessment/")
    answer(page, none=True, pain=3)
    page.wait_for_selector("[data-status=ok]")
    assert page.locator(".ub-plan-body a[data-exercise]").count() > 0
    assert stdlib, "the worker did not load the precompiled standard library"
    with zipfile.ZipFile(io.BytesIO(stdlib[0].body())) as archive:
        assert sorted(archive.namelist()) == sorted(name + "c" for name in listed())

    page.click("[data-start-session]")
    page.wait_for_selector("#ub-session [data-screen=overview]:not([hidden])", timeout=60000)
    page.click("[data-action=begin]")
    page.wait_for_selector("#ub-session [data-screen=exercise]:not([hidden])")
    page.click("[data-action=skip]")
    page.locator(".ub-exercise-position", has_text="Exercise 2 of").wait_for(timeout=30000)
    (saved,) = json.loads(page.evaluate("window.UpperBackStorage.readSessions()"))["sessions"]
    assert [item["outcome"] for item in saved["items"]] == ["skipped"]

    ready(page, site_url + "/clinicians/builder/")
    page.click("[data-add=band-row]")
    page.fill("#ub-name", "Sam")
    page.click("[data-action=create]")
    page.wait_for_selector("#ub-builder-result .ub-qr svg")
    link = page.input_value("#ub-builder-link")
    png = page.locator("#ub-builder-result .ub-qr svg").screenshot()
    assert [found.text for found in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))] == [link]
    assert not [text for text in problems if "module" in text.lower() or "error" in text.lower()], problems
