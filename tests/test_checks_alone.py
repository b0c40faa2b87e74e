"""Check-ins done alone (issue 11 item 3): `helper` is data on every check-in, the count of those one person can do
alone is computed from it, and each check-in page and the check-in index show what the data says."""
import html

import pytest

from upperback import views
from upperback.content import load
from upperback.validation import validate

HELPERS = ("none", "optional", "needed")


def _alone(content):
    return [c for c in content.checks.values() if c["helper"] != "needed"]


def test_every_check_in_says_whether_it_can_be_done_alone():
    content = load()
    for check in content.checks.values():
        assert check["helper"] in HELPERS, check["id"]
        if check["helper"] != "none":
            assert check.get("helper_note"), f"{check['id']}: say how to do it alone"
        # the equipment list ("You need") names a helper only when one is needed
        assert ("helper" in check["equipment"]) == (check["helper"] == "needed"), check["id"]


def test_steps_of_a_check_in_done_alone_never_depend_on_a_helper():
    """A helper may be offered ("If someone is with you, ..."), but no step of a check-in one person can do alone
    waits on one."""
    for check in _alone(load()):
        for step in check["steps"]:
            lowered = step.lower()
            assert "your helper" not in lowered and "ask a helper" not in lowered, (check["id"], step)


def test_the_count_is_computed_from_the_data():
    content = load()
    count = views.alone_count(content)
    assert count["alone"] == len(_alone(content)) and count["total"] == len(content.checks)
    assert count["text"] == f"{count['alone']} of {count['total']} check-ins can be done alone"
    rows = views.checks_view(content)
    assert rows.alone_count == count and [r["id"] for r in rows] == list(content.checks)
    assert views.check_view(content, next(iter(content.checks)))["alone_count"] == count


@pytest.mark.parametrize("change, message", [
    (lambda r: r.pop("helper"), "'helper' is a required property"),
    (lambda r: r.update(helper="sometimes"), "is not one of"),
])
def test_the_schema_requires_a_known_helper_value(content_copy, change, message):
    content_copy.edit("checks/wall-test.json", change)
    problems = [(p.file, p.message) for p in validate(content_copy.root)]
    assert any(f == "content/checks/wall-test.json" and message in m for f, m in problems), problems


def test_a_check_in_that_needs_a_helper_gives_the_solo_alternative_and_lowers_the_count(content_copy):
    before = views.alone_count(load())
    note = "Film it with your phone propped on a chair and compare the videos, which is rougher."

    def needs_a_helper(record):
        record.update(helper="needed", helper_note=note)
        record["equipment"].append("helper")

    content_copy.edit("checks/neck-rotation-check.json", needs_a_helper)
    assert validate(content_copy.root) == []
    content = load(content_copy.root)
    view = views.check_view(content, "neck-rotation-check")
    assert view["helper_view"]["alone"] is False
    assert view["helper_view"]["line"] == "This one needs a helper"
    assert view["helper_view"]["note"] == f"On your own: {note}"
    assert "A helper" in view["equipment_labels"]
    assert view["alone_count"] == {**before, "alone": before["alone"] - 1,
                                   "text": f"{before['alone'] - 1} of {before['total']} check-ins can be done alone"}
    row = next(r for r in views.checks_view(content) if r["id"] == "neck-rotation-check")
    assert row["helper_view"]["short"] == views.HELPER_SHORT["needed"]


def test_a_needed_helper_without_a_solo_alternative_fails_the_check(content_copy):
    content_copy.edit(
        "checks/neck-rotation-check.json",
        lambda r: (r.update(helper="needed"), r.pop("helper_note"), r["equipment"].append("helper")),
    )
    problems = [(p.file, p.field, p.message) for p in validate(content_copy.root)]
    assert [(f, fld) for f, fld, _ in problems] == [("content/checks/neck-rotation-check.json", "helper_note")]
    assert "solo alternative" in problems[0][2]


def _text(page):
    return html.unescape(page.read_text())


def test_each_check_in_page_shows_whether_it_can_be_done_alone_and_the_count(built_site):
    content = load()
    count = views.alone_count(content)["text"]
    for check in content.checks.values():
        page = _text(built_site / "checks" / check["id"] / "index.html")
        helper = views.check_view(content, check["id"])["helper_view"]
        assert helper["line"] in page, check["id"]
        if helper["note"]:
            assert helper["note"] in page, check["id"]
        assert count in page, check["id"]
        assert all(step in page for step in check["steps"]), check["id"]


def test_the_check_in_index_shows_the_count_and_each_row(built_site):
    content = load()
    page = _text(built_site / "checks" / "index.html")
    assert views.alone_count(content)["text"] in page
    for row in views.checks_view(content):
        assert row["title"] in page and row["helper_view"]["short"] in page
