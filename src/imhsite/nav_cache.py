"""Material's navigation with each entry rendered once per build, but the page's own.

Material renders the whole navigation again for every page (`partials/nav.html` calls the
recursive `render` macro of `partials/nav-item.html` on each entry). An entry renders alike on
every page but for its links, which the `url` filter makes relative to the page, and for the
one child of a section that leads to the page (active, as the section is). So each entry is
rendered once, with each link left as a placeholder and that child as a slot, and on each page
the placeholders become what the theme's own `url` filter answers for that page and the slot
the child's HTML, so the HTML is the one Material writes, byte for byte
(`tests/test_nav_cache.py`). Only the page's own entry, with its table of contents, is rendered
by Material's macro on every page; the table of contents (`partials/toc.html`, which Material
includes twice in a page, in that entry and in the sidebar) is rendered once a page.

Only Jinja is involved: `install` takes the environment a theme renders with.
"""

from __future__ import annotations

import re
import secrets
from typing import Any, Callable, NamedTuple

from jinja2 import BaseLoader, Environment, TemplateError, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

NAV_ITEM_TEMPLATE = "partials/nav-item.html"
TOC_TEMPLATE = "partials/toc.html"
MATERIAL_TOC = "partials/imhsite-material-toc.html"
"""Material's `partials/toc.html` under another name; its own name gives `_CACHED_TOC`."""
_CACHED_TOC = "{{ imhsite_toc() }}"
MATERIAL_RENDER = "{% macro render(nav_item, path, level, parent) %}"
"""The macro of Material 9.8's `partials/nav-item.html` that renders an entry and its children."""
_RENAMED = "{% macro material_render(nav_item, path, level, parent) %}"
_CACHED_RENDER = """
{% macro render(nav_item, path, level, parent) -%}
  {{- imhsite_nav_item(material_render, nav_item, path, level, parent) -}}
{%- endmacro %}
"""


def cached_nav_items(source: str) -> str:
    """Material's `nav-item.html` with its `render` macro, which it also calls on each child,
    going through the cache first."""
    if source.count(MATERIAL_RENDER) != 1:
        raise TemplateError(f"{NAV_ITEM_TEMPLATE} no longer defines {MATERIAL_RENDER} once: "
                            "the navigation cache (imhsite/nav_cache.py) follows Material 9.8; "
                            "set fast_pages: false or update it")
    return source.replace(MATERIAL_RENDER, _RENAMED) + _CACHED_RENDER


class _CachedNavLoader(BaseLoader):
    """The theme's loader, giving `nav-item.html` its cached `render` macro."""

    def __init__(self, loader: BaseLoader) -> None:
        self.loader = loader

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.loader.get_source(environment, TOC_TEMPLATE if template == MATERIAL_TOC else template)
        if template == NAV_ITEM_TEMPLATE:
            source = cached_nav_items(source)
        elif template == TOC_TEMPLATE:
            source = _CACHED_TOC
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


Arguments = tuple[Any, str, int, Any]
"""What Material's `render` macro takes: the entry, its path (the id of its toggle), its level, its parent."""


class NavCache:
    """One build's navigation entries, each rendered once with its links as placeholders.

    An entry the page does not make active is the same on every page. A section the page makes
    active (one of the page's ancestors) is the same on every page below the same child, but for
    that child, which is left as a slot and rendered per page; the page's own entry, with its
    table of contents, is Material's on every page.
    """

    def __init__(self, url_filter: Callable[[Context, Any], str]) -> None:
        self.url_filter = url_filter
        self.fragments: dict[tuple[int, str, int, bool, int], _Fragment] = {}
        """Each entry's HTML, its links' first folders and the active child rendered in its slot."""
        self.filled: dict[tuple[tuple[int, str, int, bool, int], int], str] = {}
        """A fragment with its links filled in for pages at a depth outside its links' folders."""
        self.links: list[Any] = []
        """Every link a fragment holds; its placeholder is the marker, its index and a NUL."""
        self.recording = False
        self.slot: Arguments | None = None
        # no page's text can hold the marker, by chance or on purpose: a NUL and a secret of this build
        self.marker = f"\x00{secrets.token_hex(8)}:"
        self.placeholders = re.compile(re.escape(self.marker) + "([0-9]+)\x00")
        self.slot_placeholder = f"{self.marker}slot\x00"

    @pass_context
    def url(self, context: Context, value: Any) -> str:
        """The theme's `url` filter, or a placeholder while an entry is recorded."""
        if not self.recording:
            return self.url_filter(context, value)
        self.links.append(value)
        return f"{self.marker}{len(self.links) - 1}\x00"

    @pass_context
    def render_item(self, context: Context, material_render: Callable[..., str], *arguments: Any) -> str:
        """Material's HTML of one entry, from the cache but for the page's own entry.

        Material calls it on each entry of the navigation and each child of a section it renders."""
        nav_item, path, level, parent = arguments
        active = getattr(nav_item, "active", False)
        if active and self.recording:  # the page's entry or one of its sections: the enclosing entry's slot
            self.slot = arguments
            return Markup(self.slot_placeholder)
        if hasattr(nav_item, "pages") or (active and not nav_item.children):
            # the page's own entry, and an entry Material marks when its `pages` hold the page
            return material_render(*arguments)
        active_child = next((child for child in nav_item.children if child.active), None) if active else None
        # Material looks at the parent only to open sections under navigation.tabs/sections
        key = (id(nav_item), path, level, bool(parent and parent.active), id(active_child))
        fragment = self.fragments.get(key)
        if fragment is None:
            fragment = self.fragments[key] = self._record(material_render, arguments)
        if self.recording:  # an inactive entry inside the fragment recorded: links stay placeholders
            return Markup(fragment.html)
        page = context.get("page")
        folders = page_folders(page.url) if page is not None else None
        if folders is None or fragment.folders is None or (folders and folders[0] in fragment.folders):
            html = self._fill(context, fragment.html)
        else:  # every link leaves the page's folders entirely: `../` as deep as the page, then the link
            html = self.filled.get((key, len(folders)))
            if html is None:
                html = self.filled[key, len(folders)] = self._fill(context, fragment.html)
        if fragment.slot is not None:
            html = html.replace(self.slot_placeholder, self.render_item(context, material_render, *fragment.slot), 1)
        return Markup(html)

    def _fill(self, context: Context, html: str) -> str:
        """`html` with each link placeholder replaced by what the theme's `url` filter answers for the page."""
        escaped = escape if context.eval_ctx.autoescape else str
        return self.placeholders.sub(lambda link: escaped(self.url_filter(context, self.links[int(link[1])])), html)

    def _record(self, material_render: Callable[..., str], arguments: Arguments) -> _Fragment:
        """Material's HTML of an entry with placeholders for its links and a slot for its active child."""
        outer = self.recording, self.slot, len(self.links)
        self.recording, self.slot = True, None
        try:
            html = str(material_render(*arguments))
            return _Fragment(html, _first_folders(self.links[outer[2]:]), self.slot)
        finally:
            self.recording, self.slot = outer[:2]


class TocOnce:
    """A page's table of contents, rendered by Material's template once for the page's two places."""

    def __init__(self) -> None:
        self.page: Any = None
        self.html = ""

    @pass_context
    def render(self, context: Context) -> str:
        """Material's `partials/toc.html` for the page being rendered, as it renders it there."""
        page = context.get("page")
        if page is None or page is not self.page:
            self.page = page
            template = context.environment.get_template(MATERIAL_TOC)
            self.html = Markup(template.render(context.get_all()))
        return self.html


class _Fragment(NamedTuple):
    html: str
    folders: frozenset[str] | None
    """The first folder of each of its links (which the page's own decide how they are written),
    or None when a link is not a plain path from the site's root."""
    slot: Arguments | None


def page_folders(url: str) -> list[str]:
    """The folders a page's links are relative to, as MkDocs' `get_relative_url` counts them
    (a last part with a dot is a file, not a folder)."""
    folder, _, last = url.rpartition("/")
    return [part for part in (folder if "." in last else url).split("/") if part and part != "."]


def _first_folders(links: list[Any]) -> frozenset[str] | None:
    """The first folder of each link, or None if a link is written relative to something else."""
    folders = set()
    for link in links:
        text = str(link)
        if ":" in text or text.startswith(("/", ".")) or "\\" in text or "/." in text:
            return None
        folders.add(text.split("/", 1)[0])
    return frozenset(folders)


def install(env: Environment) -> None:
    """Render `env`'s navigation through a new cache, which lives as long as `env` (one build)."""
    cache = NavCache(env.filters["url"])
    env.loader = _CachedNavLoader(env.loader)
    env.filters["url"] = cache.url
    env.globals["imhsite_nav_item"] = cache.render_item
    env.globals["imhsite_toc"] = TocOnce().render
