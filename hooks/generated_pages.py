"""MkDocs hook: register one page per exercise, check-in and education record.

Each generated page is a stub that calls a macro; the macro (macros/) renders the record through a Jinja
template. Page URLs are /exercises/<id>/ and /checks/<id>/, so a record's id is its permanent address.

The stub's front matter is written by a YAML serializer, never by joining strings. Its values are HTML-escaped
here, because the theme prints page.meta.title and page.meta.description into <title>, the header and the meta
description without escaping, and braces are written as entities, because the macros plugin runs a page title
that holds "{{" through Jinja. A browser shows both exactly as the record has them.
"""
import html
import re

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from upperback.content import load

ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # as content/schema/common.schema.json: safe in a URL and a macro call


def theme_text(text):
    """Text as the theme must receive it: HTML with every tag, quote, ampersand and brace as an entity."""
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def stub(record, macro):
    """The Markdown source of a record's page: front matter, then one macro call."""
    if not ID.fullmatch(record["id"]):
        raise PluginError(f"record id {record['id'][:40]!r} is not lower-case words joined by hyphens")
    meta = {"title": theme_text(record["title"]), "description": theme_text(record["summary"])}
    front_matter = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=float("inf"))
    return f"---\n{front_matter}---\n\n{{{{ {macro}(\"{record['id']}\") }}}}\n"


def on_files(files, config):
    content = load()
    pages = (("exercises", "exercise_page", content.exercises), ("checks", "check_page", content.checks))
    from upperback.education import pieces

    pages += (("education", "education_page", pieces()),)  # the series "Understand your pain" (issue 19)
    for folder, macro, records in pages:
        for record_id, record in records.items():
            files.append(File.generated(config, f"{folder}/{record_id}.md", content=stub(record, macro)))
    return files
