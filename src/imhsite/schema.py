"""JSON Schemas of the data files, for editors' completion and inline errors."""

from __future__ import annotations

import json
from pathlib import Path

from .model import CompetencyGuidelines, Glossary, Overview, SourceRegistry, StateData

SCHEMAS = {
    "requirements.schema.json": StateData,
    "competencies.schema.json": CompetencyGuidelines,
    "glossary.schema.json": Glossary,
    "sources.schema.json": SourceRegistry,
    "overview.schema.json": Overview,
}
"""Schema file name -> the model it describes; data files name theirs on their first line."""


def schema_texts() -> dict[str, str]:
    """Each schema file's content, stable so that regenerating it makes no diff."""
    return {
        name: json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"
        for name, model in SCHEMAS.items()
    }


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder` and return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
