"""Every published requirement cites its source; only `not_published` may stand without one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..model import Requirement, Status
from ..problems import ERROR, Path_
from .common import Context

ID = "source-present"
SEVERITY = ERROR


def check(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    for where, item in context.models(value):
        if isinstance(item, Requirement) and item.status is not Status.not_published:
            if item.source is None:
                yield where + ("source",), f"a {item.status.value} requirement needs a source"
            if item.text is None:
                yield where + ("text",), f"a {item.status.value} requirement needs the text a reader sees"
