"""Clinician programmes in the engine: bounds, links that round-trip, readable parts kept, QR codes that decode."""
import base64
import json
import zlib

import pytest
import zxingcpp
from PIL import Image

from upperback import AnswerError, browser, handout
from upperback.content import load

CONTENT = load()


def link_fragment(state):
    return handout.patient_view(state)["share"].split("#", 1)[1]


def test_every_exercise_default_dosage_sits_within_the_bounds():
    for exercise in CONTENT.exercises.values():
        for key, value in handout.default_dosage(exercise).items():
            low, high = handout.BOUNDS[key]
            assert low <= value <= high, (exercise["id"], key, value)


def test_programme_round_trips_through_its_link():
    state = {
        "items": [
            {"exercise": "band-row", "dosage": {"sets": 3, "reps": 12, "per_week": 2}},
            {"exercise": "lying-chin-tuck"},
        ],
        "note": "  Twice  a week ",
        "name": "Sam",
    }
    view = handout.open_link(link_fragment(state))
    assert [i["exercise"] for i in view["items"]] == ["band-row", "lying-chin-tuck"]
    assert view["items"][0]["dosage"] == "3 sets of 12; twice a week"
    assert view["note"] == "Twice a week" and view["name"] == "Sam" and view["problems"] == []
    assert handout.open_link(view["share"].split("#", 1)[1]) == view


@pytest.mark.parametrize(
    "dosage, problem",
    [
        ({"sets": 9}, "sets must be a whole number from 1 to 5"),
        ({"hold_seconds": 30}, "hold seconds does not apply"),
        ({"per_day": 0}, "per day must be a whole number from 1 to 7"),
        ({"reps": "10"}, "reps must be a whole number"),
    ],
)
def test_out_of_range_dosage_keeps_the_item_with_the_usual_dose(dosage, problem):
    view = handout.patient_view({"items": [{"exercise": "band-row", "dosage": dosage}]})
    assert [i["exercise"] for i in view["items"]] == ["band-row"]
    assert (
        view["items"][0]["dosage"] == handout.patient_view({"items": [{"exercise": "band-row"}]})["items"][0]["dosage"]
    )
    assert any(problem in p for p in view["problems"]), view["problems"]


def test_unknown_technique_is_left_out_and_named():
    view = handout.patient_view({"items": [{"exercise": "<b>x</b>"}, {"exercise": "band-row"}]})
    assert [i["exercise"] for i in view["items"]] == ["band-row"]
    assert view["problems"] == ["technique 1: unknown technique '<b>x</b>' was left out"]


def test_long_note_and_name_are_cut_with_a_message():
    view = handout.patient_view({"items": [], "note": "n" * 400, "name": "m" * 50})
    assert len(view["note"]) == handout.MAX_NOTE and len(view["name"]) == handout.MAX_NAME
    assert len(view["problems"]) == 2


@pytest.mark.parametrize(
    "fragment, message",
    [
        ("#x=1", "not a programme link"),
        ("#p=%%%", "damaged"),
        ("#p=" + "A" * 7000, "too long"),
        ("#p=" + base64.urlsafe_b64encode(b'{"v": 7}').decode(), "version"),
        ("#p=" + base64.urlsafe_b64encode(b'{"v": 1, "items": "band-row"}').decode(), "no list of techniques"),
    ],
)
def test_unreadable_links_raise_one_clear_error(fragment, message):
    with pytest.raises(AnswerError, match=message):
        handout.open_link(fragment)


def test_qr_matrix_decodes_to_the_link():
    link = (
        "http://127.0.0.1:8000/" + handout.patient_view({"items": [{"exercise": "band-row"}], "name": "Sam"})["share"]
    )
    assert decode_matrix(handout.qr_matrix(link)) == [link]


# A long site address (a project page on a host's subdomain), so the limit holds wherever the site is published.
LONG_SITE = "https://upper-back-guide.physio-team.example.org/guide/"


def longest_programme():
    """The longest programme the builder allows: its most techniques (the longest ids, every dose at its highest),
    a note of the longest length with accents and emoji, and a name of the longest length."""
    ids = sorted(CONTENT.exercises, key=len, reverse=True)[: handout.MAX_ITEMS]
    items = [
        {"exercise": i, "dosage": {k: handout.BOUNDS[k][1] for k in handout.default_dosage(CONTENT.exercises[i])}}
        for i in ids
    ]
    words = "Élodie, ça va? Do these after work 🙂, not first thing. Gehen Sie täglich spazieren ☀️; señal 📞 "
    note = "".join(f"{w} {n}" for n, w in enumerate(words.split() * 20))[: handout.MAX_NOTE]
    name = ("Zoë-Renée Ñúñez 🌟 " * 5)[: handout.MAX_NAME]
    clinician = ("Dr Åsa Ólafsdóttir-Nguyễn, Clinique Santé du Dos 🏥 " * 3)[: handout.MAX_CLINICIAN]
    contact = "Téléphone 📞 +44 20 7946 0000, lun–ven 9h–17h, écrivez à physio@clinique-sante.example ✉️ " * 3
    return {
        "items": items,
        "note": note,
        "name": name,
        "clinician": clinician,
        "contact": contact[: handout.MAX_CONTACT],
        "review": "2027-01-15",
    }


def decode_matrix(matrix, scale=6):
    quiet = 4
    size = (len(matrix) + 2 * quiet) * scale
    image = Image.new("L", (size, size), 255)
    for y, row in enumerate(matrix):
        for x, cell in enumerate(row):
            if cell:
                image.paste(
                    0, ((x + quiet) * scale, (y + quiet) * scale, (x + quiet + 1) * scale, (y + quiet + 1) * scale)
                )
    return [d.text for d in zxingcpp.read_barcodes(image)]


def test_the_longest_programme_fits_a_qr_code_that_prints_clearly():
    view = handout.patient_view(longest_programme())
    assert view["problems"] == [] and len(view["items"]) == handout.MAX_ITEMS
    assert len(view["note"]) == handout.MAX_NOTE
    assert len(view["clinician"]) == handout.MAX_CLINICIAN and len(view["contact"]) == handout.MAX_CONTACT
    link = LONG_SITE + view["share"]
    matrix = handout.qr_matrix(link)
    assert len(matrix) <= 17 + 4 * handout.QR_MAX_VERSION  # a version-v code has 17 + 4v modules a side
    assert decode_matrix(matrix) == [link]
    assert handout.open_link(view["share"].split("#", 1)[1]) == view


@pytest.mark.parametrize("length", [3000, 1200])
def test_a_link_too_long_for_a_clear_qr_code_is_refused_in_words_never_cut(length):
    link = (LONG_SITE + "clinicians/patient/#p=" + "A" * length)[:length]
    with pytest.raises(AnswerError, match=f"this link is {length} characters long, too long for a QR code"):
        handout.qr_matrix(link)


def test_the_qr_request_answers_a_long_link_with_a_message(tmp_path):
    reply = json.loads(browser.handle(json.dumps({"op": "qr", "text": "x" * 3000})))
    assert reply["ok"] is False and "too long for a QR code" in reply["error"]


def test_version_1_links_made_before_compression_still_open():
    state = {
        "items": [{"exercise": "band-row", "dosage": {"sets": 3, "reps": 12, "per_week": 2}}],
        "note": "",
        "name": "Sam",
    }
    old = base64.urlsafe_b64encode(json.dumps({"v": 1, **state}).encode()).decode().rstrip("=")
    assert handout.open_link("#p=" + old) == handout.patient_view(state)
    assert len(handout.patient_view(state)["share"]) < len("clinicians/patient/#p=" + old)  # compressed is shorter


def test_a_compressed_link_that_unpacks_to_too_much_is_refused():
    bomb = base64.urlsafe_b64encode(zlib.compress(b'{"v":2,"note":"' + b"a" * 2_000_000 + b'"}', 9)).decode()
    with pytest.raises(AnswerError, match="far more than any real one"):
        handout.open_link("#p=" + bomb.rstrip("="))


def test_catalogue_lists_every_exercise_with_bounds():
    catalogue = handout.catalogue()
    assert set(catalogue["exercises"]) == set(CONTENT.exercises)
    assert json.loads(json.dumps(catalogue)) == {**catalogue, "bounds": {k: list(v) for k, v in handout.BOUNDS.items()}}
    assert catalogue["limits"]["items"] == handout.MAX_ITEMS


# Links made before the clinician's lines and the 6-technique limit (by the engine as it was, recorded here): they
# open whole, and their own link is unchanged, so a handout printed before still matches its QR code.
RECORDED = {
    "clinicians/patient/#p=eNpVjL0OgjAUhV_FnLkkqFs3n8HRGFLbK1SgJW0RCem7e-uE2_n9NijzmmOCTGEmAZtojJC3DcZH1RLkholCsxD1kCeBQBP3R1aREqt"
    "zFqAPBW0jj_FQzlTBL8hij-j8YJpI2jtT3rX4QY1a98z6HzWs1rWV7qyr0qx75LuAU2OprmoEG5-KuTwThcPiQ8_Zm4H5C7XmRek": 2,
    "clinicians/patient/#p=eNp9kd0KwjAMhd8l1y34gyB7FRGpTdjKajPa6jbG3t0MFHU67w4k58vhZACX6ZKgOAyAnExJUAzQUDy1RDUUWwWRGpmvVwoSZVGbUQF1FK1L"
    "sgxnE1BHbmFU74iKPZ4SWQ74cE9QNL0AXsxPlO9dKLWtXND5auu_xO07cf0kzrIhc2xNrxuyOuVI2VYz6Ddi94mwJmtrLuR_GGcV7ZcachE1crl4ehbaON_r1vha2ljyLHaYKr56"
    "pCgv8T7BeFQQJL5MQBTnSXUib1PMOyZWqX8": 7,
}


@pytest.mark.parametrize("share, count", RECORDED.items())
def test_links_made_before_the_clinician_lines_open_whole_and_unchanged(share, count):
    view = handout.open_link(share.split("#", 1)[1])
    assert len(view["items"]) == count and view["share"] == share
    assert view["clinician"] == view["contact"] == view["review"] == ""
    assert count < 7 or len(view["items"]) > handout.MAX_ITEMS  # a 7-technique link keeps all 7: reading allows more


def test_clinician_lines_and_review_date_round_trip_and_are_worded():
    state = {
        "items": [{"exercise": "band-row"}],
        "note": "",
        "name": "",
        "clinician": " Alex  Morgan ",
        "contact": "020 7946 0000",
        "review": "2027-01-15",
    }
    view = handout.open_link(link_fragment(state))
    assert view["clinician"] == "Alex Morgan" and view["contact"] == "020 7946 0000" and view["problems"] == []
    assert view["review"] == "Review with your clinician on Friday 15 January 2027"  # 2027-01-15 is a Friday


@pytest.mark.parametrize(
    "field, value, problem",
    [
        ("review", "2027-02-30", "the review date could not be read"),
        ("review", "15/01/2027", "the review date could not be read"),
        ("review", 20270115, "the review date could not be read"),
        ("contact", "c" * 200, f"the contact line was longer than {handout.MAX_CONTACT} characters"),
        ("clinician", ["x"], "the clinician or clinic could not be read"),
    ],
)
def test_a_bad_clinician_line_or_date_is_named_and_the_rest_kept(field, value, problem):
    view = handout.patient_view({"items": [{"exercise": "band-row"}], field: value})
    assert [i["exercise"] for i in view["items"]] == ["band-row"]
    assert any(problem in p for p in view["problems"]), view["problems"]


def test_the_link_line_names_the_page_without_the_fragment():
    line = handout.patient_view({"items": [{"exercise": "band-row"}]}, site=LONG_SITE)["link_line"]
    assert "upper-back-guide.physio-team.example.org/guide/clinicians/patient/" in line and "#" not in line
    assert "http" not in handout.link_line("javascript:alert(1)")


@pytest.mark.parametrize("key", sorted(handout.BOUNDS))
def test_a_dose_field_is_checked_against_its_bounds_as_typed(key):
    low, high = handout.BOUNDS[key]
    assert handout.check_dose(key, str(low)) == {"ok": True, "value": low, "message": ""}
    assert handout.check_dose(key, f" {high} ")["value"] == high
    for bad in (str(high + 1), str(low - 1), "", "2.5", "abc", "٣"):
        check = handout.check_dose(key, bad)
        assert check["ok"] is False and f"{low} to {high}" in check["message"], (bad, check)
        assert handout.FIELD_LABELS[key] in check["message"]


def test_the_builder_makes_no_link_for_an_empty_or_duplicated_programme():
    with pytest.raises(AnswerError, match="add at least one technique"):
        handout.make({"items": [], "note": "", "name": ""})
    with pytest.raises(AnswerError, match="band-row is in the programme more than once"):
        handout.make({"items": [{"exercise": "band-row"}, {"exercise": "band-row"}]})
    with pytest.raises(AnswerError, match=f"at most {handout.MAX_ITEMS}"):
        handout.make({"items": [{"exercise": i} for i in sorted(CONTENT.exercises)[: handout.MAX_ITEMS + 1]]})
    assert handout.make({"items": [{"exercise": "band-row"}]})["items"][0]["exercise"] == "band-row"


def test_the_builder_requests_answer_in_words():
    reply = json.loads(browser.handle(json.dumps({"op": "dose_check", "field": "per_day", "value": "9"})))
    assert reply["ok"] and reply["check"]["ok"] is False and "1 to 7" in reply["check"]["message"]
    reply = json.loads(browser.handle(json.dumps({"op": "programme_make", "state": {"items": []}})))
    assert reply == {"ok": False, "error": "add at least one technique before making a link"}
    reply = json.loads(browser.handle(json.dumps({"op": "dose_check", "field": "colour", "value": "9"})))
    assert reply["ok"] is False and "no dose field" in reply["error"]


def test_every_template_fits_the_builder():
    catalogue = handout.catalogue()
    for template in catalogue["templates"]:
        view = handout.make({"items": template["items"]})
        assert view["problems"] == [] and len(view["items"]) == len(template["items"])
