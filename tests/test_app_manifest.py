"""The web app manifest and its icons in the built site: fields a browser needs to offer "install", addresses that
stay within the site, icons that really are PNGs of the sizes stated, every page linking them, all precached."""
import json
import re
import struct
import zlib
from urllib.parse import urljoin

from hooks import app_icon, csp

SITE_CSS = "docs/stylesheets/site.css"


def png_header(data):
    """(width, height, colour type) from a PNG's signature and IHDR chunk, checking its CRC."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    length, kind = struct.unpack(">I4s", data[8:16])
    body = data[16:16 + length]
    assert kind == b"IHDR" and length == 13
    assert struct.unpack(">I", data[16 + length:20 + length])[0] == zlib.crc32(kind + body) & 0xFFFFFFFF
    width, height, depth, colour = struct.unpack(">IIBB", body[:10])
    assert depth == 8
    return width, height, colour


def pixels(data):
    """The decoded RGBA rows of a PNG written without row filters (the build's own icons)."""
    width, height, _ = png_header(data)
    idat, at = b"", 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"IDAT":
            idat += data[at + 8:at + 8 + length]
        at += 12 + length
    raw = zlib.decompress(idat)
    stride = 1 + 4 * width
    return [raw[y * stride + 1:(y + 1) * stride] for y in range(height)]


def read_manifest(site):
    return json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))


def test_the_manifest_has_what_installing_needs(built_site):
    from helpers import ROOT
    manifest = read_manifest(built_site)
    assert manifest["name"] == "Upper Back Guide" and 0 < len(manifest["short_name"]) <= 12
    assert manifest["display"] == "standalone"
    site = "https://example.org/some/folder/"  # wherever the site is published, it opens and stays within it
    where = urljoin(site, "manifest.webmanifest")
    assert urljoin(where, manifest["start_url"]) == site and urljoin(where, manifest["scope"]) == site
    primary = re.search(r"--md-primary-fg-color:\s*(#[0-9a-fA-F]{6})", (ROOT / SITE_CSS).read_text()).group(1)
    assert manifest["theme_color"].lower() == primary.lower()


def test_each_icon_is_a_png_of_the_stated_size_with_a_maskable_one(built_site):
    icons = read_manifest(built_site)["icons"]
    stated = set()
    for icon in icons:
        width, height, colour = png_header((built_site / icon["src"]).read_bytes())
        assert icon["sizes"] == f"{width}x{height}" and icon["type"] == "image/png"
        assert colour == 6  # RGBA
        stated.add((width, icon["purpose"]))
    assert {(192, "any"), (512, "any"), (512, "maskable")} <= stated


def test_the_maskable_icon_fills_every_edge_and_keeps_the_figure_in_the_safe_circle(built_site):
    icon = next(i for i in read_manifest(built_site)["icons"] if i["purpose"] == "maskable")
    rows = pixels((built_site / icon["src"]).read_bytes())
    size = len(rows)
    edges = [rows[y][4 * x:4 * x + 4] for y in (0, size - 1) for x in range(size)]
    assert all(pixel[3] == 255 for pixel in edges)  # opaque to the edge: a launcher's mask never shows a gap
    figure = [(x, y) for y, row in enumerate(rows) for x in range(size)
              if tuple(row[4 * x:4 * x + 3]) == app_icon.FIGURE_COLOUR]
    assert figure
    centre, safe = size / 2, 0.4 * size  # the safe zone of the manifest spec: a circle of radius 40%
    assert max(((x + 0.5 - centre) ** 2 + (y + 0.5 - centre) ** 2) ** 0.5 for x, y in figure) < safe


def test_every_page_links_the_manifest_and_the_service_worker_precaches_it(built_site):
    for page in csp.pages(built_site):
        text = page.read_text(encoding="utf-8")
        link = re.search(r'<link rel="manifest" href="([^"]+)">', text)
        assert link, page
        address = "http://site.test/" + page.relative_to(built_site).as_posix()  # 404.html links from the root
        assert urljoin(address, link.group(1)) == "http://site.test/manifest.webmanifest", page
        assert re.search(r'<link rel="apple-touch-icon" href="[^"]+\.png">', text), page
    precached = set(re.findall(r'url:"([^"]+)"', (built_site / "sw.js").read_text()))
    wanted = {"manifest.webmanifest", *(icon["src"] for icon in read_manifest(built_site)["icons"])}
    assert wanted <= precached
