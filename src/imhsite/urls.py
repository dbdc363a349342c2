"""Stable, readable page addresses: /virginia/imhs/, /compare/imhm-rf/.

The one place that turns names into paths: a state's pages live in its folder, made of its name
or given as its `slug`, and checks/state_folder.py makes sure that folder is one of its own.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .model import SLUG_MAX_LENGTH, StateData

SITE_FOLDERS = {
    "index": "the home page",
    "compare": "the comparisons",
    "competencies": "the Competency Guidelines",
    "glossary": "the glossary",
    "sources": "the sources page",
    "changes": "the list of changes",
    "editors": "the editors' guide",
    "self-check": "the self-check",
    "downloads": "the downloads",
    "assets": "the site's scripts, styles and images",
    "search": "the search index",
    "sitemap": "the sitemap",
    "404": "the page-not-found page",
    "requirements": "the download of every state's data",
}
"""Names the site itself publishes (render.py, MkDocs and its theme) at the top, and beside the
states' downloads (downloads/requirements.csv): never a state's."""


@lru_cache(maxsize=4096)  # every page's links and the navigation ask for the same few names
def slug(text: str) -> str:
    """'New Mexico' -> 'new-mexico'; 'IMHM-R/F' -> 'imhm-rf'; 'Québec' -> 'quebec'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("/", "")).strip("-")


def state_folder(state: StateData) -> str:
    """The folder of a state's pages: its `slug`, or its name's, cut at a hyphen if too long.

    Empty when the name has no ASCII letter or digit; checks/state_folder.py refuses that.
    """
    if state.slug:
        return state.slug
    folder = slug(state.name)
    if len(folder) > SLUG_MAX_LENGTH:
        cut = folder[: SLUG_MAX_LENGTH + 1]
        folder = cut.rsplit("-", 1)[0] if "-" in cut else cut[:SLUG_MAX_LENGTH]
    return folder


def state_page(state: StateData) -> str:
    """The state overview, as a docs-relative Markdown path."""
    return f"{state_folder(state)}/index.md"


def guide_page(state: StateData, category: str) -> str:
    return f"{state_folder(state)}/{slug(category)}.md"


def compare_page(category: str) -> str:
    return f"compare/{slug(category)}.md"


def competencies_page(group: str) -> str:
    """One category group's Competency Guidelines."""
    return f"{COMPETENCIES_FOLDER}/{slug(group)}.md"


COMPETENCIES_FOLDER = "competencies"
COMPETENCIES_INDEX = f"{COMPETENCIES_FOLDER}/index.md"
COMPETENCY_LEVELS_PAGE = f"{COMPETENCIES_FOLDER}/levels.md"
SOURCES_PAGE = "sources.md"


def downloads(name: str) -> tuple[str, str]:
    """The JSON and CSV download of one state (its folder's name) or of all ("requirements")."""
    return f"downloads/{name}.json", f"downloads/{name}.csv"


ALL_DOWNLOADS = downloads("requirements")


def url_of(page: str) -> str:
    """The site URL (directory style) of a docs-relative Markdown path."""
    path = page.removesuffix(".md").removesuffix("index")
    return "/" + path.rstrip("/") + "/" if path else "/"


def inside_site(path: str) -> bool:
    """Whether a docs-relative path names a file inside the site folder, never beside or above it."""
    parts = path.split("/")
    return "\\" not in path and all(part not in ("", ".", "..") for part in parts) and ":" not in parts[0]
