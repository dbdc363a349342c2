"""`imhsite validate`: the shipped data passes; every broken file gets its exact one-line messages."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT, project_copy

from imhsite.checks import CHECKS
from imhsite.checks.numbers_match_text import numbers_in
from imhsite.cli import main
from imhsite.load import load_dataset
from imhsite.yaml_reader import MAX_BYTES

CASES = sorted(p for p in (ROOT / "tests" / "invalid").iterdir() if p.is_dir())


def data_file(case: Path) -> Path:
    return next(p for p in case.iterdir() if p.suffix == ".yaml")


def validate_args(case: Path, tmp_path: Path) -> tuple[Path, list[str]]:
    """How a case is validated: the folder its expected messages are relative to, and the command.

    A case holds one data file, checked against the shipped data; or a `data/` folder laid over
    a copy of the shipped data (for what only a whole folder shows: a misnamed state file, a
    source text), which is validated whole.
    """
    if (case / "data").is_dir():
        shutil.copytree(DATA, tmp_path / "data")
        shutil.copytree(case / "data", tmp_path / "data", dirs_exist_ok=True)
        return tmp_path, ["validate", "data"]
    return ROOT, ["validate", "--data", "data", str(data_file(case).relative_to(ROOT))]


def test_shipped_data_is_valid():
    result = CliRunner().invoke(main, ["validate", str(DATA)])
    assert result.exit_code == 0, result.output
    dataset = load_dataset(DATA)
    assert {code: len(s.categories) for code, s in dataset.states.items()} == {
        "MI": 6, "NM": 1, "NC": 1, "OR": 6, "VA": 7}


def test_corpus_is_large_enough():
    assert len(CASES) >= 25


NO_DATA_CAN_TRIP = {
    "criteria-measurable": "the model refuses unknown criteria, so only a Criteria field added to the model without "
                           "a profile question trips it (tests/test_rules.py::test_a_criterion_no_question_measures_is_refused)",
}


@pytest.mark.parametrize("check_id", sorted(set(CHECKS) - set(NO_DATA_CAN_TRIP)))
def test_every_check_has_a_broken_file_of_its_own(check_id):
    """Like yamllint's tests/rules/ and browser-compat-data's test-*.js: each check, its case."""
    case = ROOT / "tests" / "invalid" / check_id
    assert (case / "README").is_file(), f"add tests/invalid/{check_id}/ with a file only {check_id} refuses"
    lines = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert lines and lines[0].endswith(f" ({check_id})")


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_broken_file_gets_its_messages(case, monkeypatch, tmp_path):
    folder, args = validate_args(case, tmp_path)
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert result.stderr.splitlines() == expected
    assert "Traceback" not in result.output


def test_all_problems_are_reported_one_line_each(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["validate", "--data", "data", "tests/invalid/three-problems/va.yaml"])
    lines = result.stderr.splitlines()
    assert len(lines) == 3 and all(line.startswith("tests/invalid/three-problems/va.yaml:") for line in lines)


def test_oversized_file_is_refused_without_parsing(tmp_path, monkeypatch):
    big = tmp_path / "va.yaml"
    big.write_text("state: VA\n" + "# padding\n" * (MAX_BYTES // 10 + 1))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "--data", str(DATA), "va.yaml"])
    assert result.exit_code == 1
    assert result.stderr.startswith("va.yaml:1: file is ") and "-byte limit" in result.stderr


def test_billion_laughs_stops_at_the_first_anchor():
    result = CliRunner().invoke(main, ["validate", "--data", str(DATA), str(ROOT / "tests/invalid/billion-laughs/va.yaml")])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.endswith("billion-laughs/va.yaml:1: YAML anchors and aliases (&name, *name) are not allowed; write the value out")


def test_the_installed_command_reports_without_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "imhsite.cli", "validate", "--data", "data", "tests/invalid/non-numeric-hours/va.yaml"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 1
    assert result.stderr == (
        "tests/invalid/non-numeric-hours/va.yaml:18: categories.IFRS.initial.training.min_hours: "
        "expected a whole number, got 'forty'\n")


def site_config_with(project: Path, months: str | None) -> None:
    """The project's mkdocs.yml with the plugin's stale_after_months (if given) and a tag only MkDocs resolves."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if months is not None:
        text = text.replace("      data_dir: data\n", f"      data_dir: data\n      stale_after_months: {months}\n", 1)
    text = text.replace("  - toc:\n", "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
                        "  - toc:\n", 1)
    config.write_text(text, encoding="utf-8")


def test_validate_reads_stale_after_months_from_mkdocs_yml(tmp_path, monkeypatch):
    """validate judges a state's last check as the build does, with mkdocs.yml's stale_after_months."""
    from mkdocs.config import load_config

    project = project_copy(tmp_path)
    va = project / "data" / "requirements" / "va.yaml"
    checked = date.today() - timedelta(days=500)
    va.write_text(re.sub(r"(?m)^last_checked: .*$", f"last_checked: {checked.isoformat()}", va.read_text(encoding="utf-8")),
                  encoding="utf-8")
    monkeypatch.chdir(project)
    site_config_with(project, None)
    stale = CliRunner().invoke(main, ["validate", "data"])
    assert stale.exit_code == 1
    assert [line.split(": warning: ")[0] for line in stale.stderr.splitlines()] == ["data/requirements/va.yaml:13: last_checked"]

    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    site_config_with(project, "24")
    assert load_config(str(project / "mkdocs.yml"))["plugins"]["imhsite"].config.stale_after_months == 24  # the build's
    fresh = CliRunner().invoke(main, ["validate", "data"])
    assert fresh.exit_code == 0, fresh.output
    assert CliRunner().invoke(main, ["validate", "data/requirements/va.yaml"]).exit_code == 0

    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    site_config_with(project, "two years")
    wrong = CliRunner().invoke(main, ["validate", "data"])
    assert wrong.exit_code == 1
    line = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index("      stale_after_months: two years") + 1
    assert wrong.stderr.splitlines() == [f"mkdocs.yml:{line}: plugins.imhsite.stale_after_months: "
                                         "expected a whole number of months, got 'two years'"]


def test_numbers_in_words_are_read_whatever_their_case():
    """numbers-match-text reads "Two", "TWELVE" and "1,500", and no number inside a word ("someone")."""
    assert numbers_in("Two years and TWELVE months of 1,500 hours; someone else") == {2.0, 12.0, 1500.0}
