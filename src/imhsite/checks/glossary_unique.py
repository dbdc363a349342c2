"""Each glossary term and each abbreviation is defined once: a second definition would contradict the first."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..model import Glossary
from ..problems import ERROR, Path_
from .common import Context

ID = "glossary-unique"
SEVERITY = ERROR


def check(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    if not isinstance(value, Glossary):
        return
    for kind, names in (("terms", [t.term for t in value.terms]),
                        ("abbreviations", [a.abbreviation for a in value.abbreviations])):
        first: dict[str, int] = {}
        for index, name in enumerate(names):
            if name.casefold() in first:
                field = "term" if kind == "terms" else "abbreviation"
                yield (kind, index, field), f"{name!r} is already defined at {kind}[{first[name.casefold()]}]; define it once"
            first.setdefault(name.casefold(), index)
