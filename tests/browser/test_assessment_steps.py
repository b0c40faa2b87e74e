"""The self-assessment one step at a time, on a phone: order from the engine, focus, back and forward, resuming,
high pain straight to the plan, no JavaScript, accessibility and width of every step."""
import pytest

from browser_support import STEPS, answer, axe_violations, next_step, open_check, shown_step
from upperback import assess
from upperback.flow import steps

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + "/assessment/")
    page.wait_for_selector("#ub-assessment[data-engine=ready]", timeout=60000)
    yield page
    context.close()


def test_the_page_shows_the_engines_steps_in_order_one_at_a_time(phone):
    assert STEPS == tuple(s["id"] for s in steps())  # the tests walk the same order as upperback.flow
    for step in STEPS:
        assert shown_step(phone) == step
        assert phone.locator(".ub-step:not([hidden])").count() == 1
        assert phone.locator(f"[data-step-marker={step}]").get_attribute("aria-current") == "step"
        if step != STEPS[0]:  # focus moves to each new step's heading
            assert phone.evaluate("document.activeElement.closest('.ub-step').dataset.step") == step
        if step != STEPS[-1]:
            phone.check("input[name=red_flags_none]") if step == "warning-signs" else None
            next_step(phone)


def test_back_and_forward_keep_the_answers(phone):
    phone.check("input[name=red_flags_none]")
    next_step(phone)
    phone.check("input[name=conditions][value=blood-thinners]")
    phone.select_option("#ub-pain", "4")
    next_step(phone)
    phone.locator(".ub-step:not([hidden]) [data-step-back]").click()
    assert shown_step(phone) == "about-you"
    assert phone.is_checked("input[name=conditions][value=blood-thinners]") and phone.input_value("#ub-pain") == "4"
    phone.locator(".ub-step:not([hidden]) [data-step-back]").click()
    assert phone.is_checked("input[name=red_flags_none]")


def test_high_pain_goes_straight_to_the_plan_with_the_check_ins_for_later(phone):
    answer(phone, none=True, conditions_none=True, pain=9)
    phone.wait_for_selector("[data-status]")
    plan = assess({"red_flags": {}, "conditions": {c: False for c in ("thin-bones", "neck-surgery",
                   "inflammatory-joint-condition", "blood-thinners", "falls-or-balance")}, "pain": 9})
    shown = phone.locator("a[data-exercise]").evaluate_all("links => links.map(a => a.dataset.exercise)")
    assert shown == [i["exercise"] for p in plan["phases"] for i in p["items"]]
    assert "Check-ins to do next" in phone.locator(".ub-plan-body").inner_text()
    assert phone.evaluate("document.activeElement.dataset.status") == plan["status"]  # focus lands on the headline


def test_a_full_stepped_run_gives_the_engines_plan_for_the_same_answers(phone):
    checks = {"wall-test": "gap", "neck-rotation-check": "one-side-less"}
    answer(phone, none=True, conditions=["thin-bones"], pain=4, age="70-79", duration="over-12-weeks", checks=checks,
           activities=[("Reading", 5)])
    phone.wait_for_selector("[data-status]")
    answers = {
        "red_flags": {},
        "conditions": {
            "thin-bones": True,
            "neck-surgery": False,
            "inflammatory-joint-condition": False,
            "blood-thinners": False,
            "falls-or-balance": False,
        },
        "checks": checks,
        "pain": 4,
        "age_band": "70-79",
        "pain_duration": "over-12-weeks",
    }
    plan = assess(answers)
    assert phone.locator(".ub-status").get_attribute("data-status") == plan["status"]
    assert plan["headline"] in phone.locator(".ub-status").inner_text()
    shown = phone.locator("a[data-exercise]").evaluate_all("links => links.map(a => a.dataset.exercise)")
    assert shown == [i["exercise"] for p in plan["phases"] for i in p["items"]]


def test_coming_back_fills_in_everything_but_the_warning_signs(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + "/assessment/")
    page.wait_for_selector("#ub-assessment[data-engine=ready]", timeout=60000)
    answer(
        page,
        flags=["no-better-after-weeks"],
        conditions=["neck-surgery"],
        pain=5,
        checks={"wall-test": "gap"},
        activities=[("Driving", 3)],
    )
    page.wait_for_selector("[data-status]")
    page.goto(site_url + "/programme/")
    page.goto(site_url + "/assessment/")
    page.wait_for_selector(".ub-resume:not([hidden])")
    page.click("[data-resume]")
    assert not page.is_checked("input[name=red_flags][value=no-better-after-weeks]")  # never pre-filled
    assert page.is_checked("input[name=conditions][value=neck-surgery]") and page.input_value("#ub-pain") == "5"
    assert page.evaluate("document.querySelector('input[name=wall-test][value=gap]').checked")
    assert page.input_value("#ub-activity-1") == "Driving"
    context.close()


def test_without_javascript_every_step_shows_on_one_page(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + "/assessment/")
    assert page.locator(".ub-step").count() == len(STEPS)
    assert all(step.is_visible() for step in page.locator(".ub-step").all())
    assert page.locator(".ub-stepper").is_hidden() and page.locator(".ub-step-nav").first.is_hidden()
    assert "needs JavaScript" in page.locator(".ub-noscript-note").inner_text()
    context.close()


@pytest.mark.parametrize("width", [320, 390])
def test_every_step_fits_the_phone_and_passes_accessibility_checks(browser, site_url, width, tmp_path_factory):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url + "/assessment/")
    page.wait_for_selector("#ub-assessment[data-engine=ready]", timeout=60000)
    shots = tmp_path_factory.getbasetemp() / "screenshots"
    shots.mkdir(exist_ok=True)
    for step in STEPS:
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0, step
        page.wait_for_timeout(500)  # Material's back-to-top button fades in after the scroll to the step
        assert axe_violations(page) == [], step
        page.screenshot(path=str(shots / f"assessment-{step}-{width}.png"), full_page=True)
        if step == "check-ins":  # and with every card open: pictures, tools and answers fit too
            for card in page.locator("details.ub-check-card").all():
                card.locator("> summary").click()
            assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
            assert axe_violations(page) == []
        if step == "warning-signs":
            page.check("input[name=red_flags_none]")
        if step != STEPS[-1]:
            next_step(page)
    context.close()


def to_check_ins(page):
    page.check("input[name=red_flags_none]")
    next_step(page)
    page.check("input[name=conditions_none]")
    assert next_step(page) == "check-ins"


def summary_line(card):
    """What the closed card's summary line shows (its visible text), spaces collapsed."""
    return " ".join(card.locator("> summary").inner_text().split())


def test_each_check_in_is_done_where_it_is_answered(phone):
    # Its picture, steps and safety notes come from its record; nobody has to leave the form (issue 11 item 3).
    from upperback.content import load

    content = load()
    to_check_ins(phone)
    cards = phone.locator(".ub-step[data-step=check-ins] details.ub-check-card")
    assert cards.count() == len(content.checks)
    for n, (check_id, check) in enumerate(content.checks.items()):
        card = open_check(phone, check_id)
        assert cards.nth(n).get_attribute("data-check") == check_id  # in the record order, pelvis up
        box = card.locator("fieldset.ub-check")
        assert box.locator(f"input[name='{check_id}']").count() == len(check["outcomes"]) + 2  # + skip, not done yet
        how = card.locator(".ub-check-how")
        assert how.is_visible()  # opening the card shows everything: no second box to open
        assert how.locator("ol li").all_inner_texts() == check["steps"]
        assert how.locator(".ub-check-safety li").all_inner_texts() == check["safety"]
        if check_id in content.illustrations:
            assert how.locator("svg[role=img]").count() == len(content.illustrations[check_id]["frames"])
        if "measure" in check:
            assert card.locator(f".ub-measure[data-measure={check_id}] input[type=number]").first.is_visible()
        assert how.locator(f"a[href$='checks/{check_id}/']").get_attribute("target") == "_blank"
    assert axe_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    first = next(iter(content.checks))
    assert phone.locator(f"input[name='{first}'][data-answer=not-yet]").is_checked()  # not done, by default


def test_the_check_ins_step_is_one_closed_card_per_check_in(phone):
    """A person in pain sees a short list: each card's name, whether it needs a helper and its answer; nothing
    else to tap until a card is opened."""
    from upperback.content import load

    content = load()
    to_check_ins(phone)
    step = phone.locator(".ub-step[data-step=check-ins]")
    badges = {"none": "On your own", "optional": "Alone or with a helper", "needed": "Needs a helper"}
    for check_id, check in content.checks.items():
        card = step.locator(f"details.ub-check-card[data-check='{check_id}']")
        assert card.get_attribute("open") is None
        assert summary_line(card) == f"{check['title']} {badges[check['helper']]} Not done yet"
        assert card.locator("> summary").bounding_box()["height"] >= 44
    reachable = step.evaluate("""step => [...step.querySelectorAll('input, select, button, textarea, summary, a[href]')]
        .filter(e => e.checkVisibility()).map(e => e.tagName === 'SUMMARY' ? 'card' : e.textContent.trim())""")
    assert reachable == ["card"] * len(content.checks) + ["Back", "Next"]


def test_a_cards_summary_shows_the_answer_chosen_inside(phone):
    from upperback.content import load

    check = load().checks["neck-rotation-check"]
    to_check_ins(phone)
    card = open_check(phone, check["id"])
    title = summary_line(card).removesuffix(" Not done yet")
    chosen = next(o for o in check["outcomes"] if o["normal"])
    card.locator(f"input[value='{chosen['id']}']").check()
    card.locator("> summary").click()  # closed again: the answer stays in view
    assert card.get_attribute("open") is None
    assert summary_line(card) == f"{title} Your answer: {chosen['label']}"
    open_check(phone, check["id"]).locator("input[data-answer=skip]").check()
    assert summary_line(card) == f"{title} Skipped"
    sign = next(o for o in check["outcomes"] if o.get("raises_flag"))  # a result that is a warning sign
    card.locator(f"input[value='{sign['id']}']").check()
    alarm = card.locator("> summary .ub-card-alarm:visible")
    assert alarm.inner_text().startswith(f"Your answer: {sign['label']}.") and "warning sign" in alarm.inner_text()
    assert card.locator(".ub-alarm:visible").count() == 1  # and its advice, inside the open card
    assert axe_violations(phone) == []


def test_cards_open_from_the_keyboard_and_keep_focus(phone):
    to_check_ins(phone)
    assert phone.evaluate("document.activeElement.id") == "step-check-ins"  # the step's heading, as every step
    phone.keyboard.press("Tab")
    first = phone.locator("details.ub-check-card").first
    assert phone.evaluate("document.activeElement.tagName") == "SUMMARY"
    phone.keyboard.press("Enter")
    assert first.get_attribute("open") is not None
    assert phone.evaluate("document.activeElement.tagName") == "SUMMARY"  # focus stays on the card's summary
    phone.keyboard.press("Space")
    assert first.get_attribute("open") is None


def test_without_javascript_the_cards_open_and_show_their_answer(browser, site_url):
    from upperback.content import load

    check = next(iter(load().checks.values()))
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + "/assessment/")
    card = open_check(page, check["id"])
    assert card.locator(".ub-check-how ol").is_visible()
    outcome = check["outcomes"][0]
    card.locator(f"input[value='{outcome['id']}']").check()
    assert summary_line(card).endswith(f"Your answer: {outcome['label']}")
    context.close()
