"""Search entries for the guides and the glossary, written from the validated data.

Material's search plugin finds a page's sections by parsing its finished HTML, page after page.
The guides (every fact of the data) and the glossary are made from data whose facts are known
here, so their entries are written from the facts instead, in Material's index format
(`location` = page URL and anchor, `title`, `text` as minimal HTML, `boost` from the page's
front matter): each fact once, at the page and anchor where a reader reads it. Section titles
and anchors come from the page's own headings, so they are the page's.

Left out on purpose, each a repetition of what is indexed elsewhere (`LEFT_OUT`):
- a guide's "At a glance" list: the key values of its facet sections;
- a guide's application checklist items: derived from its facet sections (the section is kept,
  by its title);
- a citation's document and section: the sources page indexes each document once; a quote is
  kept when it holds words the text does not.

Nothing here imports the site engine; mkdocs_plugin.py adds the entries to Material's index.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from markdown.extensions.toc import slugify
from markdown_it import MarkdownIt

from . import footnotes, urls, vocabulary
from .load import Dataset
from .markdown_text import safe_link
from .model import Requirement, Source, StateData, Status
from .render import INITIAL_FACETS, RENEWAL_FACETS, STATUS_LABELS, abbreviation_map

Entry = dict[str, Any]

GLOSSARY_PAGE = "glossary.md"

LEFT_OUT = {
    "at a glance": "a guide's summary list repeats the key values of its facet sections",
    "checklist items": "a guide's application checklist is derived from its facet sections",
    "citations": "the sources page indexes each document once; quotes with new words are kept",
}
"""What of a generated page the entries deliberately leave out, and why (see the docstring)."""

_KEPT_TAG = re.compile(r"<(/?)(p|ul|ol|li|code|pre|sub|sup)\b[^>]*>|<[^>]*>")
"""Material's index keeps these tags of a section's HTML and only the text of the others."""

_HEADING = re.compile(r"^(#{1,6}) (.+?)(?: \{ #([\w-]+) \})?$", re.M)
_MARKDOWN_ESCAPE = re.compile(r"\\(.)")
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.validateLink = safe_link
_markdown.disable("image")


def indexed_pages(states: Iterable[StateData]) -> set[str]:
    """The generated pages (docs-relative paths) whose entries this module writes."""
    return {urls.guide_page(s, code) for s in states for code in s.categories} | {GLOSSARY_PAGE}


def entries(dataset: Dataset, states: Iterable[StateData], pages: Mapping[str, str]) -> list[Entry]:
    """The entries of every guide of `states` and of the glossary; `pages` maps each generated
    page to its Markdown (headings and front matter)."""
    found: list[Entry] = []
    for state in states:
        for code in state.categories:
            found += guide_entries(state, code, pages[urls.guide_page(state, code)])
    found += glossary_entries(dataset, pages[GLOSSARY_PAGE])
    return found


def guide_entries(state: StateData, code: str, markdown: str) -> list[Entry]:
    """A guide's entries: the page (who may apply), each facet section, each footnote."""
    category = state.categories[code]
    facts = {slugify(title, "-"): _facet_text(category.initial.__dict__[facet], facet)
             for facet, title in INITIAL_FACETS.items()}
    facts |= {f"renewal-{urls.slug(facet)}": _facet_text(category.renewal.__dict__[facet], facet)
              for facet in RENEWAL_FACETS}
    who = state.who_may_apply
    page_text = f"<p>{_inline(who.text)}</p>" if who else ""
    page = _page_entries(urls.guide_page(state, code), markdown, page_text, facts)
    url, boost = page[0]["location"], page[0].get("boost")
    for note in category.footnotes:
        page.append(_entry(f"{url}#{footnotes.anchor(note.mark)}", f"Footnote {html.escape(note.mark)}",
                           _block(note.text) + _quote(note.source, note.text), boost))
    return page


def glossary_entries(dataset: Dataset, markdown: str) -> list[Entry]:
    """The glossary's entries: each term with its definition, and the abbreviations."""
    facts = {slugify(t.term, "-"): _block(t.definition) + _quote(t.source, t.definition) for t in dataset.glossary.terms}
    meanings = abbreviation_map(dataset)
    abbreviations = "".join(f"<li>{_escape(a.abbreviation)}: {_escape(meanings[a.abbreviation])}</li>"
                            for a in dataset.glossary.abbreviations)
    facts[slugify("Abbreviations", "-")] = f"<ul>{abbreviations}</ul>" if abbreviations else ""
    return _page_entries(GLOSSARY_PAGE, markdown, "", facts)


def add_to_index(index_file: Path, added: list[Entry]) -> None:
    """Append `added` to the search index Material wrote (UTF-8, not \\u escapes: a smaller file)."""
    index = json.loads(index_file.read_text(encoding="utf-8"))
    index["docs"].extend(added)
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _page_entries(page: str, markdown: str, page_text: str, facts: Mapping[str, str]) -> list[Entry]:
    """The page's entry (its first heading), then one per further heading, with the facts at its anchor."""
    url = urls.url_of(page).lstrip("/")
    front = _FRONT_MATTER.match(markdown)
    boost = ((yaml.load(front.group(1), Loader=yaml.CSafeLoader) or {}).get("search") or {}).get("boost") if front else None
    headings = _HEADING.findall(markdown[front.end() if front else 0:])
    title = _title(headings[0][1])
    found = [_entry(url, title, page_text, boost)]
    for _, heading, anchor in headings[1:]:
        text = _title(heading)
        anchor = anchor or slugify(html.unescape(text), "-")
        found.append(_entry(f"{url}#{anchor}", text, facts.get(anchor, ""), boost))
    return found


def _entry(location: str, title: str, text: str, boost: float | None) -> Entry:
    entry: Entry = {"location": location, "title": title, "text": text}
    if boost is not None:
        entry["boost"] = boost
    return entry


def _facet_text(req: Requirement, facet: str) -> str:
    """A facet as its guide section says it: status (as its badge shows it), key values, text, new quote words."""
    shown = not (facet == "scope" and req.status is Status.required)
    status = f"<p>{_escape(STATUS_LABELS[req.status])}</p>" if shown else ""
    values = vocabulary.key_values(req)
    listed = "<ul>" + "".join(f"<li>{_escape(v)}</li>" for v in values) + "</ul>" if values else ""
    return status + listed + _block(req.text) + _quote(req.source, req.text)


def _quote(source: Source | None, text: str | None) -> str:
    """The source's quoted words, when they hold words the text does not."""
    if source is None or not source.quote or set(_words(source.quote)) <= set(_words(text)):
        return ""
    return f"<p>{_escape(source.quote)}</p>"


def _words(text: str | None) -> list[str]:
    return re.findall(r"\w+", (text or "").lower())


def _block(text: str | None) -> str:
    return _index_html(_markdown.render(text or ""))


def _inline(text: str) -> str:
    return _index_html(_markdown.renderInline(text))


def _index_html(rendered: str) -> str:
    """Rendered data Markdown as Material indexes HTML: kept tags bare, other tags dropped, text
    escaped (markdown-it escapes every text and attribute, so no `>` hides in a tag)."""
    parts = _KEPT_TAG.split(rendered.replace("\n", " "))
    out = []
    for i in range(0, len(parts), 3):  # text, then a tag's slash and name (None for a dropped tag)
        out.append(html.escape(html.unescape(parts[i]), quote=False))
        if i + 2 < len(parts) and parts[i + 2]:
            out.append(f"<{parts[i + 1]}{parts[i + 2]}>")
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _title(heading: str) -> str:
    """A Markdown heading's text as Material titles it: Markdown escapes undone, HTML-escaped once
    (the template escaped it already)."""
    return html.escape(html.unescape(_MARKDOWN_ESCAPE.sub(r"\1", heading).strip()), quote=False)
