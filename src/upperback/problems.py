"""A problem found in a content record, worded for authors as ``file: field: rule: what is wrong``.

Problems from a named content rule (``upperback.rules``) carry its name; schema and syntax problems have none and
read ``file: field: what is wrong``.
"""
from typing import NamedTuple


class Problem(NamedTuple):
    file: str
    field: str
    message: str
    rule: str = ""

    def __str__(self):
        rule = f"{self.rule}: " if self.rule else ""
        return f"{self.file}: {self.field or '(whole record)'}: {rule}{self.message}"
