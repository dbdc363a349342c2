"""The HTML stash changes how fast Python-Markdown renders a generated page, never what it renders."""

from __future__ import annotations

import re
from functools import cache

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from conftest import DATA, ROOT
from imhsite.html_stash import element_ids, stash
from imhsite.load import load_dataset
from imhsite.render import Options, render_site

_BLANK_LINES = re.compile(r"\n\s*\n")


@cache
def generated_pages() -> dict[str, str]:
    site = render_site(load_dataset(DATA), ROOT / "templates", Options())
    return {path: text for path, text in site.files.items() if path.endswith(".md")}


def python_markdown(text: str) -> str:
    """Python-Markdown with the extensions mkdocs.yml configures."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    return _BLANK_LINES.sub("\n", markdown.markdown(text, extensions=names))


@pytest.mark.parametrize("path", sorted(generated_pages()))
def test_a_generated_page_renders_the_same_with_its_html_stashed(path):
    body, _meta = get_data(generated_pages()[path])
    stashed = stash(body)
    rendered = python_markdown(stashed.markdown)
    assert rendered.count("\ue000") == 2 * len(stashed.blocks), "a placeholder did not stay a paragraph of its own"
    assert _BLANK_LINES.sub("\n", stashed.restore(rendered)) == python_markdown(body)


def test_the_stash_takes_most_of_a_guide_page_away_from_markdown():
    body, _meta = get_data(generated_pages()["virginia/ifa.md"])
    stashed = stash(body)
    assert len(stashed.blocks) > 10
    assert len(stashed.markdown) < len(body) / 5


def test_only_paragraphs_that_open_with_a_block_tag_are_stashed():
    text = "# Title\n\n<div id=\"a\">\n<p>x</p>\n</div>\n\n<abbr title=\"t\">T</abbr> is *inline*\n\n<table id='b'></table>\n"
    stashed = stash(text)
    assert stashed.blocks == ['<div id="a">\n<p>x</p>\n</div>', "<table id='b'></table>"]
    assert "<abbr" in stashed.markdown and "*inline*" in stashed.markdown
    assert stashed.anchor_ids() == {"a", "b"}


def test_a_block_runs_past_blank_lines_until_its_element_closes():
    text = '<div class="x">\n<p>a text with</p>\n\n[a](link) in it\n\n</div>\n\n<hr>\n\nafter *this*\n'
    stashed = stash(text)
    assert stashed.blocks == ['<div class="x">\n<p>a text with</p>\n\n[a](link) in it\n\n</div>', "<hr>"]
    assert "after *this*" in stashed.markdown and "[a]" not in stashed.markdown


def test_a_block_tag_at_the_margin_ends_the_paragraph_before_it():
    """As in Python-Markdown: the paragraph's lines before the tag stay Markdown, the block is stashed."""
    stashed = stash('Checked on *2026-11-26*.\n<div id="a">\n<table></table>\n</div>\n\n## Next\n')
    assert stashed.blocks == ['<div id="a">\n<table></table>\n</div>']
    assert stashed.markdown == "Checked on *2026-11-26*.\n\n\ue000imhsite-html-0\ue000\n\n## Next\n"


@pytest.mark.parametrize("html", [
    '<div id="a"><p\tid=\'b\'>x</p></div>', 'xid="a id="b"', '<a\u00a0id="nbsp">', 'id="at-start"', '<p id="">',
    '<span data-id="no" id="yes">'])
def test_element_ids_finds_what_the_pattern_finds(html):
    assert element_ids(html) == re.findall(r"""\sid=["']([^"']+)["']""", html)


def test_element_ids_on_every_generated_page():
    for page in generated_pages().values():
        assert element_ids(page) == re.findall(r"""\sid=["']([^"']+)["']""", page)
