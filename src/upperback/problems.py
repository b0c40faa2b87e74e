"""A problem found in a content record, worded for authors as ``file: field: what is wrong``."""
from typing import NamedTuple


class Problem(NamedTuple):
    file: str
    field: str
    message: str

    def __str__(self):
        return f"{self.file}: {self.field or '(whole record)'}: {self.message}"
