"""Hand-written pages may not carry markup or script: MkDocs' Markdown would pass them through.

Python-Markdown keeps raw HTML, `javascript:` links and `{ onclick=... }` attribute lists, so
content/ is read here with markdown-it-py first and refused if it holds any of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it import MarkdownIt

_PARSER = MarkdownIt("commonmark", {"html": True})
_PARSER.validateLink = lambda url: True  # see every link, to judge its scheme here
_SAFE_SCHEMES = re.compile(r"^(?:https?:|mailto:|#|\.{0,2}/|[\w.~%-]+(?:[/#?]|$))", re.IGNORECASE)
_ATTRIBUTE_LIST = re.compile(r"\{:?[^}\n]*\}")
_RISKY_ATTRIBUTE = re.compile(r"(?:^|\s)(?:on\w+|style|href|src)\s*=", re.IGNORECASE)


def problems(markdown: str) -> Iterator[tuple[int, str]]:
    """(line, message) for every piece of markup or script in one hand-written page."""
    for token in _PARSER.parse(markdown):
        line = token.map[0] + 1 if token.map else 1
        if token.type == "html_block":
            yield line, "raw HTML is not allowed in hand-written pages; use Markdown"
        for child in token.children or []:
            if child.type == "html_inline":
                yield line, f"raw HTML is not allowed in hand-written pages, found {child.content[:30]!r}"
            target = child.attrs.get("href") or child.attrs.get("src") if child.type in ("link_open", "image") else None
            if isinstance(target, str) and not _SAFE_SCHEMES.match(target.strip()):
                yield line, f"link to {target[:40]!r} is not allowed; links are http(s), mailto or site pages"
    fenced = _code_lines(markdown)
    for number, text in enumerate(markdown.splitlines(), start=1):
        if number in fenced:
            continue
        for attributes in _ATTRIBUTE_LIST.findall(text):
            if _RISKY_ATTRIBUTE.search(attributes.strip("{}: ")):
                yield number, f"attribute list {attributes[:40]!r} may not set event handlers, styles or links"


def _code_lines(markdown: str) -> set[int]:
    """Line numbers inside fenced or indented code, where braces are just text."""
    lines: set[int] = set()
    for token in _PARSER.parse(markdown):
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(token.map[0] + 1, token.map[1] + 1))
    return lines
