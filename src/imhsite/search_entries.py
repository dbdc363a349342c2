"""Search entries for the guides and the glossary, written from the validated data.

Material's search plugin finds a page's sections by parsing its finished HTML, page after page.
The guides (every fact of the data) and the glossary are made from data whose facts are known
here, so their entries are written from the facts instead, in Material's index format
(`location` = page URL and anchor, `title`, `text` as minimal HTML, `boost` from the page's
front matter): each fact once, at the page and anchor where a reader reads it. Section titles
and anchors come from the page's own headings, so they are the page's.

Every section Material would index is kept (tests/test_search_index.py compares); left out of
their texts on purpose, each a repetition of what is indexed elsewhere:
- a guide's "At a glance" list: the key values of its facet sections;
- a guide's application checklist items: derived from its facet sections (the section is kept,
  by its title);
- a citation's document and section: the sources page indexes each document once; a quote is
  kept when it holds words the text does not.

The other generated pages (home, self-check, competencies, sources, changes, field reference, the
comparisons' index) stay Material's to parse: a dozen pages, most of whose words are their
templates' own, which this module would have to write again.

Nothing here imports the site engine; mkdocs_plugin.py adds the entries to Material's index.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

import yaml
from markdown.extensions.toc import slugify

from . import footnotes, urls, vocabulary
from .load import Dataset
from .model import Requirement, Source, StateData, Status
from .render import INITIAL_FACETS, RENEWAL_FACETS, STATUS_LABELS, abbreviation_map

Entry = dict[str, Any]

GLOSSARY_PAGE = "glossary.md"

_KEPT_TAG = re.compile(r"<(/?)(p|ul|ol|li|code|pre|sub|sup)\b[^>]*>|<[^>]*>")
"""Material's index keeps these tags of a section's HTML and only the text of the others."""

_HEADING = re.compile(r"\n(#{1,6}) ([^\n]+?)(?: \{ #([\w-]+) \})?(?=\n|$)")
_MARKDOWN_ESCAPE = re.compile(r"\\(.)")
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)
_SPACES = re.compile(r" {2,}")

_INITIAL_ANCHORS = {facet: slugify(title, "-") for facet, title in INITIAL_FACETS.items()}
"""A guide's initial facet sections' anchors: their headings' ids, as MkDocs' toc makes them."""
_RENEWAL_ANCHORS = {facet: f"renewal-{urls.slug(facet)}" for facet in RENEWAL_FACETS}
"""A guide's renewal facet sections' anchors, which guide.md.j2 sets."""

TextToHtml = Callable[[str], str]
"""Data Markdown -> HTML: the renderer the pages were made with (its cache serves both)."""


def indexed_pages(states: Iterable[StateData]) -> set[str]:
    """The generated pages (docs-relative paths) whose entries this module writes."""
    return {urls.guide_page(s, code) for s in states for code in s.categories} | {GLOSSARY_PAGE}


@dataclass
class EntryCache:
    """Each state's entries as JSON, kept while its data and its pages' Markdown are the same
    (`mkdocs serve` rebuilds after an edit write the unchanged states' entries again as they were)."""

    states: dict[str, tuple[StateData, list[str], str]] = field(default_factory=dict)

    def state_json(self, state: StateData, pages: Mapping[str, str], block: TextToHtml, inline: TextToHtml) -> str:
        markdown = [pages[urls.guide_page(state, code)] for code in state.categories]
        kept = self.states.get(state.state)
        if kept is None or kept[0] is not state or kept[1] != markdown:
            found = [entry for code, page in zip(state.categories, markdown)
                     for entry in guide_entries(state, code, page, block, inline)]
            kept = self.states[state.state] = (state, markdown, _json(found))
        return kept[2]


def index_json(dataset: Dataset, states: Iterable[StateData], pages: Mapping[str, str], block: TextToHtml,
               inline: TextToHtml, cache: EntryCache) -> Iterator[str]:
    """The entries of every guide of `states` and of the glossary, as JSON lists, one at a time (a
    build writes each and lets it go); `pages` maps each generated page to its Markdown (its
    headings and front matter)."""
    for state in states:
        yield cache.state_json(state, pages, block, inline)
    yield _json(glossary_entries(dataset, pages[GLOSSARY_PAGE], block))


def guide_entries(state: StateData, code: str, markdown: str, block: TextToHtml, inline: TextToHtml) -> list[Entry]:
    """A guide's entries: the page (who may apply), each facet section, each footnote."""
    category = state.categories[code]
    facts = {anchor: _facet_text(getattr(category.initial, facet), facet, block) for facet, anchor in _INITIAL_ANCHORS.items()}
    facts |= {anchor: _facet_text(getattr(category.renewal, facet), facet, block) for facet, anchor in _RENEWAL_ANCHORS.items()}
    who = state.who_may_apply
    page_text = f"<p>{_index_html(inline(who.text))}</p>" if who else ""
    page = _page_entries(urls.guide_page(state, code), markdown, page_text, facts)
    url, boost = page[0]["location"], page[0].get("boost")
    for note in category.footnotes:
        page.append(_entry(f"{url}#{footnotes.anchor(note.mark)}", f"Footnote {_escape(note.mark)}",
                           _index_html(block(note.text)) + _quote(note.source, note.text), boost))
    return page


def glossary_entries(dataset: Dataset, markdown: str, block: TextToHtml) -> list[Entry]:
    """The glossary's entries: each term with its definition, and the abbreviations."""
    facts = {slugify(t.term, "-"): _index_html(block(t.definition)) + _quote(t.source, t.definition)
             for t in dataset.glossary.terms}
    meanings = abbreviation_map(dataset)
    abbreviations = "".join(f"<li>{_escape(a.abbreviation)}: {_escape(meanings[a.abbreviation])}</li>"
                            for a in dataset.glossary.abbreviations)
    facts[slugify("Abbreviations", "-")] = f"<ul>{abbreviations}</ul>" if abbreviations else ""  # glossary.md.j2's last section
    return _page_entries(GLOSSARY_PAGE, markdown, "", facts)


def outline(markdown: str) -> str:
    """As much of a page's Markdown as its entries are made of: its front matter and its heading
    lines (a build keeps only this of each indexed page until the index is written)."""
    front = _FRONT_MATTER.match(markdown)
    start = front.end() if front else 0
    return markdown[:start] + "\n".join(line for line in markdown[start:].split("\n") if line.startswith("#"))


def add_to_index(index_file: Path, added: Iterable[str]) -> None:
    """Append the entries (JSON lists) to the search index Material wrote, whose own entries are
    the hand-written pages'. UTF-8, not \\u escapes: a smaller file.

    Written entry by entry (the whole index is never one string: at 200 states, tens of MB) into
    a file beside it that then replaces it."""
    index = json.loads(index_file.read_text(encoding="utf-8"))
    docs = chain((_json(doc) for doc in index.pop("docs")), (part[1:-1] for part in added if part != "[]"))
    written = index_file.with_name(index_file.name + ".part")
    with written.open("w", encoding="utf-8") as out:
        out.write(f'{{"config":{_json(index["config"])},"docs":[')
        for at, part in enumerate(docs):
            out.write("," + part if at else part)
        out.write("]}")
    written.replace(index_file)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _page_entries(page: str, markdown: str, page_text: str, facts: Mapping[str, str]) -> list[Entry]:
    """The page's entry (its first heading), then one per further heading, with the facts at its anchor."""
    url = urls.url_of(page).lstrip("/")
    front = _FRONT_MATTER.match(markdown)
    boost = ((yaml.load(front.group(1), Loader=yaml.CSafeLoader) or {}).get("search") or {}).get("boost") if front else None
    headings = _HEADING.findall("\n" + markdown[front.end() if front else 0:])
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


def _facet_text(req: Requirement, facet: str, block: TextToHtml) -> str:
    """A facet as its guide section says it: status (as its badge shows it), key values, text, new quote words."""
    shown = not (facet == "scope" and req.status is Status.required)
    status = f"<p>{_escape(STATUS_LABELS[req.status])}</p>" if shown else ""
    values = vocabulary.key_values(req)
    listed = "<ul>" + "".join(f"<li>{_escape(v)}</li>" for v in values) + "</ul>" if values else ""
    text = _index_html(block(req.text)) if req.text else ""
    return status + listed + text + _quote(req.source, req.text)


def _quote(source: Source | None, text: str | None) -> str:
    """The source's quoted words, when they hold words the text does not."""
    if source is None or not source.quote or set(_words(source.quote)) <= set(_words(text)):
        return ""
    return f"<p>{_escape(source.quote)}</p>"


def _words(text: str | None) -> list[str]:
    return re.findall(r"\w+", (text or "").lower())


def _index_html(rendered: str) -> str:
    """Rendered data Markdown as Material indexes HTML: kept tags bare, other tags dropped, text
    escaped as Material escapes it (markdown_text.TextRenderer escapes every text and attribute,
    so no `>` hides in a tag)."""
    kept = _KEPT_TAG.sub(lambda tag: f"<{tag[1]}{tag[2]}>" if tag[2] else "", rendered)
    return _SPACES.sub(" ", kept.replace("\n", " ").replace("&quot;", '"')).strip()


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _title(heading: str) -> str:
    """A Markdown heading's text as Material titles it: Markdown escapes undone, HTML-escaped once
    (the template escaped it already)."""
    return html.escape(html.unescape(_MARKDOWN_ESCAPE.sub(r"\1", heading).strip()), quote=False)
