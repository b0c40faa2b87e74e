"""The web app manifest and its icons, written into the built site (hooks/offline.py, before the service
worker, so both are precached). overrides/main.html links them from every page.

Addresses are relative to the manifest, so the installed guide opens and stays within the site wherever it is
published (a GitHub Pages sub-folder included). The theme colour is the site's primary colour, read from its
stylesheet, so it lives in one place.
"""
import json
import re
from pathlib import Path

from . import app_icon

ROOT = Path(__file__).resolve().parents[1]
STYLESHEET = ROOT / "docs" / "stylesheets" / "site.css"
MANIFEST = "manifest.webmanifest"
ICON_DIR = "assets/icons/"
SHORT_NAME = "Upper Back"
BACKGROUND = "#ffffff"  # the page colour of Material's light scheme: what shows while the guide opens
# (file name, size, layout, manifest purpose or None if the manifest does not list it)
ICONS = (
    ("icon-192.png", 192, "any", "any"),
    ("icon-512.png", 512, "any", "any"),
    ("icon-maskable-512.png", 512, "maskable", "maskable"),
    ("apple-touch-icon.png", 180, "maskable", None),  # iPhone and iPad read <link rel="apple-touch-icon">, and round it
)
APPLE_TOUCH_ICON = ICON_DIR + "apple-touch-icon.png"


def theme_colour(stylesheet=STYLESHEET):
    """The light scheme's --md-primary-fg-color (the first one the stylesheet sets), as #rrggbb."""
    found = re.search(r"--md-primary-fg-color:\s*(#[0-9a-fA-F]{6})\s*;", Path(stylesheet).read_text(encoding="utf-8"))
    if not found:
        raise RuntimeError(f"{stylesheet} sets no --md-primary-fg-color as #rrggbb; the manifest needs it")
    return found.group(1).lower()


def manifest(name, description, colour):
    return {
        "name": name,
        "short_name": SHORT_NAME,
        "description": description,
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": BACKGROUND,
        "theme_color": colour,
        "lang": "en",
        "icons": [{"src": ICON_DIR + file, "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
                  for file, size, _, purpose in ICONS if purpose],
    }


def write(site_dir, name, description):
    """Writes the manifest and the icons; returns their paths relative to the site."""
    colour = theme_colour()
    rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    icons = Path(site_dir) / ICON_DIR
    icons.mkdir(parents=True, exist_ok=True)
    for file, size, layout, _ in ICONS:
        (icons / file).write_bytes(app_icon.draw(size, rgb, layout))
    text = json.dumps(manifest(name, description, colour), indent=2, ensure_ascii=False) + "\n"
    (Path(site_dir) / MANIFEST).write_text(text, encoding="utf-8")
    return [MANIFEST, *(ICON_DIR + file for file, *_ in ICONS)]
