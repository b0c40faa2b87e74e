"""The error the engine raises for input it cannot use, with a message a person can act on."""


class AnswerError(ValueError):
    """Answers (or a share link) that cannot be turned into a plan; the message says what to fix."""

