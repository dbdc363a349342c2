"""A source's quote occurs in the cited document, so every fact can be verified there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..model import Source
from ..problems import ERROR, Path_
from .common import Context, normalise

ID = "quote-in-source"
SEVERITY = ERROR


def check(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    for where, item in context.models(value):
        if not isinstance(item, Source) or item.quote is None or item.doc not in context.documents:
            continue
        if context.is_unreadable(item.doc):
            continue  # the text's own problem says why
        text = context.text(item.doc)  # a missing text is source-text-present's to report
        if text is not None and normalise(item.quote) not in text:
            yield where + ("quote",), f"quote not found in {item.doc}: {item.quote[:50]!r}"
