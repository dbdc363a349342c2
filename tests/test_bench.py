"""The benchmark (bench/run.py) works end to end: a smoke test at N = 2, no timing asserted."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from imhsite.load import load_dataset
from imhsite.model import CATEGORY_CODES
from imhsite.problems import DataError

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


@pytest.fixture(scope="module")
def synthetic():
    sys.path.insert(0, str(BENCH))
    try:
        import synthetic as module
    finally:
        sys.path.remove(str(BENCH))
    return module


def test_synthetic_states_are_valid_under_the_real_schema(synthetic, tmp_path):
    data = synthetic.write_dataset(6, tmp_path / "data")
    dataset = load_dataset(data)  # every model rule and check, quotes found in their documents
    assert len(dataset.states) == 6
    assert all(tuple(s.categories) == CATEGORY_CODES for s in dataset.states.values())
    assert len({s.name for s in dataset.states.values()}) == 6


def test_sizes_above_the_postal_codes_need_the_widened_codes(synthetic):
    codes = [code for code, _ in synthetic.states_for(60)]
    assert len(set(codes)) == 60
    assert synthetic.needs_wide_codes(60) and not synthetic.needs_wide_codes(54)


def test_a_one_state_site_reads_only_that_states_file(tmp_path):
    """What keeps the one-state preview the benchmark measures fast at any number of states."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "requirements" / "nm.yaml").write_text("state: [not, a, state\n", encoding="utf-8")
    with pytest.raises(DataError):
        load_dataset(data)
    assert list(load_dataset(data, only=["VA"]).states) == ["VA"]


def test_benchmark_runs_at_two_states_and_prints_its_table(tmp_path):
    output = tmp_path / "results.md"
    result = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--sizes", "2", "--repeat", "1",
         "--work", str(tmp_path / "work"), "--output", str(output), "--versus-hugo"],
        capture_output=True, text=True, timeout=900, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-4000:]
    print(result.stdout)
    lines = result.stdout.splitlines()
    assert any(line.startswith("- CPU: ") for line in lines)
    assert any(line.startswith("| states | pages |") for line in lines)
    rows = [line for line in lines if line.startswith("| 2 |")]
    assert len(rows) == 2, result.stdout  # the build table and the self-check table
    assert "not run" not in rows[0]  # the serve rebuild was measured
    assert output.read_text(encoding="utf-8").strip() == result.stdout.strip()
    # --versus-hugo: the same pages by Hugo (when it is installed or installable) and the Jinja floor
    (versus,) = [line for line in lines if line.startswith("| 2 (")]
    hugo_ran = not any(line.startswith("Hugo skipped: ") for line in lines)
    cells = [cell.strip() for cell in versus.strip("|").split("|")]
    assert cells[3] != "skipped"  # the Jinja floor always runs
    assert (cells[2] != "skipped" and cells[4].endswith(" x")) if hugo_ran else cells[2] == "skipped"
    if hugo_ran:  # Hugo wrote every page imhsite generated and the hand-written ones
        pages = [int(p) for p in cells[0].split("(")[1].rstrip(")").split(" / ")]
        assert pages[1] == pages[2] and pages[1] >= pages[0] - 1  # imhsite also writes a 404 page


def test_benchmark_without_hugo_says_so_in_one_line_and_skips_its_column(tmp_path):
    result = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--sizes", "2", "--repeat", "1", "--no-serve", "--no-shipped",
         "--work", str(tmp_path / "work"), "--versus-hugo", "--hugo", str(tmp_path / "no-hugo")],
        capture_output=True, text=True, timeout=900, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("Hugo skipped: ")] == [
        f"Hugo skipped: {tmp_path / 'no-hugo'} is not an executable."]
    (versus,) = [line for line in result.stdout.splitlines() if line.startswith("| 2 (")]
    cells = [cell.strip() for cell in versus.strip("|").split("|")]
    assert cells[2] == "skipped" and cells[4] == "-" and cells[3] != "skipped"
