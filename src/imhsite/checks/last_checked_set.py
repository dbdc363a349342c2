"""A state says when it was last compared with its documents; a scaffold has not been yet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..model import StateData
from ..problems import WARNING, Path_
from .common import Context

ID = "last-checked-set"
SEVERITY = WARNING


def check(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, StateData) and value.last_checked is None:
        yield ("last_checked",), ("not yet compared with its documents; once every facet is checked against "
                                  "them, set last_checked to that day (YYYY-MM-DD)")
