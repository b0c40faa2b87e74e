"""Clinician programmes in Debian's chromium: build, link, QR code, handout PDF, round trip, tampered links, axe."""
import base64
import functools
import http.server
import io
import json
import subprocess
import threading

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from browser_support import axe_violations
from upperback import handout
from upperback.content import load

CONTENT = load()

pytestmark = pytest.mark.browser


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
PICKS = ["band-row", "lying-chin-tuck", "doorway-pec-stretch"]


def ready(page, url):
    page.goto(url)
    page.wait_for_selector("[data-engine=ready]", timeout=60000)


def build(page, site_url):
    ready(page, site_url + "/clinicians/builder/")
    page.fill("input[name=q]", "row")
    assert page.locator("#ub-builder-catalogue tbody tr:not([hidden])").count() < 10  # search narrows the list
    page.click("[data-add=band-row]")
    page.fill("input[name=q]", "")
    page.select_option("form.ub-filter select[name=type]", "stretch")
    page.click("[data-add=doorway-pec-stretch]")
    page.select_option("form.ub-filter select[name=type]", "")
    page.click("[data-add=lying-chin-tuck]")
    page.click("li[data-item=lying-chin-tuck] button:has-text('Up')")  # order: band row, chin tuck, pec stretch
    page.fill("li[data-item=band-row] input[data-field=sets]", "3")
    page.dispatch_event("li[data-item=band-row] input[data-field=sets]", "change")
    page.fill("#ub-note", "After work, <script>window.__pwned=1</script>")
    page.fill("#ub-name", "Sam")
    page.fill("#ub-clinician", "Alex Morgan, Riverside Clinic")
    page.fill("#ub-contact", "020 7946 0000, weekdays")
    page.fill("#ub-review", "2027-01-15")
    page.click("[data-action=create]")
    page.wait_for_selector(".ub-qr svg")
    return page.input_value("#ub-builder-link")


def test_builder_link_opens_exactly_those_items_with_the_changed_dosage(page, site_url):
    link = build(page, site_url)
    assert "/clinicians/patient/#p=" in link
    ready(page, link)
    page.wait_for_selector(".ub-handout:not([hidden])")
    assert (
        page.locator(".ub-handout-items > .ub-handout-item").evaluate_all("items => items.map(i => i.dataset.item)")
        == PICKS
    )
    assert page.locator("li[data-item=band-row] .ub-handout-dosage").inner_text().startswith("How much: 3 sets of")
    assert page.locator(".ub-handout-items a[data-exercise]").count() == 3
    assert "Sam, your exercise programme" == page.locator(".ub-handout-title").inner_text()
    assert page.locator(".ub-handout-clinician").inner_text() == "From: Alex Morgan, Riverside Clinic"
    assert page.locator(".ub-handout-contact").inner_text() == "Contact: 020 7946 0000, weekdays"
    assert "15 January 2027" in page.locator(".ub-handout-review").inner_text()
    assert "<script>" in page.locator(".ub-handout-note").inner_text() and page.evaluate("window.__pwned") is None
    assert "emergency services" in page.locator(".ub-handout-safety").inner_text()
    for href in page.locator(".ub-handout-items a[data-exercise]").evaluate_all("links => links.map(a => a.href)"):
        assert page.request.get(href).status == 200


def test_qr_code_decodes_to_the_same_link(page, site_url):
    link = build(page, site_url)
    png = page.locator("#ub-builder-result .ub-qr svg").screenshot()
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))
    assert [d.text for d in decoded] == [link]


def test_builder_restores_a_programme_for_editing(page, site_url):
    link = build(page, site_url)
    page = page.context.new_page()  # the clinician opens the link again later
    ready(page, link.replace("/clinicians/patient/", "/clinicians/builder/"))
    page.wait_for_selector("li[data-item]")
    assert page.locator("#ub-programme-items > li").evaluate_all("items => items.map(i => i.dataset.item)") == PICKS
    assert page.input_value("li[data-item=band-row] input[data-field=sets]") == "3"
    assert page.input_value("#ub-name") == "Sam"
    assert (
        page.input_value("#ub-contact") == "020 7946 0000, weekdays" and page.input_value("#ub-review") == "2027-01-15"
    )


def wordiest(n):
    """The n techniques with the most words in their steps and stop-if: the longest handout of n techniques."""
    words = {i: sum(len(s.split()) for s in e["steps"] + e["stop_if"]) for i, e in CONTENT.exercises.items()}
    return sorted(words, key=lambda i: (-words[i], i))[:n]


def handout_pdf(page, url, paper):
    ready(page, url)
    page.wait_for_selector(".ub-handout:not([hidden]) .ub-qr svg")
    page.emulate_media(media="print")
    return page.pdf(format=paper)


def flat(text):
    return " ".join(text.split())


def bare(text):
    """Text without any white space: a PDF's text breaks lines inside words ("finger-" / "widths")."""
    return "".join(text.split())


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_six_technique_handout_fits_two_pages_with_pictures_log_and_clinician_lines(page, site_url, paper):
    ids = wordiest(handout.MAX_ITEMS)
    state = {
        "items": [{"exercise": i} for i in ids],
        "note": "After work.",
        "name": "Sam",
        "clinician": "Alex Morgan, Riverside Clinic",
        "contact": "020 7946 0000",
        "review": "2027-01-15",
    }
    pdf = PdfReader(io.BytesIO(handout_pdf(page, f"{site_url}/{handout.patient_view(state)['share']}", paper)))
    pages = [flat(p.extract_text()) for p in pdf.pages]
    text = " ".join(pages)
    assert len(pages) <= 2
    assert "Sam, your exercise programme" in pages[0] and "Alex Morgan, Riverside Clinic" in pages[0]
    assert "020 7946 0000" in pages[0] and "Friday 15 January 2027" in pages[0]
    assert "Skip to content" not in text and "Search" not in text and "Table of contents" not in text
    assert "#p=" not in text and "/clinicians/patient/" in text  # a short link line, never the raw link
    for i in ids:  # each card whole on one page: its title, first step and last stop-if line together
        ex = CONTENT.exercises[i]
        holding = [p for p in map(bare, pages) if bare(ex["title"]) in p and bare(ex["stop_if"][-1]) in p]
        assert holding and bare(ex["steps"][0]) in holding[0], f"{i} split across pages or missing"
    assert page.locator(".ub-handout-items .ub-handout-item .ubf-svg").count() >= len(ids)  # every card has a picture
    log = page.locator(".ub-log-rows th[scope=row]").all_inner_texts()
    assert log[: len(ids)] == [CONTENT.exercises[i]["title"] for i in ids]
    assert page.locator(".ub-log thead th").count() == 1 + handout.LOG_DAYS


def test_longest_programme_qr_decodes_from_a_96_dpi_render_of_the_printed_pdf(browser, built_site, tmp_path):
    """The longest programme the builder allows, on a site with a long address, printed to PDF and rendered at 96 dpi
    (poppler's pdftoppm): zxing-cpp reads the whole link back from the page image."""
    from test_handout import longest_programme

    prefix = tmp_path / "upper-back-guide.physio-team" / "guide"  # as long as test_handout.LONG_SITE
    prefix.parent.mkdir()
    prefix.symlink_to(built_site, target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = f"http://127.0.0.1:{server.server_address[1]}/upper-back-guide.physio-team/guide/"
    link = site + handout.patient_view(longest_programme())["share"]
    assert len(handout.qr_matrix(link)) >= 17 + 4 * (handout.QR_MAX_VERSION - 1)  # near the largest code allowed
    page = browser.new_page()
    pdf = handout_pdf(page, link, "A4")
    page.close()
    server.shutdown()
    (tmp_path / "handout.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "96",
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            "-singlefile",
            str(tmp_path / "handout.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    decoded = zxingcpp.read_barcodes(Image.open(tmp_path / "page.png").convert("L"))
    assert [d.text for d in decoded] == [link]


def test_qr_request_in_the_page_refuses_a_link_too_long_in_words(page, site_url):
    ready(page, site_url + "/clinicians/builder/")
    reply = page.evaluate("window.UpperBackEngine.ask({op: 'qr', text: 'x'.repeat(3000)})")
    assert reply["ok"] is False and "too long for a QR code" in reply["error"]


@pytest.mark.parametrize(
    "state, expected",
    [
        (
            {
                "v": 1,
                "items": [{"exercise": "no-such", "dosage": {}}, {"exercise": "band-row", "dosage": {"sets": 99}}],
            },
            ["unknown technique 'no-such' was left out", "sets must be a whole number from 1 to 5"],
        ),
        (
            {
                "v": 1,
                "items": [{"exercise": "<img src=x onerror=window.__pwned=1>"}],
                "note": "<svg onload=window.__pwned=1>",
            },
            ["unknown technique"],
        ),
    ],
)
def test_bad_programme_links_keep_what_can_be_read(page, site_url, state, expected):
    packed = base64.urlsafe_b64encode(json.dumps(state).encode()).decode().rstrip("=")
    ready(page, f"{site_url}/clinicians/patient/#p={packed}")
    page.wait_for_selector(".ub-problems:not([hidden])")
    problems = page.locator(".ub-problems").inner_text()
    assert all(e in problems for e in expected)
    assert page.evaluate("window.__pwned") is None
    assert (
        page.locator(".ub-handout img, .ub-handout svg:not(.ub-qr-code):not(.ubf-svg), .ub-problems img").count() == 0
    )


@pytest.mark.parametrize("fragment, message", [("#p=%%%garbled", "damaged"), ("#p=" + "A" * 7000, "too long")])
def test_garbled_programme_link_gives_a_clear_message(page, site_url, fragment, message):
    ready(page, site_url + "/clinicians/patient/" + fragment)
    page.wait_for_selector(".ub-problems:not([hidden])")
    assert message in page.locator(".ub-problems").inner_text()
    assert page.locator(".ub-handout").is_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_builder_and_patient_view_have_no_accessibility_violations(page, site_url, scheme):
    page.emulate_media(color_scheme=scheme)
    link = build(page, site_url)
    assert axe_violations(page) == []
    ready(page, link)
    page.wait_for_selector(".ub-handout:not([hidden]) .ub-qr svg")
    assert axe_violations(page) == []
