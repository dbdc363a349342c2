"""Fast pages (page_html.py) give every generated page what MkDocs' Markdown pipeline gives it."""

from __future__ import annotations

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, build_site, project_copy
from imhsite.html_stash import stash
from imhsite.markdown_text import abbreviation_definitions, markdown_abbreviations
from imhsite.page_html import PageConverter, TocOptions
from reader_view import _dom, differences, generated_urls, pipeline_config, self_indexed_urls

ABBREVIATIONS = {"IFA": "Infant Family Associate", "IMHM": "Infant Mental Health Mentor",
                 "IMHM-R/F": "Infant Mental Health Mentor - Research/Faculty", "B&C": 'a "quoted" <meaning>'}

TRICKY = {
    "headings": "# Title with IFA\n\n## Same\n\n## Same\n\n### Named { #named }\n\n## named\n\n## A \\~ b \\{ #not-an-id \\}\n",
    "escapes and abbreviations": "Text with IMHM\\-R/F, IMHM-R/F and IFA, B&C &amp; C &#39;s `IFA code` \\| \\~ "
                                 "[IFA link](x.md#a) *IFA*\\_x IFA_x\n",
    "blocks": "## Blocks\n\nA paragraph, then a block on its next line.\n<div id=\"d\">\n<p>IFA in a block</p>\n</div>\n\n"
              "<table id='t'><tr><td>IFA</td></tr></table>\n\nafter *it*\n",
    "lists": "- item IFA\n- [a](b.md)\n\nA paragraph.\n\n1. one\n2. two\n",
}


def _config() -> tuple[list[str], dict]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    options = {next(iter(e)): e[next(iter(e))] for e in config["markdown_extensions"] if isinstance(e, dict)}
    return names, options


def python_markdown(text: str) -> tuple[str, list[dict], str | None]:
    """What MkDocs' pipeline makes of a generated page: HTML, toc tokens and the first h1's text."""
    names, options = _config()
    md = markdown.Markdown(extensions=names, extension_configs=options)
    stashed = stash(text)
    html = stashed.restore(md.convert(f"{stashed.markdown}\n\n{abbreviation_definitions(ABBREVIATIONS)}\n"))
    first = BeautifulSoup(html, "html.parser").find(True)
    title = " ".join(first.get_text().replace("¶", "").split()) if first is not None and first.name == "h1" else None
    return html, md.toc_tokens, title


def _toc(tokens: list[dict]) -> list:
    return [(t["level"], t["id"], t["name"], _toc(t["children"])) for t in tokens]


@pytest.mark.parametrize("case", sorted(TRICKY))
def test_the_converter_gives_what_python_markdown_gives(case):
    names, options = _config()
    escapes = frozenset(markdown.Markdown(extensions=names).ESCAPED_CHARS)
    converter = PageConverter(markdown_abbreviations(ABBREVIATIONS), TocOptions(**options["toc"]), escapes)
    converted = converter.convert(TRICKY[case])
    html, toc_tokens, title = python_markdown(TRICKY[case])
    assert _dom(BeautifulSoup(converted.html, "html.parser"), "/") == _dom(BeautifulSoup(html, "html.parser"), "/")
    assert _toc(converted.toc_tokens) == _toc(toc_tokens)
    assert converted.title == title


def test_heading_ids_are_made_unique_after_the_ids_the_page_sets():
    converted = PageConverter({}).convert(TRICKY["headings"])
    sections = converted.toc_tokens[0]["children"]
    assert [t["id"] for t in sections] == ["same", "same_1", "named_1", "a-b-not-an-id"]
    assert [t["id"] for t in sections[1]["children"]] == ["named"]
    assert converted.anchor_ids >= {"title-with-ifa", "same_1", "named"}


@pytest.fixture(scope="module")
def pipeline_site(tmp_path_factory):
    """The shipped site built with `fast_pages: false`: every page through MkDocs' Markdown."""
    project = project_copy(tmp_path_factory.mktemp("pipeline"))
    site = project / "site"
    result = build_site(site, pipeline_config(project))
    assert result.returncode == 0, result.stderr
    return site


def test_every_generated_page_reads_the_same_with_fast_pages(built_site, pipeline_site):
    pages = generated_urls(ROOT)
    assert len(pages) > 40
    assert differences(pipeline_site, built_site, pages, self_indexed_urls(ROOT)) == []


def test_the_comparison_sees_a_wrong_heading_id(built_site, tmp_path):
    """The comparison is not blind: one heading id changed on one page is a difference."""
    page = "virginia/ifa/index.html"
    html = (built_site / page).read_text(encoding="utf-8")
    assert 'id="application-checklist"' in html
    (tmp_path / "virginia" / "ifa").mkdir(parents=True)
    (tmp_path / page).write_text(html.replace('id="application-checklist"', 'id="application-checklist_1"'), encoding="utf-8")
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_bytes((built_site / "search" / "search_index.json").read_bytes())
    found = differences(built_site, tmp_path, ["/virginia/ifa/"])
    assert any(line.startswith("/virginia/ifa/ headings:") for line in found)
    assert any(line.startswith("/virginia/ifa/ ids:") for line in found)


def test_a_toc_option_fast_pages_cannot_apply_stops_the_build(tmp_path):
    """Rather than pages that differ from MkDocs' own, the build names the option and the way out."""
    project = project_copy(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      permalink: true\n", "      permalink: true\n      anchorlink: true\n"), encoding="utf-8")
    result = build_site(tmp_path / "site", config)
    assert result.returncode != 0
    assert "plugins.imhsite.fast_pages cannot apply toc options anchorlink; set fast_pages: false" in result.stderr
    assert build_site(tmp_path / "site", pipeline_config(project)).returncode == 0


def test_fast_pages_still_have_their_links_checked(tmp_path):
    """A generated page's Markdown links are resolved and checked by MkDocs' own rules, anchors too."""
    project = project_copy(tmp_path)
    template = project / "templates" / "changes.md.j2"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "# What changed\n", "# What changed\n\nSee [a source](sources.md#no-such-anchor) and [a page](no-such-page.md).\n"),
        encoding="utf-8")
    result = build_site(tmp_path / "site", project / "mkdocs.yml")
    assert result.returncode != 0
    assert "Doc file 'changes.md' contains a link 'no-such-page.md', but the target is not found" in result.stderr
    assert "Doc file 'changes.md' contains a link 'sources.md#no-such-anchor', but the doc 'sources.md' " \
           "does not contain an anchor '#no-such-anchor'" in result.stderr


class _ParsingEverything(PageConverter):
    """The converter without its outline path: markdown-it parses every page whole."""

    def _outline(self, markdown: str) -> None:
        return None


def test_the_outline_path_gives_what_parsing_the_whole_page_gives():
    """A guide (headings and HTML blocks) skips markdown-it's page parse: same HTML, toc, title, ids."""
    from test_html_stash import generated_pages
    from mkdocs.utils.meta import get_data

    settings = (markdown_abbreviations(ABBREVIATIONS), TocOptions(permalink=True))
    fast, whole = PageConverter(*settings), _ParsingEverything(*settings)
    outlined = 0
    for path, page in generated_pages().items():
        body = get_data(page)[0]
        outlined += fast._outline(stash(body).markdown) is not None
        made, expected = fast.convert(body, lambda url: f"resolved:{url}"), whole.convert(body, lambda url: f"resolved:{url}")
        assert (made.html, made.toc_tokens, made.title, made.anchor_ids) == \
            (expected.html, expected.toc_tokens, expected.title, expected.anchor_ids), path
    assert outlined >= 20, "the guides should take the outline path"


def test_a_heading_with_a_link_or_an_id_is_parsed_with_its_page():
    """Such a heading is the page's own (its link resolved, its id claimed): no outline path."""
    converter = PageConverter({})
    assert converter._outline(stash("# Title\n\n## [A link](x.md)\n").markdown) is None
    assert converter._outline(stash("# Title\n\nA paragraph.\n").markdown) is None
    assert converter._outline(stash("# Title\n\n## Plain\n").markdown) is not None
