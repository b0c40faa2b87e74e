"""The guided session page and the adherence section of /progress/, at build time: what the pages carry before the
engine is ready (each exercise's picture, the pain scale, the reminder's days). Figures come from upperback.figures,
the one renderer (issue 13); the page moves the current exercise's picture into its screen.
"""
from . import figures
from .reminders import DAY_NAMES
from .session import scale
from .session_links import guided
from .timer import ready_choices


def session_view(content):
    """{"figures": [{"exercise", "html"}], "defs", "scale"}: every guided exercise's picture, and the 0-10 scale."""
    shown = [i for i in content.exercises if guided(content, i) and i in content.illustrations]
    return {"figures": [{"exercise": i, "html": figures.svg(content.illustrations[i])} for i in shown],
            "defs": figures.DEFS, "scale": scale(content.session), "ready_choices": ready_choices()}


def adherence_view():
    """The reminder form's days, Monday first: [{"code", "name"}]."""
    return {"days": [{"code": code, "name": name} for code, name in DAY_NAMES.items()]}
