"""Material's navigation with every entry the page does not change rendered once per build.

Material renders the whole navigation again for every page (`partials/nav.html` calls the
recursive `render` macro of `partials/nav-item.html` on each entry). An entry that is not
active (neither the page nor one of its sections) renders alike on every page but for its
links, which the `url` filter makes relative to the page. Such an entry is rendered once with
each link left as a placeholder; on each page the placeholders become what the theme's own
`url` filter answers for that page, so the HTML is the one Material writes, byte for byte
(`tests/test_nav_cache.py`). The active entries (the page's own, with its table of contents,
and its sections) are still rendered by Material's macro, whose calls on their children come
back here.

Only Jinja is involved: `install` takes the environment a theme renders with.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from jinja2 import BaseLoader, Environment, TemplateError, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

NAV_ITEM_TEMPLATE = "partials/nav-item.html"
MATERIAL_RENDER = "{% macro render(nav_item, path, level, parent) %}"
"""The macro of Material 9.8's `partials/nav-item.html` that renders an entry and its children."""
_RENAMED = "{% macro material_render(nav_item, path, level, parent) %}"
_CACHED_RENDER = """
{% macro render(nav_item, path, level, parent) -%}
  {{- imhsite_nav_item(material_render, nav_item, path, level, parent) -}}
{%- endmacro %}
"""
_LINK = re.compile("\x00([0-9]+)\x00")


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
        source, filename, uptodate = self.loader.get_source(environment, template)
        if template == NAV_ITEM_TEMPLATE:
            source = cached_nav_items(source)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


class NavCache:
    """The inactive entries of one build's navigation, each with its links as placeholders."""

    def __init__(self, url_filter: Callable[[Context, Any], str]) -> None:
        self.url_filter = url_filter
        self.fragments: dict[tuple[int, str, int, bool], str] = {}
        self.links: list[Any] = []
        """Every link a fragment holds; its placeholder is its index between two NULs."""
        self.recording = False

    @pass_context
    def url(self, context: Context, value: Any) -> str:
        """The theme's `url` filter, or a placeholder while an inactive entry is recorded."""
        if not self.recording:
            return self.url_filter(context, value)
        self.links.append(value)
        return f"\x00{len(self.links) - 1}\x00"

    @pass_context
    def render_item(self, context: Context, material_render: Callable[..., str],
                    nav_item: Any, path: str, level: int, parent: Any) -> str:
        """Material's HTML of one entry: from the cache unless the page makes it active."""
        if getattr(nav_item, "active", False) or hasattr(nav_item, "pages"):
            # Material marks the page, its sections and a section whose `pages` hold the page
            return material_render(nav_item, path, level, parent)
        # Material looks at the parent only to open sections under navigation.tabs/sections
        key = (id(nav_item), path, level, bool(parent and parent.active))
        fragment = self.fragments.get(key)
        if fragment is None:
            recording, self.recording = self.recording, True
            try:
                fragment = self.fragments[key] = str(material_render(nav_item, path, level, parent))
            finally:
                self.recording = recording
        if self.recording:  # part of an enclosing entry's fragment: links stay placeholders
            return Markup(fragment)
        escaped = escape if context.eval_ctx.autoescape else str
        return Markup(_LINK.sub(lambda link: escaped(self.url_filter(context, self.links[int(link[1])])), fragment))


def install(env: Environment) -> None:
    """Render `env`'s navigation through a new cache, which lives as long as `env` (one build)."""
    cache = NavCache(env.filters["url"])
    env.loader = _CachedNavLoader(env.loader)
    env.filters["url"] = cache.url
    env.globals["imhsite_nav_item"] = cache.render_item
