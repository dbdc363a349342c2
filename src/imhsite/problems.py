"""Problems found in data files, reported one line each as `file:line: field: message`."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

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
        text += f"[{part}]" if isinstance(part, int) else (f".{_printable(part)}" if text else _printable(part))
    return text


def _printable(key: str) -> str:
    """A key as it can stand in a one-line message: a line break or other control shown escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(key))


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


def display_name(path: Path) -> str:
    """A path as an editor would type it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


class DataError(Exception):
    """Raised when data cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
