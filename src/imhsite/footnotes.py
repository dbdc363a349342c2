"""Footnote marks in data text (`infant²`) as links to the footnote they point to.

The associations' documents mark footnotes with superscript digits; the data keeps them as the
documents print them, and each category lists its footnotes under the same marks ("2").
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from markupsafe import Markup, escape

from .model import Category
from .urls import slug

SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
PLAIN_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_TAG = re.compile(r"(<[^>]*>)")


def anchor(mark: str) -> str:
    """The id of a footnote on its guide page: mark '5' -> 'footnote-5'."""
    return f"footnote-{slug(mark)}"


def targets(category: Category, guide_url: str) -> dict[str, str]:
    """Superscript mark as printed -> the address of its footnote (`guide_url` is '' on the guide)."""
    return {note.mark.translate(SUPERSCRIPT_DIGITS): f"{guide_url}#{anchor(note.mark)}"
            for note in category.footnotes if note.mark.isdigit()}


def link_marks(html: str, notes: Mapping[str, str]) -> Markup:
    """Text (escaped here unless it is markup already) with each footnote mark a link to its footnote.

    Only text between tags changes: a mark inside an attribute (a tooltip) stays as it is. Most
    texts hold no mark, so they are returned as they are without being split.
    """
    text = str(escape(html))
    found = [mark for mark in notes if mark in text]
    if not found:
        return Markup(text)
    links = {mark: f'<a class="imh-fn" href="{escape(notes[mark])}" aria-label="Footnote {escape(mark.translate(PLAIN_DIGITS))}">{escape(mark)}</a>'
             for mark in found}
    parts = _TAG.split(text)
    for i in range(0, len(parts), 2):  # even parts are text, odd parts tags
        for mark, link in links.items():
            parts[i] = parts[i].replace(mark, link)
    return Markup("".join(parts))
