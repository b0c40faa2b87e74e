"""The page scripts compose no words for a person: every text a page shows comes from the engine, at build time (a
data attribute the template renders from a Python constant) or in a reply. This check reads every string literal
in docs/javascripts/*.js, outside comments and developer messages (console calls, Error(...)), and fails on one
that reads as words for a reader, naming file:line."""
import json
import re
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent / "docs" / "javascripts"

# A capitalised word ("Done", "Move up", "Not saved: "), how a label, heading or sentence for a reader starts; or a
# lower-case word between spaces (" of ", ", your exercise programme"), how words are joined around a number.
WORDS = re.compile(r"(?<![\w$.#-])[A-Z][a-z]+(?=$|[\s.,:;!?)'\"-])|(?:^|\s)[a-z]{2,}(?=\s)")
# Literals that look like words but are names the browser or a format defines, never shown to a reader.
ALLOWED = set()  # none needed today; a literal kept here needs a comment saying why no reader sees it
# What comes just before a literal that no reader sees: a message for developers (console, Error), or code that
# reads like words (class names, CSS selectors).
DEVELOPER = re.compile(r"(?:(?:console\.\w+|Error)\([^()]*|class:\s*|querySelector(?:All)?\()$")
_REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^")


def literals(source):
    """(line, text, code before it on its line) for each string and template literal, skipping comments and
    regular expression literals. A template literal's ${...} parts are left out of its text."""
    i, line, found = 0, 1, []
    last = ""  # the last significant character of code, to tell a regex literal from a division
    while i < len(source):
        c = source[i]
        if c == "\n":
            line += 1
        if source.startswith("//", i):
            i = source.find("\n", i)
            i = len(source) if i < 0 else i
            continue
        if source.startswith("/*", i):
            end = source.index("*/", i) + 2
            line += source.count("\n", i, end)
            i = end
            continue
        if c in "\"'`":
            start_line, j, text, depth = line, i + 1, [], 0
            while j < len(source) and not (source[j] == c and depth == 0):
                if source[j] == "\\":
                    text.append(source[j : j + 2])
                    j += 2
                    continue
                if c == "`" and source.startswith("${", j) and depth == 0:
                    depth, j = 1, j + 2
                    text.append(" ")
                    continue
                if depth:
                    depth += {"{": 1, "}": -1}.get(source[j], 0)
                else:
                    text.append(source[j])
                line += source[j] == "\n"
                j += 1
            before = source[source.rfind("\n", 0, i) + 1 : i]
            found.append((start_line, "".join(text), before))
            i, last = j + 1, c
            continue
        if c == "/" and (last in _REGEX_AFTER or re.search(r"\breturn\s*$", source[max(0, i - 8) : i])):
            j, in_class = i + 1, False
            while source[j] != "/" or in_class:
                in_class = (in_class or source[j] == "[") and source[j] != "]"
                j += 2 if source[j] == "\\" else 1
            i, last = j + 1, "/"
            continue
        if not c.isspace():
            last = c
        i += 1
    return found


def reader_words():
    """file:line: text for each literal in the page scripts that reads as words for a person."""
    hits = []
    for path in sorted(SCRIPTS.glob("*.js")):
        for line, text, before in literals(path.read_text(encoding="utf-8")):
            if DEVELOPER.search(before) or text.strip() in ALLOWED:
                continue
            if WORDS.search(text):
                hits.append(f"{path.name}:{line}: {text!r}")
    return hits


def test_the_scanner_finds_words_and_skips_code():
    source = (
        '// "Hidden in a comment"\nconst a = "Move up", b = \'ub-x\', c = `Left ${n} out`;\n'
        'console.warn("For developers");\nthrow new Error("Also for developers");\n'
        'const r = /Not a string "Here"/g; const d = x / 2, e = "Second line" / 1;\n/* "Block Comment" */\n'
        'el("p", { class: "ub-one ub-two" }, `${n} of ${m}`); rows = box.querySelectorAll("tbody tr");\n'
        'reject(new Error(event.message || "the script did not load"));'
    )
    found = [(line, text) for line, text, before in literals(source) if not DEVELOPER.search(before)]
    assert [(line, text) for line, text in found if WORDS.search(text)] == [
        (2, "Move up"), (2, "Left   out"), (5, "Second line"), (7, "  of  ")
    ]


def test_page_scripts_compose_no_words_for_a_reader():
    hits = reader_words()
    assert not hits, "words for a reader belong to the engine (a data attribute or a reply):\n" + "\n".join(hits)


def test_every_data_words_attribute_is_a_group_of_page_words_and_every_word_a_script_reads_exists(built_site):
    """The built pages carry upperback.page_words unchanged, and a script never reads a word no group has (it would
    show "undefined" to a reader)."""
    from html import unescape

    from upperback.page_words import WORDS

    groups = list(WORDS.values())
    seen = set()
    for page in built_site.rglob("*.html"):
        for single, double in re.findall(r"""data-words=(?:'([^']*)'|"([^"]*)")""", page.read_text(encoding="utf-8")):
            group = json.loads(unescape(single or double))
            assert group in groups, page.relative_to(built_site)
            seen.add(groups.index(group))
    assert seen == set(range(len(groups))), "a group of page_words that no page renders"
    keys = {key for group in groups for key in group}
    for script in sorted(SCRIPTS.glob("*.js")):
        read = re.findall(r"(?:\bsaid|\bwords\([^)]*\))\.(\w+)", script.read_text(encoding="utf-8"))
        assert set(read) <= keys, (script.name, sorted(set(read) - keys))
