"""Every listed document has its text in data/sources/, so every quote can be checked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..model import SourceRegistry
from ..problems import ERROR, Path_
from .common import Context

ID = "source-text-present"
SEVERITY = ERROR


def check(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    if not isinstance(value, SourceRegistry):
        return
    for index, document in enumerate(value.documents):
        text = context.text(document.file)
        if context.is_unreadable(document.file):
            continue  # the text's own problem says why
        if text is None:
            yield ("documents", index, "file"), (f"the text of {document.file!r} is missing; save the document "
                                                 f"as plain text in data/sources/{document.file}")
        elif not text:
            yield ("documents", index, "file"), f"data/sources/{document.file} is empty; paste the document's text into it"
