"""The validated dataset as JSON and CSV, for downloads and for other tools."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from .load import Dataset
from .model import InitialRequirements, RenewalRequirements, Requirement, StateData

CSV_COLUMNS = ("state", "association", "category", "phase", "facet", "status", "text", "values", "source_doc", "source_section", "source_quote")
CSV_HEADER = ",".join(CSV_COLUMNS) + "\n"

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, CSV Injection)."""

STRUCTURE_FIELDS = set(Requirement.model_fields)
"""Fields every facet has; the rest of a facet's fields are its structured values."""


def state_json(state: StateData) -> str:
    """One state's entry of the JSON download's "states", as JSON text."""
    return _dumps(state.model_dump(mode="json", exclude_defaults=True))


def to_json(dataset: Dataset, states: list[str] | None = None, shared: bool = True,
            state_text: Callable[[StateData], str] = state_json) -> str:
    """The dataset as JSON (states limited to `states` when given), put together from each state's text
    (`state_text`: a cache's, maybe).

    Without `shared`, the competencies and glossary (the same for every state) are left out
    and only the documents the chosen states cite are listed: a state's own download.
    """
    chosen = _chosen(dataset, states)
    documents, *rest = (f"{_dumps(key)}:{_dumps(value)}" for key, value in _beside_states(dataset, chosen, shared))
    # joined once: at 200 states the text is 12 MB, and each concatenation would copy it again
    parts = ["{", documents, ',"states":{']
    for at, (code, state) in enumerate(chosen.items()):
        parts += ["," if at else "", _dumps(code), ":", state_text(state)]
    parts.append("}")
    for entry in rest:
        parts += [",", entry]
    parts.append("}\n")
    return "".join(parts)


def _chosen(dataset: Dataset, states: list[str] | None) -> dict[str, StateData]:
    return {code: s for code, s in dataset.states.items() if states is None or code in states}


def _beside_states(dataset: Dataset, chosen: dict[str, StateData], shared: bool) -> list[tuple[str, Any]]:
    """The download's entries other than "states", in order: documents first, then (if shared) the rest."""
    cited = {doc for s in chosen.values() for doc in s.documents}
    entries: list[tuple[str, Any]] = [
        ("documents", [d.model_dump(mode="json") for d in dataset.documents.values() if shared or d.file in cited])]
    if shared:
        entries.append(("competencies", dataset.competencies.model_dump(mode="json", exclude_defaults=True)))
        entries.append(("glossary", dataset.glossary.model_dump(mode="json", exclude_defaults=True)))
    return entries


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def facet_rows(dataset: Dataset, states: list[str] | None = None) -> list[dict[str, str]]:
    """One row per state, category, phase and facet: the requirement tables flattened."""
    rows = []
    for code, state in dataset.states.items():
        if states is not None and code not in states:
            continue
        for category_code, category in state.categories.items():
            phases: list[tuple[str, InitialRequirements | RenewalRequirements]] = [
                ("initial", category.initial), ("renewal", category.renewal)
            ]
            for phase, requirements in phases:
                for facet in type(requirements).model_fields:
                    requirement: Requirement = getattr(requirements, facet)
                    values = requirement.model_dump(mode="json", exclude_defaults=True, exclude=STRUCTURE_FIELDS)
                    source = requirement.source
                    rows.append({
                        "state": code,
                        "association": state.association.name,
                        "category": category_code,
                        "phase": phase,
                        "facet": facet,
                        "status": requirement.status.value,
                        "text": requirement.text or "",
                        "values": json.dumps(values, ensure_ascii=False) if values else "",
                        "source_doc": source.doc if source else "",
                        "source_section": source.section if source else "",
                        "source_quote": (source.quote or "") if source else "",
                    })
    return rows


def inert_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading quote."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_rows(dataset: Dataset, states: list[str] | None = None) -> str:
    """The facet rows as CSV lines without the header, every cell inert when opened in a spreadsheet."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writerows({column: inert_cell(cell) for column, cell in row.items()} for row in facet_rows(dataset, states))
    return out.getvalue()


def to_csv(dataset: Dataset, states: list[str] | None = None,
           state_rows: Callable[[str], str] | None = None) -> str:
    """The facet rows as CSV with its header, put together from each state's rows (`state_rows`: a cache's, maybe)."""
    rows = state_rows or (lambda code: csv_rows(dataset, [code]))
    return "".join([CSV_HEADER, *(rows(code) for code in _chosen(dataset, states))])
