"""New Mexico (NMAIMH): IMHS key numbers, against the data file and the seed."""

from conftest import seed_text, state

DOC = "000_5d469bc9aa4dd12b.txt"


def test_nm_file_header():
    nm = state("NM")
    assert nm.name == "New Mexico"
    assert nm.association.abbreviation == "NMAIMH"
    assert nm.documents == [DOC]
    assert list(nm.categories) == ["IMHS"]


def test_nm_imhs_name_and_alias():
    imhs = state("NM").categories["IMHS"]
    assert imhs.name == "Infant Mental Health Specialist"
    assert imhs.aliases == ["Level III"]
    assert "For those who earn endorsement at Level III" in seed_text(DOC)


def test_nm_imhs_initial_numbers():
    ini = state("NM").categories["IMHS"].initial
    seed = seed_text(DOC)

    assert ini.education.status.value == "required"
    assert [(p.degree, p.imh_degree) for p in ini.education.paths] == [("master", None), (None, True)]
    assert ini.education.transcripts is True
    assert ini.education.accepted_degrees == [
        "MA", "MS", "MEd", "EdD", "MSW", "MSN", "PsyD", "PhD", "MD", "DO"
    ]
    assert "Official transcript(s) required." in seed

    assert ini.training.min_hours == 30
    assert ini.training.typical_hours is None
    assert "Minimum 30 clock hours of relationship-based education and training" in seed

    rs = ini.reflective_supervision
    assert (rs.min_hours, rs.window_min_years, rs.window_max_years) == (50, 1, 2)
    assert rs.providers == []  # "an approved supervisor/consultant"
    assert "Minimum: 50 clock hours within a one- to two-year timeframe." in seed
    assert "with an approved supervisor/consultant" in seed

    paths = ini.work.paths
    assert paths[0].imh_work_years == 2
    assert (paths[1].imh_internship_years, paths[1].imh_work_years) == (1, 1)
    assert "Two years, postgraduate, supervised work experiences" in seed
    assert "One year supervised graduate internship" in seed

    assert ini.references.count == 3
    assert len(ini.references.raters) == 3
    assert "Total of three ratings:" in seed

    assert ini.code_of_ethics.status.value == "required"
    assert ini.exam.status.value == "required"
    assert ini.exam.parts == []  # the source does not name the exam's parts
    assert "Successful completion of the NMAIMH written examination." in seed
    assert ini.membership.association == "NMAIMH or another infant mental health association"


def test_nm_imhs_renewal():
    ren = state("NM").categories["IMHS"].renewal
    seed = seed_text(DOC)
    assert ren.training.annual_hours == 15
    assert "Minimum of 15 clock hours per year" in seed
    (rsc,) = ren.training.topics
    assert (rsc.topic, rsc.hours, rsc.status) == ("rsc", 3, "required")
    assert "Level III" in rsc.condition
    assert "at least three of the hours of specialized training must be about reflective supervision" in seed
    assert ren.reflective_supervision.status.value == "recommended"
    assert ren.reflective_supervision.annual_hours is None
    assert "NMAIMH recommends that all Endorsed professionals seek reflective supervision" in seed
    assert ren.membership.status.value == "required"


def test_nm_imhs_footnote():
    (fn,) = state("NM").categories["IMHS"].footnotes
    assert fn.mark == "1"
    assert "Level 3 specialized work criteria" in fn.text
    assert "¹ Infant mental health services that meet Level 3 specialized work criteria" in seed_text(DOC)
