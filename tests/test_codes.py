"""Each code is declared once, with its words, in codes.py: no other module or template spells them."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest

from imhsite import applicant_profile, codes, messages, model, render, rule_compiler, vocabulary

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [p for p in (ROOT / "src" / "imhsite").rglob("*.py") if p.name != "codes.py"] + sorted(
    (ROOT / "templates").rglob("*.j2"))
TABLES = {"DEGREES": codes.DEGREES, "PROVIDERS": codes.PROVIDERS, "STATUSES": codes.STATUSES,
          "FACETS": codes.FACETS, "TOPICS": codes.TOPICS, "DESIGNATIONS": codes.DESIGNATIONS}


def words() -> list[tuple[str, str]]:
    """(table, words) for every label, phrase and name long enough to be a spelling of its own."""
    found = []
    for table, entries in TABLES.items():
        for entry in entries:
            found += [(table, text) for text in {entry.label, entry.phrase, entry.name} if len(text) >= 9]
    return found


@pytest.mark.parametrize(("table", "text"), words(), ids=[f"{t}:{w}" for t, w in words()])
def test_no_other_file_spells_a_code_s_words(table, text):
    quoted = re.compile(r"""["']""" + re.escape(text) + r"""["']""")
    spelled = [str(p.relative_to(ROOT)) for p in SOURCES if quoted.search(p.read_text(encoding="utf-8"))]
    assert not spelled, f"{text!r} (codes.{table}) is spelled again in {spelled}"


def test_the_model_the_profile_and_the_words_take_their_codes_from_codes_py():
    assert typing.get_args(model.DegreeLevel) == codes.DEGREE_LEVELS
    assert typing.get_args(model.CategoryCode) == codes.CATEGORY_CODES
    assert typing.get_args(model.ProviderCode) == codes.codes(codes.PROVIDERS)
    assert tuple(s.value for s in model.Status) == codes.codes(codes.STATUSES)
    assert typing.get_args(model.DesignationTag) == codes.codes(codes.DESIGNATIONS)
    assert typing.get_args(model.TopicHours.model_fields["topic"].annotation) == codes.codes(codes.TOPICS)
    assert [c for c, _ in applicant_profile.DEGREE_CHOICES] == list(codes.DEGREE_LEVELS)
    assert [c for c, _ in applicant_profile.PROVIDER_CHOICES][1:] == list(codes.codes(codes.PROVIDERS))
    assert messages.DEGREE_PHRASES == codes.phrases(codes.DEGREES)
    assert {k: v for k, v in messages.MESSAGES.items() if k.startswith("status_") and k != "status_not_in_force"} == {
        f"status_{c.code}": c.phrase for c in codes.STATUSES}
    assert rule_compiler.FACETS == {k: codes.labels(codes.FACETS)[k] for k in codes.MEASURED_FACETS}
    assert render.INITIAL_FACETS == codes.labels(codes.FACETS)
    assert render.STATUS_LABELS == codes.labels(codes.STATUSES)
    assert vocabulary.DEGREE_NAMES == {c.code: c.name for c in codes.DEGREES}
    assert [legend for _, legend, _ in applicant_profile.GROUPS] == [codes.labels(codes.FACETS)[k]
                                                                     for k in codes.MEASURED_FACETS]
