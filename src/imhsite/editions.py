"""Which edition of which document each fact comes from: the data's own history of editions.

A document that replaces an earlier one names it in `supersedes`; every fact cites the
edition it was read from. So the facts citing a newer edition are the ones re-read (and
possibly changed) with it, and facts still citing an older edition are not yet re-checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .checks.common import walk
from .load import Dataset
from .model import Document, Source, StateData
from .problems import dotted


@dataclass
class Edition:
    document: Document
    facts: list[str] = field(default_factory=list)
    superseded_by: Document | None = None


@dataclass
class StateHistory:
    state: StateData
    editions: list[Edition]

    @property
    def outdated_facts(self) -> list[tuple[Edition, str]]:
        """Facts that still cite an edition a newer document replaces."""
        return [(e, fact) for e in self.editions if e.superseded_by for fact in e.facts]


def cited_facts(state: StateData) -> dict[str, list[str]]:
    """Document file -> the locations of the facts in `state` that cite it."""
    facts: dict[str, list[str]] = {}
    for path, value in walk(state):
        if isinstance(value, Source):
            facts.setdefault(value.doc, []).append(dotted(path[:-1]) if path[-1] == "source" else dotted(path))
    return facts


def state_history(dataset: Dataset, state: StateData) -> StateHistory:
    """The editions a state cites, newest first (by as-of date), with the facts from each."""
    replaced_by = {d.supersedes: d for d in dataset.documents.values() if d.supersedes}
    facts = cited_facts(state)
    files = set(facts) | {f for f in state.documents}
    editions = [
        Edition(dataset.documents[f], sorted(facts.get(f, [])), replaced_by.get(f))
        for f in files if f in dataset.documents
    ]
    editions.sort(key=lambda e: (e.document.as_of is None, -(e.document.as_of.toordinal() if e.document.as_of else 0), e.document.file))
    return StateHistory(state, editions)
