"""A new state's data file: every facet present and marked not published, ready to fill in."""

from __future__ import annotations

from datetime import date

import yaml

from .model import InitialRequirements, RenewalRequirements

HEADER = "# yaml-language-server: $schema=../../schema/requirements.schema.json\n"


def document_file_name(code: str) -> str:
    return f"{code.lower()}_requirements.txt"


def new_state_yaml(code: str, name: str, association: str, categories: dict[str, str], today: date) -> str:
    """The text of data/requirements/<code>.yaml for a state nobody has transcribed yet.

    `categories` maps each category code to publish to its name.
    """
    doc = document_file_name(code)
    data = {
        "state": code,
        "name": name,
        "association": {
            "name": association,
            "source": {"doc": doc, "section": "Title page (fill in the section the name is read from)"},
        },
        "documents": [doc],
        "last_checked": today,
        "categories": {
            category: {
                "name": category_name,
                "initial": _not_published(InitialRequirements),
                "renewal": _not_published(RenewalRequirements),
            }
            for category, category_name in categories.items()
        },
    }
    return HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _not_published(requirements: type) -> dict[str, dict[str, str]]:
    """Every facet, explicitly not published (fresh dicts: shared ones would dump as aliases)."""
    return {facet: {"status": "not_published"} for facet in requirements.model_fields}


def document_entry(code: str, association: str) -> str:
    """The lines appended to data/sources.yaml for the new state's document."""
    return (
        f"  - file: {document_file_name(code)}\n"
        f"    title: Endorsement requirements of {association} (replace with the document's title)\n"
        f"    association: {association}\n"
    )

