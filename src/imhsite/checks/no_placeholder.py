"""No placeholder of the `new-state` scaffold is published: each says what to fill in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..problems import WARNING, Path_
from .common import Context

ID = "no-placeholder"
SEVERITY = WARNING
MARKER = "FILL IN:"
"""Starts every placeholder the scaffold writes, followed by what to put there."""
_PLACEHOLDER = re.compile(rf"{MARKER}\s*(?P<what>.+)|\((?:replace with|fill in) (?P<earlier>[^)]+)\)", re.DOTALL)
"""Also the earlier scaffold's "(replace with the document's title)", in files it wrote."""


def check(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    for where, item in context.models(value):
        for name in type(item).model_fields:
            field = getattr(item, name)
            texts = [(where + (name,), field)] if isinstance(field, str) else (
                [(where + (name, i), text) for i, text in enumerate(field) if isinstance(text, str)]
                if isinstance(field, list) else [])
            for location, text in texts:
                found = _PLACEHOLDER.search(text)
                if found:
                    yield location, f"still a placeholder: fill in {(found['what'] or found['earlier']).strip()}"


def placeholder(what: str) -> str:
    """The placeholder the scaffold writes where an editor must fill in `what`."""
    return f"{MARKER} {what}"
