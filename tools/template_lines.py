"""`make lint` for the Jinja templates and theme overrides: no line over 120 characters, as ruff holds the Python.

A long tag or expression can be broken inside `{% %}` or `{{ }}`, or its part moved into a partial
(`{% include "name.html.j2" %}`). Between two pieces of plain text or HTML, start the second line with `{#- #}`:
the comment strips the newline (and indentation) before it, so the output is unchanged.
Prints `file:line: N characters (limit 120)` for each, and exits 1 if any.
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 120
FOLDERS = ("macros/templates", "overrides")


def long_lines(root=ROOT):
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in (".j2", ".html"):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if len(line) > LIMIT:
                    yield f"{path.relative_to(root).as_posix()}:{number}: {len(line)} characters (limit {LIMIT})"


if __name__ == "__main__":
    found = list(long_lines())
    print("\n".join(found) or f"templates: every line is {LIMIT} characters or fewer")
    sys.exit(1 if found else 0)
