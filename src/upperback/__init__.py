"""Upper Back Guide engine: content model and the self-assessment, standard library only."""
from .errors import AnswerError

__all__ = ["AnswerError", "assess", "questions"]


def assess(answers, root=None):
    """The plan for one set of answers (see ``upperback.plan``)."""
    from .plan import assess as _assess

    return _assess(answers, root)


def questions(root=None):
    """Every red flag and check-in the questionnaire asks (see ``upperback.questionnaire``)."""
    from .questionnaire import questions as _questions

    return _questions(root)
