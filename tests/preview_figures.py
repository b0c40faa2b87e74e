"""Render illustrations to PNG for authors to look at: python tests/preview_figures.py OUT_DIR [ID ...]"""
import json
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from upperback.figures import illustration  # noqa: E402

CSS = (ROOT / "docs" / "stylesheets" / "site.css").read_text()
VARS = ":root{--md-default-fg-color:#000000de;--md-default-fg-color--light:#0000008a;--md-default-fg-color--lighter:#00000052;--md-default-fg-color--lightest:#00000012;--md-accent-fg-color:#bf360c;--md-default-bg-color:#fff}"


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    ids = sys.argv[2:] or [p.stem for p in sorted((ROOT / "content" / "illustrations").glob("*.json"))]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"])
        page = browser.new_page(viewport={"width": 700, "height": 420})
        for record_id in ids:
            record = json.loads((ROOT / "content" / "illustrations" / f"{record_id}.json").read_text())
            view = illustration(record)
            figures = "".join(f"<figure>{f['svg']}<figcaption>{f['label']}</figcaption></figure>" for f in view["frames"])
            page.set_content(f"<style>{VARS}{CSS} body{{font-family:sans-serif}}</style><h3>{record_id}</h3><div class='ub-illustration'>{figures}</div><p>{view['caption']}</p>")
            page.screenshot(path=str(out / f"{record_id}.png"), full_page=True)
            print(out / f"{record_id}.png")
        browser.close()


if __name__ == "__main__":
    main()
