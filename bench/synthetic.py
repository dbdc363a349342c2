"""Synthetic data folders of N states, built from the shipped states' shapes.

Each synthetic state is a copy of one shipped state file (round robin over data/requirements/)
published under another state code and name, with its association renamed and its structured
numbers shifted (and the numbers of their texts with them), so the comparison pages and the
self-check see states that differ. Like the
issue's shape (a guide per state and category, an overview per state), every synthetic state
publishes all seven categories: a category its template lacks is copied from the next shipped
state that publishes it, and that state's document joins the `documents` list. Texts,
quotes and the documents they cite are kept as they are: every quote still occurs in its
source document, so the quote-in-source check runs on real data and passes.

The model admits the 54 US postal codes. Sizes above 54 reuse the names with a numeric suffix
under codes like `VA2` that only `widen_state_codes()` admits: the benchmark calls it in its
own process and in the MkDocs processes it starts. Every other field is validated as shipped.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "PR": "Puerto Rico", "GU": "Guam", "VI": "US Virgin Islands",
}

WHOLE_NUMBERS = {"min_hours", "typical_hours", "annual_hours", "hours", "about_own_rsc_hours",
                 "families_served", "count", "endorsed_raters"}
"""Structured integers a synthetic state shifts (never below zero)."""

YEARS = {"infant_work_years", "prevention_work_years", "imh_work_years", "imh_internship_years",
         "rsc_provision_years", "policy_leadership_years", "faculty_leadership_years",
         "min_years", "window_min_years", "window_max_years"}


def states_for(n: int) -> list[tuple[str, str]]:
    """(code, name) of n synthetic states: real codes first, then suffixed ones."""
    real = list(US_STATES.items())
    result = []
    for i in range(n):
        code, name = real[i % len(real)]
        round_ = i // len(real)
        result.append((code, name) if round_ == 0 else (f"{code}{round_ + 1}", f"{name} {round_ + 1}"))
    return result


def needs_wide_codes(n: int) -> bool:
    return n > len(US_STATES)


UNIQUE_TEXTS = {"text", "condition", "label"}
"""Reader's texts that get the state's name appended, so no two states share a text (as in
real data, where a renderer could not reuse one state's rendering for another's)."""


def _shift(value: Any, offset: int, name: str = "") -> Any:
    """Shift the structured numbers of a state file and mark its texts as the state's own.

    A text says the shifted numbers too (the numbers-match-text check reads both). Sources
    (document, section, quote) are left exactly as shipped.
    """
    if isinstance(value, dict):
        changed = {float(item): float(new) for key, item in value.items()
                   if (new := _shifted(key, item, offset)) is not None and new != item}
        out = {}
        for key, item in value.items():
            if key == "source":
                out[key] = item
            elif key in UNIQUE_TEXTS and isinstance(item, str) and name:
                out[key] = f"{_restate(item, changed) if key == 'text' else item} ({name})"
            elif (new := _shifted(key, item, offset)) is not None:
                out[key] = new
            else:
                out[key] = _shift(item, offset, name)
        return out
    if isinstance(value, list):
        return [_shift(item, offset, name) for item in value]
    return value


def _shifted(key: str, item: Any, offset: int) -> int | float | None:
    """The shifted value of a structured number, or None if `key` holds none."""
    if isinstance(item, bool) or not isinstance(item, (int, float)):
        return None
    if key in WHOLE_NUMBERS and isinstance(item, int):
        return max(0, item + offset * (5 if "hours" in key else 1))
    if key in YEARS:
        return max(0.0, item + offset * 0.5)
    return None


_NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()
_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")(?!\w|\.\d)", re.IGNORECASE)


def _restate(text: str, changed: dict[float, float]) -> str:
    """`text` with each number (in digits or words) that was shifted replaced by its new value."""
    def swap(match: re.Match[str]) -> str:
        token = match.group(1)
        number = float(_NUMBER_WORDS.index(token.lower()) if token.isalpha() else token)
        return f"{changed[number]:g}" if number in changed else token
    return _NUMBER.sub(swap, text)


def _shipped_states(data: Path) -> list[dict[str, Any]]:
    files = sorted((data / "requirements").glob("*.yaml"))
    return [yaml.load(p.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            for p in files]


def completed(templates: list[dict[str, Any]], index: int) -> dict[str, Any]:
    """Shipped state `index` (round robin) with every category, borrowing the ones it lacks."""
    from imhsite.model import CATEGORY_CODES

    count = len(templates)
    template = templates[index % count]
    state = dict(template)
    documents = list(template["documents"])
    categories = {}
    for code in CATEGORY_CODES:
        for step in range(count):
            donor = templates[(index + step) % count]
            if code in donor["categories"]:
                categories[code] = donor["categories"][code]
                documents.extend(d for d in donor["documents"] if d not in documents)
                break
    state["categories"] = categories
    state["documents"] = documents
    return state


def synthetic_state(template: dict[str, Any], code: str, name: str, index: int, today: date) -> dict[str, Any]:
    """One shipped state file published as another state."""
    state = _shift(template, (index % 3) - 1, name)  # -1, 0 or +1 step: neighbours differ
    state["state"] = code
    state["name"] = name
    state["last_checked"] = today.isoformat()  # never stale, so --strict stays quiet
    association = dict(state["association"])
    association["name"] = f"{name} Association for Infant Mental Health"
    association["abbreviation"] = f"{code}AIMH"
    association["contact"] = f"endorsement@{code.lower()}aimh.example"
    state["association"] = association
    return state


def write_dataset(n: int, destination: Path, data: Path = DATA, today: date | None = None) -> Path:
    """A data folder of n synthetic states at `destination` (replaced if present)."""
    today = today or date.today()
    destination = Path(destination)
    if destination.exists():
        shutil.rmtree(destination)
    shutil.copytree(data, destination, ignore=shutil.ignore_patterns("requirements"))
    (destination / "requirements").mkdir()
    templates = _shipped_states(data)
    for index, (code, name) in enumerate(states_for(n)):
        state = synthetic_state(completed(templates, index), code, name, index, today)
        write_state(destination / "requirements" / f"{code.lower()}.yaml", state)
    return destination


def write_state(path: Path, state: dict[str, Any]) -> None:
    """A state file in data/requirements/, led by the line naming its schema (schema-comment)."""
    from imhsite.checks.schema_comment import first_line
    from imhsite.model import StateData

    text = yaml.dump(state, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                     sort_keys=False, allow_unicode=True, width=100)
    Path(path).write_text(f"{first_line(path, Path(path).parent.parent, StateData)}\n{text}", encoding="utf-8")


def first_state_file(data: Path) -> Path:
    """The first state file of a data folder (Alabama's in a synthetic one)."""
    return sorted((Path(data) / "requirements").glob("*.yaml"))[0]


def slug(name: str) -> str:
    from imhsite.urls import slug as site_slug

    return site_slug(name)


def write_project(n: int | None, destination: Path, root: Path = ROOT) -> Path:
    """A MkDocs project: the real mkdocs.yml, templates/ and content/, and n synthetic states
    (or, with n None, a copy of the shipped data/)."""
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    for folder in ("templates", "content"):
        if (destination / folder).exists():
            shutil.rmtree(destination / folder)
        shutil.copytree(root / folder, destination / folder)
    shutil.copy(root / "mkdocs.yml", destination / "mkdocs.yml")
    if n is None:
        if (destination / "data").exists():
            shutil.rmtree(destination / "data")
        shutil.copytree(root / "data", destination / "data")
    else:
        write_dataset(n, destination / "data", root / "data")
    return destination


def widen_state_codes() -> None:
    """Admit the suffixed codes of sizes above 54 (`VA2`); everything else stays as modelled.

    Replaces the model load_dataset validates state files with, in this process only.
    """
    from typing import Annotated

    from pydantic import StringConstraints

    from imhsite import load, model

    if getattr(load.StateData, "__widened__", False):
        return

    class WideStateData(model.StateData):
        __widened__ = True
        state: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}[0-9]*$")]  # type: ignore[assignment]

    load.StateData = WideStateData  # type: ignore[misc]
