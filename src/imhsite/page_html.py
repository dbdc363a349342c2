"""A generated page's Markdown -> its HTML, table of contents, title and anchors, without MkDocs.

MkDocs gives every page its own Python-Markdown instance and walks its element tree several
times; a generated page is mostly HTML blocks (stashed by html_stash.py) with a few headings,
paragraphs and lists around them. Here markdown-it-py renders those, matching what
Python-Markdown makes of them with mkdocs.yml's extensions: heading ids as the `toc` extension
slugs them (unique on the page), `{ #id }` attribute lists on headings (`attr_list`), permalinks
(`toc: permalink`), tooltips for the abbreviations (`abbr`, in Markdown text only, as its
definitions never reach the stashed blocks) and Python-Markdown's smaller set of backslash
escapes. `tests/test_fast_pages.py` holds this module to the pipeline's DOM on every page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from markdown.extensions.attr_list import NAME_RE, get_attrs_and_remainder
from markdown.extensions.toc import nest_toc_tokens, slugify, strip_tags, unique
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from . import html_stash

PYTHON_MARKDOWN_ESCAPES = frozenset("\\`*_{}[]()>#+-.!")
"""What a backslash escapes in Python-Markdown without extensions; before any other character it stays."""
_HEADER_ATTRIBUTES = re.compile(r"[ ]+\{\:?[ ]*([^\}\n ][^\n]*)[ ]*\}[ ]*$")
"""`attr_list`'s attribute list at the end of a heading."""
_PLACEHOLDER = "\x02{}\x03"
"""How Python-Markdown holds an escaped character or an entity while `abbr` reads the text."""
_PLACEHOLDERS = re.compile("\x02(\\d+)\x03")
_ATX_LINE = re.compile(r"#{1,6}[ \t][^\n]*")
"""An ATX heading on one line, at the margin."""


@dataclass(frozen=True)
class TocOptions:
    """The `toc` extension's options that change a page (mkdocs.yml `markdown_extensions`)."""

    permalink: bool | str = False
    permalink_class: str = "headerlink"
    permalink_title: str = "Permanent link"
    slugify: Callable[[str, str], str] = slugify
    separator: str = "-"
    toc_depth: int | str = 6

    def depth(self) -> tuple[int, int]:
        """The heading levels the table of contents lists."""
        if isinstance(self.toc_depth, str) and "-" in self.toc_depth:
            top, bottom = self.toc_depth.split("-")
            return int(top), int(bottom)
        return 1, int(self.toc_depth)


@dataclass
class PageHtml:
    """What MkDocs' Markdown pass would have given a page."""

    html: str
    toc_tokens: list[dict[str, Any]]
    """Nested like Python-Markdown's `toc_tokens` (level, id, name, children)."""
    title: str | None
    """The first heading's text, when the page opens with an h1."""
    anchor_ids: set[str] = field(default_factory=set)
    """Every element id on the page (headings and HTML), which links may point at."""


class PageConverter:
    """Converts generated pages; one instance (and one parser) serves a whole build.

    `abbreviations`, `toc` and `escapes` are what Python-Markdown would apply: the `abbr`
    definitions, the `toc` options and the characters a backslash escapes (extensions add some).
    """

    def __init__(self, abbreviations: Mapping[str, str], toc: TocOptions = TocOptions(),
                 escapes: frozenset[str] = PYTHON_MARKDOWN_ESCAPES):
        self.settings = (dict(abbreviations), toc, escapes)
        """What the converter was made from: another build with the same settings may reuse it."""
        self.abbreviations = {key: title for key, title in abbreviations.items() if key and title}
        names = sorted(self.abbreviations, key=len, reverse=True)
        self._abbr = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None
        self.toc = toc
        self.escapes = escapes
        self.md = MarkdownIt("commonmark", {"html": True})
        self.md.disable(["html_block", "text_join"])  # blocks are stashed; escapes are ours to join
        self.md.normalizeLink = lambda url: url  # Python-Markdown writes a link as it is given
        self.md.core.ruler.before("inline", "heading_attributes", _heading_attributes)
        self.md.core.ruler.push("python_markdown_text", self._python_markdown_text)
        self._heading_tokens: dict[str, list[Token] | None] = {}

    def convert(self, markdown: str, resolve_link: Callable[[str], str] = lambda url: url) -> PageHtml:
        """The page's HTML; `resolve_link` turns each Markdown link's target into its URL."""
        stashed = html_stash.stash(markdown)
        tokens = self._outline(stashed.markdown)
        if tokens is None:
            tokens = self.md.parse(stashed.markdown)
        anchor_ids = stashed.anchor_ids()
        headings = self._headings(tokens, anchor_ids, resolve_link)
        for token in tokens:
            for child in token.children or ():
                if child.type == "link_open":
                    child.attrSet("href", resolve_link(str(child.attrGet("href"))))
                elif child.type == "html_inline":
                    anchor_ids.update(html_stash.element_ids(child.content))
        body = stashed.restore(self.md.renderer.render(tokens, self.md.options, {})).rstrip("\n")
        first = next((t for t in tokens if t.block and t.nesting == 1), None)
        title = headings[0]["name"] if headings and first is not None and first.tag == "h1" else None
        top, bottom = self.toc.depth()
        listed = [h for h in headings if top <= h["level"] <= bottom]
        return PageHtml(body, nest_toc_tokens(listed), title, anchor_ids)

    def _outline(self, markdown: str) -> list[Token] | None:
        """The tokens markdown-it would give a page made of headings and HTML blocks only (a
        guide, once its blocks are stashed), each heading parsed once per build; None for
        any other page. The same tokens, at a tenth of the cost of parsing the page."""
        tokens: list[Token] = []
        for paragraph in markdown.split("\n\n"):
            paragraph = paragraph.rstrip("\n")
            if html_stash.is_placeholder(paragraph):
                inline = Token("inline", "", 0, content=paragraph, children=[_text_token(paragraph, [])])
                tokens += [Token("paragraph_open", "p", 1, block=True), inline, Token("paragraph_close", "p", -1, block=True)]
            elif _ATX_LINE.fullmatch(paragraph):
                heading = self._heading(paragraph)
                if heading is None:
                    return None
                opening, inline, closing = heading  # what _headings changes is the page's own
                tokens += [Token(opening.type, opening.tag, 1, attrs=dict(opening.attrs), block=True),
                           Token("inline", "", 0, content=inline.content, children=list(inline.children or ())), closing]
            elif paragraph.strip():
                return None
        return tokens

    def _heading(self, line: str) -> list[Token] | None:
        """A heading line's tokens, parsed once; None if its text holds a link or an id (which a
        page resolves or claims on its own)."""
        if line not in self._heading_tokens:
            tokens = self.md.parse(line)
            own = len(tokens) == 3 and tokens[0].type == "heading_open" and not any(
                child.type == "link_open" or (child.type == "html_inline" and html_stash.element_ids(child.content))
                for child in tokens[1].children or ())
            self._heading_tokens[line] = tokens if own else None
        return self._heading_tokens[line]

    def _headings(self, tokens: list[Token], anchor_ids: set[str],
                  resolve_link: Callable[[str], str]) -> list[dict[str, Any]]:
        """Give each heading its id and permalink; its toc entry. Ids the Markdown sets come first."""
        used = {str(t.attrGet("id")) for t in tokens if t.type == "heading_open" and t.attrGet("id")}
        counters: dict[str, int] = {}
        found = []
        for index, token in enumerate(tokens):
            if token.type != "heading_open":
                continue
            inline = tokens[index + 1]
            inner = self.md.renderer.renderInline(inline.children or [], self.md.options, {})
            name = strip_tags(inner)
            if token.attrGet("id") is None:
                token.attrSet("id", unique(self.toc.slugify(html.unescape(name), self.toc.separator), used, counters))
            anchor = str(token.attrGet("id"))
            anchor_ids.add(anchor)
            found.append({"level": int(token.tag[1]), "id": anchor, "name": name})
            if self.toc.permalink is not False:
                inline.children = [*(inline.children or []), self._permalink(resolve_link(f"#{anchor}"))]
        return found

    def _permalink(self, href: str) -> Token:
        mark = "&para;" if self.toc.permalink is True else html.escape(str(self.toc.permalink))
        title = f' title="{html.escape(self.toc.permalink_title)}"' if self.toc.permalink_title else ""
        token = Token("html_inline", "", 0)
        token.content = f'<a class="{html.escape(self.toc.permalink_class)}" href="{html.escape(href)}"{title}>{mark}</a>'
        return token

    def _python_markdown_text(self, state: StateCore) -> None:
        """Join text as Python-Markdown reads it: its escapes only, then abbreviations as tooltips."""
        for token in state.tokens:
            if token.type != "inline" or not token.children:
                continue
            children: list[Token] = []
            run: list[Token] = []
            for child in [*token.children, None]:
                if child is not None and child.type in ("text", "text_special"):
                    run.append(child)
                    continue
                if run:
                    children.extend(self._text(run))
                    run = []
                if child is not None:
                    children.append(child)
            token.children = children

    def _text(self, run: list[Token]) -> list[Token]:
        """One stretch of text, with each escape or entity held as Python-Markdown holds it."""
        held: list[str] = []
        text = ""
        for token in run:
            if token.type == "text":
                text += token.content
            elif token.info == "escape" and token.content not in self.escapes:
                text += token.markup
            else:  # Python-Markdown writes an entity as the page spells it, an escaped character as itself
                text += _PLACEHOLDER.format(len(held))
                held.append(token.markup if token.info == "entity" else _escaped(token.content))
        pieces: list[Token] = []
        position = 0
        for match in self._abbr.finditer(text) if self._abbr else ():
            pieces.append(_text_token(text[position:match.start()], held))
            pieces.append(_abbr_token(match.group(0), self.abbreviations[match.group(0)], held))
            position = match.end()
        pieces.append(_text_token(text[position:], held))
        return [piece for piece in pieces if piece.content]


def _heading_attributes(state: StateCore) -> None:
    """`## Title { #id .class }`: the attributes go to the heading, as `attr_list` does."""
    for index, token in enumerate(state.tokens):
        if token.type != "heading_open":
            continue
        inline = state.tokens[index + 1]
        found = _HEADER_ATTRIBUTES.search(inline.content)
        if found is None:
            continue
        attributes, remainder = get_attrs_and_remainder(found.group(1))
        if remainder:
            continue
        for key, value in attributes:
            if key == ".":
                token.attrJoin("class", str(value))
            else:
                token.attrSet(NAME_RE.sub("_", key), value or "")
        inline.content = inline.content[: found.start()].rstrip("#").rstrip()


def _escaped(text: str) -> str:
    """Text as Python-Markdown's serializer escapes it: `&`, `<` and `>` only."""
    return html.escape(text, quote=False)


def _restored(text: str, held: list[str]) -> str:
    """`text` as HTML, with each held escape or entity back in its place."""
    return "".join(held[int(part)] if index % 2 else _escaped(part)
                   for index, part in enumerate(_PLACEHOLDERS.split(text)))


def _text_token(text: str, held: list[str]) -> Token:
    token = Token("html_inline", "", 0)
    token.content = _restored(text, held)
    return token


def _abbr_token(word: str, title: str, held: list[str]) -> Token:
    token = Token("html_inline", "", 0)
    token.content = f'<abbr title="{html.escape(title)}">{_restored(word, held)}</abbr>'
    return token
