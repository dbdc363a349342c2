"""YAML files -> validated model: the only way data enters the program.

`load_dataset` reads every file under a data folder, validates it against the model and
the cross-file checks, and either returns a Dataset (with the warnings found) or raises
DataError with every problem in every file, one line each.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import checks, site_config
from .checks.common import STALE_AFTER_MONTHS
from .model import CompetencyGuidelines, Document, Glossary, Overview, SourceRegistry, StateData
from .paused_gc import paused_gc
from .problems import DataError, Path_, Problem, display_name, dotted, errors
from .yaml_reader import ParsedFile, read_yaml

M = TypeVar("M", bound=BaseModel)

REQUIREMENTS_DIR = "requirements"
SOURCES_FILE = "sources.yaml"
SOURCE_TEXTS_DIR = "sources"
COMPETENCIES_FILE = "competencies.yaml"
GLOSSARY_FILE = "glossary.yaml"
OVERVIEW_FILE = "overview.yaml"
CONTENT_DIR = "content"
"""The hand-written pages, beside the data folder (mkdocs.yml's docs_dir)."""

DATA_SUFFIX = ".yaml"
YAML_SUFFIXES = (".yaml", ".yml")
"""Suffixes (in any case) that editors give YAML files; only DATA_SUFFIX is read."""


@dataclass(frozen=True)
class Dataset:
    """Everything the site is rendered from, validated once."""

    root: Path
    documents: dict[str, Document]
    states: dict[str, StateData]
    competencies: CompetencyGuidelines
    glossary: Glossary
    overview: Overview
    warnings: tuple[Problem, ...] = ()
    """What a preview may show but the published site may not (checks whose SEVERITY is warning)."""


@dataclass
class LoadCache:
    """Files loaded before, for loading the same folder again (each `mkdocs serve` rebuild).

    A file is parsed, validated and checked again only if its bytes, or the sources it is
    checked against, changed; otherwise its model (the very same object) and its problems
    are reused, so later stages can tell an unchanged state by identity.
    """

    entries: dict[Path, tuple[str, Any, list[Problem]]] = field(default_factory=dict)
    """File -> (fingerprint of it and its sources, its model or None, its problems)."""


def load_dataset(root: Path, only: Iterable[str] | None = None, cache: LoadCache | None = None,
                 content: Path | None = None, stale_after_months: int = STALE_AFTER_MONTHS) -> Dataset:
    """Load and check the whole data folder; raise DataError listing all problems if any is an error.

    With `only` (state codes), only those states' files are read: a site publishing one
    association neither waits for nor fails on the other associations' files. With a
    `cache`, files unchanged since the cache's last load are not read again. `content` is the
    folder of hand-written pages the states' pages are published beside.
    `stale_after_months` is how long ago a state may have been last checked (a warning).
    """
    with paused_gc():
        return _load_dataset(Path(root), only, cache, content, stale_after_months)


def _load_dataset(root: Path, only: Iterable[str] | None, cache: LoadCache | None, content: Path | None,
                  stale_after_months: int) -> Dataset:
    problems: list[Problem] = []
    registry = load_model(root / SOURCES_FILE, SourceRegistry, problems)
    context = _context(root, registry, problems, stale_after_months)
    if cache is not None:
        context.fingerprint = f"{_sources_fingerprint(root)} {context.today} {stale_after_months}"
    if registry is not None:
        load_checked(root / SOURCES_FILE, SourceRegistry, context, problems, cache)
    loaded: dict[Path, StateData] = {}
    for path in state_files(root, only):
        state = load_checked(path, StateData, context, problems, cache)
        if state is not None:
            loaded[path] = state
    problems += check_across(loaded, content)
    states = {state.state: state for state in loaded.values()}
    competencies = load_checked(root / COMPETENCIES_FILE, CompetencyGuidelines, context, problems, cache)
    glossary = load_checked(root / GLOSSARY_FILE, Glossary, context, problems, cache)
    overview = load_checked(root / OVERVIEW_FILE, Overview, context, problems, cache)
    if errors(problems):
        raise DataError(problems)
    ordered = dict(sorted(states.items(), key=lambda item: item[1].name))
    return Dataset(root, context.documents, ordered, competencies, glossary, overview,  # type: ignore[arg-type]
                   tuple(sorted(problems)))


def _context(root: Path, registry: SourceRegistry | None, problems: list[Problem],
             stale_after_months: int = STALE_AFTER_MONTHS) -> checks.Context:
    """What the checks consult: the listed documents and their texts; a source text that is not
    UTF-8 is a problem of its own, once."""
    documents = {d.file: d for d in registry.documents} if registry else {}
    context = checks.Context(documents=documents, texts_dir=root / SOURCE_TEXTS_DIR,
                             stale_after_months=stale_after_months, data_dir=root)
    problems.extend(context.unreadable_texts())
    return context


def state_files(root: Path, states: Iterable[str] | None = None) -> list[Path]:
    """The state files of a data folder (those of `states` only, if given), in a stable order.

    A state file is named after its code (the state-matches-file check), so <code>.yaml; YAML
    files under another suffix (.yml) are listed too, to be refused by name rather than left
    out of the site unseen.
    """
    folder = Path(root) / REQUIREMENTS_DIR
    files = sorted(p for p in folder.glob("*") if p.suffix.lower() in YAML_SUFFIXES and p.is_file())
    if states is None:
        return files
    wanted = {code.lower() for code in states}
    return [path for path in files if path.stem in wanted]


def load_checked(path: Path, model: type[M], context: checks.Context, problems: list[Problem],
                 cache: LoadCache | None = None) -> M | None:
    """Load one file into `model` and run every check on it, collecting problems."""
    key = _file_fingerprint(path) + context.fingerprint if cache is not None else ""
    if cache is not None and path in cache.entries and cache.entries[path][0] == key:
        _key, kept, found = cache.entries[path]
        problems.extend(found)
        return kept
    found = []
    value = None
    parsed = _parse(path, found)
    if parsed is not None:
        value = _validate(parsed, model, found)
        if value is not None:
            for check, path_, message in checks.run(value, context, Path(path)):
                line = parsed.line_of(path_) if path_ else 1  # the file as a whole: its first line
                found.append(Problem(parsed.name, line, dotted(path_), message, check.ID, check.SEVERITY))
    if cache is not None:
        cache.entries[path] = (key, value, found)
    problems.extend(found)
    return value


def check_across(states: dict[Path, StateData], content: Path | None) -> list[Problem]:
    """What the state files get wrong together, each problem at its line (read again to find it)."""
    problems = []
    for path, where, message in checks.run_across(states, content):
        parsed = _parse(path, problems)
        if parsed is not None:
            problems.append(Problem(parsed.name, parsed.line_of(where), dotted(where), message,
                                    checks.state_folder.ID, checks.state_folder.SEVERITY))
    return problems


def _file_fingerprint(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def _sources_fingerprint(root: Path) -> str:
    """What the checks consult besides the file: sources.yaml and the source texts."""
    return _file_fingerprint(root / SOURCES_FILE) + data_version(root / SOURCE_TEXTS_DIR)


def load_model(path: Path, model: type[M], problems: list[Problem]) -> M | None:
    """One file as `model`, without the checks; its problems are added to `problems`."""
    parsed = _parse(path, problems)
    return _validate(parsed, model, problems) if parsed else None


def _parse(path: Path, problems: list[Problem]) -> ParsedFile | None:
    name = display_name(path)
    if not path.is_file():
        problems.append(Problem(name, 1, "", "file not found"))
        return None
    if path.suffix != DATA_SUFFIX:
        problems.append(Problem(name, 1, "", f"data files are read only when named *{DATA_SUFFIX}; rename it to {path.stem}{DATA_SUFFIX}"))
        return None
    try:
        return read_yaml(path, name)
    except DataError as err:
        problems.extend(err.problems)
        return None


def _validate(parsed: ParsedFile, model: type[M], problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(parsed.value)
    except ValidationError as err:
        for error in err.errors(include_url=False):
            path: Path_ = tuple(p for p in error["loc"] if p != "[key]")
            problems.append(parsed.problem(path, dotted(path), describe(error)))
        return None


def describe(error: dict[str, Any]) -> str:
    """Say what a validation error found, in an editor's words rather than pydantic's."""
    kind, ctx, got = error["type"], error.get("ctx") or {}, _shown(error.get("input"))
    if "[key]" in error["loc"]:
        return f"unknown code {got}; expected one of {ctx.get('expected', 'the listed codes')}"
    messages = {
        "extra_forbidden": "unknown field (check its spelling against the schema)",
        "missing": "required field is missing",
        "int_parsing": f"expected a whole number, got {got}",
        "int_type": f"expected a whole number, got {got}",
        "int_from_float": f"expected a whole number, got {got}",
        "float_parsing": f"expected a number, got {got}",
        "float_type": f"expected a number, got {got}",
        "greater_than_equal": f"must be {ctx.get('ge')} or more, got {got}",
        "less_than_equal": f"must be {ctx.get('le', 0):g} or less, got {got}",
        "int_parsing_size": f"far too large a number, got {got}",
        "finite_number": f"expected a finite number, got {got}",
        "bool_parsing": f"expected true or false, got {got}",
        "bool_type": f"expected true or false, got {got}",
        "date_parsing": f"expected a date as YYYY-MM-DD, got {got}",
        "date_from_datetime_parsing": f"expected a date as YYYY-MM-DD, got {got}",
        "date_type": f"expected a date as YYYY-MM-DD, got {got}",
        "string_type": f"expected text, got {got}",
        "string_too_short": "must not be empty",
        "too_short": "must not be empty",
        "list_type": f"expected a list, got {got}",
        "dict_type": f"expected a mapping, got {got}",
        "model_type": f"expected a mapping, got {got}",
        "model_attributes_type": f"expected a mapping, got {got}",
        "literal_error": f"expected one of {ctx.get('expected')}, got {got}",
        "enum": f"expected one of {ctx.get('expected')}, got {got}",
    }
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind in ("too_long", "string_too_long"):
        value = error.get("input")
        what = "characters" if isinstance(value, str) else "items"
        size = len(value) if isinstance(value, (str, list, dict)) else "more"
        return f"must be at most {ctx.get('max_length')} {what}, got {size}"
    return messages.get(kind, error["msg"])


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def data_version(root: Path) -> str:
    """A short fingerprint of every data file: the same data always gives the same version."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(root).rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + _contents(path) + b"\0")
    return digest.hexdigest()[:12]


def _contents(path: Path) -> bytes:
    """A file's bytes, or its error's words where it cannot be read (loading it says so, in one line)."""
    try:
        return path.read_bytes()
    except OSError as err:
        return f"unreadable: {err}".encode()


def load_overview_names(root: Path) -> dict[str, str]:
    """Category code -> name from data/overview.yaml, or nothing if it cannot be read."""
    problems: list[Problem] = []
    overview = load_model(Path(root) / OVERVIEW_FILE, Overview, problems)
    return {code: info.name for code, info in overview.categories.items()} if overview else {}


def find_root(path: Path) -> Path:
    """The data folder a path belongs to: the nearest folder holding sources.yaml."""
    path = Path(path).resolve()
    for folder in [path, *path.parents]:
        if (folder / SOURCES_FILE).is_file():
            return folder
    return path if path.is_dir() else path.parent


def validate_path(path: Path, root: Path | None = None) -> list[Problem]:
    """Every problem in a data folder, or in one data file checked against its folder.

    `root` is the data folder whose sources.yaml and documents a single file is checked
    against; by default the nearest folder above the file that holds sources.yaml. The
    hand-written pages are those of the content/ folder beside it, and a state may have been
    last checked as long ago as the mkdocs.yml beside it says (site_config), as the build has them.
    """
    path = Path(path)
    root = Path(root) if root else find_root(path)
    if path.is_dir():
        root = path if (path / SOURCES_FILE).is_file() else root
    try:
        months = site_config.stale_after_months(root)
        if path.is_dir():
            return list(load_dataset(root, content=root.parent / CONTENT_DIR, stale_after_months=months).warnings)
    except DataError as err:
        return err.problems
    problems: list[Problem] = []
    context = _context(root, load_model(root / SOURCES_FILE, SourceRegistry, []), problems, months)
    load_checked(root / SOURCES_FILE, SourceRegistry, context, problems)  # what the file relies on
    if path.resolve() != (root / SOURCES_FILE).resolve():
        model = FILE_MODELS.get(path.name, StateData)
        if model is SourceRegistry:  # another sources.yaml, checked against the folder's texts
            context = _context(root, load_model(path, model, []), problems)
        value = load_checked(path, model, context, problems)
        if isinstance(value, StateData):
            problems += check_across({path: value}, root.parent / CONTENT_DIR)
    return sorted(set(problems))  # a text that is not UTF-8 is reported once, whichever registry lists it


FILE_MODELS: dict[str, type[BaseModel]] = {
    SOURCES_FILE: SourceRegistry,
    COMPETENCIES_FILE: CompetencyGuidelines,
    GLOSSARY_FILE: Glossary,
    OVERVIEW_FILE: Overview,
}
"""Which model a data file holds, by name; every other file is a state file."""
