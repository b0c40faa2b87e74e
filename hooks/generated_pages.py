"""MkDocs hook: register one page per exercise and check-in record.

Each generated page is a stub that calls a macro; the macro (macros/) renders the record through a Jinja
template. Page URLs are /exercises/<id>/ and /checks/<id>/, so a record's id is its permanent address.
"""
from mkdocs.structure.files import File

from upperback.content import load

STUB = "---\ntitle: {title}\ndescription: {description}\n---\n\n{{{{ {macro}(\"{id}\") }}}}\n"


def _yaml_text(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def on_files(files, config):
    content = load()
    for folder, macro, records in (("exercises", "exercise_page", content.exercises), ("checks", "check_page", content.checks)):
        for record_id, record in records.items():
            stub = STUB.format(title=_yaml_text(record["title"]), description=_yaml_text(record["summary"]), macro=macro, id=record_id)
            files.append(File.generated(config, f"{folder}/{record_id}.md", content=stub))
    return files
