"""A state file is named after its state code (va.yaml holds state: VA): path is identity."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..model import StateData
from ..problems import ERROR, Path_
from .common import Context

ID = "state-matches-file"
SEVERITY = ERROR


def check(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, StateData) and path.stem != value.state.lower():
        yield ("state",), f"state {value.state} does not match the file name {path.name!r}; expected {value.state.lower()}.yaml"
