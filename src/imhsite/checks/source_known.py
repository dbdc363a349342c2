"""Every source names a document listed in data/sources.yaml, so a reader can find it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..model import Source, SourceRegistry, StateData
from ..problems import ERROR, Path_
from .common import Context

ID = "source-known"
SEVERITY = ERROR


def check(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    for where, item in context.models(value):
        if isinstance(item, Source) and item.doc not in context.documents:
            yield where + ("doc",), f"unknown document {item.doc!r}; list it in data/sources.yaml"
    if isinstance(value, StateData):
        for index, doc in enumerate(value.documents):
            if doc not in context.documents:
                yield ("documents", index), f"unknown document {doc!r}; list it in data/sources.yaml"
    if isinstance(value, SourceRegistry):
        files = {d.file for d in value.documents}
        for index, document in enumerate(value.documents):
            if document.supersedes is not None and document.supersedes not in files:
                yield ("documents", index, "supersedes"), f"unknown document {document.supersedes!r}; list the earlier edition too"
