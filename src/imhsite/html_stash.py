"""Keep a generated page's HTML blocks away from Python-Markdown, and put them back after.

A generated page is mostly HTML (facet blocks, tables) that Markdown passes through unchanged;
Python-Markdown still scans each block with its HTML parser and walks it as raw text, which
was 40 % of a 50-state build. Here every paragraph that starts at the margin with a block-level
tag is replaced by a placeholder paragraph before Markdown runs and restored in the HTML after. Like
Python-Markdown, a block runs on past blank lines (a text from the data may hold some) until
its first element is closed.
The Markdown around the blocks (headings, lists, links) is still Python-Markdown's to render,
so the table of contents, permalinks and MkDocs' link checks work as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown.util import BLOCK_LEVEL_ELEMENTS

_BLOCK_START = re.compile(r"<(?:/)?([A-Za-z][A-Za-z0-9-]*)[\s/>]")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_LINE_BLOCK_START = re.compile(r"\n(?=<[A-Za-z][A-Za-z0-9-]*[\s/>])")
_MARK = "\ue000imhsite-html-{}\ue000"
"""Private-use characters: nothing Markdown formats, nothing a page holds on its own."""
_PLACEHOLDER = re.compile("\ue000imhsite-html-\\d+\ue000")
_PLACED = re.compile("<p>\ue000imhsite-html-(\\d+)\ue000</p>")
_ID_ATTRIBUTE = re.compile(r"""id=["']([^"']+)["']""")
_BLOCK_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS)
_VOID_TAGS = frozenset({"hr", "br", "img", "input", "link", "meta", "source", "track", "wbr", "col", "area", "embed"})


@dataclass
class Stash:
    """A page's Markdown with its HTML blocks taken out, and the blocks."""

    markdown: str
    blocks: list[str] = field(default_factory=list)

    def restore(self, html: str) -> str:
        """Python-Markdown's HTML for `markdown`, with each block back in its placeholder's place."""
        return _PLACED.sub(lambda m: self.blocks[int(m.group(1))], html)

    def anchor_ids(self) -> set[str]:
        """The element ids the blocks define: links into this page may point at them."""
        return {found for block in self.blocks for found in element_ids(block)}


def element_ids(html: str) -> list[str]:
    """What `\\sid=["']([^"']+)["']` finds in `html`, found from the `id=` on (seven times faster:
    the pattern's literal start lets the search skip ahead)."""
    found = []
    match = _ID_ATTRIBUTE.search(html)
    while match is not None:
        if match.start() and html[match.start() - 1].isspace():
            found.append(match.group(1))
            match = _ID_ATTRIBUTE.search(html, match.end())
        else:
            match = _ID_ATTRIBUTE.search(html, match.start() + 1)
    return found


def is_placeholder(paragraph: str) -> bool:
    """Whether a paragraph of a stashed page is one block's placeholder."""
    return _PLACEHOLDER.fullmatch(paragraph) is not None


def _block_tag(paragraph: str) -> str | None:
    """The block-level tag a paragraph opens with, if it opens with one."""
    found = _BLOCK_START.match(paragraph)
    tag = found.group(1).lower() if found else None
    return tag if tag in _BLOCK_TAGS else None


def _still_open(text: str, tag: str) -> bool:
    if tag in _VOID_TAGS:
        return False
    opened = len(re.findall(rf"<{tag}[\s/>]", text, re.IGNORECASE))
    return opened > len(re.findall(rf"</{tag}\s*>", text, re.IGNORECASE))


def _paragraphs(markdown: str) -> list[str]:
    """The paragraphs of `markdown`, a block-level tag at the margin starting one, as in Python-Markdown.

    A paragraph that opens with a tag is not cut: its block runs to its element's end.
    """
    found: list[str] = []
    for paragraph in _PARAGRAPHS.split(markdown):
        if _block_tag(paragraph) is not None:
            found.append(paragraph)
            continue
        start = next((m.start() for m in _LINE_BLOCK_START.finditer(paragraph)
                      if _block_tag(paragraph[m.start() + 1:]) is not None), None)
        found.extend([paragraph] if start is None else [paragraph[:start], *_paragraphs(paragraph[start + 1:])])
    return found


def stash(markdown: str) -> Stash:
    """Take every HTML block (from a block-level tag at the margin to its end) out of `markdown`."""
    result = Stash("")
    kept: list[str] = []
    paragraphs = iter(_paragraphs(markdown))
    for paragraph in paragraphs:
        tag = _block_tag(paragraph)
        if tag is None:
            kept.append(paragraph)
            continue
        block = [paragraph]
        while _still_open("\n\n".join(block), tag) and (following := next(paragraphs, None)) is not None:
            block.append(following)
        kept.append(_MARK.format(len(result.blocks)))
        result.blocks.append("\n\n".join(block).strip("\n"))
    result.markdown = "\n\n".join(kept)
    return result
