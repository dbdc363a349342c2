"""What every check shares: the context it may consult and a walk over a validated file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..model import Document
from ..problems import Path_


@dataclass
class Context:
    """What the checks may consult besides the file itself."""

    documents: dict[str, Document]
    texts_dir: Path
    _texts: dict[str, str | None] = field(default_factory=dict)

    def text(self, doc: str) -> str | None:
        """A source document's text with whitespace collapsed, or None if it is missing."""
        if doc not in self._texts:
            path = self.texts_dir / doc
            self._texts[doc] = normalise(path.read_text(encoding="utf-8")) if path.is_file() else None
        return self._texts[doc]


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space, as quotes are compared."""
    return re.sub(r"\s+", " ", text).strip()


def walk(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every model, list item and mapping value under `value`, with its location."""
    yield path, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from walk(getattr(value, name), path + (name,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, path + (index,))
