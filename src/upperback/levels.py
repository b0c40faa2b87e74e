"""Warning-sign levels: their ids, from the most urgent, and the words every page uses for them.

One owner: the schema no longer lists the ids (the content rule `known-levels` checks records against LEVELS), the
safety page's headings and boxes, the safety case's short labels and the plan's order all read them here.
"""
LEVELS = ("emergency", "urgent", "soon")
INFO = "info"  # advice that is not a warning sign: high pain, a condition to mention

# The safety page: a heading, the box's style (a Material admonition) and what to do, for each level.
TITLES = {"emergency": "Call emergency services now", "urgent": "Get medical advice today", "soon": "See a doctor soon"}
STYLES = {"emergency": "danger", "urgent": "warning", "soon": "note"}
# The safety case's one-word labels, INFO included.
SHORT_LABELS = {"emergency": "Emergency", "urgent": "Today", "soon": "Soon", INFO: "Note"}


def summaries():
    """What to do at each level, in one or two sentences, with the numbers to call (upperback.reveal.CALLS)."""
    from .reveal import numbers_text

    return {
        "emergency": f"Call {numbers_text('emergency')}, or go to the emergency department. Do not exercise.",
        "urgent": "Contact NHS 111, an urgent GP appointment or your local urgent care service the same day. Do not "
        "start the exercise programme until you have been checked.",
        "soon": "Book an appointment with your GP or doctor in the coming days or weeks. Gentle activity is fine in "
        "the meantime.",
    }


def page_view():
    """The safety page's level sections, in order."""
    words = summaries()
    return [{"id": level, "title": TITLES[level], "style": STYLES[level], "summary": words[level]} for level in LEVELS]
