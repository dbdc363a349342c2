"""data/glossary.yaml: the Competency Guidelines glossary and the abbreviations, against the seeds."""

import re
from functools import cache

import pytest
import yaml
from conftest import DATA, seed_text

from imhsite.model import Glossary

DOC = "002_bdac9bf9d84b4ca4.txt"


@cache
def glossary() -> Glossary:
    return Glossary.model_validate(yaml.safe_load((DATA / "glossary.yaml").read_text(encoding="utf-8")))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_term_count_and_order():
    terms = [t.term for t in glossary().terms]
    assert len(terms) == 34
    assert len(set(terms)) == 34
    assert terms[0] == "Administrative Supervision"
    assert terms[-1] == "Specialized Internship/Field Placement"
    # the headings appear in the seed's glossary section, in this order
    section = seed_text(DOC)[seed_text(DOC).index(" GLOSSARY ") :]
    pos = 0
    for term in terms:
        pos = section.index(f" {term} ", pos)


def test_some_definitions():
    by_term = {t.term: t.definition for t in glossary().terms}
    assert by_term["Early Childhood"] == "A timeframe from 3 up to 6 years of age"
    assert by_term["Collaborate"].startswith("To work willingly with other direct-service providers")
    assert by_term["Applicant"].count("\n- ") == 8  # the eight categories stay a list
    assert "\n1. Culturally sensitive" in by_term["Specialized In-Service Training"]
    assert by_term["Endorsement®"].count("\n\n") == 2  # three paragraphs
    assert "IMHM-C, ECMHM-C, IMHS, or ECMHS" in by_term["Specialized Internship/Field Placement"]


@pytest.mark.parametrize("term", glossary().terms, ids=lambda t: t.term)
def test_term_definition_and_quote_in_seed(term):
    seed = seed_text(term.source.doc)
    assert term.source.doc == DOC and term.source.section == "Glossary"
    assert term.source.quote in seed
    assert 5 <= len(term.source.quote.split()) <= 25
    assert flat(term.definition) in seed
    assert "<" not in term.definition


def test_abbreviations():
    abbr = {a.abbreviation: a.meaning for a in glossary().abbreviations}
    assert len(abbr) == len(glossary().abbreviations) == 42
    assert abbr["IFRS"] == "Infant Family Reflective Supervisor"
    assert abbr["IMHM-R/F"] == "Infant Mental Health Mentor - Research/Faculty"
    assert abbr["ERS"] == "Endorsed Reflective Supervisor"
    assert abbr["DEIA"] == "diversity, equity, inclusion, and access"
    assert abbr["MSN"] == "Master of Nursing"
    # no seed spells these out, so they are not listed
    for missing in ("IMH-E", "NMAIMH", "DEI"):
        assert missing not in abbr
