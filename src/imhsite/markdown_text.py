"""Markdown from data -> safe HTML, with abbreviations marked up as tooltips.

Data text never reaches MkDocs' own Markdown (which passes raw HTML, `javascript:` links
and attribute lists straight through): it is rendered here by markdown-it-py with HTML
disabled, so whatever an editor types comes out as text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup


class TextRenderer:
    """Renders data Markdown; one instance (and one parser) serves a whole build."""

    def __init__(self, abbreviations: Mapping[str, str]):
        self.abbreviations = dict(abbreviations)
        names = sorted(self.abbreviations, key=len, reverse=True)
        self._abbr = (
            re.compile(r"(?<![\w/-])(" + "|".join(map(re.escape, names)) + r")(?![\w/-])") if names else None
        )
        self.md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
        self.md.core.ruler.push("abbreviations", self._mark_abbreviations)

    def block(self, text: str | None) -> Markup:
        """A paragraph or more, as HTML."""
        return Markup(self.md.render(text or "").strip())

    def inline(self, text: str | None) -> Markup:
        """One line, as HTML without a wrapping paragraph."""
        return Markup(self.md.renderInline(text or "").strip())

    def _mark_abbreviations(self, state: StateCore) -> None:
        if self._abbr is None:
            return
        for token in state.tokens:
            if token.type != "inline" or not token.children:
                continue
            children: list[Token] = []
            inside_link = 0
            for child in token.children:
                inside_link += child.type == "link_open"
                inside_link -= child.type == "link_close"
                if child.type == "text" and not inside_link:
                    children.extend(self._split(child.content))
                else:
                    children.append(child)
            token.children = children

    def _split(self, content: str) -> list[Token]:
        tokens: list[Token] = []
        position = 0
        assert self._abbr is not None
        for match in self._abbr.finditer(content):
            if match.start() > position:
                tokens.append(_text(content[position : match.start()]))
            word = match.group(1)
            tag = Token("html_inline", "", 0)
            tag.content = f'<abbr title="{html.escape(self.abbreviations[word])}">{html.escape(word)}</abbr>'
            tokens.append(tag)
            position = match.end()
        if position < len(content):
            tokens.append(_text(content[position:]))
        return tokens


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>~-])")


def markdown_literal(text: str) -> str:
    """Text placed in a Markdown line (a heading, a link label) that must stay literal text.

    Backslash-escapes Markdown syntax (including attribute-list braces) and HTML-escapes
    `<`, `>` and `&`, so a name can neither format nor inject markup.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
