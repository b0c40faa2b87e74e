"""Pictures and tools on the built pages: illustrations with alt text and credits, figures with a body that move
between their positions, body maps that mark exactly the targets in the data, and the hold timer's steps built from
each dosage."""
import html as html_lib
import json
import re
import statistics
from pathlib import Path

import pytest

from site_links import parse
from upperback import bodymap, figures, timer
from upperback.content import load
from upperback.figure_motion import Motion

CONTENT = load()
ROOT = Path(__file__).resolve().parents[1]
# Records whose frames are one position (a photo and what is measured on it): their frames stand still.
STILL = {"forward-head-photo", "pelvic-tilt-check", "shoulder-to-floor"}


def page_html(built_site, kind, record_id):
    return (built_site / kind / record_id / "index.html").read_text()


def marked(html, state):
    svg = re.search(r'<svg viewBox="0 0 440 400" class="ub-map".*?</svg>', html, re.S).group(0)
    return set(re.findall(rf'data-target="([a-z-]+)" class="ub-map-region ub-map-{state}"', svg))


def test_map_has_a_region_for_every_taxonomy_target():
    assert set(bodymap.targets()) == {t["id"] for t in CONTENT.taxonomy["targets"]}


@pytest.mark.parametrize("kind, records", [("exercises", CONTENT.exercises), ("checks", CONTENT.checks)])
def test_every_page_maps_exactly_its_targets_and_shows_its_illustration(built_site, kind, records):
    for record_id, record in records.items():
        html = page_html(built_site, kind, record_id)
        assert marked(html, "primary") == set(record["targets"]["primary"]), record_id
        assert marked(html, "secondary") == set(record["targets"]["secondary"]), record_id
        illustration = CONTENT.illustrations[record_id]
        assert "pictures" in parse(built_site / kind / record_id / "index.html").ids
        labels = [html_lib.unescape(a) for a in re.findall(r'class="ubf-svg" aria-label="([^"]*)"', html)]
        assert labels == [frame["alt"] for frame in illustration["frames"]], record_id  # every still frame
        moving = re.findall(r'class="ubf-svg ubf-anim ubf-n(\d)" aria-label="([^"]*)"', html)
        assert len(moving) == (0 if record_id in STILL else 1), record_id
        for _, label in moving:  # the moving picture's text describes every position, in order
            assert all(frame["alt"] in html_lib.unescape(label) for frame in illustration["frames"]), record_id
        assert f"licence {illustration['licence']}" in html and illustration["author"] in html


def test_every_record_with_more_than_one_position_moves():
    for record_id, illustration in CONTENT.illustrations.items():
        motion = Motion(illustration)
        assert motion.moves == (record_id not in STILL), record_id
        assert 2 <= len(motion.steps) <= figures.MAX_STEPS


def test_figures_cover_their_frames():
    """The figure's box covers at least 55% of its frame's area (median over every still frame) and never less
    than 30%; the body's volume counts, not only the crop."""
    shares = [s for ill in CONTENT.illustrations.values() for s in figures.coverage(ill)["frames"]]
    assert statistics.median(shares) >= 0.55 and min(shares) >= 0.30, (statistics.median(shares), min(shares))


def test_no_limb_is_drawn_thinner_than_the_stated_minimum():
    for record_id, illustration in CONTENT.illustrations.items():
        widths = [float(w) for w in re.findall(r'stroke-width="([0-9.]+)"', figures.svg(illustration))]
        assert widths and min(widths) >= figures.MIN_LIMB_WIDTH, record_id


def test_the_page_keyframes_are_the_ones_the_engine_computes():
    assert figures.keyframes_css() in (ROOT / "docs" / "stylesheets" / "figures.css").read_text()


def test_still_frames_for_the_handout_carry_no_movement():
    for illustration in CONTENT.illustrations.values():
        still = figures.svg(illustration, still=True)
        assert "ubf-anim" not in still and "ubf-m" not in still and "data-ubf-toggle" not in still
        assert still.count('class="ubf-svg"') == len(illustration["frames"])


def test_every_step_of_the_loop_is_a_position_of_the_record():
    """The moving picture holds at each position: its bones' turns at a step rebuild that frame's pose."""
    for record_id, illustration in CONTENT.illustrations.items():
        motion = Motion(illustration)
        for k, frame in enumerate(motion.steps):
            drawn, own = motion.pose_at(k), motion.poses[frame]
            assert all(abs(drawn[j][i] - own[j][i]) < 0.06 * motion.height for j in own if j in drawn
                       for i in (0, 1)), (record_id, k)


def test_every_illustration_records_author_licence_and_alt_text():
    for record_id, illustration in CONTENT.illustrations.items():
        assert illustration["author"] and illustration["licence"] == "CC-BY-4.0"
        assert all(len(f["alt"]) >= 10 for f in illustration["frames"]), record_id


def test_timers_appear_exactly_on_pages_with_holds_or_minutes(built_site):
    for record_id, exercise in CONTENT.exercises.items():
        html = page_html(built_site, "exercises", record_id)
        assert ('class="ub-timer"' in html) == timer.has_timer(exercise["dosage"]), record_id


def test_per_side_dosage_runs_every_phase_in_order():
    steps = timer.steps(
        {
            "hold_seconds": 30,
            "reps": 2,
            "sets": 2,
            "rest_seconds": 20,
            "per_side": True,
            "frequency": {"count": 1, "per": "day"},
        }
    )
    kinds = [s["kind"] for s in steps]
    one_side = ["hold", "rest", "hold"]
    assert kinds == ["ready", *one_side, "switch", *one_side, "rest", *one_side, "switch", *one_side]
    holds = [s["label"] for s in steps if s["kind"] == "hold"]
    assert holds[0] == "Hold 1 of 2, set 1 of 2, left side" and holds[-1] == "Hold 2 of 2, set 2 of 2, right side"
    assert len(holds) == 2 * 2 * 2 and all(s["seconds"] == 30 for s in steps if s["kind"] == "hold")


def test_minutes_dosage_is_one_long_step():
    assert timer.steps({"duration_minutes": 15, "frequency": {"count": 2, "per": "day"}}) == [
        {"kind": "ready", "seconds": timer.GET_READY, "label": "Get ready"},
        {"kind": "hold", "seconds": 900, "label": "15 minutes"},
    ]


def test_get_ready_is_ten_seconds_unless_the_person_picks_five_or_fifteen():
    # Issue 16 item 7: 5 s was too short to get into position against a wall or on the floor; 5, 10 or 15, default 10.
    assert timer.GET_READY == 10 and timer.GET_READY_CHOICES == (5, 10, 15)
    choices = timer.ready_choices()
    assert [c["seconds"] for c in choices] == [5, 10, 15] and [c["default"] for c in choices] == [False, True, False]
    for seconds in (5, 10, 15):
        assert timer.ready_step(seconds) == {"kind": "ready", "seconds": seconds, "label": "Get ready"}


def test_the_page_carries_the_first_step_at_every_get_ready_choice(built_site):
    html = page_html(built_site, "exercises", "ball-release-upper-trapezius")
    raw = re.search(r'data-ready="([^"]+)"', html).group(1).replace("&#34;", '"').replace("&quot;", '"')
    assert json.loads(raw) == {"5": timer.ready_step(5), "10": timer.ready_step(10), "15": timer.ready_step(15)}
    radios = re.findall(r'<input type="radio" name="ub-ready-[^"]+" value="(\d+)"', html)
    assert radios == ["5", "10", "15"]


def test_timer_steps_on_the_page_are_the_engine_steps(built_site):
    html = page_html(built_site, "exercises", "ball-release-upper-trapezius")
    raw = re.search(r'data-steps="([^"]+)"', html).group(1).replace("&#34;", '"').replace("&quot;", '"')
    assert json.loads(raw) == timer.steps(CONTENT.exercises["ball-release-upper-trapezius"]["dosage"])
