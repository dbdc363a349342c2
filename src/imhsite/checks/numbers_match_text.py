"""A structured number says what its own text says: `min_hours: 40` beside "Minimum 30 clock hours" is a slip.

The self-check and the tables' summaries read the numbers, readers the text; when the text
gives numbers and none of them is the value, one of the two is out of date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..problems import WARNING, Path_
from .common import Context

ID = "numbers-match-text"
SEVERITY = WARNING
_NUMBER = re.compile(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?")
_WORDS = {word: n for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_WORD = re.compile(r"\b(" + "|".join(_WORDS) + r")\b")
"""A number word in lowercased text (a case-blind pattern is twice as slow)."""


def numbers_in(text: str) -> set[float]:
    """Every number a text states, in digits or in words up to twelve."""
    found = {float(n.replace(",", "")) for n in _NUMBER.findall(text)}
    return found | {float(_WORDS[w]) for w in _WORD.findall(text.lower())}


def check(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    for where, item in context.models(value):
        text = getattr(item, "text", None)
        if not isinstance(text, str):
            continue
        stated = numbers_in(text)
        if not stated:
            continue
        for name in type(item).model_fields:
            number = getattr(item, name)
            if isinstance(number, (int, float)) and not isinstance(number, bool) and float(number) not in stated:
                said = ", ".join(f"{n:g}" for n in sorted(stated))
                yield where + (name,), f"{number:g} is not a number its text states ({said}); correct one of them"
