"""Cross-field and cross-file checks, one per module, run after the model has validated.

Each module has an `ID` and a `check(value, context, path)` generator yielding
`(location, message)` pairs; the model itself catches types, codes and unknown fields.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..problems import Path_
from . import quote_in_source, source_known, source_present, state_matches_file, unique_entries
from .common import Context, normalise, walk

CHECKS = {m.ID: m for m in (source_known, source_present, quote_in_source, state_matches_file, unique_entries)}


def run(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    """Every problem the checks find in one validated file."""
    for module in CHECKS.values():
        yield from module.check(value, context, path)


__all__ = ["CHECKS", "Context", "normalise", "run", "walk"]
