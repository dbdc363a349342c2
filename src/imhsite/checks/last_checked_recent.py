"""A state was compared with its documents recently: the site tells readers when, and must not lie."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..freshness import months_between
from ..model import StateData
from ..problems import WARNING, Path_
from .common import Context

ID = "last-checked-recent"
SEVERITY = WARNING


def check(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    if not isinstance(value, StateData) or value.last_checked is None:
        return
    if months_between(value.last_checked, context.today) > context.stale_after_months:
        yield ("last_checked",), (f"{value.last_checked.isoformat()} is more than {context.stale_after_months} "
                                  "months ago; compare the data with its sources and update last_checked")
