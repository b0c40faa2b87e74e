"""The two error types the package raises, each with a message a person can act on."""


class AnswerError(ValueError):
    """Answers (or a share link) that cannot be turned into a plan; the message says what to fix."""


class ContentError(Exception):
    """Content records that break the schema or a cross-reference rule.

    ``problems`` holds every problem found, each already worded as ``file: field: what is wrong``.
    """

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
