"""The clinicians' measures page (issue 19 item 5): each measure the site asks with its licence status, change
thresholds and sources; the licensed measures left out, each with why; the weekly re-tailoring rules as a table."""
import json
import re
from html import unescape

from helpers import CONTENT
from upperback import progress
from upperback.content import load

MEASURES = json.loads((CONTENT / "outcome-measures.json").read_text())
RULES = json.loads((CONTENT / "retailoring.json").read_text())


def _text(page):
    html = page.read_text()
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html[html.index("<article"):html.index("</article>")])).split())


def test_the_three_measures_and_only_free_ones_are_used():
    assert [m["id"] for m in MEASURES["used"]] == ["pain-rating", "three-activities", "global-rating-of-change"]
    assert {m["licence"] for m in MEASURES["used"]} <= {"free", "own-wording"}
    # The brief (section 4): PSFS forms are "reproduced with permission", so the site's rating does not take its name.
    assert "Patient-Specific Functional Scale" not in MEASURES["used"][1]["asks"]
    assert MEASURES["used"][1]["licence"] == "own-wording"


def test_the_licensed_measures_stay_out_with_a_reason():
    names = " ".join(m["name"] for m in MEASURES["left_out"])
    for measure in ("Neck Disability Index", "EQ-5D", "PROMIS", "STarT MSK"):
        assert measure in names
    assert all(len(m["why"]) > 40 for m in MEASURES["left_out"])


def test_the_page_shows_licences_thresholds_sources_and_the_rules(built_site):
    text = _text(built_site / "clinicians" / "measures" / "index.html")
    for measure in MEASURES["used"]:
        assert measure["name"] in text and measure["licence_note"] in text
        for name in measure["thresholds"]:
            threshold = progress.THRESHOLDS[name]
            assert f"{threshold['value']} points: {threshold['meaning']}" in text
    for measure in MEASURES["left_out"]:
        assert measure["name"] in text and measure["why"] in text
    for rule in RULES["rules"]:
        assert rule["when"] in text and rule["does"] in text
    for barrier in RULES["barriers"]:
        assert barrier["tip"] in text
    references = load().references
    cited = {r for group in ("used", "left_out") for m in MEASURES[group] for r in m["references"]}
    for ref in cited:
        assert f"{ref} {references[ref]['citation']}" in text
