"""Virginia (VAIMH): the overview table of the initial endorsement, checked number by number.

Every number is asserted twice: against the validated YAML and against the seed text, so a
wrong transcription and a changed source document both fail here.
"""

from __future__ import annotations

import re

import pytest

from conftest import seed_text, state
from imhsite.model import CATEGORY_CODES, Requirement, Status

DOC = "004_702cdf564c10a0d2.txt"
S = Status


@pytest.fixture(scope="module")
def va():
    return state("VA")


@pytest.fixture(scope="module")
def src():
    return seed_text(DOC)


def facets(category):
    initial = category.initial
    for name in type(initial).model_fields:
        yield name, getattr(initial, name)


def providers(rsc):
    return [p.endorsement for p in rsc.providers]


def topics(training):
    return {t.topic: t.hours for t in training.topics}


# --- the whole file -----------------------------------------------------------


def test_header(va, src):
    assert va.state == "VA" and va.name == "Virginia"
    assert va.documents == [DOC]
    assert va.association.abbreviation == "VAIMH"
    assert va.association.contact == "vaendorsement@vcu.edu"
    assert "vaendorsement@vcu.edu" in src


def test_who_may_apply_is_the_documents_own_sentence(va, src):
    sentence = "for providers who live in Virginia and work with children birth to 36 months"
    assert sentence in va.who_may_apply.text and sentence in src
    assert va.who_may_apply.source.quote in src


def test_all_seven_categories_in_order(va):
    assert tuple(va.categories) == CATEGORY_CODES


def test_every_quote_is_verbatim_and_short(va, src):
    for code, category in va.categories.items():
        for name, facet in facets(category):
            if facet.status is S.not_published:
                continue
            assert facet.text, (code, name)
            assert facet.source is not None and facet.source.doc == DOC, (code, name)
            quote = facet.source.quote
            assert quote and quote in src, (code, name, quote)
            assert 5 <= len(quote.split()) <= 25, (code, name, quote)
            assert "<" not in quote, (code, name)


def test_no_html_in_text(va):
    for code, category in va.categories.items():
        for name, facet in facets(category):
            assert not re.search(r"</?[A-Za-z]", facet.text or ""), (code, name)


def test_every_category_publishes_every_initial_facet(va):
    for code, category in va.categories.items():
        for name, facet in facets(category):
            assert facet.status is not S.not_published, (code, name)


def test_renewal_not_published(va, src):
    """The overview covers the initial endorsement only."""
    assert "An Overview of the Initial Endorsement" in src
    assert "renew" not in src.lower()
    for category in va.categories.values():
        renewal = category.renewal
        for facet in (renewal.training, renewal.reflective_supervision, renewal.membership):
            assert isinstance(facet, Requirement)
            assert facet.status is S.not_published
        assert renewal.training.annual_hours is None
        assert renewal.reflective_supervision.annual_hours is None


def test_shared_rows(va, src):
    """Membership, code of ethics, references: the same for all seven columns."""
    assert "Yes Yes Yes Yes Yes Yes Yes" in src
    assert "Signed Signed Signed Signed Signed Signed Signed" in src
    assert "3 References are required for all categories" in src
    assert (
        "At least 1 reference rating must come from someone who has earned Endorsement as an "
        "IFS, IFRS, IMHS, or IMHM." in src
    )
    for category in va.categories.values():
        i = category.initial
        assert i.membership.status is S.required and "VAIMH" in i.membership.association
        assert i.code_of_ethics.status is S.required and "Signed" in i.code_of_ethics.text
        refs = i.references
        assert refs.status is S.required
        assert refs.count == 3 and len(refs.raters) == 3
        assert refs.endorsed_raters == 1
        assert refs.endorsed_rater_endorsements == ["IFS", "IFRS", "IMHS", "IMHM"]
        assert i.exam.parts == []  # the table states no exam parts


def test_exam_and_leadership_rows(va, src):
    assert "Written Exam IFA IFS IFRS IMHS IMHM-C IMHM-P IMHM-R/F No No No Yes Yes Yes Yes" in src
    assert "IMHM-R/F No No YES No YES YES YES" in src
    exam = {c: cat.initial.exam.status for c, cat in va.categories.items()}
    lead = {c: cat.initial.leadership.status for c, cat in va.categories.items()}
    assert exam == {"IFA": S.not_required, "IFS": S.not_required, "IFRS": S.not_required,
                    "IMHS": S.required, "IMHM-C": S.required, "IMHM-P": S.required,
                    "IMHM-R/F": S.required}
    assert lead == {"IFA": S.not_required, "IFS": S.not_required, "IFRS": S.required,
                    "IMHS": S.not_required, "IMHM-C": S.required, "IMHM-P": S.required,
                    "IMHM-R/F": S.required}


# --- one category at a time ---------------------------------------------------------


def test_ifa(va, src):
    i = va.categories["IFA"].initial
    assert "PROMOTION" in i.scope.text
    assert "IFA applicants need to meet the Education or work requirement; not both." in src
    assert i.education.status is S.not_required and i.education.paths == []
    assert "No degree required" in src
    assert (i.training.min_hours, i.training.typical_hours) == (30, 45)
    assert "Minimum 30 clock hours required. Typically, successful applications include 45 or more hours" in src
    assert i.reflective_supervision.status is S.recommended
    assert "IMHM-R/F Optional but highly recommended" in src
    paths = i.work.paths
    assert paths[0].infant_work_years == 2
    assert paths[1].cda_credential is True and paths[2].degree == "associate"
    assert "Volunteer" in paths[3].condition
    assert "Minimum of 2 years of paid work experience with infants & toddler birth-36 mos." in src
    assert "If no work experience, a CDA credential, Associate's, Bachelor's, Master's, and/or Doctorate degree." in src
    assert "Reference 2: An Endorsed Professional (IFS, IMHS, or IMHM)" in src
    assert i.references.raters[1].startswith("An Endorsed Professional (IFS, IMHS, or IMHM)")


def test_ifs(va, src):
    i = va.categories["IFS"].initial
    assert "PREVENTION" in i.scope.text
    assert [p.degree for p in i.education.paths] == ["bachelor"]
    assert i.education.typical_degrees[:4] == ["BA", "BS", "BSW", "BSN"] and i.education.accepted_degrees == []
    assert "Bachelors or Masters" in src and "Typically has a BA, BS, BSW, or BSN." in src
    assert (i.training.min_hours, i.training.typical_hours) == (30, 60)
    assert "include an average of 60 or more hours of specialized training" in src
    rsc = i.reflective_supervision
    assert rsc.status is S.required
    assert (rsc.min_hours, rsc.window_min_years, rsc.window_max_years) == (24, 1, 2)
    assert rsc.after_degree == "bachelor"
    assert providers(rsc) == ["IFRS", "IMHM-C"]
    assert "Minimum 24 clock hours within a 1-to-2- year timeframe post-bachelors." in src
    assert "must have earned/maintained IFRS or IMHM-Clinical Endorsement" in src.replace(
        "<u>must</u>", "must")
    (path,) = i.work.paths
    assert (path.prevention_work_years, path.families_served) == (2, 10)
    assert "Minimum of 2 years of paid, post-Bachelor's, professional work experience" in src
    assert "Applicant has served a minimum of 10 families where the target of services" in src


def test_ifrs(va, src):
    i = va.categories["IFRS"].initial
    assert "EARLY INTERVENTION & PREVENTION" in i.scope.text
    assert i.education.status is S.not_required and i.education.paths == []
    t = i.training
    assert t.min_hours == 48 and t.typical_hours is None
    assert topics(t) == {"imh": 30, "rsc": 15, "dei": 3}
    assert "Minimum 48 clock hours required to include" in src
    assert "30 hours of training specific to the promotion of social-emotional development" in src
    assert "15 hours of training specific to the provision of RS/C" in src
    assert "3 hours of training specific to diversity, equity, and inclusion in IMH" in src
    rsc = i.reflective_supervision
    assert (rsc.min_hours, rsc.window_min_years, rsc.window_max_years) == (24, 1, 2)
    assert rsc.after_degree is None
    assert rsc.about_own_rsc_hours == 12
    assert providers(rsc) == ["IFRS", "IMHM-C"]
    assert "Pt. 1: Minimum 24 clock hours within a 1-to-2- year timeframe." in src
    assert "Pt. 2: Minimum 12 clock hours within a 1-to-2- year timeframe." in src
    (path,) = i.work.paths
    assert (path.prevention_work_total_years, path.families_served) == (2, 10)
    assert path.prevention_work_years is None  # prevention work, but not post-Bachelor's for IFRS
    assert "Minimum of 2 years paid, professional work experience providing prevention" in src
    lead = i.leadership
    assert lead.min_years == 1 and lead.paths[0].leadership_activities is True
    assert "Minimum of 1 year leadership experience" in src
    assert "mentorship of up to 3 professionals (paid or unpaid)" in src
    assert i.references.raters[2] == "Person receiving/ed RSC from the Applicant"


def test_imhs(va, src):
    i = va.categories["IMHS"].initial
    assert "MENTAL HEALTH Treatment & Intervention" in i.scope.text
    e = i.education
    assert [(p.degree, p.imh_degree) for p in e.paths] == [("master", None), ("master", True)] and e.transcripts is True
    assert "MD" in e.accepted_degrees and "DO" in e.accepted_degrees
    assert "focus in IMH. Official transcripts are required." in src
    assert "Masters or Post-Graduate" in src
    assert (i.training.min_hours, i.training.typical_hours) == (30, 75)
    assert "include an average of 75 or more hours of specialized training" in src
    rsc = i.reflective_supervision
    assert (rsc.min_hours, rsc.window_min_years, rsc.window_max_years) == (50, 1, 2)
    assert rsc.after_degree == "master" and rsc.about_own_rsc_hours is None
    assert providers(rsc) == ["IFRS", "IMHM-C"]
    assert "Minimum 50 clock hours within a 1-to-2-year timeframe post-Master's degree." in src
    assert rsc.while_providing == "services to infants/toddlers (birth to 36 mos.) and their families"
    (path,) = i.work.paths
    assert path.imh_work_years == 2
    assert "Minimum of 2 years of post-graduate, supervised paid work experience" in src


def _imhm_common(i, src):
    e = i.education
    assert [(p.degree, p.imh_degree) for p in e.paths] == [("master", None), (None, True)] and e.transcripts is True
    assert "postgraduate specialization, or university certificate program. Official transcripts" in src
    assert (i.training.min_hours, i.training.typical_hours) == (30, 90)
    assert "include an average of 90 or more hours of specialized training" in src
    assert "regardless of designation (clinical, policy, or research/faculty)" in i.training.text
    assert i.leadership.status is S.required
    assert i.leadership.paths[0].leadership_activities is True
    assert not any(p.leadership_activities for p in i.work.paths)  # measured once, under leadership
    assert "Also required are leadership activities at the regional or state level." in src


def test_imhm_clinical(va, src):
    i = va.categories["IMHM-C"].initial
    _imhm_common(i, src)
    assert "(IV-Clinical)" in i.scope.text
    assert topics(i.training) == {"rsc": 15}
    assert "For clinical applicants, a minimum of 15 hours" in src
    assert "didactic training about the provision of reflective supervision/consultation" in src
    rsc = i.reflective_supervision
    assert (rsc.min_hours, rsc.window_min_years, rsc.window_max_years) == (50, 1, 2)
    assert rsc.after_degree == "master" and rsc.about_own_rsc_hours == 25
    assert providers(rsc) == ["IMHM-C"]
    assert "A minimum of 25 hours of the RS received should be about RS" in src
    assert "earned/maintained IMH-E® at IMHM-Clinical" in src
    families, staff = i.work.paths
    assert families.families_served == 10 and staff.families_served is None and staff.supervised_staff is True
    for path in (families, staff):
        assert (path.prevention_work_years, path.rsc_provision_years) == (2, 3)
    assert "served a minimum of 10 families or supervised staff" in src
    assert "has 3 years of post-graduate experience providing IMH reflective supervision" in src
    assert i.references.raters[2] == "Person receiving Reflective Supervision from the Applicant"


def test_imhm_policy(va, src):
    i = va.categories["IMHM-P"].initial
    _imhm_common(i, src)
    assert "(IV-Policy)" in i.scope.text
    assert i.training.topics == []  # the 15-hour RS/C note is for clinical applicants only
    assert i.reflective_supervision.status is S.optional
    assert "Optional Optional Specialized Work Experience" in src
    (path,) = i.work.paths
    assert path.policy_leadership_years == 3
    assert "Minimum 3 years of post-graduate experience as a leader in policy" in src
    assert "Applicant may ask 3 colleagues" in src


def test_imhm_research_faculty(va, src):
    i = va.categories["IMHM-R/F"].initial
    _imhm_common(i, src)
    assert "(IV-Research/Faculty)" in i.scope.text
    assert i.training.topics == []
    assert i.reflective_supervision.status is S.optional
    (path,) = i.work.paths
    assert path.faculty_leadership_years == 3
    assert "Minimum 3 years of post-graduate experience as a leader in university, teaching" in src
    assert i.references.raters[0] == "Current Department Supervisor/Chair who is familiar with IMH"
    assert "Applicant may ask 2 colleagues." in src
