"""Clinician programmes in the engine: bounds, links that round-trip, readable parts kept, QR codes that decode."""
import base64
import json

import pytest
import zxingcpp
from PIL import Image

from upperback import AnswerError, handout
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
    state = {"items": [{"exercise": "band-row", "dosage": {"sets": 3, "reps": 12, "per_week": 2}}, {"exercise": "lying-chin-tuck"}], "note": "  Twice  a week ", "name": "Sam"}
    view = handout.open_link(link_fragment(state))
    assert [i["exercise"] for i in view["items"]] == ["band-row", "lying-chin-tuck"]
    assert view["items"][0]["dosage"] == "3 sets of 12; twice a week"
    assert view["note"] == "Twice a week" and view["name"] == "Sam" and view["problems"] == []
    assert handout.open_link(view["share"].split("#", 1)[1]) == view


@pytest.mark.parametrize("dosage, problem", [
    ({"sets": 9}, "sets must be a whole number from 1 to 5"),
    ({"hold_seconds": 30}, "hold seconds does not apply"),
    ({"per_day": 0}, "per day must be a whole number from 1 to 7"),
    ({"reps": "10"}, "reps must be a whole number"),
])
def test_out_of_range_dosage_keeps_the_item_with_the_usual_dose(dosage, problem):
    view = handout.patient_view({"items": [{"exercise": "band-row", "dosage": dosage}]})
    assert [i["exercise"] for i in view["items"]] == ["band-row"]
    assert view["items"][0]["dosage"] == handout.patient_view({"items": [{"exercise": "band-row"}]})["items"][0]["dosage"]
    assert any(problem in p for p in view["problems"]), view["problems"]


def test_unknown_technique_is_left_out_and_named():
    view = handout.patient_view({"items": [{"exercise": "<b>x</b>"}, {"exercise": "band-row"}]})
    assert [i["exercise"] for i in view["items"]] == ["band-row"]
    assert view["problems"] == ["technique 1: unknown technique '<b>x</b>' was left out"]


def test_long_note_and_name_are_cut_with_a_message():
    view = handout.patient_view({"items": [], "note": "n" * 400, "name": "m" * 50})
    assert len(view["note"]) == handout.MAX_NOTE and len(view["name"]) == handout.MAX_NAME
    assert len(view["problems"]) == 2


@pytest.mark.parametrize("fragment, message", [
    ("#x=1", "not a programme link"),
    ("#p=%%%", "damaged"),
    ("#p=" + "A" * 7000, "too long"),
    ("#p=" + base64.urlsafe_b64encode(b'{"v": 7}').decode(), "version"),
    ("#p=" + base64.urlsafe_b64encode(b'{"v": 1, "items": "band-row"}').decode(), "no list of techniques"),
])
def test_unreadable_links_raise_one_clear_error(fragment, message):
    with pytest.raises(AnswerError, match=message):
        handout.open_link(fragment)


def test_qr_matrix_decodes_to_the_link():
    link = "http://127.0.0.1:8000/" + handout.patient_view({"items": [{"exercise": "band-row"}], "name": "Sam"})["share"]
    matrix = handout.qr_matrix(link)
    scale, quiet = 6, 4
    size = (len(matrix) + 2 * quiet) * scale
    image = Image.new("L", (size, size), 255)
    for y, row in enumerate(matrix):
        for x, cell in enumerate(row):
            if cell:
                image.paste(0, ((x + quiet) * scale, (y + quiet) * scale, (x + quiet + 1) * scale, (y + quiet + 1) * scale))
    assert [d.text for d in zxingcpp.read_barcodes(image)] == [link]


def test_catalogue_lists_every_exercise_with_bounds():
    catalogue = handout.catalogue()
    assert set(catalogue["exercises"]) == set(CONTENT.exercises)
    assert json.loads(json.dumps(catalogue)) == {**catalogue, "bounds": {k: list(v) for k, v in handout.BOUNDS.items()}}
