"""data/competencies.yaml against the Competency Guidelines it transcribes (002_bdac9bf9d84b4ca4.txt)."""

from __future__ import annotations

import re
from functools import cache

import pytest
import yaml
from conftest import DATA, seed_text

from imhsite.model import CompetencyGuidelines, CompetencyItem

DOC = "002_bdac9bf9d84b4ca4.txt"

CORE_DOMAINS = [
    "Theoretical Foundations",
    "Law, Regulation, and Agency Policy",
    "Systems Expertise",
    "Direct Service Skills",
    "Working With Others",
    "Communicating",
    "Thinking",
    "Reflection",
]
IMHM_DOMAINS = [
    "Theoretical Foundations",
    "Law, Regulation, and Agency Policy",
    "Systems Expertise",
    "Direct Service Skills",
    "Working With Others",
    "Leading People",
    "Communicating",
    "Thinking",
    "Reflection",
    "Administration",
    "Research and Evaluation",
]


@cache
def guidelines() -> CompetencyGuidelines:
    path = DATA / "competencies.yaml"
    return CompetencyGuidelines.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def domain(group: str, number: int):
    (found,) = [d for d in guidelines().categories[group].domains if d.number == number]
    return found


def walk(items: list[CompetencyItem]):
    for item in items:
        yield item
        yield from walk(item.items)


def count(group: str, number: int) -> int:
    return sum(1 for g in domain(group, number).demonstrated_by for _ in walk(g.items))


def test_source_quote_in_seed():
    src = guidelines().source
    assert src.doc == DOC
    assert norm(src.quote) in seed_text(DOC)


@pytest.mark.parametrize(
    "group, name",
    [
        ("IFA", "Infant Family Associate"),
        ("IFS", "Infant Family Specialist"),
        ("IMHS", "Infant Mental Health Specialist"),
        ("IMHM", "Infant Mental Health Mentor"),
    ],
)
def test_category_names(group, name):
    assert guidelines().categories[group].name == name
    assert f"COMPETENCY DETAILS {name.upper()} ({group})" in seed_text(DOC)


@pytest.mark.parametrize("group", ["IFA", "IFS", "IMHS"])
def test_core_domains(group):
    domains = guidelines().categories[group].domains
    assert [d.number for d in domains] == list(range(1, 9))
    assert [d.name for d in domains] == CORE_DOMAINS


def test_imhm_domains_match_table_of_contents():
    domains = guidelines().categories["IMHM"].domains
    assert [d.number for d in domains] == list(range(1, 12))
    assert [d.name for d in domains] == IMHM_DOMAINS
    toc = seed_text(DOC).split("Infant Mental Health Mentor Competencies", 1)[1].split("Endorsement")[0]
    assert [re.sub(r"\s*\d+$", "", x) for x in re.findall(r"[A-Z][A-Za-z ,]+? \d+", toc)] == IMHM_DOMAINS


@pytest.mark.parametrize(
    "group, number, items",
    [
        ("IFA", 2, 10),  # 7 items, 3 of them nested under "Personally works within ..."
        ("IFA", 4, 17),
        ("IFS", 5, 14),
        ("IMHS", 1, 17),  # continues after a repeated "As Demonstrated by:" heading
        ("IMHS", 4, 24),
        ("IMHM", 1, 16),
        ("IMHM", 4, 27),
        ("IMHM", 11, 6),
    ],
)
def test_item_counts(group, number, items):
    assert count(group, number) == items


def test_knowledge_and_skill_areas():
    assert domain("IFA", 7).knowledge_areas[0] == "analyzing information"  # IFA says "Knowledge Areas"
    assert domain("IFS", 7).skill_areas[0] == "analyzing information"
    assert domain("IMHS", 1).knowledge_areas[-1] == "cultural competence"
    assert len(domain("IMHM", 1).knowledge_areas) == 13
    assert domain("IMHM", 6).skill_areas == ["motivating", "advocacy", "developing talent"]


def test_nested_items():
    items = domain("IFA", 2).demonstrated_by[0].items
    assert items[-1].text == "Personally works within the requirements of:"
    assert [i.text for i in items[-1].items] == [
        "Federal and state law",
        "Agency policies and practices",
        "Agency code of conduct",
    ]
    # "Promotes parental competence in:" is a sibling of "Uses multiple strategies ...", not its child
    top = [i.text for i in domain("IMHM", 4).demonstrated_by[0].items]
    assert "Promotes parental competence in:" in top
    assert "Uses multiple strategies to help parents/caregivers:" in top
    enables = next(i for i in domain("IMHM", 4).demonstrated_by[0].items if i.text.startswith("Enables"))
    assert len(enables.items) == 2


def test_group_leads():
    lead = "For infants, young children, and families referred and enrolled for services:"
    assert domain("IFA", 1).demonstrated_by[0].lead == lead
    assert domain("IMHS", 4).demonstrated_by[0].lead == lead
    assert domain("IFA", 2).demonstrated_by[0].lead is None


def test_imhm_tags():
    tf = domain("IMHM", 1).demonstrated_by
    assert [(g.lead, g.tags) for g in tf] == [
        ("Applies to all designations (A):", ["A"]),
        ("Typically demonstrates these skills on his/her own:", []),
    ]
    own = tf[1].items
    assert [i.tags for i in own] == [["A"], ["P", "R/F"], ["P", "R/F"], ["P", "R/F"], ["P", "R/F"], ["P"]]
    assert own[1].text == "Writes articles and books on infant mental health principles and practice"
    assert "Writes articles and books on infant mental health principles and practice (P, R/F)" in seed_text(DOC)
    wwo = domain("IMHM", 5).demonstrated_by
    assert [g.tags for g in wwo] == [["A"], ["C"]]
    assert domain("IMHM", 10).demonstrated_by[0].tags == ["P"]
    assert domain("IMHM", 11).demonstrated_by[0].tags == ["R/F"]


def test_notes():
    assert any(n.startswith("Note: It is recognized that some IFA practitioners") for n in domain("IFA", 4).notes)
    assert any(n.startswith("Please note: In some organizations") for n in domain("IFA", 4).notes)


def test_every_text_occurs_in_seed():
    seed = seed_text(DOC)
    missing = []
    for group in guidelines().categories.values():
        for d in group.domains:
            texts = [d.name, *d.knowledge_areas, *d.skill_areas, *d.notes]
            texts += [g.lead for g in d.demonstrated_by if g.lead]
            for g in d.demonstrated_by:
                for item in walk(g.items):
                    texts.append(item.text)
                    if item.tags:  # the seed carries the tags as a suffix, e.g. "(P, R/F)"
                        texts.append(f"{item.text} ({', '.join(item.tags)})")
            missing += [t for t in texts if norm(t) not in seed]
    assert missing == []


def test_no_html():
    text = (DATA / "competencies.yaml").read_text(encoding="utf-8")
    assert not re.search(r"</?[a-zA-Z][^>]*>", text)
