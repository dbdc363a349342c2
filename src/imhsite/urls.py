"""Stable, readable page addresses: /virginia/imhs/, /compare/imhm-rf/."""

from __future__ import annotations

import re


def slug(text: str) -> str:
    """'New Mexico' -> 'new-mexico'; 'IMHM-R/F' -> 'imhm-rf'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("/", "")).strip("-")


def state_page(state_name: str) -> str:
    """The state overview, as a docs-relative Markdown path."""
    return f"{slug(state_name)}/index.md"


def guide_page(state_name: str, category: str) -> str:
    return f"{slug(state_name)}/{slug(category)}.md"


def compare_page(category: str) -> str:
    return f"compare/{slug(category)}.md"


def url_of(page: str) -> str:
    """The site URL (directory style) of a docs-relative Markdown path."""
    path = page.removesuffix(".md").removesuffix("index")
    return "/" + path.rstrip("/") + "/" if path else "/"
