"""The patient view's build-time part: every technique's handout block (title, usual dose, still pictures, steps,
what to feel, stop-if) and its row in the log grid, rendered into the page once, hidden. The page shows the
blocks a programme link names, by id, in the link's order; the engine's reply (upperback.handout.patient_view)
gives each dose in words and the clinician's lines. Pictures come from upperback.figures (still frames: print and
the handout never move; the patient view's screen plays them, as the exercise pages do).
"""
import json

from . import figures
from .dosage import adjustable, describe, full
from .handout import LOG_DAYS, SAFETY

LOG_TITLE = f"Your log for {LOG_DAYS} days"
LOG_HELP = "Write the date at the top of each day. Tick each exercise you did; note your pain from 0 (none) to 10."
PAIN_ROW = "Pain today (0 to 10)"
# Shown in a block's dose line while the engine checks a dose the clinician changed (the block's own dose is usual).
DOSE_CHECKING = "checking the dose your clinician set…"
# ... and instead, if the engine cannot load: the changed dose cannot be read on this device.
DOSE_UNCHECKED = "your clinician changed this dose, and this page could not load to show it: use the dose they gave you"


def items(content):
    """One block per technique, in the content's order (the page reorders them to the link's)."""
    blocks = []
    for exercise_id, ex in content.exercises.items():
        picture = content.illustrations.get(exercise_id)
        blocks.append(
            {
                "id": exercise_id,
                "title": ex["title"],
                "url": f"exercises/{exercise_id}/",
                "usual": describe(full(ex["dosage"], adjustable(ex["dosage"]))),
                "usual_dose": json.dumps(adjustable(ex["dosage"]), sort_keys=True),
                "steps": ex["steps"],
                "feel": ex["feel"],
                "stop_if": ex["stop_if"],
                "picture": figures.svg(picture) if picture else "",  # moving on screen; print shows the still frames
            }
        )
    return blocks


def page_view(content):
    return {
        "defs": figures.DEFS,
        "blocks": items(content),
        "days": list(range(1, LOG_DAYS + 1)),
        "log_title": LOG_TITLE,
        "log_help": LOG_HELP,
        "pain_row": PAIN_ROW,
        "safety": SAFETY,
        "dose_checking": DOSE_CHECKING,
        "dose_unchecked": DOSE_UNCHECKED,
    }
