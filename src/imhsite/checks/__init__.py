"""Cross-field and cross-file checks, one per module, run after the model has validated.

Each module has an `ID` and a `check(value, context, path)` generator yielding
`(location, message)` pairs; the model itself catches types, codes and unknown fields.
What concerns several files at once (two states sharing a page folder) is found by
`run_across`, after every file has loaded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..model import StateData
from ..problems import Path_
from . import (criteria_measurable, quote_in_source, source_known, source_present, state_folder,
               state_matches_file)
from .common import Context, normalise, walk

CHECKS = {m.ID: m for m in (source_known, source_present, quote_in_source, state_matches_file, state_folder,
                            criteria_measurable)}


def run(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    """Every problem the checks find in one validated file."""
    for module in CHECKS.values():
        yield from module.check(value, context, path)


def run_across(states: dict[Path, StateData], content: Path | None) -> Iterator[tuple[Path, Path_, str]]:
    """Every problem between the state files (by path) and the hand-written pages in `content`."""
    yield from state_folder.check_across(states, content)


__all__ = ["CHECKS", "Context", "normalise", "run", "run_across", "walk"]
