"""Search entries for the guides and the glossary, written from the validated data.

Material's search plugin finds a page's sections by parsing its finished HTML, page after page.
The guides (every fact of the data) and the glossary are made from data whose facts are known
here, so their entries are written from the facts instead, in Material's index format
(`location` = page URL and anchor, `title`, `text`, `boost` from the page's front matter): each
fact once, at the page and anchor where a reader reads it. Section titles and anchors come from
the page's own headings, so they are the page's.

The text is plain (HTML-escaped as Material escapes it; a middle dot between paragraphs and list
items): a phone downloads the index on its first search, and a result's teaser shows the
same words, a dot where a paragraph or item ends. Every section Material would index is kept (tests/test_search_index.py
compares); left out of their texts on purpose, each a repetition of what is indexed elsewhere or
no fact:
- a guide's "At a glance" list: the key values of its facet sections;
- a guide's application checklist items: derived from its facet sections (the section is kept,
  by its title);
- a citation's document and section: the sources page indexes each document once; a quote is
  kept when it holds words the text does not;
- the status of a facet its association does not publish: the section keeps its title, with no
  text;
- a paragraph (of a text, a quote, a footnote or the state's "who may apply") that an earlier
  guide of the same state, in the data's order of categories, says at the same section (any
  footnote for footnotes): it is indexed at that guide's section, which shows the same words, and
  this guide's section keeps its status and key values. An association's overview-table quote,
  cited by each of its seven guides, is so indexed once, at its first guide.

Measured with bench/run.py's synthetic projects (2026-12-02): at 200 states the index went from
11.1 MB to 9.0 MB (gzip 1.21 to 1.13 MB), at 50 from 2.85 to 2.33 MB. The paragraphs a state's
guides say once are 5.3 MB of plain text at 200 states, so no single file in Material's format
keeps within the 5 MB issue 14 asks for.

An index that would weigh more than its budget (plugin option `search_index_budget_mb`, 5 MB) is
split per state (`add_to_index`): the main file keeps every entry, a guide's sections with their
status and key values only (found by their titles and values), and each state's entries whole go
to search/states/<state folder>.json, which the site's search worker (templates/theme/assets/
javascripts/workers/imhsite-search.js, around Material's) loads when a query names the state.
At 200 states (bench/run.py, 2026-12-02): a main file of 3.8 MB (173 KB gzipped) and 200 parts,
7.5 MB together, at most 50 KB each; 50 states' 2.4 MB stay one file.

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
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from markdown.extensions.toc import slugify

from . import footnotes, urls
from .load import Dataset
from .model import Requirement, Source, StateData, Status
from .render import INITIAL_FACETS, RENEWAL_FACETS, STATUS_LABELS, RenderedSite, abbreviation_map

Entry = dict[str, Any]

_BETWEEN = " · "
"""Between a section's paragraphs and list items in the index: a result's teaser shows where one
ends (a token of its own for Material's search, so no word's spelling changes)."""

GLOSSARY_PAGE = "glossary.md"
STATE_PARTS = "states"
"""The folder, beside the search index, of a split index's states' files."""

_BLOCK_START = re.compile(r"<(?:p|li|h[1-6]|pre|blockquote|tr|td|th|dt|dd)\b[^>]*>")
"""Where a paragraph, list item or other block of rendered data Markdown starts."""
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")

_HEADING = re.compile(r"\n(#{1,6}) ([^\n]+?)(?: \{ #([\w-]+) \})?(?=\n|$)")
_MARKDOWN_ESCAPE = re.compile(r"\\(.)")
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)

_INITIAL_ANCHORS = {facet: slugify(title, "-") for facet, title in INITIAL_FACETS.items()}
"""A guide's initial facet sections' anchors: their headings' ids, as MkDocs' toc makes them."""
_RENEWAL_ANCHORS = {facet: f"renewal-{urls.slug(facet)}" for facet in RENEWAL_FACETS}
"""A guide's renewal facet sections' anchors, which guide.md.j2 sets."""

TextToHtml = Callable[[str], str]
"""Data Markdown -> HTML: the renderer the pages were made with (its cache serves both)."""


def indexed_pages(states: Iterable[StateData]) -> set[str]:
    """The generated pages (docs-relative paths) whose entries this module writes."""
    return {urls.guide_page(s, code) for s in states for code in s.categories} | {GLOSSARY_PAGE}


class _Text(NamedTuple):
    """A section's text: what a split index's main file keeps (status and key values), then the
    paragraphs that go to its state's part."""

    kept: tuple[str, ...]
    paragraphs: tuple[str, ...]


Section = tuple[Entry, str]
"""An entry, whole, and the text a split index's main file keeps of it."""


@dataclass(frozen=True)
class StateEntries:
    """A state's guides' entries as JSON lists: `whole`, and the two halves of a split index:
    `thin` (every entry, its text cut to its status and key values) for the main file, and `part`
    (the entries `thin` cuts, whole) for the state's own file."""

    whole: str
    thin: str
    part: str


@dataclass
class EntryCache:
    """Each state's entries, kept while its data and its pages' Markdown are the same
    (`mkdocs serve` rebuilds after an edit write the unchanged states' entries again as they were)."""

    states: dict[str, tuple[StateData, list[str], StateEntries]] = field(default_factory=dict)

    def state_entries(self, state: StateData, site: RenderedSite) -> StateEntries:
        markdown = [site.files[urls.guide_page(state, code)] for code in state.categories]
        kept = self.states.get(state.state)
        if kept is None or kept[0] is not state or kept[1] != markdown:
            kept = self.states[state.state] = (state, markdown, _state_json(_state_sections(state, site)))
        return kept[2]


def state_entries(state: StateData, site: RenderedSite) -> list[Entry]:
    """The entries of a state's guides, in the data's order of its categories; a paragraph an
    earlier guide of the state says at the same section is left to that guide's entry."""
    return [entry for entry, _ in _state_sections(state, site)]


def guide_entries(state: StateData, code: str, markdown: str, site: RenderedSite,
                  said: set[tuple[str, str]]) -> list[Entry]:
    """A guide's entries: the page (who may apply), each facet section, each footnote; `said`
    holds the (section, paragraph) pairs the state's earlier guides index, and gets this one's."""
    return [entry for entry, _ in _guide_sections(state, code, markdown, site, said)]


def glossary_entries(dataset: Dataset, markdown: str, block: TextToHtml) -> list[Entry]:
    """The glossary's entries: each term with its definition, and the abbreviations (a split
    index's main file keeps them whole)."""
    facts = {slugify(t.term, "-"): _Text(_paragraphs(block(t.definition)) + _quote(t.source, t.definition), ())
             for t in dataset.glossary.terms}
    meanings = abbreviation_map(dataset)
    facts[slugify("Abbreviations", "-")] = _Text(tuple(  # glossary.md.j2's last section
        f"{_escape(a.abbreviation)}: {_escape(meanings[a.abbreviation])}" for a in dataset.glossary.abbreviations), ())
    return [entry for entry, _ in _page_sections(GLOSSARY_PAGE, markdown, _Text((), ()), facts)]


def glossary_json(dataset: Dataset, site: RenderedSite) -> str:
    """The glossary's entries as a JSON list, from the site's generated page (its outline)."""
    return _json(glossary_entries(dataset, site.files[GLOSSARY_PAGE], site.block_text))


def outline(markdown: str) -> str:
    """As much of a page's Markdown as its entries are made of: its front matter and its heading
    lines (a build keeps only this of each indexed page until the index is written)."""
    front = _FRONT_MATTER.match(markdown)
    start = front.end() if front else 0
    return markdown[:start] + "\n".join(line for line in markdown[start:].split("\n") if line.startswith("#"))


def add_to_index(index_file: Path, states: Iterable[tuple[StateData, StateEntries]], glossary: str,
                 budget: int, written: dict[Path, str] | None = None) -> bool:
    """Add the states' and the glossary's entries (JSON lists) to the search index Material wrote,
    whose own entries are the hand-written pages'; split the index if it would exceed `budget`
    bytes. Whether it was split.

    Split, the index keeps every entry, a guide's sections with their status and key values only,
    and each state's entries are written whole to search/states/<state folder>.json, listed in the
    index's `config.state_parts` (code, name and file, from the index's folder), which Material's
    worker ignores and ours reads (assets/javascripts/workers/imhsite-search.js).

    UTF-8, not \\u escapes: a smaller file. Written entry list by entry list (the whole index is
    never one string: at 200 states, tens of MB) into a file beside it that then replaces it.

    `written` (a server's, kept across rebuilds) holds each part file as last written: a part
    whose text is the same is not written again. Part files of no state listed are removed."""
    index = json.loads(index_file.read_text(encoding="utf-8"))
    config, material, states = index["config"], _json(index["docs"]), list(states)

    def whole() -> Iterator[str]:
        return _index_chunks(config, chain([material], (entries.whole for _, entries in states), [glossary]))

    folder = index_file.parent / STATE_PARTS
    written = {} if written is None else written
    if sum(len(chunk.encode("utf-8")) for chunk in whole()) <= budget:
        _write(index_file, whole())
        _keep_parts(folder, {}, written)
        return False
    paths = [folder / f"{urls.state_folder(state)}.json" for state, _ in states]
    _keep_parts(folder, {path: entries.part for path, (_, entries) in zip(paths, states)}, written)
    table = [{"code": state.state, "name": state.name, "part": f"{STATE_PARTS}/{path.name}"}
             for (state, _), path in zip(states, paths)]
    thin = chain([material], (entries.thin for _, entries in states), [glossary])
    _write(index_file, _index_chunks({**config, "state_parts": table}, thin))
    return True


def _keep_parts(folder: Path, parts: dict[Path, str], written: dict[Path, str]) -> None:
    """Write each part (file -> text) not already written with that text; remove the folder's other files."""
    if parts:
        folder.mkdir(exist_ok=True)
    for path, text in parts.items():
        if written.get(path) != text or not path.exists():
            path.write_text(text, encoding="utf-8")
            written[path] = text
    if folder.is_dir():
        for stale in [path for path in folder.iterdir() if path not in parts]:
            stale.unlink()
            written.pop(stale, None)
        if not parts:
            folder.rmdir()


def _index_chunks(config: Mapping[str, Any], docs: Iterable[str]) -> Iterator[str]:
    """The index file's text, a list of entries at a time (`docs`: JSON lists)."""
    yield f'{{"config":{_json(config)},"docs":['
    separator = ""
    for entries in docs:
        if entries != "[]":
            yield separator + entries[1:-1]
            separator = ","
    yield "]}"


def _write(index_file: Path, chunks: Iterable[str]) -> None:
    written = index_file.with_name(index_file.name + ".part")
    with written.open("w", encoding="utf-8") as out:
        out.writelines(chunks)
    written.replace(index_file)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _state_sections(state: StateData, site: RenderedSite) -> list[Section]:
    said: set[tuple[str, str]] = set()
    return [section for code in state.categories
            for section in _guide_sections(state, code, site.files[urls.guide_page(state, code)], site, said)]


def _state_json(sections: list[Section]) -> StateEntries:
    return StateEntries(whole=_json([entry for entry, _ in sections]),
                        thin=_json([{**entry, "text": kept} for entry, kept in sections]),
                        part=_json([entry for entry, kept in sections if kept != entry["text"]]))


def _guide_sections(state: StateData, code: str, markdown: str, site: RenderedSite,
                    said: set[tuple[str, str]]) -> list[Section]:
    category = state.categories[code]
    facts = {anchor: _facet_text(getattr(category.initial, facet), facet, anchor, site, said)
             for facet, anchor in _INITIAL_ANCHORS.items()}
    facts |= {anchor: _facet_text(getattr(category.renewal, facet), facet, anchor, site, said)
              for facet, anchor in _RENEWAL_ANCHORS.items()}
    who = state.who_may_apply
    page_text = _Text((), tuple(_unsaid("", _paragraphs(site.inline_text(who.text)), said)) if who else ())
    sections = _page_sections(urls.guide_page(state, code), markdown, page_text, facts)
    url, boost = sections[0][0]["location"], sections[0][0].get("boost")
    for note in category.footnotes:
        text = _paragraphs(site.block_text(note.text)) + _quote(note.source, note.text)
        sections.append(_section_entry(f"{url}#{footnotes.anchor(note.mark)}", f"Footnote {_escape(note.mark)}",
                                       _Text((), tuple(_unsaid("#footnotes", text, said))), boost))
    return sections


def _page_sections(page: str, markdown: str, page_text: _Text, facts: Mapping[str, _Text]) -> list[Section]:
    """The page's entry (its first heading), then one per further heading, with the facts at its anchor."""
    url = urls.url_of(page).lstrip("/")
    front = _FRONT_MATTER.match(markdown)
    boost = _boost(front.group(1)) if front else None
    headings = _HEADING.findall("\n" + markdown[front.end() if front else 0:])
    found = [_section_entry(url, _title(headings[0][1]), page_text, boost)]
    for _, heading, anchor in headings[1:]:
        title, anchor = _section(heading, anchor)
        found.append(_section_entry(f"{url}#{anchor}", title, facts.get(anchor, _Text((), ())), boost))
    return found


@lru_cache(maxsize=64)  # a handful of templates' front matters
def _boost(front_matter: str) -> float | None:
    return ((yaml.load(front_matter, Loader=yaml.CSafeLoader) or {}).get("search") or {}).get("boost")


@lru_cache(maxsize=4096)  # every guide has the same sections
def _section(heading: str, anchor: str) -> tuple[str, str]:
    """A heading's title and anchor (its own, or the one MkDocs' toc gives it)."""
    title = _title(heading)
    return title, anchor or slugify(html.unescape(title), "-")


def _section_entry(location: str, title: str, text: _Text, boost: float | None) -> Section:
    entry: Entry = {"location": location, "title": title, "text": _BETWEEN.join(text.kept + text.paragraphs)}
    if boost is not None:
        entry["boost"] = boost
    return entry, _BETWEEN.join(text.kept)


def _facet_text(req: Requirement, facet: str, anchor: str, site: RenderedSite, said: set[tuple[str, str]]) -> _Text:
    """A facet as its guide section says it: status (as its badge shows it, unless unpublished),
    key values, then the text's and the new quote words' paragraphs that `said` does not hold."""
    shown = req.status is not Status.not_published and not (facet == "scope" and req.status is Status.required)
    head = (_escape(STATUS_LABELS[req.status]),) if shown else ()
    head += tuple(_escape(value) for value in site.key_values(req))
    text = _paragraphs(site.block_text(req.text)) if req.text else ()
    return _Text(head, tuple(_unsaid(anchor, text + _quote(req.source, req.text), said)))


def _unsaid(section: str, paragraphs: Iterable[str], said: set[tuple[str, str]]) -> list[str]:
    """The paragraphs not yet said at the section, now said there."""
    new = [p for p in paragraphs if (section, p) not in said]
    said.update((section, p) for p in new)
    return new


def _quote(source: Source | None, text: str | None) -> tuple[str, ...]:
    """The source's quoted words, when they hold words the text does not."""
    if source is None or not source.quote or not _adds_words(source.quote, text or ""):
        return ()
    return (_escape(source.quote),)


def _adds_words(quote: str, text: str) -> bool:
    return not set(_WORD.findall(quote.lower())) <= set(_WORD.findall(text.lower()))


def _paragraphs(rendered: str) -> tuple[str, ...]:
    """Rendered data Markdown as the index holds text: each paragraph or list item's words, tags
    dropped (Material shows a result's text as HTML: the text stays escaped as Material escapes
    it, markdown_text.TextRenderer escaping every text and attribute, so no `>` hides in a tag)."""
    blocks = _BLOCK_START.split(str(rendered).replace("&quot;", '"'))  # str: Markup.replace would escape
    return tuple(words for words in (" ".join(_TAG.sub("", block).split()) for block in blocks) if words)


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _title(heading: str) -> str:
    """A Markdown heading's text as Material titles it: Markdown escapes undone, HTML-escaped once
    (the template escaped it already)."""
    return html.escape(html.unescape(_MARKDOWN_ESCAPE.sub(r"\1", heading).strip()), quote=False)
