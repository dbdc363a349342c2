"""A state cites only the documents it lists, so no fact is borrowed from another association."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..model import Source, StateData
from ..problems import ERROR, Path_
from .common import Context

ID = "cited-document-listed"
SEVERITY = ERROR


def check(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    if not isinstance(value, StateData):
        return
    listed = set(value.documents)
    for where, item in context.models(value):
        if isinstance(item, Source) and item.doc in context.documents and item.doc not in listed:
            yield where + ("doc",), (f"{item.doc!r} is not in this file's documents: list; cite one of "
                                     f"{', '.join(value.documents)}, or list it there if this association publishes it")
