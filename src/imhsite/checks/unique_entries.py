"""Each document is listed once, in data/sources.yaml and in a state's `documents`: a second
entry would be silently dropped or shown twice. (Glossary entries: glossary-unique.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..model import SourceRegistry, StateData
from ..problems import ERROR, Path_
from .common import Context

ID = "unique-entries"
SEVERITY = ERROR


def check(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, SourceRegistry):
        yield from _repeated("documents", [d.file for d in value.documents], "file", "document")
    if isinstance(value, StateData):
        yield from _repeated("documents", value.documents, None, "document")


def _repeated(field: str, names: list[str], key: str | None, what: str) -> Iterator[tuple[Path_, str]]:
    """Every entry of `field` whose name (compared without case) an earlier entry has."""
    first: dict[str, int] = {}
    for index, name in enumerate(names):
        seen = first.setdefault(name.casefold(), index)
        if seen != index:
            where: Path_ = (field, index, key) if key else (field, index)
            yield where, f"duplicate {what} {name!r}; {field}[{seen}] already lists it"
