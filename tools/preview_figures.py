"""Render figures to PNG for authors: python tools/preview_figures.py OUT_DIR [ID ...]

Each PNG shows the record's still frames and, beside them, its moving picture paused at each step of the loop, as
upperback.figures draws them. The whole set is also on the site's review sheet, /clinicians/figures/.
"""
import json
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
from chromium import EXECUTABLE, FLAGS  # noqa: E402  (beside this file)

sys.path.insert(0, str(ROOT / "src"))
from upperback.figure_motion import Motion  # noqa: E402
from upperback.figures import DEFS, DURATION, HOLD, svg  # noqa: E402

CSS = (ROOT / "docs" / "stylesheets" / "figures.css").read_text()
VARS = (":root{--md-default-fg-color:#000000de;--md-default-fg-color--light:#0000008a;"
        "--md-default-fg-color--lightest:#00000012;--md-accent-fg-color:#bf360c;--md-default-bg-color:#fff}")


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: python tools/preview_figures.py OUT_DIR [ID ...]  (no ID: every illustrated record)")
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    known = {p.stem for p in (ROOT / "content" / "illustrations").glob("*.json")}
    unknown = sorted(set(sys.argv[2:]) - known)
    if unknown:
        sys.exit(f"no illustration for {', '.join(unknown)}: use ids of content/illustrations/")
    ids = sys.argv[2:] or sorted(known)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=EXECUTABLE, args=FLAGS)
        page = browser.new_page(viewport={"width": 900, "height": 420})
        for record_id in ids:
            record = json.loads((ROOT / "content" / "illustrations" / f"{record_id}.json").read_text())
            motion = Motion(record)
            steps = len(motion.steps) if motion.moves else 0
            players = "".join(f"<div class='step'>{svg(record)}</div>" for _ in range(steps))
            page.set_content(f"<html class='js'><style>{VARS}{CSS} body{{font-family:sans-serif}} .step{{display:"
                             f"inline-block;width:260px;vertical-align:top}} .st .ubf-stills{{display:flex}}</style>"
                             f"<body>{DEFS}<h3>{record_id}</h3><div class='st'>{svg(record, still=True)}</div>"
                             f"{players}<p>{record['caption']}</p></body></html>")
            for k in range(steps):  # pause the k-th copy while it holds step k
                at = 1000 * DURATION[steps] * (k + HOLD / 2) / steps
                page.evaluate("([k, at]) => document.querySelectorAll('.step')[k].getAnimations({subtree: true})"
                              ".forEach(a => { a.pause(); a.currentTime = at; })", [k, at])
            page.screenshot(path=str(out / f"{record_id}.png"), full_page=True)
            print(out / f"{record_id}.png")
        browser.close()


if __name__ == "__main__":
    main()
