"""The navigation rendered through the cache (nav_cache.py) is Material's own, byte for byte."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_site
from reader_view import pipeline_config

sys.path.insert(0, str(ROOT / "bench"))
import synthetic  # noqa: E402

PRIMARY_NAV = '<nav class="md-nav md-nav--primary"'
_NAV_TAG = re.compile(r"<nav\b|</nav>")


def primary_nav(html: str) -> str:
    """The page's `<nav class="md-nav md-nav--primary">` element, from its start tag to its end tag."""
    start = html.index(PRIMARY_NAV)
    depth = 0
    for tag in _NAV_TAG.finditer(html, start):
        depth += 1 if tag[0] == "<nav" else -1
        if depth == 0:
            return html[start:tag.end()]
    raise AssertionError("the primary navigation is not closed")


def navs(site: Path) -> dict[str, str]:
    """Each page of a built site that has a primary navigation, with it."""
    pages = {page.relative_to(site).as_posix(): page.read_text(encoding="utf-8") for page in site.rglob("*.html")}
    return {path: primary_nav(html) for path, html in sorted(pages.items()) if PRIMARY_NAV in html}


@pytest.mark.parametrize("states", [None, 35], ids=["shipped", "35-states"])
def test_every_page_has_materials_own_navigation(tmp_path, states):
    # more than 30 states are grouped by initial: a level more, and a section per letter
    project = synthetic.write_project(states, tmp_path / "project")
    built = {}
    for name, config in (("fast", project / "mkdocs.yml"), ("reference", pipeline_config(project))):
        built[name] = tmp_path / name
        result = build_site(built[name], config)
        assert result.returncode == 0, result.stderr
    fast, reference = navs(built["fast"]), navs(built["reference"])
    assert fast.keys() == reference.keys()
    assert len(reference) > (250 if states else 40)
    for page, nav in reference.items():
        assert fast[page] == nav, page
