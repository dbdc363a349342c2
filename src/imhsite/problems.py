"""Problems found in data files, reported one line each as `file:line: field: message`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Path_ = tuple[str | int, ...]
"""A location inside a data file: mapping keys and list indexes from the top."""

ERROR = "error"
WARNING = "warning"
"""Severities: an error stops every build; a warning lets a preview (`mkdocs serve --no-strict`)
carry on but stops the published build (`mkdocs build --strict`) and `imhsite validate`."""


def dotted(path: Path_) -> str:
    """`('categories', 'IFA', 'footnotes', 0)` -> `categories.IFA.footnotes[0]`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one data file, at the line an editor should look at.

    `check` is the ID of the check that found it (empty for the reader's and the model's own).
    """

    file: str
    line: int
    field: str
    message: str
    check: str = ""
    severity: str = ERROR

    def __str__(self) -> str:
        message = f"warning: {self.message}" if self.severity == WARNING else self.message
        text = f"{self.file}:{self.line}: {self.field}: {message}" if self.field else f"{self.file}:{self.line}: {message}"
        return f"{text} ({self.check})" if self.check else text


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that stop every build."""
    return [p for p in problems if p.severity == ERROR]


class DataError(Exception):
    """Raised when data cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
