"""What changed between two versions of the data: requirement by requirement, field by field."""

from __future__ import annotations

import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from io import BytesIO
from pathlib import Path
from typing import Any

from .load import Dataset, display_name, load_dataset
from .problems import DataError

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


SHORT = 60
"""Values up to this many characters are shown whole, before and after; longer ones as a word diff."""


def _field_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    details = []
    for field in sorted(old.keys() | new.keys()):
        before, after = old.get(field), new.get(field)
        if before == after:
            continue
        if before is None or after is None or max(len(_shown(before)), len(_shown(after))) <= SHORT:
            details.append(f"{field}: {_shown(before)} -> {_shown(after)}")
        else:
            details.append(f"{field}: {word_diff(_words_of(before), _words_of(after))}")
    return details


def _shown(value: Any) -> str:
    return "(none)" if value is None else json.dumps(value, ensure_ascii=False)


def _words_of(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def word_diff(before: str, after: str, context: int = 4) -> str:
    """The words that changed, as [-removed-]{+added+}, with `context` unchanged words around each change.

    Like `git diff --word-diff=plain`: an edit inside a long text shows what changed, not two
    texts that look alike. A change of spacing or line breaks only is said as such.
    """
    old, new = before.split(), after.split()
    if old == new:
        return "only spacing or line breaks changed"
    opcodes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    parts: list[str] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag != "equal":
            parts += [f"[-{' '.join(old[i1:i2])}-]"] if i2 > i1 else []
            parts += [f"{{+{' '.join(new[j1:j2])}+}}"] if j2 > j1 else []
            continue
        words = old[i1:i2]
        head = [] if index == 0 else words[:context]
        tail = [] if index == len(opcodes) - 1 else words[-context:]
        parts += words if len(words) <= len(head) + len(tail) else [*head, "...", *tail]
    return " ".join(parts)


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
        before = _load_spec(old, Path(workdir))
        after = _load_spec(new, Path(workdir))
    return diff_entries(requirement_entries(before), requirement_entries(after))


def _load_spec(spec: str, workdir: Path) -> Dataset:
    """Load a data folder or revision; a revision's problems name its files as git does, `HEAD~1:data/...`."""
    folder = resolve(spec, workdir)
    try:
        return load_dataset(folder)
    except DataError as err:
        if folder == Path(spec):
            raise
        unpacked = display_name(folder)
        raise DataError([replace(p, file=f"{spec}:data{p.file[len(unpacked):]}") if p.file.startswith(unpacked) else p
                         for p in err.problems]) from None
