"""Share links for plans: the answers, packed into the URL fragment (#a=...), so a plan can be reopened."""
from .fragments import pack, unpack

PAGE = "assessment/"
PREFIX = "a="
VERSION = 2  # 2: compressed (upperback.fragments); 1 is still read
READS = (1, 2)
MAX_LENGTH = 4000


def encode(answers):
    """Site-relative link that reopens the plan for these (already normalised) answers."""
    return pack(PAGE, PREFIX, VERSION, answers)


def decode(fragment):
    """Answers from a link's fragment (with or without the leading '#'); raises AnswerError if it cannot be read."""
    return unpack(
        fragment,
        PREFIX,
        READS,
        MAX_LENGTH,
        "an assessment link",
        "share link",
        "ask for the link again, or fill in the form",
    )
