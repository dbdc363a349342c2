"""A new state's data file: every facet present and marked not published, ready to fill in.

`create_state` checks every input before it writes, then writes the state file and the new
entry of data/sources.yaml together: both or, if anything fails, neither.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from .atomic_output import write_files
from .checks.no_placeholder import placeholder
from .checks.schema_comment import first_line
from .load import REQUIREMENTS_DIR, SOURCES_FILE, describe, load_model
from .model import InitialRequirements, RenewalRequirements, SourceRegistry, StateData
from .problems import DataError, Problem

OPTIONS = {("state",): "CODE", ("name",): "--name", ("association", "name"): "--association"}
"""The command-line option each scaffolded field comes from, to name it in an error."""


class ScaffoldError(ValueError):
    """An input the scaffold cannot use, or a file it would overwrite; nothing was written."""

    def __init__(self, option: str | None, message: str):
        self.option = option
        super().__init__(message)


def document_file_name(code: str) -> str:
    return f"{code.lower()}_requirements.txt"


def new_state_yaml(code: str, name: str, association: str, categories: dict[str, str], header: str) -> str:
    """The text of data/requirements/<code>.yaml for a state nobody has transcribed yet, after `header`.

    `categories` maps each category code to publish to its name. `last_checked` stays null:
    nobody has compared the file with its document yet.
    """
    doc = document_file_name(code)
    data = {
        "state": code,
        "name": name,
        "association": {
            "name": association,
            "source": {"doc": doc, "section": placeholder("the section of the document the association's name is read from")},
        },
        "documents": [doc],
        "last_checked": None,
        "categories": {
            category: {
                "name": category_name,
                "initial": _not_published(InitialRequirements),
                "renewal": _not_published(RenewalRequirements),
            }
            for category, category_name in categories.items()
        },
    }
    return header + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _not_published(requirements: type) -> dict[str, dict[str, str]]:
    """Every facet, explicitly not published (fresh dicts: shared ones would dump as aliases)."""
    return {facet: {"status": "not_published"} for facet in requirements.model_fields}


def document_entry(code: str, association: str) -> str:
    """The lines appended to data/sources.yaml for the new state's document."""
    entry = {"file": document_file_name(code), "title": placeholder("the document's title, as printed on it"),
             "association": association}
    dumped = yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=100)
    return "".join(f"  {line}\n" for line in dumped.splitlines())


def create_state(data: Path, code: str, name: str, association: str, categories: dict[str, str]) -> Path:
    """Write data/requirements/<code>.yaml and list its document in sources.yaml; return the new file.

    Raises ScaffoldError, having written nothing, when an input is not valid or a file exists,
    and DataError when data/sources.yaml has problems to fix first.
    """
    target = data / REQUIREMENTS_DIR / f"{code.lower()}.yaml"
    text = new_state_yaml(code, name, association, categories, first_line(target, data, StateData))
    try:
        StateData.model_validate(yaml.safe_load(text))
    except ValidationError as err:
        error = err.errors(include_url=False)[0]
        raise ScaffoldError(OPTIONS.get(tuple(error["loc"])), describe(error)) from None
    sources = data / SOURCES_FILE
    if target.exists():
        raise ScaffoldError(None, f"{target} already exists")
    problems: list[Problem] = []
    registry = load_model(sources, SourceRegistry, problems)
    if registry is None:
        raise DataError(problems)
    if any(d.file == document_file_name(code) for d in registry.documents):
        raise ScaffoldError(None, f"{sources} already lists {document_file_name(code)}")
    listed = sources.read_text(encoding="utf-8")
    entry = document_entry(code, association)
    write_files({target: text, sources: listed + ("" if listed.endswith("\n") else "\n") + entry})
    return target
