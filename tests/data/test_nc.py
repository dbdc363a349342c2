"""North Carolina (NCIMHA): IMHS key numbers and dated facts, against the data file and the seed."""

from datetime import date

from conftest import seed_text, state

DOC = "001_b2e3bf077778502f.txt"


def test_nc_file_header():
    nc = state("NC")
    assert nc.name == "North Carolina"
    assert nc.association.abbreviation == "NCIMHA"
    assert nc.association.name == "North Carolina Infant and Early Childhood Mental Health Association"
    assert nc.documents == [DOC]
    assert list(nc.categories) == ["IMHS"]
    assert nc.categories["IMHS"].aliases == []


def test_nc_imhs_initial_numbers():
    ini = state("NC").categories["IMHS"].initial
    seed = seed_text(DOC)

    assert [(p.degree, p.imh_degree) for p in ini.education.paths] == [("master", None), (None, True)]
    assert ini.education.transcripts is None  # only "if an applicant utilizes coursework"
    assert "Transcripts are required if an applicant utilizes coursework" in seed

    assert (ini.training.min_hours, ini.training.typical_hours) == (30, 75)
    assert "Minimum 30 clock hours required" in seed
    assert "include an average of 75 or more hours of specialized training" in seed

    rs = ini.reflective_supervision
    assert rs.min_hours == 50
    assert rs.after_degree == "master"
    assert rs.window_min_years is None and rs.window_max_years is None
    assert "50 clock hours of relationship-focused, reflective supervision/consultation (RSC)" in seed
    assert "post-Masters" in seed

    paths = ini.work.paths
    assert paths[0].imh_work_years == 2
    assert (paths[1].imh_internship_years, paths[1].imh_work_years) == (1, 1)
    assert "IMHM-Clinical or IMHS" in paths[1].condition
    assert "Two years, postgraduate, supervised paid work experiences" in seed
    assert "1 year of a supervised graduate internship" in seed

    refs = ini.references
    assert (refs.count, refs.endorsed_raters) == (3, 1)
    assert refs.endorsed_rater_endorsements == ["Endorsed", "vetted (until December 21, 2027 at the latest)"]
    assert "on or before December 21, 2027" in seed
    assert refs.source.quote == "At least one rating must come from someone Endorsed of “vetted”"
    assert refs.source.quote in seed
    assert "Total of three ratings:" in seed

    assert ini.exam.parts == ["multiple choice", "essay"]
    assert "which includes a multiple choice and an essay portion" in seed
    assert ini.code_of_ethics.status.value == "required"
    assert ini.membership.association == "NCIMHA"


def test_nc_vetted_providers_until_2027():
    providers = state("NC").categories["IMHS"].initial.reflective_supervision.providers
    assert [p.endorsement for p in providers] == ["IMHM-C", "ERS", "vetted"]
    vetted = providers[-1]
    assert vetted.until == date(2027, 12, 21)
    assert all(p.until is None for p in providers[:-1])
    seed = seed_text(DOC)
    assert "Endorsed Reflective Supervisor (ERS) or someone “vetted” as such" in seed
    assert "NCIMHA will discontinue the use of on or before December 21, 2027." in seed


def test_nc_imhs_renewal():
    ren = state("NC").categories["IMHS"].renewal
    seed = seed_text(DOC)
    assert ren.training.annual_hours == 15
    assert "Minimum of 15 clock hours per year" in seed
    topics = {t.topic: t for t in ren.training.topics}
    assert topics["rsc"].hours == 3 and topics["rsc"].condition
    assert topics["rsc"].effective_from is None
    assert "at least three of the hours of specialized training must be about reflective supervision" in seed
    assert topics["dei"].hours == 1
    assert topics["dei"].effective_from == date(2024, 1, 1)
    assert "Beginning in 2024, one of these hours will be required to cover diversity, equity, inclusion, and access (DEIA)." in seed
    assert ren.reflective_supervision.status.value == "required"
    assert ren.reflective_supervision.annual_hours == 12
    assert "must receive a minimum of 12 hours of reflective supervision or consultation annually" in seed
    assert ren.membership.status.value == "required"
    assert "Annual renewal of membership in NCIMHA" in seed


def test_nc_imhs_footnotes():
    fns = state("NC").categories["IMHS"].footnotes
    assert [f.mark for f in fns] == ["1", "2"]
    assert "December 21, 2027" in fns[1].text
    for f in fns:
        assert f.source.quote in seed_text(f.source.doc)
