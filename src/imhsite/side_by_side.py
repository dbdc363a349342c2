"""Requirements side by side: which cells differ from the others, and what differs, in words.

A comparison puts one requirement per column (a state, or a category of one state) in each
row (a facet). A cell is marked when its published values are not those most columns share,
as compatibility tables mark each browser's cell; wording (the source's text, labels, quotes)
never makes a difference. assets/tables.js applies the same rule to the columns a reader picks.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .model import Requirement, Status

WORDING = frozenset({"text", "source", "label", "condition", "raters", "association"})
"""Fields that hold a document's words or the association's own name, not a published value:
every state asks for membership in its own association, in its own words."""


@dataclass(frozen=True)
class Shown:
    """A requirement as every table shows it, made once for all of them."""

    values: str
    """Its published values' fingerprint (published_values)."""
    description: str
    """Its key values in one line (describe_with)."""
    html: str
    """Its cell's content (render.py)."""


@dataclass(frozen=True)
class Column:
    """One side of the comparison: its key (in the address), its heading and its guide page."""

    key: str
    name: str
    guide: str
    notes: Mapping[str, str] = field(default_factory=dict)
    """Footnote marks in its texts -> their footnotes' addresses (footnotes.targets)."""
    shown: Mapping[str, Shown] = field(default_factory=dict)
    """Row key -> its requirement in that row, as made once for every table (absent: made here)."""


@dataclass
class Cell:
    column: Column
    requirement: Requirement
    values: str
    """A short fingerprint of the published values: equal values, equal fingerprints."""
    differs: bool = False


@dataclass
class Row:
    phase: str
    facet: str
    title: str
    cells: list[Cell]

    @property
    def key(self) -> str:
        return row_key(self.phase, self.facet)

    @property
    def differs(self) -> bool:
        return any(cell.differs for cell in self.cells)


def row_key(phase: str, facet: str) -> str:
    """A row's key, in the page (`data-facet`) and in Column.shown: 'renewal-training'."""
    return f"{phase}-{facet}"


def published_values(requirement: Requirement) -> str:
    """The status and structured values of a requirement, without its wording, as a fingerprint."""
    values = _without_wording(requirement.model_dump(mode="json"))
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:12]


def _without_wording(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_wording(v) for k, v in value.items() if k not in WORDING}
    if isinstance(value, list):
        return [_without_wording(v) for v in value]
    return value


def common_values(values: list[str]) -> str | None:
    """The values more columns share than any other, if two or more share them."""
    ranked = Counter(values).most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def row(phase: str, facet: str, title: str, columns: list[Column], requirement: Callable[[Column], Requirement]) -> Row:
    """A facet's row: each column's requirement, marked where it differs from the others."""
    key = row_key(phase, facet)
    cells = [Cell(c, requirement(c), c.shown[key].values if key in c.shown else published_values(requirement(c)))
             for c in columns]
    if len({cell.values for cell in cells}) > 1:
        common = common_values([cell.values for cell in cells])
        for cell in cells:
            cell.differs = cell.values != common
    return Row(phase, facet, title, cells)


Sentence = tuple[str, list[tuple[str, Cell]]]
"""What differs in one row: its title, and who differs, each with a cell whose values it has."""


def differences(rows: list[Row]) -> list[Sentence]:
    """What differs, one sentence per differing row: (a facet's title, [('Virginia alone', cell)])."""
    sentences: list[Sentence] = []
    for r in rows:
        odd = [cell for cell in r.cells if cell.differs]
        if len(odd) == 1:
            sentences.append((r.title, [(f"{odd[0].column.name} alone", odd[0])]))
        elif odd:
            groups: dict[str, list[Cell]] = {}
            for cell in odd:
                groups.setdefault(cell.values, []).append(cell)
            sentences.append((r.title, [(_names([c.column.name for c in group]), group[0]) for group in groups.values()]))
    return sentences


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def describe_with(status_label: Callable[[Requirement], str], key_values: Callable[[Requirement], list[str]]
                  ) -> Callable[[Requirement], str]:
    """A requirement in one line: its key values, or its status when it has none (or is not required)."""
    def describe(requirement: Requirement) -> str:
        values = key_values(requirement)
        if requirement.status is not Status.required or not values:
            values = [status_label(requirement).lower(), *values]
        return "; ".join(values)
    return describe
