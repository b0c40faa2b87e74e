"""The self-assessment's steps, in the order asked, and which step comes next.

Warning signs come first, always; then about you (conditions, age, how long, pain now); then the check-ins; then
the person's three activities; then the plan. At high pain the flow goes straight to the plan, which lists the
check-ins for later: nobody in that much pain should be asked to test their movement first.
"""
from .answers import normalise
from .content import load
from .errors import AnswerError
from .plan import HIGH_PAIN

STEPS = (
    {"id": "warning-signs", "title": "Warning signs"},
    {"id": "about-you", "title": "About you"},
    {"id": "check-ins", "title": "Check-ins"},
    {"id": "activities", "title": "Your three activities"},
)
PLAN = "plan"
IDS = tuple(step["id"] for step in STEPS)


def steps():
    """Every step with its number and the one after it in plain order (the page's order before the engine loads)."""
    return [{**step, "number": n, "next": IDS[n] if n < len(IDS) else PLAN} for n, step in enumerate(STEPS, 1)]


def next_step(current, answers, root=None):
    """The step after `current` for these answers: a step id, or "plan"."""
    if current not in IDS:
        raise AnswerError(f"unknown step {str(current)[:40]!r}; the steps are {', '.join(IDS)}")
    normal = normalise(answers, load(root))
    following = IDS[IDS.index(current) + 1] if current != IDS[-1] else PLAN
    if following == "check-ins" and normal["pain"] is not None and normal["pain"] >= HIGH_PAIN:
        return PLAN
    return following
