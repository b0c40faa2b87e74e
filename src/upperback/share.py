"""Share links: the answers, packed into the URL fragment (#a=...), so a plan can be reopened and no server sees it."""
import base64
import binascii
import json

from .errors import AnswerError

PAGE = "assessment/"
PREFIX = "a="
VERSION = 1
MAX_LENGTH = 4000


def encode(answers):
    """Site-relative link that reopens the plan for these (already normalised) answers."""
    packed = json.dumps({"v": VERSION, **answers}, separators=(",", ":"), sort_keys=True).encode()
    return f"{PAGE}#{PREFIX}{base64.urlsafe_b64encode(packed).decode().rstrip('=')}"


def decode(fragment):
    """Answers from a link's fragment (with or without the leading '#'); raises AnswerError if it cannot be read."""
    if not isinstance(fragment, str):
        raise AnswerError("the share link must be text")
    fragment = fragment.removeprefix("#")
    if not fragment.startswith(PREFIX):
        raise AnswerError("this share link is not an assessment link (it should contain #a=); ask for the link again")
    data = fragment[len(PREFIX):]
    if len(data) > MAX_LENGTH:
        raise AnswerError("this share link is too long to be a real plan; it may have been changed. Ask for the link again")
    try:
        packed = json.loads(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))
    except (binascii.Error, ValueError):
        raise AnswerError("this share link is damaged (it may have been cut short or changed); ask for the link again, or fill in the form") from None
    if not isinstance(packed, dict) or packed.pop("v", None) != VERSION:
        raise AnswerError("this share link comes from a version of the site that can no longer read it; please fill in the form again")
    return packed
