"""A path that admits a degree level names the degrees its document accepts.

The self-check asks for the level of an applicant's highest degree, not its field: where a
document lists the degrees it accepts ("MA, MS, MEd, ..."), a path asking only `degree: master`
would tell an MBA it meets the requirement. The path's `condition` must name them, so the result
says "meets the numbers, if" your degree is one of them. A list of degrees applicants "typically"
hold is not a requirement: it belongs in `typical_degrees`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..model import Education, Status
from ..problems import ERROR, Path_
from .common import Context

ID = "degrees-named"
SEVERITY = ERROR


def check(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    for where, item in context.models(value):
        if not isinstance(item, Education) or item.status is not Status.required or not item.accepted_degrees:
            continue
        # a degree's name as a whole word ("MA", not the start of "Master's"), whatever its characters
        named = re.compile("|".join(rf"(?<![^\W_]){re.escape(d)}(?![^\W_])" for d in item.accepted_degrees))
        for index, criteria in enumerate(item.paths):
            if criteria.degree and not criteria.imh_degree and not named.search(criteria.condition or ""):
                yield where + ("paths", index), (
                    f"this path admits any degree from {criteria.degree} up, but accepted_degrees lists the ones the "
                    "document accepts: name them in the path's condition (or move a list of degrees applicants "
                    "typically hold to typical_degrees)")
