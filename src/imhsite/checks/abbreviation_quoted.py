"""An abbreviation's quote shows it spelled out: the tooltip's meaning is the document's, not a guess.

The problem is reported at the abbreviation's line (`abbreviations[N].abbreviation`): the entry is
what is wrong, and the fix may be its meaning as well as its quote.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..model import Abbreviation
from ..problems import ERROR, Path_
from .common import Context, normalise

ID = "abbreviation-quoted"
SEVERITY = ERROR


def check(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    for where, entry in context.models(value):
        if isinstance(entry, Abbreviation):
            quote = normalise(entry.source.quote or "")
            missing = [f"{name} {text!r}" for name, text in (("the abbreviation", entry.abbreviation),
                                                              ("its meaning", entry.meaning))
                       if normalise(text) not in quote]
            if missing:
                yield where + ("abbreviation",), (f"its source.quote must show {' and '.join(missing)}; "
                                                  "quote the passage that spells it out")
