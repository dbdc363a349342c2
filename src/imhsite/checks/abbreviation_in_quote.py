"""An abbreviation's quote shows the document spelling it out, so its meaning is the document's, not a guess."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..model import Glossary
from ..problems import ERROR, Path_
from .common import Context

ID = "abbreviation-in-quote"
SEVERITY = ERROR


def check(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    if not isinstance(value, Glossary):
        return
    for index, item in enumerate(value.abbreviations):
        quote = item.source.quote or ""
        if item.abbreviation not in quote or item.meaning not in quote:
            yield (("abbreviations", index, "source", "quote"),
                   f"quote the passage that spells {item.abbreviation!r} out as {item.meaning!r}; it must hold both")
