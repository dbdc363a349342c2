"""Each state's pages have a folder of their own: never empty, the site's, or another page's.

A state's name, or its `slug`, becomes the folder of its pages (urls.state_folder). A name of
non-Latin letters alone makes none, 'Compare' would overwrite the comparisons, two states named
Michigan would share one folder, a state named About would mix with content/about.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from .. import urls
from ..model import StateData
from ..problems import ERROR, Path_
from .common import Context

ID = "state-folder"
SEVERITY = ERROR


def check(value: BaseModel, context: Context, path: Path) -> Iterator[tuple[Path_, str]]:
    """A folder the name or slug makes at all, and not one the site publishes itself."""
    if not isinstance(value, StateData):
        return
    folder = urls.state_folder(value)
    if not folder:
        yield ("name",), ("makes no page folder, having no ASCII letter or digit; "
                          "give the state a slug: of lowercase ASCII letters, e.g. slug: tokyo")
    elif folder in urls.SITE_FOLDERS:
        yield _taken(value, folder, urls.SITE_FOLDERS[folder])


def check_across(states: dict[Path, StateData], content: Path | None) -> Iterator[tuple[Path, Path_, str]]:
    """Folders a state shares with a hand-written page of `content`, or with an earlier state."""
    owners = {_top_name(entry): f"content/{entry.name}" for entry in _entries(content)}
    for path, state in states.items():
        folder = urls.state_folder(state)
        if not folder or folder in urls.SITE_FOLDERS:
            continue  # `check` said so
        if folder in owners:
            yield (path, *_taken(state, folder, owners[folder]))
        else:
            owners[folder] = path.name


def _taken(state: StateData, folder: str, owner: str) -> tuple[Path_, str]:
    if state.slug:
        return ("slug",), f"page folder {folder!r} is taken by {owner}; choose another"
    return ("name",), f"page folder {folder!r} is taken by {owner}; give the state a slug: of its own"


def _entries(content: Path | None) -> list[Path]:
    return sorted(content.iterdir()) if content is not None and content.is_dir() else []


def _top_name(entry: Path) -> str:
    """The folder (or page: about.md is /about/) an entry of content/ puts at the top of the site."""
    return entry.stem if entry.is_file() and entry.suffix == ".md" else entry.name
