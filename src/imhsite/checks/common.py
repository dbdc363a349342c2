"""What every check shares: the context it may consult and a walk over a validated file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..model import Document
from ..problems import DataError, Path_, Problem, display_name
from ..yaml_reader import utf8_text

STALE_AFTER_MONTHS = 12
"""How long ago a state may have been last checked, unless a site sets `stale_after_months`."""


@dataclass
class Context:
    """What the checks may consult besides the file itself."""

    documents: dict[str, Document]
    texts_dir: Path
    fingerprint: str = ""
    """Changes whenever what the checks consult may have: sources.yaml, a text in texts_dir, the day."""
    stale_after_months: int = STALE_AFTER_MONTHS
    data_dir: Path | None = None
    """The data folder being loaded: what a file's relative paths (its schema's) start from."""
    today: date = field(default_factory=date.today)
    _texts: dict[str, str | None] = field(default_factory=dict)
    _unreadable: dict[str, Problem] = field(default_factory=dict)
    _models: dict[int, tuple[BaseModel, list[tuple[Path_, BaseModel]]]] = field(default_factory=dict)

    def models(self, value: BaseModel) -> list[tuple[Path_, BaseModel]]:
        """`walk(value)`, walked once however many checks ask for it."""
        kept = self._models.get(id(value))
        if kept is None or kept[0] is not value:
            kept = self._models[id(value)] = (value, list(walk(value)))
        return kept[1]

    def text(self, doc: str) -> str | None:
        """A source document's text with whitespace collapsed, or None if it is missing or unreadable."""
        if doc not in self._texts:
            self._texts[doc] = self._read(doc)
        return self._texts[doc]

    def is_unreadable(self, doc: str) -> bool:
        """Whether the document's text is there but not UTF-8 (reported once, by unreadable_texts)."""
        return doc in self._unreadable

    def unreadable_texts(self) -> list[Problem]:
        """A problem for each listed document whose text is not UTF-8, at the first bad byte."""
        for doc in self.documents:
            self.text(doc)
        return list(self._unreadable.values())

    def _read(self, doc: str) -> str | None:
        path = self.texts_dir / doc
        if not path.is_file():
            return None
        try:
            return normalise(utf8_text(_read_bytes(path), display_name(path)))
        except DataError as err:
            self._unreadable[doc] = err.problems[0]
            return None


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise DataError([Problem(display_name(path), 1, "", f"cannot be read: {err.strerror or err}")]) from None


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space, as quotes are compared."""
    return re.sub(r"\s+", " ", text).strip()


def walk(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, BaseModel]]:
    """Every model under `value` (itself included), in lists and mappings too, with its location."""
    if isinstance(value, BaseModel):
        yield path, value
        for name in type(value).model_fields:
            item = getattr(value, name)
            if isinstance(item, (BaseModel, dict, list)):
                yield from walk(item, path + (name,))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (BaseModel, dict, list)):
                yield from walk(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, (BaseModel, dict, list)):
                yield from walk(item, path + (index,))
