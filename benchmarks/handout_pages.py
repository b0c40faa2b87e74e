"""Printed handout size in headless Debian chromium against the built site: pages on A4 and Letter for a programme
of 4 and of 6 techniques (the techniques with the most words in their steps and stop-if, every dose shown), and the
QR code of the longest programme the builder allows (version, modules a side, and whether zxing-cpp decodes it from
the printed PDF rendered at 96 and 72 dpi by poppler's pdftoppm). Prints figures (a benchmark, not a timed test).

Usage: .venv/bin/python benchmarks/handout_pages.py --site DIR
"""
import argparse
import functools
import http.server
import io
import json
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from chromium import EXECUTABLE, FLAGS  # noqa: E402

sys.path.insert(0, str(ROOT / "src"))
from upperback import handout  # noqa: E402
from upperback.content import load  # noqa: E402


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def wordiest(n):
    """The n techniques with the most words in their steps and stop-if: the longest handout of n techniques."""
    content = load()
    words = {i: sum(len(s.split()) for s in e["steps"] + e["stop_if"]) for i, e in content.exercises.items()}
    return sorted(words, key=lambda i: (-words[i], i))[:n]


def state(n):
    extra = {}
    for key, value in (("clinician", "Alex Morgan, physiotherapist, Riverside Clinic"),
                       ("contact", "Call 020 7946 0000, Monday to Friday, 9am to 5pm"), ("review", "2027-01-15")):
        if key in getattr(handout, "TEXT_FIELDS", {}) or key == "review" and hasattr(handout, "REVIEW_FIELD"):
            extra[key] = value  # (the fields the handout had when this was measured: before them, none)
    return {"items": [{"exercise": i} for i in wordiest(n)], "note": "Do these after work, not first thing.",
            "name": "Sam", **extra}


def pages(browser, url, paper):
    page = browser.new_page()  # a fresh page each time: the same link again would not reload
    page.goto(url)
    page.wait_for_selector(".ub-handout:not([hidden]) .ub-qr svg", timeout=120000)
    page.emulate_media(media="print")
    count = len(PdfReader(io.BytesIO(page.pdf(format=paper))).pages)
    page.close()
    return count


def qr_figures(browser, site, tmp):
    """The longest programme the builder allows (tests/test_handout.py), on a site with a long address: its QR
    code's version and modules, and whether zxing-cpp reads it from the printed PDF rendered at 96 and 72 dpi."""
    import segno
    import zxingcpp
    from PIL import Image
    sys.path.insert(0, str(ROOT / "tests"))
    from test_handout import longest_programme

    prefix = tmp / "upper-back-guide.physio-team" / "guide"
    prefix.parent.mkdir()
    prefix.symlink_to(site.resolve(), target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    link = (f"http://127.0.0.1:{server.server_address[1]}/upper-back-guide.physio-team/guide/"
            + handout.patient_view(longest_programme())["share"])
    code = segno.make(link, error="m", micro=False)
    page = browser.new_page()
    page.goto(link)
    page.wait_for_selector(".ub-handout:not([hidden]) .ub-qr svg", timeout=120000)
    page.emulate_media(media="print")
    (tmp / "h.pdf").write_bytes(page.pdf(format="A4"))
    page.close()
    server.shutdown()
    result = {"link_characters": len(link), "version": code.version, "modules": code.symbol_size(border=0)[0],
              "print_mm": handout.QR_PRINT_MM}
    for dpi in (96, 72):
        subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-png", "-singlefile", str(tmp / "h.pdf"),
                        str(tmp / f"p{dpi}")], check=True)
        texts = [d.text for d in zxingcpp.read_barcodes(Image.open(tmp / f"p{dpi}.png").convert("L"))]
        result[f"decodes_at_{dpi}_dpi"] = texts == [link]
    return result


def measure(site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    result = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=EXECUTABLE, args=FLAGS)
        for n in (4, 6):
            url = base + handout.patient_view(state(n))["share"]
            result[f"{n} techniques"] = {paper: pages(browser, url, paper) for paper in ("A4", "Letter")}
        with tempfile.TemporaryDirectory() as tmp:
            result["longest programme QR"] = qr_figures(browser, site, Path(tmp))
        browser.close()
    server.shutdown()
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", required=True, help="a built site")
    print(json.dumps(measure(Path(parser.parse_args().site)), indent=2))


if __name__ == "__main__":
    main()
