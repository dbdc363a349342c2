"""JSON Schemas of the data files, for editors' completion and inline errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import atomic_output
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
    """Write every schema into `folder` (created if missing, its parent not) and return the paths.

    All or none: a schema that cannot be written leaves the others as they were, and a folder
    created for them is removed again.
    """
    created = not folder.exists()
    folder.mkdir(exist_ok=True)
    texts = {folder / name: text for name, text in schema_texts().items()}
    try:
        atomic_output.write_files(texts)
    except OSError:
        if created:
            folder.rmdir()
        raise
    return list(texts)


def field_reference(model: type) -> list[dict[str, Any]]:
    """Every type a data file may contain, with its fields: the editor's guide reference."""
    document = model.model_json_schema()
    definitions = {model.__name__: document, **document.get("$defs", {})}
    reference = []
    for name, definition in definitions.items():
        if "properties" not in definition:
            continue
        required = set(definition.get("required", []))
        fields = [
            {
                "name": field,
                "type": _type_name(spec),
                "required": field in required,
                "description": spec.get("description", ""),
            }
            for field, spec in definition["properties"].items()
        ]
        reference.append({"name": name, "description": definition.get("description", ""), "fields": fields})
    return reference


def _type_name(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        return spec["$ref"].rsplit("/", 1)[-1]
    if "enum" in spec:
        return " | ".join(json.dumps(v) for v in spec["enum"])
    if "const" in spec:
        return json.dumps(spec["const"])
    if "anyOf" in spec:
        return " or ".join(_type_name(s) for s in spec["anyOf"])
    kind = spec.get("type", "any")
    if kind == "array":
        return f"list of {_type_name(spec.get('items', {}))}"
    if kind == "object" and "additionalProperties" in spec:
        keys = spec.get("propertyNames", {})
        return f"mapping of {_type_name(keys) if keys else 'text'} to {_type_name(spec['additionalProperties'])}"
    if kind == "string" and spec.get("format") == "date":
        return "date (YYYY-MM-DD)"
    name = {"string": "text", "integer": "whole number", "number": "number", "boolean": "true/false", "null": "nothing"}.get(kind, kind)
    if "maximum" in spec:
        return f"{name} from {spec.get('minimum', 0):g} to {spec['maximum']:g}"
    return name
