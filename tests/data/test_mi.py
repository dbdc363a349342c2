"""Michigan (MI-AIMH, older edition, Levels I-IV): key numbers against the YAML and the seed."""

from __future__ import annotations

import re

import pytest

from conftest import seed_text, state

DOC = "003_abf4e06962ad308b.txt"
IMHM = ("IMHM-C", "IMHM-P", "IMHM-R/F")
LEVEL_II_TO_IV = ["IFS", "IMHS", "IMHM-C", "IMHM-P", "IMHM-R/F"]


def mi():
    return state("MI")


def in_seed(phrase: str) -> bool:
    return re.sub(r"\s+", " ", phrase) in seed_text(DOC)


def iter_sources(obj):
    """Every Source reachable from a model object."""
    from imhsite.model import Source, Strict

    if isinstance(obj, Source):
        yield obj
    elif isinstance(obj, Strict):
        for name in type(obj).model_fields:
            yield from iter_sources(getattr(obj, name))
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            yield from iter_sources(item)
    elif isinstance(obj, dict):
        for item in obj.values():
            yield from iter_sources(item)


def test_file_shape():
    data = mi()
    assert data.state == "MI"
    assert data.name == "Michigan"
    assert data.association.abbreviation == "MI-AIMH"
    assert data.association.contact is None  # the source gives no contact
    assert data.documents == [DOC]
    assert list(data.categories) == ["IFA", "IFS", "IMHS", *IMHM]
    assert data.categories["IFA"].aliases == ["Level I"]
    assert data.categories["IFS"].aliases == ["Level II"]
    assert data.categories["IMHS"].aliases == ["Level III"]
    assert data.categories["IMHM-C"].aliases == ["Level IV", "Level IV-Clinical"]
    assert data.categories["IMHM-P"].aliases == ["Level IV", "Level IV-Policy"]
    assert data.categories["IMHM-R/F"].aliases == ["Level IV", "Level IV-Research/Faculty"]


def test_every_quote_is_verbatim_and_short():
    for source in iter_sources(mi()):
        assert source.doc == DOC
        assert source.quote, source
        assert in_seed(source.quote), source.quote
        assert 5 <= len(source.quote.split()) <= 25, source.quote


def test_no_html_or_split_words_in_text():
    split = re.compile(r"Portfol io|Supervis ion|Consu ltation|Profess ional|Special ized|Requ ir")
    dump = mi().model_dump_json()
    assert "<" not in dump
    assert not split.search(dump)


def test_ifa_level_i():
    c = mi().categories["IFA"]
    i = c.initial
    assert [(p.cda_credential, p.degree, p.early_childhood_work_years) for p in i.education.paths] == [
        (True, None, None), (None, "associate", None), (None, None, 2)
    ]  # a CDA is a credential of its own, not "a CDA or any degree above it"
    assert i.education.transcripts is True
    assert in_seed("Official transcript from Child Development Associate (CDA)")
    assert in_seed("c) two years infant and early childhood-related paid work experience")
    assert i.training.min_hours == 30
    assert in_seed("2. 30 clock hours of relationship-based education and training")
    assert i.references.count == 3 and i.references.endorsed_raters == 1
    assert i.references.endorsed_rater_endorsements == LEVEL_II_TO_IV
    assert in_seed("Professional Reference Ratings: Three ratings from: Teacher, CDA mentor")
    assert i.exam.status.value == "not_required"
    assert in_seed("Written examination not required for applicants seeking Endorsement at Level I.")
    assert i.reflective_supervision.status.value == "not_published"
    assert i.work.status.value == "not_published"
    assert c.renewal.training.annual_hours == 15
    assert in_seed("Education and Training: 15 clock hours per year of relationship-based")
    assert c.renewal.membership.status.value == "required"
    assert c.renewal.reflective_supervision.status.value == "not_published"


def test_ifs_level_ii():
    c = mi().categories["IFS"]
    i = c.initial
    assert [p.degree for p in i.education.paths] == ["bachelor"]
    assert {"BA", "BS", "BSW", "BSN", "MA", "MS", "MSW", "MEd", "MSN"} == set(
        i.education.accepted_degrees
    )
    assert i.training.min_hours == 30
    assert in_seed("Training: 30 clock hours of relationship-based education and training")
    assert [p.early_childhood_work_years for p in i.work.paths] == [2]  # not only birth to 36 months
    assert in_seed("Work Experience: Two years infant, early childhood, and family-related professional")
    rs = i.reflective_supervision
    assert rs.status.value == "required"
    assert (rs.min_hours, rs.window_min_years, rs.window_max_years) == (24, 1, 2)
    assert rs.after_degree == "bachelor" and rs.providers == []
    assert in_seed("Minimum one year, post-bachelors, relationship-based, reflective supervision")
    assert in_seed("minimum 24 clock hours within a two-year time frame [maximum]")
    assert i.references.count == 3 and i.references.endorsed_raters == 1
    assert i.references.endorsed_rater_endorsements == ["IMHS", "IMHM-C", "IMHM-P", "IMHM-R/F"]
    assert in_seed("Professional reference ratings: Three ratings from:")
    assert in_seed("who meets MI-AIMH Endorsement requirements at Level III or IV")
    assert i.exam.status.value == "not_required"
    assert in_seed("Written examination not required for applicants seeking Endorsement at Level II.")
    assert c.renewal.training.annual_hours == 15
    assert in_seed("Education and Training: 15 hours per year of relationship-based")


def test_imhs_level_iii():
    c = mi().categories["IMHS"]
    i = c.initial
    assert i.education.paths[0].degree == "master"
    assert "PsyD" in i.education.accepted_degrees and i.education.transcripts
    assert i.training.min_hours == 30
    assert in_seed("Training: Minimum: 30 clock hours")
    rs = i.reflective_supervision
    assert (rs.min_hours, rs.window_min_years, rs.window_max_years) == (50, 1, 2)
    assert rs.providers == []
    assert in_seed("Minimum: 50 clock hours within a 1-year minimum and 2-year maximum timeframe.")
    assert [(p.imh_work_years, p.imh_internship_years) for p in i.work.paths] == [(2, None), (1, 1)]
    assert in_seed("Work Experience: 2 years, post-graduate, supervised work experiences")
    assert in_seed("1 year supervised graduate internship with direct service experience")
    assert in_seed("and 1 year, post-graduate, supervised work experience as described above.")
    assert i.references.count == 3 and i.references.endorsed_raters == 1
    assert len(i.references.raters) == 3
    assert i.references.endorsed_rater_endorsements == LEVEL_II_TO_IV
    assert in_seed("Total of three professional reference ratings from:")
    assert in_seed("At least one rating must come from someone endorsed at Level II, III, or IV.")
    assert i.exam.status.value == "required" and i.exam.parts == ["written examination"]
    assert in_seed("Successful completion of the MI-AIMH written examination.")
    assert c.renewal.training.annual_hours == 15
    assert [(t.topic, t.hours, t.status) for t in c.renewal.training.topics] == [
        ("rsc", 3, "required")
    ]
    assert in_seed("required to obtain 15 hours of specialized training in infant mental health annually.")
    assert in_seed("at least 3 of the hours of specialized training must be about reflective supervision")
    assert c.renewal.reflective_supervision.status.value == "recommended"
    assert in_seed("MI-AIMH recommends that all Endorsed professionals seek reflective supervision")
    assert [f.mark for f in c.footnotes] == ["1", "2"]


@pytest.mark.parametrize("code", IMHM)
def test_imhm_shared_level_iv(code):
    c = mi().categories[code]
    i = c.initial
    assert i.education.paths[0].degree == "master" and i.education.transcripts
    assert i.training.min_hours == 30
    assert in_seed("Training: Minimum 30 clock hours of relationship-based education and training")
    rs = i.reflective_supervision
    assert (rs.min_hours, rs.window_min_years, rs.window_max_years) == (50, None, 2)
    assert in_seed("Minimum: 50 clock hours within a two-year time frame (maximum).")
    assert i.references.count == 3 and len(i.references.raters) == 3
    assert i.references.endorsed_raters == 1
    assert i.references.endorsed_rater_endorsements == LEVEL_II_TO_IV
    assert in_seed("At least one reference rating must come from someone who has earned endorsement at Level II, III, or IV")
    assert i.exam.status.value == "required" and i.exam.parts == ["written examination"]
    assert in_seed("2. Successful completion of the MI-AIMH written examination")
    assert i.membership.status.value == "required"
    assert c.renewal.training.annual_hours == 15
    assert c.renewal.reflective_supervision.status.value == "recommended"
    assert c.renewal.membership.status.value == "required"


def test_imhm_c_clinical():
    c = mi().categories["IMHM-C"]
    i = c.initial
    assert i.reflective_supervision.status.value == "required"
    assert in_seed("(Required for Clinical; optional for Policy or Research/Faculty).")
    assert [
        (p.imh_work_years, p.imh_internship_years, p.practice_leader_years, p.unpaid_counts) for p in i.work.paths
    ] == [(2, None, 3, True), (1, 1, 3, True)]  # practice leader: supervisor, trainer or consultant; paid not said
    assert in_seed("plus three years post- graduate experience as practice leader in infant mental health")
    assert in_seed("1 Two years, post-graduate, supervised work experiences")
    assert in_seed("One year supervised graduate internship with direct service experience")
    assert "supervisee/consultee" in i.references.raters[2]
    assert in_seed("3. One from a supervisee/consultee")
    assert [(t.topic, t.hours, t.status) for t in c.renewal.training.topics] == [
        ("rsc", 3, "recommended")
    ]
    assert in_seed("Level IV-Clinical and provide reflective supervision or consultation to others, it is recommended that at least 3 of the hours")
    assert [f.mark for f in c.footnotes] == ["1"]


def test_imhm_p_policy():
    c = mi().categories["IMHM-P"]
    i = c.initial
    assert i.reflective_supervision.status.value == "optional"
    assert [p.policy_leadership_years for p in i.work.paths] == [3]
    assert in_seed("Three years post-graduate experience as a leader in policy and/or program administration")
    assert in_seed("candidate may ask three colleagues")
    assert c.renewal.training.topics == []
    assert c.footnotes == []


def test_imhm_rf_research_faculty():
    c = mi().categories["IMHM-R/F"]
    i = c.initial
    assert i.reflective_supervision.status.value == "optional"
    assert [p.faculty_leadership_years for p in i.work.paths] == [3]
    assert in_seed("Three years post-graduate experience as a leader in university-level teaching and/or published research")
    assert in_seed("3. One from a student taught and/or supervised by the candidate")
    assert c.renewal.training.topics == []
    assert c.footnotes == []
