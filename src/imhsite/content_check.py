"""Hand-written pages may not carry markup or script: MkDocs' Markdown would pass them through.

Python-Markdown keeps raw HTML, `javascript:` links and `{ onclick=... }` attribute lists, so
content/ is read here with markdown-it-py first and refused if it holds any of them. The two
parsers do not agree on every corner of the syntax (Python-Markdown passes `<svg/onload=...>`
through, CommonMark calls it text; Python-Markdown ends a link at a space inside the address),
so the text is also searched for anything tag-like and for script addresses wherever a link
could begin, and the HTML MkDocs finally makes of a page is checked again by `html_problems`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from typing import Any

from markdown_it import MarkdownIt
from mkdocs.utils.meta import YAML_RE

from .codes import HTML_TAG

_PARSER = MarkdownIt("commonmark", {"html": True})
_PARSER.validateLink = lambda url: True  # see every link, to judge its scheme here
_SAFE_SCHEMES = re.compile(r"^(?:https?:|mailto:|#|\.{0,2}/|[\w.~%-]+(?:[/#?]|$))", re.IGNORECASE)
_LOCAL = re.compile(r"^(?:#|\.{0,2}/(?!/)|[\w.~%-]+(?:[/#?]|$))", re.IGNORECASE)
_ATTRIBUTE_LIST = re.compile(r"\{:?[^}\n]*\}")
_RISKY_ATTRIBUTE = re.compile(r"(?:^|\s)(?:on\w+|style|href|src)\s*=", re.IGNORECASE)
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)", re.IGNORECASE)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
_IGNORED_IN_ADDRESSES = re.compile(r"[\x00-\x20\\\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
"""What browsers (or Python-Markdown's escapes) drop from an address: `java&#9;script:` runs."""
_SCRIPT_ADDRESS = re.compile(r"(?:\]\(<?|\]:<?|<)(?:javascript|vbscript|livescript|data):")
_RUNNABLE = re.compile(r"^(?:javascript|vbscript|livescript|data):")


def problems(markdown: str) -> Iterator[tuple[int, str]]:
    """(line, message) for every piece of markup or script in one hand-written page.

    A line refused for raw HTML (or for a link) by one rule is not refused again by another.
    """
    said: set[tuple[int, str]] = set()
    for line, message in _problems(markdown):
        kind = "link" if "link to" in message else message.split(",")[0].split(";")[0]
        if (line, kind) not in said:
            said.add((line, kind))
            yield line, message


def _problems(markdown: str) -> Iterator[tuple[int, str]]:
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
            elif child.type == "image" and isinstance(target, str) and not _LOCAL.match(target.strip()):
                yield line, f"image {target[:40]!r} is not a file of this site; the site loads nothing from other hosts"
    fenced = _code_lines(markdown)
    lines = markdown.split("\n")  # not splitlines(): U+2028 and friends do not end a Markdown line
    for number, text in enumerate(lines, start=1):
        if number in fenced:
            continue
        tags = [t for t in HTML_TAG.findall(_CODE_SPAN.sub("", text)) if not _AUTOLINK.match(t)]
        if tags:  # what CommonMark calls text but Python-Markdown passes on as a tag: <svg/onload=...>
            yield number, f"raw HTML is not allowed in hand-written pages, found {tags[0][:30]!r}"
        for attributes in _ATTRIBUTE_LIST.findall(text):
            if _RISKY_ATTRIBUTE.search(attributes.strip("{}: ")):
                yield number, f"attribute list {attributes[:40]!r} may not set event handlers, styles or links"
    yield from _script_addresses(lines, fenced)


FRONT_MATTER_KEYS = ("title", "description")
"""What a hand-written page's front matter may set: the theme prints both into the page's head,
and the title into its header and the navigation; every other key is something a theme or
plugin would obey (a template, hidden parts) rather than show. `search` alone is let through,
checked to be Material's boost or exclude (_search_problems)."""

MAX_FRONT_MATTER_TEXT = 300
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def front_matter_problems(source: str, meta: Mapping[Any, Any]) -> Iterator[tuple[int, str]]:
    """(line, message) for what the front matter of one hand-written page may not say.

    `source` is the page's file as written, `meta` what MkDocs read from its top. Values must be
    one line of plain text; MkDocs' older `Key: value` lines (no `---`) are refused altogether.
    """
    if not YAML_RE.match(source):
        if meta:
            yield 1, (f"the page starts with MkDocs meta-data ({next(iter(meta))!r}: ...); "
                      "put it between --- lines as YAML front matter, or start the page with text")
        return
    if not meta:
        yield 1, "the front matter between --- lines is not a YAML mapping of keys to text"
    lines = source.split("\n")
    for key, value in meta.items():
        line = next((number for number, text in enumerate(lines[1:], start=2)
                     if re.match(rf"""['"]?{re.escape(str(key))}['"]?\s*:""", text)), 1)
        if key == "search":
            yield from ((line, message) for message in _search_problems(value))
        elif key not in FRONT_MATTER_KEYS:
            yield line, (f"front matter: {str(key)[:40]!r} is not allowed; a page may set only "
                         f"{', '.join(FRONT_MATTER_KEYS)} and search")
        elif not isinstance(value, str) or not value.strip():
            yield line, f"front matter: {key}: expected one line of text, got {_kind(value)}"
        elif len(value) > MAX_FRONT_MATTER_TEXT:
            yield line, f"front matter: {key}: must be at most {MAX_FRONT_MATTER_TEXT} characters, got {len(value)}"
        elif _CONTROL.search(value):
            yield line, f"front matter: {key}: expected one line of text, found a control character or line break"
        elif tag := HTML_TAG.search(value):
            yield line, f"front matter: {key}: raw HTML is not allowed, found {tag.group(0)[:30]!r}"


def _search_problems(value: Any) -> Iterator[str]:
    """Material's `search:` settings, and only these: `boost` (a number from 0 to 10) or `exclude: true`."""
    if not isinstance(value, dict) or not value or set(value) - {"boost", "exclude"}:
        yield "front matter: search: expected a mapping of boost (a number) or exclude (true or false)"
        return
    boost = value.get("boost", 1)
    if isinstance(boost, bool) or not isinstance(boost, (int, float)) or not 0 <= boost <= 10:
        yield f"front matter: search: boost: expected a number from 0 to 10, got {_kind(boost)}"
    if not isinstance(value.get("exclude", False), bool):
        yield f"front matter: search: exclude: expected true or false, got {_kind(value['exclude'])}"


def _kind(value: Any) -> str:
    """What a value is, without writing it out: aliases may have made it a bomb of nested lists."""
    if isinstance(value, (dict, list)):
        return f"a {'mapping' if isinstance(value, dict) else 'list'}"
    return repr(value)[:40]


def _script_addresses(lines: list[str], code: set[int]) -> Iterator[tuple[int, str]]:
    """`javascript:`/`data:` where a link could begin, however it is spelled or spaced."""
    kept: list[str] = []
    line_of: list[int] = []
    for number, text in enumerate(lines, start=1):
        if number in code:
            continue
        text = html.unescape(_CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text))
        for char in _IGNORED_IN_ADDRESSES.sub("", text).lower():
            kept.append(char)
            line_of.append(number)
    flat = "".join(kept)
    reported: set[int] = set()
    for match in _SCRIPT_ADDRESS.finditer(flat):
        number = line_of[match.end() - 1]
        if number not in reported:
            reported.add(number)
            yield number, f"a link to {match.group(0).lstrip('](<:')!r} is not allowed; links are http(s), mailto or site pages"


def _code_lines(markdown: str) -> set[int]:
    """Line numbers inside fenced or indented code, where braces are just text."""
    lines: set[int] = set()
    for token in _PARSER.parse(markdown):
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(token.map[0] + 1, token.map[1] + 1))
    return lines


# --- the page MkDocs made -------------------------------------------------------------------

_FORBIDDEN_ELEMENTS = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
                       "form", "link", "meta", "svg", "math", "template", "portal"}
_ALIGNMENT = re.compile(r"^text-align: (?:left|right|center);?$")
"""The one style Python-Markdown writes itself: a table column's alignment."""
_ADDRESS_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "srcset", "xlink:href", "background",
                       "cite", "data", "codebase", "ping", "longdesc"}


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _FORBIDDEN_ELEMENTS:
            self.found.append(f"a <{tag}> element")
        for name, value in attrs:
            address = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name.startswith("on") or name == "srcdoc" or (name == "style" and not _ALIGNMENT.match(value or "")):
                self.found.append(f"a {name}= attribute on <{tag}>")
            elif name in _ADDRESS_ATTRIBUTES and _RUNNABLE.match(address):
                self.found.append(f"a {address[:30]!r} address on <{tag}>")
            elif tag == "img" and name == "src" and not _LOCAL.match(address):
                self.found.append(f"an image from another host, {address[:40]!r}")

    handle_startendtag = handle_starttag


def html_problems(page_html: str) -> list[str]:
    """What the HTML of a hand-written page holds that could run or load from elsewhere."""
    scan = _Scan()
    scan.feed(page_html)
    scan.close()
    return list(dict.fromkeys(scan.found))
