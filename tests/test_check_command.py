"""`imhsite check`: real profile files in tmp_path, the JSON shape, and each error's exit status 2."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from imhsite.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = str(ROOT / "data")
ISSUE_PROFILE = "degree: master\ntraining_hours: 12\nrsc_hours: 38\nrsc_provider: IFRS\nimh_work_years: 2\n"


def run(*args: str):
    return CliRunner().invoke(main, ["check", "--data", DATA, *args], catch_exceptions=False)


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_json_output_is_one_object_with_the_issue_shape(tmp_path):
    profile = write(tmp_path, "me.yaml", ISSUE_PROFILE)
    done = run("--profile", profile, "--state", "VA", "--category", "IMHS", "--format", "json", "--today", "2026-11-26")
    assert done.exit_code == 0, done.output
    answer = json.loads(done.stdout)
    assert list(answer) == ["headline", "results"]
    assert answer["headline"][0]["reached"] is None and answer["headline"][0]["next"][0]["category"] == "IMHS"
    (result,) = answer["results"]
    assert {k: result[k] for k in ("state", "category", "verdict", "unmet", "missing")} == {
        "state": "VA", "category": "IMHS", "verdict": "not_yet",
        "unmet": ["training", "reflective_supervision"],
        "missing": ["18 more training hours", "12 more RS/C hours"],
    }
    assert result["still_needed"][:2] == ["three reference ratings, at least one from a rater who is IFS, IFRS, IMHS or IMHM", "written exam"]
    assert result["url"] == "/virginia/imhs/"


def test_one_result_for_every_published_category_and_only_those(tmp_path):
    profile = write(tmp_path, "me.json", json.dumps({"degree": "master", "training_hours": 40}))
    done = run("--profile", profile, "--format", "json")
    assert done.exit_code == 0, done.output
    pairs = [(r["state"], r["category"]) for r in json.loads(done.stdout)["results"]]
    assert ("NM", "IMHS") in pairs and ("NM", "IFA") not in pairs and ("OR", "IFRS") not in pairs
    assert len(pairs) == 6 + 1 + 1 + 6 + 7
    by_state = run("--profile", profile, "--state", "NM", "--format", "json")
    assert [(r["state"], r["category"]) for r in json.loads(by_state.stdout)["results"]] == [("NM", "IMHS")]
    for result in json.loads(done.stdout)["results"]:
        assert (result["verdict"] == "not_yet") is (result["unmet"] != [])
        assert set(result["unmet"]) <= {"education", "training", "work", "reflective_supervision", "leadership"}


def test_codes_are_not_case_sensitive(tmp_path):
    profile = write(tmp_path, "me.yaml", ISSUE_PROFILE)
    done = run("--profile", profile, "--state", "va", "--category", "imhm-r/f", "--format", "json")
    assert done.exit_code == 0, done.output
    assert [r["category"] for r in json.loads(done.stdout)["results"]] == ["IMHM-R/F"]


def test_text_output(tmp_path):
    profile = write(tmp_path, "me.yaml", ISSUE_PROFILE)
    done = run("--profile", profile, "--state", "VA", "--category", "IMHS", "--today", "2026-11-26")
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines()[0] == ("Virginia: no endorsement met yet. Nearest: IMHS, 18 more training hours "
                                           "and 12 more RS/C hours.")
    assert "VA IMHS (Virginia, Infant Mental Health Specialist): not yet" in done.stdout.splitlines()
    assert "  - In-service training: 18 more training hours" in done.stdout


def test_today_matters_for_north_carolina_vetted_providers(tmp_path):
    profile = write(tmp_path, "me.yaml", "degree: master\ntraining_hours: 30\nrsc_hours: 50\nrsc_provider: vetted\nimh_work_years: 2\n")
    before = run("--profile", profile, "--state", "NC", "--format", "json", "--today", "2027-12-21")
    after = run("--profile", profile, "--state", "NC", "--format", "json", "--today", "2027-12-22")
    assert json.loads(before.stdout)["results"][0]["verdict"] == "meets_if"
    assert json.loads(after.stdout)["results"][0]["missing"] == [
        "in North Carolina, RS/C must come from someone endorsed as IMHM-C or ERS"]


def test_an_empty_mapping_is_a_valid_profile(tmp_path):
    profile = write(tmp_path, "me.json", "{}")
    done = run("--profile", profile, "--state", "NM", "--format", "json")
    assert done.exit_code == 0
    assert json.loads(done.stdout)["results"][0]["unmet"] == ["education", "training", "reflective_supervision", "work"]


@pytest.mark.parametrize(("name", "text", "message"), [
    ("me.yaml", "degree: master\ntraining_hours: -3\n",
     "me.yaml:2: training_hours: Training hours: enter a number of 0 or more, not -3"),
    ("me.yaml", "degree: master\ntraining_hours: forty\n",
     'me.yaml:2: training_hours: Training hours: enter a number of 0 or more, not "forty"'),
    ("me.yaml", "degree: phd\n",
     'me.yaml:1: degree: Highest degree or credential earned: choose one of none, cda, associate, bachelor, master, '
     'doctorate, not "phd"'),
    ("me.yaml", "rsc_provider: LCSW\n",
     'me.yaml:1: rsc_provider: Endorsement of your RS/C provider: choose one of none, IFS, IFS-master, IFRS, IMHS, '
     'IMHM-C, ECMHS, ECMHM-C, ERS, vetted, not "LCSW"'),
    ("me.yaml", "degree: master\ntrainig_hours: 30\n",
     'me.yaml:2: trainig_hours: "trainig_hours" is not a question of the self-check; the questions are degree,'),
    ("me.json", '{"training_hours": 30, "families_served": 2.5}',
     "me.json:1: families_served: Families served: enter a whole number of 0 or more, not 2.5 (profile)"),
    ("me.json", '{"training_hours": 30,}', "me.json:1: not valid JSON:"),
    ("me.yaml", "- degree: master\n", "me.yaml:1: expected a mapping at the top, got a list"),
])
def test_profile_errors_are_one_line_and_exit_2(tmp_path, monkeypatch, name, text, message):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, name, text)
    done = run("--profile", name, "--format", "json")
    assert done.exit_code == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(message), done.stderr  # a profile's own problems end with "(profile)"


def test_missing_profile_file_is_one_line_and_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    done = run("--profile", "nowhere.yaml")
    assert done.exit_code == 2
    assert done.stderr == "nowhere.yaml:1: file not found (profile)\n"


@pytest.mark.parametrize(("args", "message"), [
    (("--state", "TX"), "Error: Invalid value for --state: unknown state code 'TX'; expected one of MI, NC, NM, OR, VA\n"),
    (("--category", "IMHX"), "Error: Invalid value for --category: unknown category code 'IMHX'; expected one of IFA, IFS, IFRS, IMHS, IMHM-C, IMHM-P, IMHM-R/F\n"),
    (("--state", "NM", "--category", "IFA"), "Error: Invalid value for --category: New Mexico does not publish IFA; it publishes IMHS\n"),
])
def test_unknown_codes_are_usage_errors_that_exit_2(tmp_path, args, message):
    """As click says of any option's bad value: the usage, then one line saying which codes exist."""
    profile = write(tmp_path, "me.yaml", ISSUE_PROFILE)
    done = run("--profile", profile, *args)
    assert done.exit_code == 2
    assert done.stderr.endswith("\n\n" + message) and done.stderr.startswith("Usage: ")


def test_help_has_an_example():
    done = CliRunner().invoke(main, ["check", "--help"])
    assert done.exit_code == 0
    assert "Example:" in done.output and "--profile" in done.output


def test_the_readme_lists_the_profile_fields_as_check_help_does():
    """The README's field list is the one definition's, word for word (see applicant_profile.fields_help)."""
    from imhsite import applicant_profile

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = readme.split("<!-- profile-fields -->\n```text\n")[1].split("\n```\n<!-- /profile-fields -->")[0]
    assert listed == applicant_profile.fields_help().replace("\b\n", "")
    help_text = run("--help").output
    for spec in applicant_profile.PROFILE_FIELDS:
        assert f"{spec.name}: {spec.meaning}" in " ".join(help_text.split()), spec.name


def test_the_profile_s_words_state_no_age_range():
    """Which ages make an infant/toddler differs between associations: the states' data says it, the questions do not."""
    from imhsite import applicant_profile

    for spec in applicant_profile.PROFILE_FIELDS:
        for text in (spec.label, spec.meaning, spec.help, spec.one, spec.other):
            assert not re.search(r"\bbirth\b|\bmonths?\b|\bages? \d", text), (spec.name, text)
