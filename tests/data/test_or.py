"""Oregon (ORIMHA): key numbers of every category, checked against the YAML and the source."""

from __future__ import annotations

import re

import pytest
from conftest import seed_text, state
from pydantic import BaseModel

from imhsite.model import Status

DOC = "002_bdac9bf9d84b4ca4.txt"
CODES = ["IFA", "IFS", "IMHS", "IMHM-C", "IMHM-P", "IMHM-R/F"]
ENDORSED_RATERS = ["IFS", "ECFS", "IMHS", "ECMHS", "IMHM", "ECMHM"]


def cat(code: str):
    return state("OR").categories[code]


def in_seed(phrase: str) -> bool:
    return re.sub(r"\s+", " ", phrase) in seed_text(DOC)


def test_header():
    data = state("OR")
    assert data.state == "OR"
    assert data.name == "Oregon"
    assert data.association.name == "Oregon Infant Mental Health Association"
    assert data.association.abbreviation == "ORIMHA"
    assert data.association.contact is None  # the source gives none
    assert data.documents == [DOC]
    assert list(data.categories) == CODES
    assert in_seed("ORIMHA Oregon Infant Mental Health Association")


def test_every_quote_is_verbatim():
    data = state("OR")

    def sources(obj):
        if hasattr(obj, "doc") and hasattr(obj, "quote"):
            yield obj
        elif isinstance(obj, BaseModel):
            for name in type(obj).model_fields:
                yield from sources(getattr(obj, name))
        elif isinstance(obj, dict):
            for value in obj.values():
                yield from sources(value)
        elif isinstance(obj, list):
            for value in obj:
                yield from sources(value)

    found = list(sources(data))
    assert len(found) > 60
    for src in found:
        assert src.doc == DOC
        assert src.quote and in_seed(src.quote), src.quote
        assert 5 <= len(src.quote.split()) <= 25, src.quote


@pytest.mark.parametrize("code", CODES)
def test_common_facets(code):
    c = cat(code)
    assert c.initial.scope.status is Status.required
    assert c.initial.code_of_ethics.status is Status.required
    assert c.initial.code_of_ethics.text == "Signed"
    assert c.initial.membership.status is Status.required
    assert c.initial.membership.association == "Infant Mental Health Association"
    assert c.renewal.membership.status is Status.required
    assert c.renewal.training.annual_hours == 15
    assert c.initial.references.count == 3
    assert len(c.initial.references.raters) == 3
    assert c.initial.training.min_hours == 30
    assert in_seed("Membership in the Infant Mental Health Association")
    assert in_seed("Annual renewal of membership in the Infant Mental Health Association")
    assert in_seed("**Minimum** 30 clock hours required")
    assert in_seed("Total of three required:")


def test_scope_line():
    assert in_seed(
        "In most cases, IFA is a good fit for professionals in promotion, IFS for "
        "professionals in prevention, IMHS for professionals in intervention/treatment, "
        "and IMHM for leaders in the infant-family field"
    )
    assert "promotion" in cat("IFA").initial.scope.text
    assert "prevention" in cat("IFS").initial.scope.text
    assert "intervention/treatment" in cat("IMHS").initial.scope.text
    for code in ("IMHM-C", "IMHM-P", "IMHM-R/F"):
        assert "leaders in the infant-family field" in cat(code).initial.scope.text


def test_ifa():
    c = cat("IFA")
    edu = c.initial.education
    assert edu.status is Status.required
    assert [(p.coursework, p.cda_credential, p.infant_work_years, p.unpaid_counts) for p in edu.paths] == [
        (True, None, None, False), (None, True, None, False), (None, None, 2, False), (None, None, 2, True)]
    assert in_seed("Official transcript/certificate from Child Development Associate (CDA) program")
    assert in_seed("3. Two years of infant²-related paid work experience³")
    assert c.initial.training.min_hours == 30
    assert c.initial.training.typical_hours == 40
    assert in_seed("Typically, successful IFA applications include 40 or more hours of specialized training")
    assert c.initial.reflective_supervision.status is Status.recommended
    assert in_seed("Encouraged, but not required for Infant Family Associate")
    assert c.initial.exam.status is Status.not_required
    assert in_seed("Written examination not required for applicants seeking Infant Family Associate Endorsement®")
    assert c.initial.references.endorsed_raters is None  # endorsed OR vetted, not strictly endorsed
    assert in_seed("At least one must come from an individual who is IMH or ECMH endorsed")
    # renewal
    assert c.renewal.training.annual_hours == 15
    assert c.renewal.training.topics == []
    assert in_seed("Minimum of 15 clock hours per year of relationship-based education and training pertaining")
    assert c.renewal.reflective_supervision.status is Status.recommended
    assert in_seed("All endorsed professionals are encouraged to seek reflective supervision or consultation")
    # footnotes 2, 3, 4 and the closing note
    assert [f.mark for f in c.footnotes] == ["2", "3", "4", "Note"]
    assert in_seed("2. Infant, for the purposes of this Endorsement®, is defined as birth to 36 months")


def test_ifs():
    c = cat("IFS")
    edu = c.initial.education
    assert [p.degree for p in edu.paths] == ["bachelor"]
    assert edu.transcripts is True
    assert {"BA", "BS", "BSW", "BSN", "MAS", "PsyD"} <= set(edu.accepted_degrees)
    assert in_seed("The minimum requirement is a Bachelor of Arts (BA)")
    assert c.initial.training.typical_hours == 50
    assert in_seed("Typically, successful IFS applications include 50 or more hours of specialized training")
    work = c.initial.work.paths
    assert len(work) == 1
    assert work[0].prevention_work_years == 2
    assert work[0].families_served == 10
    assert in_seed("Minimum two years of paid, post-Bachelor's, professional work experience providing prevention")
    assert in_seed("Served a minimum of 10 families")
    rs = c.initial.reflective_supervision
    assert rs.status is Status.required
    assert (rs.min_hours, rs.window_min_years, rs.window_max_years) == (24, 1, 2)
    assert rs.after_degree == "bachelor"
    assert [p.endorsement for p in rs.providers] == ["IMHS", "IMHM-C", "IFS-master"]
    assert rs.providers[2].condition
    assert in_seed("Minimum 24 clock hours within a one- to two-year timeframe of post-Bachelor's")
    assert in_seed("may seek reflective supervision/consultation from a Master's prepared person who has earned IFS Endorsement®")
    refs = c.initial.references
    assert refs.endorsed_raters == 1
    assert refs.endorsed_rater_endorsements == ENDORSED_RATERS
    assert in_seed("At least one rating must come from endorsed IFS, ECFS, IMHS, ECMHS, IMHM, or ECMHM")
    assert c.initial.exam.status is Status.not_required
    assert in_seed("Written examination not required for applicants seeking Infant Family Specialist Endorsement®")
    assert c.initial.leadership.status is Status.not_published
    # renewal
    topics = c.renewal.training.topics
    assert [(t.topic, t.hours) for t in topics] == [("rsc", 3)]
    assert "Master's prepared" in topics[0].condition
    assert in_seed("For those who are Master's prepared and earn an IFS Endorsement® and provide reflective supervision/consultation to others, at least three of the hours")
    assert c.renewal.reflective_supervision.status is Status.required
    assert c.renewal.reflective_supervision.annual_hours == 12
    assert in_seed("endorsed as Infant Family Specialists receive a minimum of 12 hours of reflective supervision or consultation annually")


def test_imhs():
    c = cat("IMHS")
    edu = c.initial.education
    assert [(p.degree, p.imh_degree) for p in edu.paths] == [("master", None), (None, True)]
    assert edu.transcripts is True
    assert {"MA", "MSW", "PhD", "MD", "DO"} <= set(edu.accepted_degrees)
    assert c.initial.training.typical_hours == 75
    assert in_seed("Typically, successful IMHS applications include an average of 75 or more hours")
    work = c.initial.work.paths
    assert (work[0].imh_work_years, work[0].imh_internship_years) == (2, None)
    assert (work[1].imh_work_years, work[1].imh_internship_years) == (1, 1)
    assert "IMHM or IMHS" in work[1].condition
    assert in_seed("Two years of postgraduate, supervised paid work experiences")
    assert in_seed("one year of a supervised graduate internship with direct infant mental health practice experience")
    rs = c.initial.reflective_supervision
    assert (rs.min_hours, rs.window_min_years, rs.window_max_years) == (50, 1, 2)
    assert rs.after_degree == "master"
    assert [p.endorsement for p in rs.providers] == ["IMHS", "ECMHS", "IMHM-C", "ECMHM-C"]
    assert in_seed("Minimum 50 clock hours required within a one- to two-year timeframe")
    assert in_seed("must have earned/maintained Endorsement® as IMHS, ECMHS, IMHM-C, or ECMHM-C")
    assert c.initial.references.endorsed_raters == 1
    assert c.initial.references.endorsed_rater_endorsements == ENDORSED_RATERS
    assert c.initial.exam.status is Status.required
    assert c.initial.exam.parts == ["multiple choice", "essay"]
    assert in_seed("which includes a multiple choice and an essay portion")
    # renewal
    assert [(t.topic, t.hours) for t in c.renewal.training.topics] == [("rsc", 3)]
    assert in_seed("For those who earn IMHS Endorsement® and provide reflective supervision or consultation to others, at least three of the hours")
    assert c.renewal.reflective_supervision.annual_hours == 12
    assert in_seed("endorsed as an IMHS receive a minimum of 12 hours of reflective supervision/consultation annually")
    assert [f.mark for f in c.footnotes] == ["5"]


def test_imhm_c():
    c = cat("IMHM-C")
    assert [(p.degree, p.imh_degree) for p in c.initial.education.paths] == [("master", None), (None, True)]
    tr = c.initial.training
    assert (tr.min_hours, tr.typical_hours) == (30, 75)
    assert [(t.topic, t.hours) for t in tr.topics] == [("rsc", 15)]
    assert in_seed("A minimum of 15 hours must be didactic training about the provision of reflective supervision/consultation")
    assert in_seed("Typically, successful IMHM-C applications include an average of 75 or more hours")
    work = c.initial.work.paths
    assert len(work) == 1
    assert (work[0].imh_work_years, work[0].rsc_provision_years) == (2, 3)
    assert in_seed("as specified for IMHS⁶ plus three years of postgraduate experience providing infant mental health reflective supervision/consultation")
    assert c.initial.leadership.status is Status.required
    assert c.initial.leadership.paths[0].leadership_activities is True
    rs = c.initial.reflective_supervision
    assert (rs.min_hours, rs.window_min_years, rs.window_max_years) == (50, 1, 2)
    assert rs.after_degree == "master"
    assert [p.endorsement for p in rs.providers] == ["IMHM-C"]
    assert rs.about_own_rsc_hours == 25
    assert in_seed("Minimum 50 clock hours of relationship-focused, reflective supervision/consultation (RS/C) within a one- to two-year timeframe; post-Masters degree")
    assert in_seed("Applicant's provider of RS/C must have earned/maintained IMHM-Clinical Endorsement®")
    assert in_seed("A minimum of 25 hours of the RS/C received should be about the RS/C that the applicant provides to others")
    assert c.initial.references.endorsed_raters == 1
    assert c.initial.references.raters[2] == "One from person receiving RS/C from the applicant"
    assert c.initial.exam.parts == ["multiple choice", "essay"]
    assert in_seed("which includes a multiple-choice and an essay portion")
    # renewal
    assert [(t.topic, t.hours) for t in c.renewal.training.topics] == [("rsc", 3)]
    assert in_seed("For those who earn IMHM-C Endorsement® and provide reflective supervision or consultation to others, at least three of the hours")
    assert c.renewal.reflective_supervision.status is Status.required
    assert c.renewal.reflective_supervision.annual_hours == 12
    assert in_seed("endorsed at IMHM - Clinical receive a minimum of 12 hours of RS/C annually")
    assert in_seed("Professionals who maintain IMHM-C for a minimum of 3 years are not required to continue receiving RS/C")
    assert "3 years" in c.renewal.reflective_supervision.text
    assert [f.mark for f in c.footnotes] == ["6"]


@pytest.mark.parametrize(
    ("code", "field", "phrase", "rs_phrase"),
    [
        ("IMHM-P", "policy_leadership_years",
         "Three years of postgraduate experience as a leader in policy and/or program administration",
         "REFLECTIVE SUPERVISION/CONSULTATION Optional for Policy"),
        ("IMHM-R/F", "faculty_leadership_years",
         "Three years of postgraduate experience as a leader in university: teaching and/or publishing research",
         "REFLECTIVE SUPERVISION/CONSULTATION Optional for Research/Faculty"),
    ],
)
def test_imhm_policy_and_research_faculty(code, field, phrase, rs_phrase):
    c = cat(code)
    assert [(p.degree, p.imh_degree) for p in c.initial.education.paths] == [("master", None), (None, True)]
    assert (c.initial.training.min_hours, c.initial.training.typical_hours) == (30, 75)
    assert c.initial.training.topics == []
    assert in_seed(f"Typically, successful {code} applications include an average of 75 or more hours")
    work = c.initial.work.paths
    assert len(work) == 1 and getattr(work[0], field) == 3
    assert in_seed(phrase)
    assert c.initial.leadership.status is Status.required
    assert c.initial.reflective_supervision.status is Status.optional
    assert c.renewal.reflective_supervision.status is Status.optional
    assert seed_text(DOC).count(rs_phrase) == 2  # initial and renewal
    assert c.initial.references.endorsed_raters == 1
    assert c.initial.references.endorsed_rater_endorsements == ENDORSED_RATERS
    assert c.initial.exam.status is Status.required
    assert c.initial.exam.parts == ["multiple choice", "essay"]
    assert in_seed("which includes a multiple-choice section and an essay section")
    assert c.renewal.training.annual_hours == 15
    assert c.renewal.training.topics == []
    assert in_seed("Minimum 15 clock hours per year of relationship-based education and training")
    assert c.footnotes == []
