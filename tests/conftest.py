"""Shared fixtures: the real data files and the real source documents."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml

from imhsite.model import StateData

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCES = DATA / "sources"


@cache
def seed_text(doc: str) -> str:
    """A source document with every run of whitespace collapsed to one space."""
    return re.sub(r"\s+", " ", (SOURCES / doc).read_text(encoding="utf-8"))


@cache
def state(code: str) -> StateData:
    """A shipped state file, validated by the model."""
    path = DATA / "requirements" / f"{code.lower()}.yaml"
    return StateData.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.fixture
def seed():
    return seed_text


def build_site(destination: Path, config: Path = ROOT / "mkdocs.yml", strict: bool = True) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build` (with --strict unless told otherwise) and return the process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "-f", str(config), "-d", str(destination)],
        capture_output=True, text=True, cwd=config.parent, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def project_copy(tmp_path: Path) -> Path:
    """data/, templates/, content/ and mkdocs.yml copied, to be changed as an editor would."""
    project = tmp_path / "project"
    for part in ("data", "templates", "content", "mkdocs.yml"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / part)
    return project


def config_with(project: Path, name: str, **options: object) -> Path:
    """The project's mkdocs.yml written as `name` beside it (paths stay relative to it), with
    these options of the imhsite plugin set."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert text.count("  - imhsite:\n") == 1, "mkdocs.yml lists the imhsite plugin with options, once"
    lines = "".join(f"      {key}: {json.dumps(value)}\n" for key, value in options.items())
    config = project / name
    config.write_text(text.replace("  - imhsite:\n", "  - imhsite:\n" + lines), encoding="utf-8")
    return config


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site built once from the shipped data, for every test that reads its pages."""
    site = tmp_path_factory.mktemp("site")
    result = build_site(site)
    assert result.returncode == 0, result.stderr
    return site


def page(site: Path, url: str):
    """A built page, parsed: `page(site, "/virginia/ifrs/")`."""
    from bs4 import BeautifulSoup

    return BeautifulSoup((site / url.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


def rules_for(vector: dict, compiled: dict) -> dict:
    """The rule tree a vector runs on: the shipped data's, or, for an operator case that gives
    its own `facets`, one state (ZZ, Testland) with one category made of them."""
    if "facets" not in vector:
        return compiled
    category = {"code": "IFA", "name": "Infant Family Associate", "url": "/testland/ifa/", "conditions": [],
                "facets": vector["facets"], "still_needed": []}
    return {**compiled, "states": [{"code": "ZZ", "name": "Testland", "categories": [category]}]}
