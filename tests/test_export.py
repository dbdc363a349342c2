"""`imhsite export -o FILE` replaces FILE whole or not at all, and says why in one line when not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, ROOT
from faulty_disk import FAULTS, REASONS, fingerprint, run_with_fault

PREVIOUS = '{"previous": "export"}\n'


def export_command(output: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "imhsite.cli", "export", "--data", str(DATA), *options, "-o", str(output)]


def test_export_writes_the_whole_dataset_with_ordinary_permissions(tmp_path):
    """The control: with room to write, the previous file is replaced and nothing else is left."""
    output = tmp_path / "requirements.json"
    output.write_text(PREVIOUS, encoding="utf-8")
    result = subprocess.run(export_command(output), capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert set(json.loads(output.read_text(encoding="utf-8"))["states"]) == {"MI", "NM", "NC", "OR", "VA"}
    assert [p.name for p in tmp_path.iterdir()] == ["requirements.json"]
    umask = os.umask(0)
    os.umask(umask)
    assert output.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("format_", ["json", "csv"])
def test_a_failed_export_leaves_the_previous_file_byte_for_byte(tmp_path, fault, format_):
    """Before, a full disk or a size limit left a truncated file where the previous one was."""
    seed = tmp_path / "seed"
    seed.mkdir()
    (seed / f"requirements.{format_}").write_text(PREVIOUS, encoding="utf-8")
    folder = tmp_path / "out"
    result, files = run_with_fault(fault, folder, seed, export_command(folder / f"requirements.{format_}", "--format", format_), ROOT)
    assert result.returncode == 1
    assert result.stderr == f"Error: cannot write {folder / f'requirements.{format_}'}: {REASONS[fault]}\n"
    assert files == fingerprint(seed), "the failed export changed the folder or left a file behind"


def test_export_into_a_missing_folder_is_one_line(tmp_path):
    result = subprocess.run(export_command(Path("missing/dir/x.json")), capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "Error: cannot write missing/dir/x.json: No such file or directory\n"
    assert list(tmp_path.iterdir()) == []
