"""Helpers for the browser tests."""
from helpers import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page):
    """Run axe-core (WCAG 2.0/2.1/2.2 A and AA rules) in the page; returns the violations."""
    # Evaluated through the DevTools protocol: the pages' Content-Security-Policy blocks an inline <script> tag.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    return page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: 'tag', values:
            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})).violations
            .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"""
    )


def saved(page):
    """The progress history this browser keeps, read through the page's storage script (IndexedDB)."""
    return page.evaluate("window.UpperBackStorage.read()")


def backups(page):
    """The backup copies this browser keeps: [{key, size, text}]."""
    return page.evaluate("window.UpperBackStorage.backups()")


STEPS = ("warning-signs", "about-you", "check-ins", "activities")


def shown_step(page):
    return page.locator("#ub-assessment-form .ub-step:not([hidden])").get_attribute("data-step")


def next_step(page):
    """Press Next on the step shown; returns the step now shown, or "plan" once the plan was asked for."""
    before = shown_step(page)
    page.locator(".ub-step:not([hidden]) [data-step-next]").click()
    page.wait_for_function("""before => {
        const shown = document.querySelector('#ub-assessment-form .ub-step:not([hidden])');
        return shown.dataset.step !== before || !document.getElementById('ub-plan').hidden; }""", arg=before)
    return "plan" if not page.locator("#ub-plan").is_hidden() else shown_step(page)


def open_check(page, check_id):
    """Open a check-in's card on the check-ins step (a native <details>), as a person taps its summary line; returns
    the card. Its picture, steps, tools and answers are inside."""
    card = page.locator(f"details.ub-check-card[data-check='{check_id}']")
    if card.get_attribute("open") is None:
        card.locator("> summary").click()
    return card


def tick_check(page, check_id, outcome_id):
    """Choose one result of a check-in, opening its card first."""
    open_check(page, check_id).locator(f"input[name='{check_id}'][value='{outcome_id}']").check()


def answer(page, flags=(), none=False, conditions=(), conditions_none=False, checks=None, pain=None, age=None,
           duration=None, activities=(), submit=True):
    """Go through the assessment's steps as a person would, answering on each step, then ask for the plan."""
    for flag in flags:
        page.check(f"input[name=red_flags][value={flag}]")
    if none:
        page.check("input[name=red_flags_none]")
    if next_step(page) == "plan":
        return
    for condition in conditions:
        page.check(f"input[name=conditions][value={condition}]")
    if conditions_none:
        page.check("input[name=conditions_none]")
    for select, value in (("#ub-pain", pain), ("#ub-age", age), ("#ub-duration", duration)):
        if value is not None:
            page.select_option(select, str(value))
    if next_step(page) == "plan":  # at high pain the flow goes straight to the plan
        return
    for check_id, outcome_id in (checks or {}).items():
        tick_check(page, check_id, outcome_id)
    if next_step(page) == "plan":
        return
    for n, (name, score) in enumerate(activities, 1):
        page.fill(f"#ub-activity-{n}", name)
        page.select_option(f"#ub-activity-score-{n}", str(score))
    if submit:
        page.click("button[type=submit]")
