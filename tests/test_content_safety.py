"""Content is safe by construction (issue 18, item 5).

- Record text is plain text: each hostile text in tests/data/hostile-content/records.json fails
  `python -m upperback check` with its own rule named (`file: field: rule: what is wrong`) and no other rule,
  while ordinary text (a `<` in prose, links to the web and to the site, an image of the site's own) passes.
- A record's title and summary reach the theme escaped: the generated front matter is YAML from a serializer, its
  values HTML-escaped, so even text that got past the check prints as text in <title>, the header and the meta
  description, and the macros plugin never runs a title as a template.
"""
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from helpers import ROOT
from upperback.rules import TEXT_RULES, rule_name
from upperback.validation import validate

sys.path.insert(0, str(ROOT / "hooks"))
import generated_pages  # noqa: E402  (the MkDocs hook, imported as a module)

FIXTURES = json.loads((Path(__file__).parent / "data" / "hostile-content" / "records.json").read_text("utf-8"))
HOSTILE = FIXTURES["hostile"]


def put(document, field, text):
    """Set one field, written as in a Problem (``steps[0]``, ``evidence.summary``, ``R1.url``)."""
    keys = [int(k) if k.isdigit() else k for k in re.findall(r"[^.\[\]]+", field)]
    for key in keys[:-1]:
        document = document[key]
    document[keys[-1]] = text


def test_every_text_rule_has_hostile_fixtures():
    assert {rule_name(rule) for rule in TEXT_RULES} == {f["rule"] for f in HOSTILE}


@pytest.mark.parametrize("fixture", HOSTILE, ids=lambda f: f"{f['rule']}:{f['why']}")
def test_hostile_text_fails_the_check_naming_its_rule(content_copy, fixture):
    content_copy.edit(fixture["file"], lambda record: put(record, fixture["field"], fixture["text"]))
    problems = validate(content_copy.root)
    assert problems, "the hostile text was not caught"
    assert {(p.file, p.field, p.rule) for p in problems} == {(f"content/{fixture['file']}", fixture["field"],
                                                             fixture["rule"])}, [str(p) for p in problems]
    assert str(problems[0]).startswith(f"content/{fixture['file']}: {fixture['field']}: {fixture['rule']}: ")


@pytest.mark.parametrize("text", FIXTURES["allowed"])
def test_ordinary_text_passes_every_rule(content_copy, text):
    content_copy.edit("exercises/band-row.json", lambda record: put(record, "steps[0]", text))
    assert [str(p) for p in validate(content_copy.root)] == []


def test_the_command_line_check_fails_on_hostile_content_and_names_each_rule(content_copy):
    first = {}
    for fixture in HOSTILE:  # one text per field: the first fixture of each rule that has a field to itself
        first.setdefault((fixture["file"], fixture["field"]), fixture)
    for fixture in first.values():
        content_copy.edit(
            fixture["file"], lambda record, fixture=fixture: put(record, fixture["field"], fixture["text"])
        )
    result = subprocess.run(
        [sys.executable, "-m", "upperback", "check", str(content_copy.root)], capture_output=True, text=True
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == len(first)
    for fixture in first.values():
        assert any(
            line.startswith(f"content/{fixture['file']}: {fixture['field']}: {fixture['rule']}: ") for line in lines
        ), (fixture, lines)


def test_the_real_content_passes_the_command_line_check():
    result = subprocess.run([sys.executable, "-m", "upperback", "check"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == "", result.stderr


HOSTILE_TITLES = [
    'Row "><script>alert(1)</script>',
    "Row {{ lipsum.__globals__.os.system('id') }}",
    "Row: a title\n---\nlayout: evil",
    "Row & 'quotes' # not a comment",
    "- a list? [no]: {no}",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_front_matter_is_yaml_with_values_the_theme_can_print(title):
    record = {"id": "band-row", "title": title, "summary": f"Summary of {title}"}
    body, meta = get_data(generated_pages.stub(record, "exercise_page"))  # MkDocs' own front matter reader
    assert set(meta) == {"title", "description"}
    assert body.strip() == '{{ exercise_page("band-row") }}'
    assert html.unescape(meta["title"]) == title and html.unescape(meta["description"]) == record["summary"]
    for value in meta.values():
        assert not set(value) & set("<>\"'{}"), value  # nothing the theme's HTML or the macros' Jinja acts on


def test_an_id_that_is_not_a_plain_id_never_reaches_a_macro_call():
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError, match="not lower-case words"):
        generated_pages.stub({"id": 'x") }}{{ 7*7', "title": "T", "summary": "S"}, "exercise_page")


UNCHECKED_BUILD = """
import sys
import upperback.validation
upperback.validation.validate = lambda root=None: []  # as if the text had got past the check
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config("mkdocs.yml", site_dir=sys.argv[1], strict=True))
"""


def test_a_title_and_summary_that_got_past_the_check_print_as_text(content_copy, tmp_path):
    title, summary = 'Row "><script>alert(1)</script>{{ 7*7 }}', 'Sum "><img src=x onerror=alert(2)> & {{ 6*7 }}'
    content_copy.edit("exercises/band-row.json", lambda record: record.update(title=title, summary=summary))
    site = tmp_path / "site"
    env = {**os.environ, "UPPERBACK_CONTENT": str(content_copy.root), "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run(
        [sys.executable, "-c", UNCHECKED_BUILD, str(site)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    page = (site / "exercises" / "band-row" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    shown = html.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1))
    assert shown == f"{title} - Upper Back Guide"
    description = re.search(r'<meta name="description" content="([^"]*)">', page).group(1)
    assert html.unescape(description) == summary
    header = re.search(
        r'<span class="md-ellipsis">\s*(.*?)\s*</span>', page.split('class="md-header__topic"')[2], re.S
    ).group(1)
    assert html.unescape(header) == title
