"""Read a built site: every page's ids, and every internal link with its target page and anchor."""
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links, self.heading_ids, self.redirect = set(), [], set(), None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
            if tag in ("h2", "h3", "section"):
                self.heading_ids.add(attrs["id"])
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.redirect = attrs.get("content", "").split("url=", 1)[-1]
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for key in ("href", "xlink:href", "src"):  # the body map's SVG links use xlink:href
            if attrs.get(key) is not None and tag in ("a", "link", "script", "img"):
                self.links.append(attrs[key])


def parse(path):
    parser = _PageParser()
    parser.feed(Path(path).read_text(encoding="utf-8"))
    return parser


def page_url(site, path):
    rel = Path(path).relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def broken_links(site, base_path="/"):
    """(page, link, why) for each internal link whose file or anchor does not exist.

    ``base_path`` is the path of site_url: absolute links (as on 404.html) start with it."""
    site = Path(site)
    pages = {page_url(site, p): parse(p) for p in site.rglob("*.html")}
    broken = []
    for url, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
                continue
            target = urlsplit(urljoin("http://site" + url, link))
            path = unquote(target.path)
            if path.startswith(base_path):
                path = "/" + path[len(base_path):]
            file = site / path.lstrip("/")
            if file.is_dir():
                file = file / "index.html"
            if not file.exists():
                broken.append((url, link, "no such file"))
            elif target.fragment and file.suffix == ".html":
                ids = pages.get(page_url(site, file)) or parse(file)
                if unquote(target.fragment) not in ids.ids:
                    broken.append((url, link, "no such anchor"))
    return broken
