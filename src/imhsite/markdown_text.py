"""Markdown from data -> safe HTML, with abbreviations marked up as tooltips.

Data text never reaches MkDocs' own Markdown (which passes raw HTML, `javascript:` links
and attribute lists straight through): it is rendered here by markdown-it-py with HTML
disabled, so whatever an editor types comes out as text. Links may go to web addresses,
mail addresses and pages of the site only (no `javascript:`, no `data:`, however spelled),
and images are not rendered (an image from data would be fetched from another host).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup


class TextRenderer:
    """Renders data Markdown; one instance (and one parser) serves a whole build."""

    def __init__(self, abbreviations: Mapping[str, str]):
        self.abbreviations = dict(abbreviations)
        names = sorted((name for name in self.abbreviations if name), key=len, reverse=True)
        # The lookahead for a first letter lets the pattern pass most places at one test (4x faster).
        firsts = "".join(sorted({re.escape(name[0]) for name in names}))
        self._abbr = (
            re.compile(rf"(?=[{firsts}])(?<![\w/-])(" + "|".join(map(re.escape, names)) + r")(?![\w/-])") if names else None
        )
        self.md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
        self.md.validateLink = safe_link
        self.md.disable("image")
        self.md.core.ruler.push("abbreviations", self._mark_abbreviations)

    def block(self, text: str | None) -> Markup:
        """A paragraph or more, as HTML.

        Paragraphs of plain words (`plain_paragraphs`: half of the data's texts) are made as
        markdown-it would make them, without parsing them.
        """
        paragraphs = plain_paragraphs(text or "")
        if paragraphs is None:
            return Markup(self.md.render(text or "").strip())
        return Markup("\n".join("<p>" + "\n".join(map(self._plain_line, lines)) + "</p>" for lines in paragraphs))

    def _plain_line(self, line: str) -> str:
        labelled = _LABELLED_LINE.fullmatch(line)
        if labelled:
            return f"<strong>{self._plain_words(labelled['label'])}</strong>{self._plain_words(labelled['rest'])}"
        return self._plain_words(line)

    def _plain_words(self, words: str) -> str:
        return "".join(escapeHtml(piece) if plain else piece for piece, plain in self._pieces(words))

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
        return [_text(piece) if plain else _html(piece) for piece, plain in self._pieces(content)]

    def _pieces(self, content: str) -> Iterator[tuple[str, bool]]:
        """A text as its plain pieces (True) and its abbreviations' `<abbr>` tags (False), in order."""
        position = 0
        for match in self._abbr.finditer(content) if self._abbr else ():
            if match.start() > position:
                yield content[position : match.start()], True
            word = match.group(1)
            yield f'<abbr title="{html.escape(self.abbreviations[word])}">{html.escape(word)}</abbr>', False
            position = match.end()
        if position < len(content):
            yield content[position:], True


_SAFE_LINK = re.compile(r"^(?:https?:|mailto:|#|/|\.|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)


def safe_link(url: str) -> bool:
    """A web, mail or site address: nothing a browser would run or decode as a document.

    markdown-it's own check lets `data:image/...` through and judges `java&#9;script:` by its
    spelling; here anything with a scheme other than http(s) or mailto is refused.
    """
    return bool(_SAFE_LINK.match(url.strip()))


def abbreviation_definitions(abbreviations: Mapping[str, str]) -> str:
    """Python-Markdown `*[ABBR]: meaning` lines, one per abbreviation, that cannot become markup.

    The lines are appended to every page's Markdown, so a meaning that spans lines would be read
    as Markdown (a `javascript:` link, an attribute list) on every page: whitespace runs become
    one space, and an abbreviation that such a line cannot hold (`]` or `\\`) gets no line (it
    still becomes a tooltip in data text, through TextRenderer). Each line is a paragraph of its
    own: Python-Markdown tests every block processor against a block again after each
    definition it takes from it, which is quadratic in the size of one block of definitions.
    """
    return "\n\n".join(f"*[{abbreviation}]: {meaning}" for abbreviation, meaning in markdown_abbreviations(abbreviations).items())


def markdown_abbreviations(abbreviations: Mapping[str, str]) -> dict[str, str]:
    """The abbreviations as `abbreviation_definitions` gives them to Python-Markdown's `abbr`."""
    found = {}
    for abbreviation, meaning in abbreviations.items():
        abbreviation, meaning = " ".join(abbreviation.split()), " ".join(meaning.split())
        if abbreviation and not re.search(r"[\]\\]", abbreviation):
            found[abbreviation] = meaning
    return found


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _html(content: str) -> Token:
    token = Token("html_inline", "", 0)
    token.content = content
    return token


_MARKUP_STARTS = r"\\`*_\[\]<>&!~"
"""The characters that could start an emphasis, code, link, image, entity, escape or tag (tables
and strikethrough are off in markdown-it's "commonmark" preset)."""
_PLAIN_WORDS = rf"[^{_MARKUP_STARTS}]*"
_PLAIN_LINE = re.compile(rf"(?!\d{{1,9}}[.)](?: |$))[^\W_]{_PLAIN_WORDS}")
"""A letter or a digit that starts no numbered list item (`1.`, `2)`), then plain words: a line that
can start, continue or end nothing but a paragraph."""
_LABELLED_LINE = re.compile(rf"\*\*(?P<label>[^\W_](?:{_PLAIN_WORDS}[^\s{_MARKUP_STARTS}])?)\*\*(?P<rest>(?: {_PLAIN_WORDS})?)")
"""Plain words in bold, from a letter or a digit to a character that is no space, then a space and
plain words or nothing: the bold's `**` can only open and close it (CommonMark's flanking rules)."""


def plain_paragraphs(text: str) -> list[list[str]] | None:
    """The paragraphs of `text` and their lines, if every line is plain words (`_PLAIN_LINE`), maybe
    led by words in bold (`_LABELLED_LINE`), printable, with no space around it, and paragraphs are
    parted by one empty line; else None.

    markdown-it makes such a text into those paragraphs, each line its text and the lines parted
    by a line break.
    """
    paragraphs = [paragraph.split("\n") for paragraph in text.strip("\n").split("\n\n")]
    for lines in paragraphs:
        for line in lines:
            if not ((_PLAIN_LINE.fullmatch(line) or _LABELLED_LINE.fullmatch(line)) and line.isprintable() and line == line.strip()):
                return None
    return paragraphs


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>~-])")


def markdown_literal(text: str) -> str:
    """Text placed in a Markdown line (a heading, a link label) that must stay literal text.

    Backslash-escapes Markdown syntax (including attribute-list braces) and HTML-escapes
    `<`, `>` and `&`, so a name can neither format nor inject markup; whitespace runs (line
    breaks too) become one space, so it cannot start a line of its own.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))
