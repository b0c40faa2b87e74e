"""Where a guided session starts: its page, the link to it from any list a person has (an assessment plan, a saved
entry's plan, a clinician's programme), and which exercises it guides. The session page reads the list from the same
fragment as the list's own link (#a=... or #p=...), so a session link is that link on another page.
"""
PAGE = "session/"
START = "Start today's session"


def guided(content, exercise_id):
    """Whether the session guides this exercise (staying active and heat are left to the rest of the day)."""
    return content.exercises[exercise_id]["type"] not in content.session["not_guided_types"]


def link(share):
    """{"href", "text"}: the session for the list that the site-relative link ``share`` opens (…/#a=… or
    …/#p=…)."""
    return {"href": PAGE + share[share.index("#"):], "text": START}
