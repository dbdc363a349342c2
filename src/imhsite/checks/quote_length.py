"""A quote is long enough to find the passage by and short enough to be a quote, not a copy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..model import Source
from ..problems import ERROR, Path_
from .common import Context

ID = "quote-length"
SEVERITY = ERROR
MIN_WORDS = 4
"""A table heading such as "EARLY INTERVENTION & PREVENTION" is the shortest passage worth citing."""
MAX_WORDS = 25


def check(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    for where, item in context.models(value):
        if isinstance(item, Source) and item.quote is not None:
            words = len(item.quote.split())
            if not MIN_WORDS <= words <= MAX_WORDS:
                yield where + ("quote",), (f"quote is {words} word{'s' if words != 1 else ''}; copy {MIN_WORDS} to "
                                           f"{MAX_WORDS} words, enough to find the passage by")
