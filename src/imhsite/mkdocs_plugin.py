"""MkDocs adapter: adds the rendered files to a build and watches data/ and templates/.

Everything site-specific happens in render.py; moving to another engine means
writing another adapter like this one, not touching templates.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import markdown
from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page, _RelativePathTreeprocessor
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

from . import atomic_output, content_check, freshness, html_stash, nav_cache, search_entries, serve_watch, site_config, theme_listing, urls
from .checks.common import STALE_AFTER_MONTHS
from .load import LoadCache, data_version, load_dataset
from .markdown_text import abbreviation_definitions, markdown_abbreviations
from .page_html import PageConverter, PageHtml, TocOptions
from .paused_gc import freeze_survivors
from .problems import DataError, Problem
from .render import Options, RenderCache, RenderedSite, RenderError, abbreviation_map, render_site
from .search_worker import wrap_search_worker

log = get_plugin_logger(__name__)


def _warnings_counted() -> bool:
    """Whether MkDocs' strict-mode counter has seen a warning in this build."""
    return any(
        isinstance(handler, CountHandler) and handler.get_counts()
        for handler in logging.getLogger("mkdocs").handlers
    )


def nav_paths(nav: list) -> list[str]:
    """Every page path named in a MkDocs-style navigation list."""
    paths: list[str] = []
    for item in nav:
        values = item.values() if isinstance(item, dict) else [item]
        for value in values:
            paths.extend(nav_paths(value) if isinstance(value, list) else [value])
    return paths


MATERIAL_SEARCH = "material.plugins.search.plugin"
_SEARCH_ATTRIBUTE = re.compile(r'data-search-\w+="[^"]+"')
"""What Material's search strips from every page (its pattern, but the optional space before)."""


def _search_would_strip(html: str) -> bool:
    """Whether Material's search would strip an attribute from `html`: its pattern, looked for
    at each `data-search-` only (a scan for the pattern itself cannot skip ahead)."""
    start = html.find("data-search-")
    while start != -1:
        if _SEARCH_ATTRIBUTE.match(html, start):
            return True
        start = html.find("data-search-", start + 1)
    return False


_UNSEARCHED_TEMPLATE = re.compile(r"(<template\b[^<>]*\sdata-search-exclude\b[^<>]*>)([^<]*)(</template>)")
"""A `<template>` search skips whose content is one text (the self-check's rules: megabytes at 200 states)."""


def _cut_unsearched_templates(html: str) -> tuple[str, list[str | None]]:
    """`html` with the text of each template search skips cut out (unless search would strip
    something from it), and for each such template, in order, the text cut or None."""
    cut: list[str | None] = []

    def empty(match: re.Match[str]) -> str:
        if _search_would_strip(match[2]):
            cut.append(None)
            return match[0]
        cut.append(match[2])
        return match[1] + match[3]

    return _UNSEARCHED_TEMPLATE.sub(empty, html), cut


def _put_back_templates(html: str, cut: list[str | None]) -> str:
    """The texts `_cut_unsearched_templates` cut, back in their templates."""
    texts = iter(cut)

    def filled(match: re.Match[str]) -> str:
        text = next(texts)
        return match[0] if text is None else match[1] + text + match[3]

    return _UNSEARCHED_TEMPLATE.sub(filled, html)


def _front_matter_lines(source: str, markdown: str) -> int:
    """How many lines of the page's file come before `markdown` (MkDocs strips the front matter)."""
    return source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0


def hand_written_pages(docs_dir: Path) -> list[str]:
    """The Markdown pages of the docs folder, listed after the generated ones."""
    return sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))


PREVIEW_VERSION = "working copy"
"""The data version `mkdocs serve` shows: a preview is of unsaved history, and a version that
changed with every edit would make every page differ from the previous build."""


def _choices_unindexed(html: str) -> str:
    """A form's choices are not what a reader searches for: search skips every `<select>`.

    Material's search plugin leaves out elements marked `data-search-exclude`.
    """
    return re.sub(r"<select\b(?![^>]*data-search-exclude)", "<select data-search-exclude", html)


class _GeneratedFile(File):
    """A generated file that knows whether its content differs from the previous build's.

    MkDocs asks only under `mkdocs serve --dirty`, to rebuild just the pages an edit changed.
    """

    changed: bool = True
    kept: bool = True
    """False in a build: once MkDocs has read the content (a page) or written it (a download),
    the file lets it go; a server keeps it, to tell what the next edit changes."""

    def is_modified(self) -> bool:
        return self.changed

    def copy_file(self, dirty: bool = False) -> None:
        super().copy_file(dirty)
        if not self.kept:
            self.content_bytes = b""


class TemplateCodeCache(BytecodeCache):
    """The theme's compiled templates, kept in memory across `mkdocs serve` rebuilds.

    MkDocs makes a new Jinja environment for every build, which compiles Material's templates
    again (a quarter of a rebuild at 200 states); Jinja reuses code from a bytecode cache while
    the template's source (its checksum) is the same.
    """

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class _Config(base.Config):
    data_dir = c.Type(str, default=site_config.DATA_DIR_DEFAULT)
    templates_dir = c.Type(str, default="templates")
    states = c.ListOfItems(c.Type(str), default=[])
    """State codes to publish; empty publishes every state in data/."""
    stale_after_months = c.Type(int, default=STALE_AFTER_MONTHS)
    """Warn (and fail under --strict) when a state was last checked longer ago than this
    (the last-checked-recent check; `imhsite validate` reads it from mkdocs.yml too: site_config.py)."""
    fast_pages = c.Type(bool, default=True)
    """Generated pages skip MkDocs' per-page pipeline: page_html.py gives their HTML, table of
    contents and title, each navigation entry is rendered once per build (nav_cache.py) and
    the guides' and glossary's search entries are written from the data (search_entries.py).
    False builds every page through MkDocs' and Material's own pipeline, to compare the two."""
    search_index_budget_mb = c.Type((int, float), default=5)
    """The most the search index may weigh (megabytes of 10^6 bytes) with the guides' entries in it
    (`fast_pages`); above it, each state's guides' paragraphs go to a file of the state's, which
    the site's search loads when a query names the state (search_entries.add_to_index)."""


_FAST_TOC_OPTIONS = frozenset(("permalink", "permalink_class", "permalink_title", "slugify", "separator", "toc_depth"))


def toc_options(config: MkDocsConfig) -> TocOptions:
    """The `toc` options of mkdocs.yml, for page_html.py; one it does not apply stops the build."""
    options = dict(config.mdx_configs.get("toc") or {})
    unknown = sorted(set(options) - _FAST_TOC_OPTIONS)
    if unknown:
        raise PluginError(f"plugins.imhsite.fast_pages cannot apply toc options {', '.join(unknown)}; "
                          "set fast_pages: false")
    return TocOptions(**options)


def markdown_escapes(config: MkDocsConfig) -> frozenset[str]:
    """The characters a backslash escapes in Python-Markdown with mkdocs.yml's extensions."""
    return frozenset(markdown.Markdown(extensions=config.markdown_extensions,
                                       extension_configs=config.mdx_configs).ESCAPED_CHARS)


@dataclass
class _FastPage:
    """A generated page converted by page_html.py, and its links to anchors on other pages."""

    markdown: str
    converted: PageHtml
    links_to_anchors: dict[str, dict[str, str]]
    """Target page (docs-relative path) -> anchor -> link as written, for MkDocs' anchor check."""


def _fast_page(converter: PageConverter, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> _FastPage:
    """Convert a generated page, resolving and checking its Markdown links as MkDocs does."""
    links = _RelativePathTreeprocessor(page.file, files, config)
    converted = converter.convert(markdown, links.path_to_url)
    anchors = {target.src_uri: found for target, found in links.links_to_anchors.items()}
    return _FastPage(markdown, converted, anchors)


def _place(fast: _FastPage, page: Page, files: Files) -> None:
    """What MkDocs' `Page.render` sets, from the page converted by page_html.py."""
    page.content = fast.converted.html
    page.toc = get_toc(fast.converted.toc_tokens)
    page._title_from_render = fast.converted.title  # as Page.render sets it from the first h1
    page.present_anchor_ids = fast.converted.anchor_ids
    targets = {uri: files.get_file_from_path(uri) for uri in fast.links_to_anchors}
    page.links_to_anchors = {file: fast.links_to_anchors[uri] for uri, file in targets.items() if file}


class ImhsitePlugin(BasePlugin[_Config]):
    """Loads and validates data/ once per build and adds the generated pages."""

    command: str | None = None
    final_dir: Path | None = None
    staging: Path | None = None
    stashes: dict[str, html_stash.Stash]

    def __init__(self) -> None:
        super().__init__()
        self.stashes = {}
        self.placed: set[str] = set()
        """Generated pages of this build whose HTML page_html.py made (`_place`)."""
        # MkDocs keeps this instance across `mkdocs serve` rebuilds: each rebuild reads and
        # renders again only what the edit changed, and (under --dirty) writes only that.
        self.load_cache = LoadCache()
        self.render_cache = RenderCache()
        self.search_cache = search_entries.EntryCache()
        self.search_parts: dict[Path, str] = {}
        """The search index's state parts as a server last wrote them (search_entries.add_to_index)."""
        self.published: dict[str, str] = {}
        """Each generated file's content as the last finished build wrote it."""
        self.converter: PageConverter | None = None
        self.fast_pages: dict[str, _FastPage] = {}
        """Generated pages converted by page_html.py; kept across `mkdocs serve` rebuilds."""
        self.hidden: dict[str, str] = {}
        """The HTML of pages Material's search skips, while it looks at them (on_page_context)."""
        self.cut_templates: dict[str, list[str | None]] = {}
        """The texts of templates Material's search skips, cut from a page it indexes meanwhile."""
        self.search_sees_pages_alone = False
        self.template_code = TemplateCodeCache()
        self.frozen = False
        """Whether what a server keeps across rebuilds has been set aside from the collector."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load the data and render the generated files.

        A data error stops the build; a warning (a placeholder, a stale state) is logged, so
        `mkdocs serve --no-strict` previews past it and `mkdocs build --strict` refuses to publish.
        """
        project = Path(config.config_file_path).parent
        theme_listing.skip_hidden_folders(config.theme)
        self.data_dir = project / self.config.data_dir
        self.templates_dir = project / self.config.templates_dir
        chosen = tuple(self.config.states) or None
        try:
            # a one-state site reads that state's file only
            dataset = load_dataset(self.data_dir, chosen, self.load_cache, Path(config.docs_dir),
                                   self.config.stale_after_months)
        except DataError as err:
            raise PluginError("invalid data:\n" + "\n".join(str(p) for p in err.problems)) from None
        for warning in dataset.warnings:
            log.warning(str(warning))
        unknown = sorted(set(chosen or ()) - set(dataset.states))
        if unknown:
            raise PluginError(f"plugins.imhsite.states: no data for {', '.join(unknown)}")
        published = [s for code, s in dataset.states.items() if chosen is None or code in chosen]
        version = PREVIEW_VERSION if self.command == "serve" else data_version(self.data_dir)
        config.copyright = freshness.footer_line(published, config.copyright)
        if len(published) == 1 and published[0].association.name not in config.site_name:
            config.site_name = f"{published[0].association.name}: {config.site_name}"
        try:
            # only a server renders again: a build lets the parts go once its pages are rendered
            self.site: RenderedSite = render_site(dataset, self.templates_dir, Options(states=chosen, data_version=version),
                                                  self.render_cache if self.command == "serve" else None)
        except RenderError as err:
            raise PluginError(f"template error: {err}") from None
        abbreviations = abbreviation_map(dataset)
        self.abbreviations = abbreviation_definitions(abbreviations)
        if self.config.fast_pages:
            settings = (markdown_abbreviations(abbreviations), toc_options(config), markdown_escapes(config))
            if self.converter is None or settings != self.converter.settings:
                self.converter = PageConverter(*settings)
                self.fast_pages.clear()
        self.dataset, self.published_states = dataset, published
        self.search_sees_pages_alone = self.config.fast_pages and all(
            getattr(handler, "__self__", None) is self or type(getattr(handler, "__self__", None)).__module__ == MATERIAL_SEARCH
            for handler in config.plugins.events["page_context"])
        self.self_indexed = search_entries.indexed_pages(published) if self.config.fast_pages else set()
        if not config.nav:
            listed = set(nav_paths(self.site.nav))
            config.nav = self.site.nav + [p for p in hand_written_pages(Path(config.docs_dir)) if p not in listed]
        if self.command in ("build", "gh-deploy"):
            self.final_dir = Path(config.site_dir)
            self.staging = atomic_output.staging_folder(self.final_dir)
            config.site_dir = str(self.staging)
        for path in self.site.files:
            if path.endswith(".css"):
                config.extra_css.append(path)
            elif path.endswith(".js"):
                config.extra_javascript.append(path)
        return config

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Under `fast_pages`, each entry of the theme's navigation is rendered once per build,
        but each page's own entry, with its table of contents. A server compiles the theme's
        templates once. The theme's main.html names our search worker (search_worker.py)."""
        env.filters["wrap_search_worker"] = wrap_search_worker
        if self.command == "serve":
            env.bytecode_cache = self.template_code
        if self.config.fast_pages:
            nav_cache.install(env)
        return env

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add every generated file as if it were in the docs folder.

        A server keeps every file's content, to tell which the next edit changes. A build keeps
        of the rendered files only what its search entries are written from; each file's content
        is let go once used (_GeneratedFile.kept), and a download (not a page) is held as UTF-8
        meanwhile: most of its text is ASCII, which a Python str holds in two bytes a character
        once any character needs them.
        """
        kept = self.command == "serve"
        for path in list(self.site.files):
            content = self.site.files[path]
            if not urls.inside_site(path):  # checks/state_folder.py sees to it; never write elsewhere
                raise PluginError(f"generated page {path!r} would be written outside the site folder")
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"content/{path} would be replaced by a generated page; rename it")
            if not kept and not path.endswith(".md"):
                del self.site.files[path]
                content = content.encode("utf-8")
            file = _GeneratedFile.generated(config, path, content=content)
            file.changed = self.published.get(path) != content
            file.kept = kept
            files.append(file)
        if not kept:
            self.site.files = {path: search_entries.outline(self.site.files[path]) for path in self.self_indexed}
        return files

    def on_page_markdown(self, markdown: str, /, *, page, config: MkDocsConfig, files: Files) -> str:
        """Refuse markup in hand-written pages and their front matter; abbreviations become tooltips.

        A generated page's HTML blocks wait in a stash while Python-Markdown renders the rest;
        with `fast_pages`, page_html.py converts the page, which takes the place of MkDocs' `Page.render`.
        """
        if page.file.generated_by is None:
            source = page.file.content_string
            skipped = _front_matter_lines(source, markdown)
            found = [str(Problem(f"content/{page.file.src_uri}", line, "", message))
                     for line, message in content_check.front_matter_problems(source, page.meta)]
            found += [str(Problem(f"content/{page.file.src_uri}", line + skipped, "", message))
                      for line, message in content_check.problems(markdown)]
            if found:
                raise PluginError("unsafe content:\n" + "\n".join(found))
            # The theme prints these as HTML (as MkDocs' own titles from headings are): escaped text.
            page.meta = {key: escape(value) if isinstance(value, str) else value for key, value in page.meta.items()}
        elif self.config.fast_pages:
            fast = self.fast_pages.get(page.file.src_uri)
            if fast is None or fast.markdown != markdown:
                assert self.converter is not None  # made in on_config
                fast = _fast_page(self.converter, markdown, page, config, files)
                if self.command == "serve":
                    self.fast_pages[page.file.src_uri] = fast
            self.placed.add(page.file.src_uri)
            # MkDocs would run Python-Markdown, with all its extensions set up anew, on an empty page
            page.render = lambda config, files: _place(fast, page, files)
            if isinstance(page.file, _GeneratedFile) and not page.file.kept:
                page.file.content_string = ""
            return ""
        else:
            self.stashes[page.file.src_uri] = stashed = html_stash.stash(markdown)
            markdown = stashed.markdown
        return f"{markdown}\n\n{self.abbreviations}\n"

    def on_page_content(self, html: str, /, *, page, config: MkDocsConfig, files: Files) -> str:
        """Put a generated page's HTML blocks back; check again what MkDocs made of a hand-written one.

        MkDocs' parser is not markdown-it, so a hand-written page is judged by its HTML too.
        """
        if page.file.src_uri in self.self_indexed:  # on_post_build adds its entries: Material's search skips it
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        if page.file.src_uri in self.placed:
            self.placed.discard(page.file.src_uri)
            del page.render  # and with it the converted page (its Markdown, its HTML), placed now
            return _choices_unindexed(html)
        stashed = self.stashes.pop(page.file.src_uri, None)
        if stashed is not None:
            page.present_anchor_ids = (page.present_anchor_ids or set()) | stashed.anchor_ids()
            return _choices_unindexed(stashed.restore(html))
        found = content_check.html_problems(html)
        if found:
            raise PluginError(f"unsafe content: content/{page.file.src_uri}: the page would hold " + "; ".join(found))
        return html

    @event_priority(100)
    def _hide_from_search(self, context: dict, /, *, page: Page, config: MkDocsConfig, nav) -> dict:
        """A page search skips goes past Material's search plugin without its HTML; a page it
        indexes, without the text of the templates it skips.

        For each page, Material's search scans the whole HTML once more to strip its
        `data-search-*="..."` attributes, even from a page it does not index: the comparisons
        run to megabytes. A page it skips and that has no such attribute would come out as it
        went in, so it gets an empty one and its own back straight after (`_give_back_to_page`).
        So would a skipped template's text (the self-check's rules), cut out meanwhile.
        Only when Material's search is the only other plugin that sees pages at this event.
        """
        if not self.search_sees_pages_alone or not page.content:
            return context
        if (page.meta.get("search") or {}).get("exclude") and not _search_would_strip(page.content):
            self.hidden[page.file.src_uri] = page.content
            page.content = ""
        elif "<template" in page.content:
            page.content, cut = _cut_unsearched_templates(page.content)
            if any(text is not None for text in cut):
                self.cut_templates[page.file.src_uri] = cut
        return context

    @event_priority(-100)
    def _give_back_to_page(self, context: dict, /, *, page: Page, config: MkDocsConfig, nav) -> dict:
        """The page's HTML back, once every other plugin has seen the page (`_hide_from_search`)."""
        hidden = self.hidden.pop(page.file.src_uri, None)
        if hidden is not None:
            page.content = hidden
        cut = self.cut_templates.pop(page.file.src_uri, None)
        if cut is not None:
            page.content = _put_back_templates(page.content, cut)
        return context

    on_page_context = CombinedEvent(_hide_from_search, _give_back_to_page)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """A page's HTML is let go once the page is written: nothing reads it again."""
        page.content = None
        return output

    @event_priority(-50)  # after every other plugin's, Material's search writing its index first
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The generated pages' search entries join Material's index; only a finished build
        replaces the previous site.

        MkDocs runs this event before it aborts a strict build for its warnings, so a
        build with warnings under --strict is left for on_build_error to discard.
        """
        if config.strict and _warnings_counted():
            return
        index = Path(config.site_dir) / "search" / "search_index.json"
        if self.self_indexed and index.exists():
            cache = self.search_cache if self.command == "serve" else search_entries.EntryCache()
            states = [(state, cache.state_entries(state, self.site)) for state in self.published_states]
            search_entries.add_to_index(index, states, search_entries.glossary_json(self.dataset, self.site),
                                        round(self.config.search_index_budget_mb * 1_000_000),
                                        self.search_parts if self.command == "serve" else None)
        if self.command == "serve":
            self.published = dict(self.site.files)
            if not self.frozen:
                # What the first build leaves is what every rebuild keeps (the data, the parts, the
                # pages' HTML...): the collector stops walking it. This build's own pages are set
                # aside too and never freed, a bounded cost (their HTML is let go already).
                freeze_survivors()
                self.frozen = True
        if self.staging is not None:
            atomic_output.publish(self.staging, self.final_dir)
            config.site_dir = str(self.final_dir)
            self.staging = None

    def on_build_error(self, *, error: Exception) -> None:
        """Discard the unfinished build; say in one line why the output could not be written.

        A read-only folder, a full disk or a file-size limit is an OSError that MkDocs would
        show as a traceback; raised here as a PluginError, MkDocs prints its message alone.
        """
        if self.staging is not None:
            atomic_output.discard(self.staging)
            self.staging = None
        if isinstance(error, OSError) and self.final_dir is not None:
            written = error.filename2 or error.filename  # a copy names its source first
            where = f": {written}" if written else ""
            raise PluginError(f"the build into {self.final_dir} failed: {error.strerror or error}{where}") from None

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        """Rebuild when data or templates change (content/ is the docs folder, watched already);
        the project's folders are looked at more often than MkDocs' half second (serve_watch.py)."""
        server.watch(str(self.data_dir))
        server.watch(str(self.templates_dir))
        serve_watch.poll_often(server, (str(self.data_dir), str(self.templates_dir), config.docs_dir,
                                        config.config_file_path))
        return server
