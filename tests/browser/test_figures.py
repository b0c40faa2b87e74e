"""Moving figures in Debian's chromium: they play by default and pause and play again from the keyboard; with
reduced motion and in print the still frames stand side by side; the page keeps 0 axe violations; and at every
step of its loop the moving picture draws the position the engine computed."""
import json

import pytest

from browser_support import axe_violations
from helpers import CONTENT
from upperback.figure_motion import Motion
from upperback.figures import DURATION, HOLD

pytestmark = pytest.mark.browser

PAGE = "/exercises/band-row/"
FRAMES = len(json.loads((CONTENT / "illustrations" / "band-row.json").read_text())["frames"])
STATES = "() => document.getAnimations().filter(a => a.effect.target.closest('.ubf-anim')).map(a => a.playState)"


def test_moving_figure_plays_and_pauses_from_the_keyboard(page, site_url):
    page.goto(site_url + PAGE, wait_until="networkidle")
    player = page.locator(".ubf-player")
    assert player.is_visible() and page.locator(".ubf-block .ubf-stills").is_hidden()
    states = page.evaluate(STATES)
    assert states and set(states) == {"running"}  # playing is the default
    button = page.locator("[data-ubf-toggle]")
    assert button.inner_text() == "Pause"
    button.focus()
    page.keyboard.press("Enter")
    assert set(page.evaluate(STATES)) == {"paused"} and button.inner_text() == "Play"
    page.keyboard.press("Space")
    assert set(page.evaluate(STATES)) == {"running"} and button.inner_text() == "Pause"


def test_reduced_motion_shows_the_still_frames_side_by_side(page, site_url):
    page.emulate_media(reduced_motion="reduce")
    page.goto(site_url + PAGE, wait_until="networkidle")
    assert page.locator(".ubf-player").is_hidden()
    stills = page.locator(".ubf-block .ubf-stills figure")
    assert stills.count() == FRAMES and all(stills.nth(i).is_visible() for i in range(FRAMES))
    boxes = [stills.nth(i).bounding_box() for i in range(FRAMES)]
    assert boxes[1]["x"] > boxes[0]["x"] + boxes[0]["width"] - 1  # side by side, not stacked
    assert page.evaluate(STATES) == []  # nothing moves


def test_print_shows_the_still_frames(page, site_url):
    page.goto(site_url + PAGE, wait_until="networkidle")
    page.emulate_media(media="print")
    assert page.locator(".ubf-player").is_hidden()
    stills = page.locator(".ubf-block .ubf-stills figure")
    assert stills.count() == FRAMES and all(stills.nth(i).is_visible() for i in range(FRAMES))


@pytest.mark.parametrize("path", [PAGE, "/clinicians/figures/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figure_pages_have_no_accessibility_violations(page, site_url, path, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + path, wait_until="networkidle")
    assert axe_violations(page) == []


def test_moving_pictures_hold_at_every_position(page, site_url):
    """On the review sheet, each moving picture, paused while it holds a step, shows its head where the engine puts
    it: the browser turns the bones as the keyframes say."""
    page.goto(site_url + "/clinicians/figures/", wait_until="networkidle")
    for path in sorted((CONTENT / "illustrations").glob("*.json")):
        record = json.loads(path.read_text())
        motion = Motion(record)
        if not motion.moves:
            continue
        n = len(motion.steps)
        for k in range(n):
            at = 1000 * DURATION[n] * (k + HOLD / 2) / n
            head = page.evaluate(
                """([id, at]) => {
                    const svg = document.querySelector(`#fig-${id} ~ .ubf-review .ubf-anim`);
                    svg.getAnimations({subtree: true}).forEach(a => { a.pause(); a.currentTime = at; });
                    const c = svg.querySelector('circle.hd, circle.hm');
                    const p = svg.createSVGPoint(); p.x = c.cx.baseVal.value; p.y = c.cy.baseVal.value;
                    const q = p.matrixTransform(c.getScreenCTM()).matrixTransform(svg.getScreenCTM().inverse());
                    return [q.x, q.y]; }""", [record["id"], at])
            want = motion.pose_at(k)["head"]
            assert abs(head[0] - want[0]) < 1 and abs(head[1] - want[1]) < 1, (record["id"], k, head, want)
