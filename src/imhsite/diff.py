"""What changed between two versions of the data: requirement by requirement, field by field."""

from __future__ import annotations

import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from .load import Dataset, load_dataset

Entries = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed" or "changed"
    key: str  # "VA IFRS initial.training"
    details: tuple[str, ...] = ()


def requirement_entries(dataset: Dataset) -> Entries:
    """Every published requirement and footnote, keyed by state, category and facet."""
    entries: Entries = {}
    for code, state in dataset.states.items():
        entries[f"{code} association"] = state.association.model_dump(mode="json")
        if state.who_may_apply:
            entries[f"{code} who may apply"] = state.who_may_apply.model_dump(mode="json")
        for category_code, category in state.categories.items():
            for phase in ("initial", "renewal"):
                requirements = getattr(category, phase)
                for facet in type(requirements).model_fields:
                    value = getattr(requirements, facet).model_dump(mode="json", exclude_defaults=True)
                    if value:
                        entries[f"{code} {category_code} {phase}.{facet}"] = value
            for note in category.footnotes:
                entries[f"{code} {category_code} footnote {note.mark}"] = note.model_dump(mode="json")
    return entries


def diff_entries(old: Entries, new: Entries) -> list[Change]:
    changes = [Change("removed", key) for key in old if key not in new]
    changes += [Change("added", key) for key in new if key not in old]
    for key in old.keys() & new.keys():
        details = _field_changes(_flatten(old[key]), _flatten(new[key]))
        if details:
            changes.append(Change("changed", key, tuple(details)))
    return sorted(changes, key=lambda c: (c.key, c.kind))


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for key, item in value.items():
            flat.update(_flatten(item, f"{prefix}.{key}" if prefix else key))
        return flat
    return {prefix: value}


def _field_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    details = []
    for field in sorted(old.keys() | new.keys()):
        before, after = old.get(field), new.get(field)
        if before != after:
            details.append(f"{field}: {_shown(before)} -> {_shown(after)}")
    return details


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "...\""


def to_text(changes: list[Change]) -> str:
    lines = []
    for change in changes:
        lines.append(f"{change.kind} {change.key}")
        lines.extend(f"    {detail}" for detail in change.details)
    return "\n".join(lines) + ("\n" if lines else "no requirement changed\n")


def to_markdown(changes: list[Change]) -> str:
    if not changes:
        return "No requirement changed.\n"
    rows = ["| change | requirement | details |", "|---|---|---|"]
    for change in changes:
        details = "<br>".join(_cell(d) for d in change.details)
        rows.append(f"| {change.kind} | {_cell(change.key)} | {details} |")
    return "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def resolve(spec: str, workdir: Path) -> Path:
    """A data folder, or a git revision whose data/ folder is unpacked into `workdir`."""
    path = Path(spec)
    if path.is_dir():
        return path
    archive = subprocess.run(["git", "archive", "--format=tar", spec, "data"], capture_output=True)
    if archive.returncode != 0:
        message = archive.stderr.decode(errors="replace").strip().splitlines()
        raise ValueError(f"{spec}: neither a folder nor a git revision with data/ ({message[-1] if message else 'git failed'})")
    target = workdir / spec.replace("/", "_")
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target / "data"


def diff_specs(old: str, new: str) -> list[Change]:
    """Changes from `old` to `new`, each a data folder or a git revision."""
    with tempfile.TemporaryDirectory() as workdir:
        before = load_dataset(resolve(old, Path(workdir)))
        after = load_dataset(resolve(new, Path(workdir)))
    return diff_entries(requirement_entries(before), requirement_entries(after))
