"""A data file's first line names its JSON Schema, so an editor's YAML language server completes and checks it.

A warning, not an error: the pages are the same without the line, so a preview carries on; but
whoever opens the file next gets no completion and no inline errors, so `validate` and the
published build stop until it is there. The schema's path is relative to the file, so only files
inside the data folder are checked: a file validated from elsewhere (a draft) is judged once moved in.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..problems import WARNING, Path_
from ..schema import SCHEMAS
from .common import Context

ID = "schema-comment"
SEVERITY = WARNING
PREFIX = "# yaml-language-server: $schema="
SCHEMA_DIR = "schema"
"""Where `imhsite schema` writes the schemas: beside the data folder."""
SCHEMA_OF = {model: name for name, model in SCHEMAS.items()}


def first_line(path: Path, data_dir: Path, model: type[BaseModel]) -> str:
    """The line a data file holding `model` starts with: its schema's path, relative to the file."""
    schema = Path(data_dir).resolve().parent / SCHEMA_DIR / SCHEMA_OF[model]
    return PREFIX + Path(os.path.relpath(schema, Path(path).resolve().parent)).as_posix()


def check(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    if context.data_dir is None or type(value) not in SCHEMA_OF:
        return
    if not Path(path).resolve().is_relative_to(Path(context.data_dir).resolve()):
        return
    expected = first_line(path, context.data_dir, type(value))
    with open(path, encoding="utf-8", errors="replace") as text:
        found = text.readline().rstrip("\r\n")
    if found != expected:
        yield (), f"the first line must be {expected!r}, for editors' YAML language servers; found {found[:70]!r}"
