"""Every criterion a path sets is one the applicant profile answers: none may silently pass."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..applicant_profile import unmeasurable
from ..model import Criteria
from ..problems import ERROR, Path_
from .common import Context

ID = "criteria-measurable"
SEVERITY = ERROR


def check(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    for where, model in context.models(value):
        if isinstance(model, Criteria):
            for name in unmeasurable(model):
                yield where + (name,), (f"the self-check has no question that measures {name}; "
                                        "add it to profile_fields.yaml or leave it out")
