"""What a reader and a crawler get from a built page, to compare two builds of the same site.

Any way of building the site (MkDocs' pipeline, fast pages, a cached navigation) must give every
page the same view: `differences(site_a, site_b, urls)` names each part that differs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString, Tag
from conftest import config_with

from imhsite import urls as site_urls
from imhsite.load import load_dataset
from imhsite.render import Options, render_site
from imhsite.search_entries import indexed_pages


def generated_urls(project: Path) -> list[str]:
    """The site URL of every page imhsite generates for the project (data/ and templates/)."""
    site = render_site(load_dataset(project / "data"), project / "templates", Options())
    return sorted(site_urls.url_of(path) for path in site.files if path.endswith(".md"))


def self_indexed_urls(project: Path) -> set[str]:
    """The pages whose search entries fast pages write from the data (tests/test_search_index.py
    holds them to Material's); Material's search indexes the others in both modes."""
    return {site_urls.url_of(path) for path in indexed_pages(load_dataset(project / "data").states.values())}


def pipeline_config(project: Path) -> Path:
    """A copy of the project's mkdocs.yml with `fast_pages: false`, beside it (paths stay relative to it)."""
    return config_with(project, "mkdocs-pipeline.yml", fast_pages=False)


def _text(node: Tag | None) -> str:
    return " ".join(node.get_text(" ").split()) if node is not None else ""


def _dom(node: Tag, url: str) -> list[str]:
    """The element tree as lines: tags with their attributes (links resolved), then text.

    Whitespace runs are one space, and whitespace alone between elements is no text.
    """
    lines: list[str] = []
    for child in node.children:
        if isinstance(child, Tag):
            attributes = {k: " ".join(v) if isinstance(v, list) else v for k, v in child.attrs.items()}
            if "href" in attributes:
                attributes["href"] = urljoin(url, attributes["href"])
            lines.append(f"<{child.name} {json.dumps(attributes, sort_keys=True)}>")
            lines.extend(_dom(child, url))
            lines.append(f"</{child.name}>")
        elif type(child) is NavigableString and child.strip():
            lines.append(re.sub(r"\s+", " ", child))
    return lines


def _links(node: Tag | None, url: str) -> list[str]:
    """Each link in order: its text, where it leads and whether it is marked as this page's."""
    if node is None:
        return []
    return [f"{_text(a)} -> {urljoin(url, str(a['href']))}{' (active)' if 'md-nav__link--active' in a.get('class', []) else ''}"
            for a in node.find_all("a", href=True)]


def page_view(html: str, url: str) -> dict[str, list[str]]:
    """The parts of a page to compare; `url` is the page's own address, for resolving links."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.md-content__inner")
    assert article is not None, f"{url}: no article"
    return {
        "title": [_text(soup.title)],
        "headings": [f"{h.name} #{h.get('id')} {_text(h)}" for h in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])],
        "text": [_text(article)],
        "links": [urljoin(url, str(a["href"])) for a in soup.find_all("a", href=True)],
        "ids": sorted(str(element["id"]) for element in soup.find_all(id=True)),
        "toc": _links(soup.select_one("nav.md-nav--secondary"), url),
        "nav": _links(soup.select_one("nav.md-nav--primary"), url),
        "article": _dom(article, url),
    }


def search_entries(site: Path, urls: list[str]) -> list[str]:
    """The search index's entries on the given pages (location, title, text)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {url.strip("/") for url in urls}
    return [json.dumps([d["location"], d["title"], d["text"]]) for d in index["docs"]
            if d["location"].split("#")[0].rstrip("/") in pages]


def differences(site_a: Path, site_b: Path, urls: list[str], unsearched: set[str] = frozenset()) -> list[str]:
    """Each page part (and each page's search entries, but those of `unsearched`) that differs,
    with the first line that does."""
    found = []
    for url in urls:
        file = url.strip("/") + "/index.html" if url != "/" else "index.html"
        view_a = page_view((site_a / file).read_text(encoding="utf-8"), url)
        view_b = page_view((site_b / file).read_text(encoding="utf-8"), url)
        found += [f"{url} {part}: {_first_difference(view_a[part], view_b[part])}"
                  for part in view_a if view_a[part] != view_b[part]]
    searched = [url for url in urls if url not in unsearched]
    entries_a, entries_b = search_entries(site_a, searched), search_entries(site_b, searched)
    if entries_a != entries_b:
        found.append(f"search entries: {_first_difference(entries_a, entries_b)}")
    return found


def _first_difference(a: list[str], b: list[str]) -> str:
    for index, (line_a, line_b) in enumerate(zip(a, b)):
        if line_a != line_b:
            return f"line {index}: {line_a[:300]!r} != {line_b[:300]!r}"
    return f"{len(a)} lines != {len(b)} lines"
