"""Shared fixtures: the real data files and the real source documents."""

from __future__ import annotations

import re
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
