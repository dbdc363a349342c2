"""Cross-field and cross-file checks, one per module, run after the model has validated.

Each module has an `ID` (printed at the end of each of its lines), a `SEVERITY` (`error`, or
`warning` for what a preview may show but the published site may not) and a
`check(value, context, path)` generator yielding `(location, message)` pairs (an empty
location is the file as a whole, reported at its first line); the model
itself catches types, codes and unknown fields. Each ID has a broken file in
tests/invalid/<ID>/ with the lines it gets. What concerns several files at once (two states
sharing a page folder) is found by `run_across`, after every file has loaded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from pydantic import BaseModel

from ..model import StateData
from ..problems import Path_
from . import (
    abbreviation_quoted,
    cited_document_listed,
    criteria_measurable,
    degrees_named,
    glossary_unique,
    last_checked_recent,
    last_checked_set,
    no_placeholder,
    numbers_match_text,
    quote_in_source,
    quote_length,
    schema_comment,
    source_known,
    source_present,
    source_text_present,
    state_folder,
    state_matches_file,
    unique_entries,
    verbatim_in_source,
)
from .common import Context, normalise, walk

CHECKS: dict[str, ModuleType] = {m.ID: m for m in (
    source_known, source_present, source_text_present, cited_document_listed, quote_in_source, quote_length,
    verbatim_in_source, glossary_unique, abbreviation_quoted, state_matches_file, state_folder, criteria_measurable,
    degrees_named, no_placeholder, last_checked_set, last_checked_recent, numbers_match_text, unique_entries, schema_comment)}


def run(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[ModuleType, Path_, str]]:
    """Every problem the checks find in one validated file, with the check that found it."""
    for module in CHECKS.values():
        for where, message in module.check(value, context, path):
            yield module, where, message


def run_across(states: dict[Path, StateData], content: Path | None) -> Iterator[tuple[Path, Path_, str]]:
    """Every problem between the state files (by path) and the hand-written pages in `content`."""
    yield from state_folder.check_across(states, content)


__all__ = ["CHECKS", "Context", "normalise", "run", "run_across", "walk"]
