"""Glossary definitions and the Competency Guidelines are the document's own words, found in its text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..model import CompetencyGuidelines, CompetencyItem, Domain, Glossary, Source
from ..problems import ERROR, Path_
from .common import Context, normalise

ID = "verbatim-in-source"
SEVERITY = ERROR

Forms = tuple[str, ...]
"""A text as the document may print it: itself, or followed by what the model keeps apart."""


def check(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, Glossary):
        for index, term in enumerate(value.terms):
            yield from _missing(context, term.source, [(("terms", index, "definition"), (term.definition,))])
    elif isinstance(value, CompetencyGuidelines):
        yield from _missing(context, value.source, list(_competency_texts(value, context)))


def _competency_texts(value: CompetencyGuidelines, context: Context) -> Iterator[tuple[Path_, Forms]]:
    """Every domain name, area, note, lead-in and item: not the category names, which are the site's."""
    for where, item in context.models(value):
        if isinstance(item, Domain):
            yield where + ("name",), (item.name,)
        if isinstance(item, CompetencyItem):  # the document prints an item's tags after it: "... (P, R/F)"
            yield where + ("text",), (item.text, f"{item.text} ({', '.join(item.tags)})")
        if getattr(item, "lead", None):
            yield where + ("lead",), (item.lead,)
        for name in ("knowledge_areas", "skill_areas", "notes"):
            for index, text in enumerate(getattr(item, name, None) or []):
                yield where + (name, index), (text,)


def _missing(context: Context, source: Source, texts: list[tuple[Path_, Forms]]) -> Iterator[tuple[Path_, str]]:
    document = context.text(source.doc)
    if document is None:  # source-text-present says so
        return
    for where, forms in texts:
        if not any(normalise(form) in document for form in forms):
            yield where, f"not found in {source.doc}: {forms[0][:50]!r}; copy the document's words"
