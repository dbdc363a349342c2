"""The search index of the real site: the guides' and the glossary's entries are written from the
data (search_entries.py), as plain text, every fact once at its page's section (a paragraph a
state's earlier guide says at the same section once, there); hand-written pages are indexed by
Material; and every section Material's own parse indexes (`fast_pages: false`) is still there."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from conftest import DATA, ROOT, build_site, page, project_copy
from markdown.extensions.toc import slugify
from reader_view import pipeline_config

from imhsite import footnotes, search_entries, urls
from imhsite.load import load_dataset
from imhsite.render import INITIAL_FACETS, RENEWAL_FACETS, Options, render_site

HEADINGS = ("h1", "h2", "h3")


def index_of(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def words(text: str | None) -> set[str]:
    """The words of a text or of index HTML (tags, entities and footnote marks are not words)."""
    from html import unescape

    return set(re.findall(r"[^\W⁰¹²³⁴⁵⁶⁷⁸⁹]+", unescape(re.sub(r"<[^>]*>", " ", text or "")).lower()))


@cache
def parsed(site: Path, path: str):
    return page(site, "/" + path)


@cache
def section_words(site: Path, location: str) -> set[str] | None:
    """What the built page says at the location's anchor: the heading's section, or the element's
    own text; None when the page has no element with that id."""
    path, _, anchor = location.partition("#")
    soup = parsed(site, path)
    target = soup.find(id=anchor)
    if target is None:
        return None
    if target.name not in HEADINGS:
        return words(target.get_text(" "))
    text = []
    for sibling in target.find_next_siblings():
        if sibling.name in HEADINGS:
            break
        text.append(sibling.get_text(" "))
    return words(" ".join(text))


@pytest.fixture(scope="module")
def pipeline_site(tmp_path_factory) -> Path:
    """The shipped site built with every page through MkDocs' pipeline, as before fast pages."""
    project = project_copy(tmp_path_factory.mktemp("pipeline"))
    site = project / "site"
    result = build_site(site, pipeline_config(project))
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA)


def said(markdown: str) -> set[str]:
    """The words a reader sees of data Markdown: list numbers are the list's, not the text's."""
    return words(re.sub(r"(?m)^\s*\d+[.)]\s", " ", markdown))


def facts(dataset):
    """(state's guide locations up to and including the fact's, the fact's location, text) of every
    facet and footnote text, the guides in the data's order of their categories."""
    for state in dataset.states.values():
        guides: list[str] = []
        for code, category in state.categories.items():
            guides.append(urls.url_of(urls.guide_page(state, code)).lstrip("/"))
            for phase, facets in (("initial", INITIAL_FACETS), ("renewal", RENEWAL_FACETS)):
                for facet, title in facets.items():
                    req = getattr(getattr(category, phase), facet)
                    anchor = slugify(title, "-") if phase == "initial" else f"renewal-{urls.slug(facet)}"
                    if req.text:
                        yield [f"{g}#{anchor}" for g in guides], f"{guides[-1]}#{anchor}", req.text
            for note in category.footnotes:
                yield ([f"{g}#{footnotes.anchor(n.mark)}" for g, c in zip(guides, state.categories.values())
                        for n in c.footnotes], f"{guides[-1]}#{footnotes.anchor(note.mark)}", note.text)


def test_every_fact_is_found_at_its_section_of_its_guide(built_site, dataset):
    """Each facet's and footnote's text is in the index, word for word, at its guide's section or
    (a paragraph an earlier guide of its state says there too) at that section of the earlier
    guide, whose page says it there; its own section keeps its entry. The glossary's definitions
    are each at their term."""
    index = {e["location"]: e for e in index_of(built_site)}
    checked = 0
    for candidates, location, text in facts(dataset):
        assert location in index, location
        found: set[str] = set()
        for candidate in candidates:
            if candidate in index:
                found |= words(index[candidate]["text"]) & (section_words(built_site, candidate) or set())
        assert said(text) <= found, (location, sorted(said(text) - found)[:10])
        checked += 1
    for term in dataset.glossary.terms:
        wanted = said(term.definition)
        found = [loc for loc, e in index.items() if loc.startswith("glossary/#") and wanted <= words(e["text"])]
        assert any((section_words(built_site, loc) or set()) >= wanted for loc in found), term.term
    assert checked > 200


def test_each_fact_is_indexed_once_without_what_other_entries_say(built_site, dataset):
    """A guide's entries are its facts as plain text: not its At a glance list (its sections' key
    values), nor its citations' documents (the sources page's entries name each once), nor
    "not published", nor a paragraph the state's earlier guide says at the same section."""
    index = index_of(built_site)
    guides = {urls.url_of(urls.guide_page(s, c)).lstrip("/") for s in dataset.states.values() for c in s.categories}
    for entry in index:
        path = entry["location"].split("#")[0]
        if path in guides:
            assert "At a glance" not in entry["text"] and "<" not in entry["text"], entry["location"]
            assert "Not published" not in entry["text"], entry["location"]
            for document in dataset.documents.values():
                assert document.title not in entry["text"], (entry["location"], document.title)
    oregon_imhs = [e for e in index if e["location"].startswith("oregon/imhs/")]
    training = next(e for e in oregon_imhs if e["location"] == "oregon/imhs/#in-service-training")
    assert "minimum 30 clock hours" in training["text"]
    assert sum("minimum 30 clock hours" in e["text"] for e in oregon_imhs) == 1
    oregon = dataset.states["OR"]
    membership = {code: c.initial.membership for code, c in oregon.categories.items()}
    assert len({m.text for m in membership.values()}) == 1 and len(membership) > 2
    at_membership = {e["location"]: e["text"] for e in index if re.fullmatch(r"oregon/[\w-]+/#membership", e["location"])}
    first, *others = [urls.url_of(urls.guide_page(oregon, code)).lstrip("/") + "#membership" for code in membership]
    sentence = next(iter(membership.values())).text.strip()
    assert sentence in at_membership[first]
    assert all(t.startswith("Required") and sentence not in t for o, t in at_membership.items() if o in others)
    assert set(others) <= set(at_membership)


def test_a_section_not_published_keeps_its_title(built_site, dataset):
    index = {e["location"]: e for e in index_of(built_site)}
    state, code, title = next((s, code, title) for s in dataset.states.values() for code, c in s.categories.items()
                              for facet, title in INITIAL_FACETS.items()
                              if getattr(c.initial, facet).status.value == "not_published")
    entry = index[f"{urls.url_of(urls.guide_page(state, code)).lstrip('/')}#{slugify(title, '-')}"]
    assert (entry["title"], entry["text"]) == (title, "")


@pytest.mark.parametrize("mode", ["fast", "pipeline"])
def test_no_page_is_indexed_twice(built_site, pipeline_site, mode):
    """Every location once, each page's own entry first (Material's search takes the first entry of
    a page as the page and the rest as its sections); overviews and comparisons are left out."""
    index = index_of(built_site if mode == "fast" else pipeline_site)
    locations = [e["location"] for e in index]
    assert len(locations) == len(set(locations))
    seen: set[str] = set()
    for location in locations:
        path, hash_, _ = location.partition("#")
        assert path in seen or not hash_, f"{location} comes before its page's entry"
        seen.add(path)
    assert "oregon/imhs/" in seen and "glossary/" in seen
    assert not seen & {"virginia/", "oregon/", "compare/ifa/", "compare/imhs/"}


def test_hand_written_pages_are_indexed_by_material(built_site):
    index = index_of(built_site)
    texts: dict[str, str] = {}
    for entry in index:
        path = entry["location"].split("#")[0]
        texts[path] = texts.get(path, "") + entry["text"]
    pages = [p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").rglob("*.md")]
    assert pages
    for name in pages:
        url = urls.url_of(name).lstrip("/")
        assert texts.get(url), f"content/{name} is not in the search index"


def test_every_section_the_pipeline_indexes_is_in_the_fast_index(built_site, pipeline_site):
    """Each location of a generated page that Material's parse indexes (`fast_pages: false`) is in
    the fast index, with the same title and boost; only footnotes get locations of their own."""
    fast = {e["location"]: e for e in index_of(built_site)}
    pipeline = {e["location"]: e for e in index_of(pipeline_site)}
    assert set(pipeline) <= set(fast), sorted(set(pipeline) - set(fast))[:10]
    for location, entry in pipeline.items():
        assert (fast[location]["title"], fast[location].get("boost")) == (entry["title"], entry.get("boost")), location
    added = set(fast) - set(pipeline)
    assert added and all(re.search(r"#footnote-\w+$", loc) for loc in added), sorted(added)[:10]
    footnote_ids = {footnotes.anchor(n.mark) for s in load_dataset(DATA).states.values()
                    for c in s.categories.values() for n in c.footnotes}
    assert {loc.split("#")[1] for loc in added} <= footnote_ids


def test_guides_are_indexed_whichever_order_the_plugins_are_listed_in(tmp_path):
    """imhsite adds its entries after Material's search has written its index, even when
    mkdocs.yml lists imhsite first."""
    project = project_copy(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    search = re.search(r"(?m)^  - search:\n(?:    .*\n)*", text)
    assert search and text[search.end():].startswith("  - imhsite:\n")
    text = text.replace(search[0], "", 1)
    config.write_text(text.replace("      templates_dir: templates\n", "      templates_dir: templates\n" + search[0]),
                      encoding="utf-8")
    result = build_site(project / "site", config)
    assert result.returncode == 0, result.stderr
    pages = {e["location"].split("#")[0] for e in index_of(project / "site")}
    assert {"oregon/imhs/", "glossary/", "about/"} <= pages


MATERIAL_STRIPS = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")
"""The attributes Material's search plugin strips from every page (material/plugins/search/plugin.py)."""


@pytest.mark.parametrize("html, strips", [
    ("", False),
    ('<div data-search-exclude>', False),
    ('<div data-search-exclude="">', False),
    ('<p data-search-exclude="yes">', True),
    ('data-search-data-search-x="1"', True),
    ('<p data-search->x="1"', False),
    ('<p data-search-exclude data-search-boost="2">', True),
])
def test_a_page_is_hidden_from_search_only_when_search_would_leave_it_unchanged(html, strips):
    from imhsite.mkdocs_plugin import _search_would_strip

    assert _search_would_strip(html) is strips is bool(MATERIAL_STRIPS.search(html))


def test_material_search_gets_no_html_of_a_page_it_skips_and_every_page_is_written_whole(tmp_path):
    """Material's search scans every page's HTML, even one it skips (a comparison runs to
    megabytes): a skipped page reaches it empty, the self-check without its rules' text, and
    every page is written with its HTML."""
    from material.plugins.search.plugin import SearchPlugin
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    seen: dict[str, int] = {}
    material = SearchPlugin.on_page_context
    rules = re.compile(r'<template id="imhsite-rules" data-search-exclude>([^<]*)</template>')

    def recording(self, context, *, page, config, nav):
        seen[page.file.src_uri] = len(page.content)
        if page.file.src_uri == "self-check.md":
            seen["rules seen by search"] = len(rules.search(page.content)[1])
        return material(self, context, page=page, config=config, nav=nav)

    SearchPlugin.on_page_context = recording
    try:
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    finally:
        SearchPlugin.on_page_context = material
    compare = {uri for uri in seen if uri.startswith("compare/") and not uri.endswith("index.md")}
    assert len(compare) == 7 and all(seen[uri] == 0 for uri in compare), seen
    assert seen["virginia/ifa.md"] == seen["glossary.md"] == 0  # their entries are written from the data
    assert seen["index.md"] > 0 and seen["about.md"] > 0 and seen["self-check.md"] > 0  # indexed by Material
    assert seen["rules seen by search"] == 0  # a template search skips: its text is cut out meanwhile
    written = rules.search((tmp_path / "site" / "self-check" / "index.html").read_text(encoding="utf-8"))[1]
    assert [state["code"] for state in json.loads(written)["states"]] == ["MI", "NM", "NC", "OR", "VA"]
    for uri in compare:
        built = (tmp_path / "site" / uri.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        assert "<table" in built and built.count("</tr>") > 10, uri


def test_a_pages_outline_gives_the_entries_its_whole_markdown_gives(dataset):
    """A build keeps only each indexed page's outline (front matter and heading lines) until the index is written."""
    site = render_site(dataset, ROOT / "templates", Options(data_version="v"))
    guides = [(state, code) for state in dataset.states.values() for code in state.categories]
    for state, code in guides:
        markdown = site.files[urls.guide_page(state, code)]
        outline = search_entries.outline(markdown)
        assert len(outline) < len(markdown) / 2
        assert search_entries.guide_entries(state, code, outline, site, set()) == \
            search_entries.guide_entries(state, code, markdown, site, set())
    glossary = site.files[search_entries.GLOSSARY_PAGE]
    assert search_entries.glossary_entries(dataset, search_entries.outline(glossary), site.block_text) == \
        search_entries.glossary_entries(dataset, glossary, site.block_text)


@pytest.mark.parametrize("html", [
    '<p>a</p><template id="r" data-search-exclude>{"x":1}</template><template data-search-exclude></template>',
    '<template data-search-exclude>data-search-x="1"</template><template class="t" data-search-exclude>[2]</template>',
    '<template>not skipped</template><template data-search-exclude data-search-boost="2">{"y":2}</template>',
])
def test_a_skipped_templates_text_is_cut_while_search_scans_and_put_back_whole(html):
    from imhsite.mkdocs_plugin import _cut_unsearched_templates, _put_back_templates

    scanned, cut = _cut_unsearched_templates(html)
    assert [text for text in cut if text] and not any(text in scanned for text in cut if text)
    assert _put_back_templates(MATERIAL_STRIPS.sub("", scanned), cut) == MATERIAL_STRIPS.sub("", html)
