"""The strict build: every record has its page with stable anchors, nothing is left unrendered, every internal
link resolves, and a broken record fails the build with the file and the field."""
import json
import os
import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from mkdocs.config import load_config

from helpers import ROOT, run_build
from site_links import broken_links, parse
from upperback.content import load

EXERCISE_ANCHORS = {
    "targets",
    "equipment",
    "steps",
    "dosage",
    "feel",
    "stop-if",
    "precautions",
    "avoid-if",
    "variations",
    "suggested-by",
    "evidence",
    "references",
}
CHECK_ANCHORS = {"how", "safety", "criteria", "outcomes", "caveats", "evidence", "references"}


def test_every_exercise_has_its_page_with_anchors(built_site):
    content = load()
    for exercise_id, exercise in content.exercises.items():
        page = built_site / "exercises" / exercise_id / "index.html"
        assert page.exists(), exercise_id
        parsed = parse(page)
        assert EXERCISE_ANCHORS <= parsed.ids, (exercise_id, EXERCISE_ANCHORS - parsed.ids)
        html = page.read_text()
        assert exercise["title"].replace("'", "&#39;") in html or exercise["title"] in html
        for step in exercise["steps"]:
            assert step.split()[0] in html


def test_every_check_in_has_its_page_with_outcome_anchors(built_site):
    for check_id, check in load().checks.items():
        page = built_site / "checks" / check_id / "index.html"
        assert page.exists(), check_id
        ids = parse(page).ids
        assert CHECK_ANCHORS <= ids, (check_id, CHECK_ANCHORS - ids)
        assert {f"outcome-{o['id']}" for o in check["outcomes"]} <= ids


def test_index_lists_every_exercise_with_filter_data(built_site):
    html = (built_site / "exercises" / "index.html").read_text()
    rows = re.findall(
        r'<tr data-type="([a-z]+)" data-region="([a-z-]+)" data-target="([a-z -]+)" data-equipment="([a-z -]+)">', html
    )
    assert len(rows) == len(load().exercises)
    for page, _ids in (("by-target", load().taxonomy["targets"]), ("by-equipment", load().taxonomy["equipment"])):
        assert (built_site / "exercises" / page / "index.html").exists()


def test_safety_page_lists_every_red_flag_by_level(built_site):
    html = (built_site / "safety" / "index.html").read_text()
    ids = parse(built_site / "safety" / "index.html").ids
    for flag_id in load().red_flags:
        assert f"flag-{flag_id}" in ids
    assert html.index('id="emergency"') < html.index('id="urgent"') < html.index('id="soon"')


def test_no_unrendered_template_text(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text()
        assert "{{" not in text and "{%" not in text, page


def test_every_internal_link_and_anchor_resolves(built_site):
    base_path = urlsplit(load_config(str(ROOT / "mkdocs.yml"))["site_url"]).path
    assert broken_links(built_site, base_path) == []


def test_no_third_party_resources_in_html(built_site):
    for page in built_site.rglob("*.html"):
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", page.read_text()):
            if 'rel="canonical"' not in tag:  # a canonical link names the page; the browser loads nothing from it
                assert not re.search(r"(?:src|href)=\"(?:https?:)?//", tag), f"{page}: {tag}"


def test_broken_record_fails_the_build_naming_file_and_field(content_copy, tmp_path):
    content_copy.edit(
        "exercises/ball-release-upper-trapezius.json", lambda r: r["targets"]["primary"].append("left-pinky")
    )
    result = run_build(tmp_path / "site", env={**os.environ, "UPPERBACK_CONTENT": str(content_copy.root)})
    assert result.returncode != 0
    expected = "content/exercises/ball-release-upper-trapezius.json: targets.primary[1]: known-targets: unknown muscle"
    assert expected + " or joint 'left-pinky'" in result.stderr + result.stdout


def test_search_finds_a_muscle_only_on_pages_that_work_it(built_site):
    # Every page's body map names all 30 regions; the map is kept out of the search index, the list of targets is not.
    content = load()
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    sections = {doc["location"]: doc["text"] for doc in index["docs"]}
    labels = {target["id"]: target["label"] for target in content.taxonomy["targets"]}
    for exercise_id, exercise in content.exercises.items():
        text = sections[f"exercises/{exercise_id}/#targets"]
        named = {target_id for target_id, label in labels.items() if label in text}
        assert named == set(exercise["targets"]["primary"] + exercise["targets"]["secondary"]), exercise_id


def _front_matter(markdown):
    """The lines of a Markdown file's leading `---` block, or [] when it has none."""
    lines = markdown.splitlines()
    if not lines or lines[0].strip() != "---":
        return []
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), None)
    return [line.strip() for line in lines[1:end] if line.strip()] if end else []


class _Article(HTMLParser):
    """The text of a built page's main content (Material's <article>), whitespace collapsed."""

    def __init__(self):
        super().__init__()
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)

    def text(self):
        return " ".join(" ".join(self.parts).split())


def _article_text(page):
    parser = _Article()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.text()


def _built_page(site, source):
    relative = source.relative_to(ROOT / "docs").with_suffix("")
    folder = relative.parent if relative.name == "index" else relative
    return site / folder / "index.html"


def test_no_page_shows_its_front_matter_as_text(built_site):
    # A front matter MkDocs cannot read as YAML (say, an unquoted colon in the title) is rendered as page text.
    checked = 0
    for source in sorted((ROOT / "docs").rglob("*.md")):
        lines = _front_matter(source.read_text(encoding="utf-8"))
        if not lines:
            continue
        page = _built_page(built_site, source)
        assert page.exists(), source
        text, html = _article_text(page), page.read_text(encoding="utf-8")
        for line in lines:
            assert " ".join(line.split()) not in text, f"{source.name}: front matter shown as text: {line!r}"
        title = next((line.split(":", 1)[1].strip().strip("\"'") for line in lines if line.startswith("title:")), None)
        shown = unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1)).strip()
        if title:
            assert shown.startswith(title), f"{source.name}: the page title is {shown!r}, not {title!r}"
        checked += 1
    assert checked >= 10
    for page in built_site.rglob("*.html"):  # pages made from records have no .md file: no key at a paragraph start
        assert not re.search(r"<p>(?:title|description): ", page.read_text(encoding="utf-8")), page


class _Head(HTMLParser):
    """The tags of a page's <head>, in order, with their attributes."""

    def __init__(self):
        super().__init__()
        self.tags, self.done = [], False

    def handle_starttag(self, tag, attrs):
        if not self.done:
            self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self.done = self.done or tag == "head"


def test_every_page_sends_no_referrer(built_site):
    # overrides/main.html: a link to a source or a download tells the other site nothing of the page it came from
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 40
    for page in pages:
        head = _Head()
        head.feed(page.read_text(encoding="utf-8"))
        policies = [i for i, (tag, attrs) in enumerate(head.tags) if tag == "meta" and attrs.get("name") == "referrer"]
        assert len(policies) == 1, (page, policies)
        assert head.tags[policies[0]][1].get("content") == "no-referrer", page
        fetches = [i for i, (tag, attrs) in enumerate(head.tags) if tag == "script" or attrs.get("rel") == "stylesheet"]
        assert fetches and policies[0] < fetches[0], f"{page}: the policy comes after a stylesheet or script"


def test_exactly_the_pages_with_an_engine_box_start_the_engine_from_their_head(built_site):
    """The ub-engine-start line makes engine.js start the worker at once (overrides/main.html); it points where the
    page's engine box does, and a page without one never starts the engine by loading."""
    box = re.compile(r'<div [^>]*data-pyodide="([^"]+)"')
    start = re.compile(r'<meta name="ub-engine-start" content="([^"]+)">')
    with_box = set()
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        head = html.split("</head>")[0]
        boxes, starts = box.findall(html), start.findall(head)
        assert starts == boxes[:1], page.relative_to(built_site)
        assert head.index('javascripts/engine.js"') < head.index('rel="stylesheet"'), page.relative_to(built_site)
        with_box |= {str(page.parent.relative_to(built_site))} if boxes else set()
    assert {"assessment", "progress", "session", "clinicians/patient"} <= with_box


def test_search_leaves_out_the_patient_views_hidden_texts_and_the_safety_cases_plans(built_site):
    """A search finds the guide's pages, not the patient view's every exercise text (hidden until a link shows
    some) nor 40 scenario plans repeating every exercise's name; each scenario's person stays findable."""
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith("clinicians/patient/")]
    safety_case = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("clinicians/safety-case/"))
    scenarios = json.loads((ROOT / "content" / "scenarios.json").read_text())["scenarios"]
    for scenario in scenarios:
        assert scenario["basis"][:60] not in unescape(safety_case), scenario["id"]
        assert scenario["person"][:40] in unescape(safety_case), scenario["id"]
