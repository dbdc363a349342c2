"""Validated data -> the site's generated files, independent of any site engine.

`render_site` returns every generated file as docs-relative path -> content, plus the
navigation for them; an engine adapter (mkdocs_plugin.py) only adds them to its build.
Templates are compiled once and one Markdown renderer serves every page.
"""

from __future__ import annotations

import os
import posixpath
from importlib import resources
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup

from . import editions, export, footnotes, schema, selfcheck_page, side_by_side, urls, vocabulary
from .checklist import checklist
from .codes import DESIGNATIONS, FACETS, STATUSES, labels
from .load import Dataset
from .markdown_text import TextRenderer, markdown_literal
from .model import CATEGORY_CODES, COMPETENCY_GROUPS, StateData
from .paused_gc import paused_gc

INITIAL_FACETS = labels(FACETS)
"""Facets in the order a state overview lists them (Virginia's overview order)."""

RENEWAL_FACETS = {
    "training": "Annual training",
    "reflective_supervision": INITIAL_FACETS["reflective_supervision"],
    "membership": INITIAL_FACETS["membership"],
}

STATUS_LABELS = labels(STATUSES)

SELF_CHECK_PAGE = "self-check.md"
CHANGES_PAGE = "changes.md"
EDITORS_GUIDE_PAGE = "editors/index.md"
FIELD_REFERENCE_PAGE = "editors/field-reference.md"

GROUP_STATES_ABOVE = 30
"""A national site lists its states under their initial letters: every page's sidebar shows
the States section's entries (navigation.prune drops only their children), so a flat list
makes each page grow with the number of states and the whole build grow with its square."""

ASSETS = ("imhsite.css", "on-page.js", "selfcheck.js", "tables.js")
"""Files shipped with the package and published under assets/imhsite/ (scripts load in this order)."""


class RenderError(Exception):
    """A template failed; the message names the template file and line."""


@dataclass(frozen=True)
class Options:
    """What to publish: all states, or a chosen few (a single association's site)."""

    states: tuple[str, ...] | None = None
    data_version: str = ""


@dataclass
class RenderedSite:
    """The generated files and the navigation that lists them."""

    files: dict[str, str] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)
    block_text: Callable[[str], str] = str
    """The pages' own Markdown renderer of a data text (and its cache), for what else shows it."""
    inline_text: Callable[[str], str] = str
    key_values: Callable[[Any], list[str]] = vocabulary.key_values
    """A requirement's key values as the pages list them (and their cache)."""


@dataclass
class RenderCache:
    """What one render leaves for the next render of nearly the same data (`mkdocs serve`).

    While the templates, the options and the shared data (documents, glossary, overview,
    competency guidelines) are unchanged, the compiled templates, rendered texts and the pages of
    the shared data are kept, and a state whose model is the very object rendered last time
    (load.LoadCache returns an unchanged file so) gets its parts back without rendering them
    again: its pages and downloads, and its share of the all-states pages (comparison cells,
    download entries, self-check rules), which are put together again from every state's parts.
    """

    shared: tuple[Any, ...] = ()
    env: Environment | None = None
    key_values: _PerObject = field(default_factory=lambda: _PerObject(vocabulary.key_values))
    """A requirement's key values, asked for by a guide, its summary and its table cell."""
    states: dict[str, _StateParts] = field(default_factory=dict)
    """State code -> its parts."""
    shared_pages: dict[str, str] = field(default_factory=dict)
    """The pages made of the shared data alone (competencies, glossary, field reference)."""
    comparisons: dict[str, tuple[list[side_by_side.Column], str]] = field(default_factory=dict)
    """Category code -> its comparison's columns and page: a page is all its columns' (and the
    shared data's), so while every column is equal it is kept as it was."""


@dataclass
class _StateParts:
    """What one state's model renders to, kept while that model is unchanged."""

    state: StateData
    files: dict[str, str] = field(default_factory=dict)
    """Its overview, guides and downloads."""
    columns: dict[str, side_by_side.Column] = field(default_factory=dict)
    """Category code -> the state's column in that category's comparison."""
    json: str = ""
    """Its entry in the site-wide JSON download (export.state_json)."""
    csv: str = ""
    """Its rows in the site-wide CSV download (export.csv_rows)."""
    rules: selfcheck_page.StateRules | None = None
    """Its part of the self-check's rules."""
    history: editions.StateHistory | None = None
    """The editions it cites, for the list of changes."""
    cells: dict[tuple[str, str, bool], str] = field(default_factory=dict)
    """Its cells in the comparisons, by category, row key and whether marked as differing."""


def render_site(dataset: Dataset, templates: Path, options: Options = Options(),
                cache: RenderCache | None = None) -> RenderedSite:
    """Render every generated page, data download and script of the site."""
    with paused_gc():
        return _Renderer(dataset, templates, options, cache or RenderCache(), kept=cache is not None).render()


def _environment(templates: Path, text: TextRenderer) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # A text appears on its guide, its state's overview and its comparison page: render it once.
    env.filters.update(md=lru_cache(maxsize=None)(text.block), md_inline=lru_cache(maxsize=None)(text.inline),
                       literal=markdown_literal, slug=urls.slug, footnote_links=footnotes.link_marks)
    return env


def _templates_stamp(templates: Path) -> list[tuple[str, int, int]]:
    """Every template's name, size and modification time: a changed template changes it."""
    files = sorted(p for p in Path(templates).rglob("*") if p.is_file())
    return [(p.as_posix(), p.stat().st_size, p.stat().st_mtime_ns) for p in files]


def _same(before: tuple[Any, ...], now: tuple[Any, ...]) -> bool:
    return len(before) == len(now) and all(a is b or a == b for a, b in zip(before, now))


class _PerObject:
    """A function of one object, computed once per object.

    Keyed by identity (models are not hashable) and holding each object, so that no other
    object can take its identity while its result is kept; `forget` lets them go.
    """

    def __init__(self, function: Callable[[Any], Any]):
        self.function = function
        self.found: dict[int, tuple[Any, Any]] = {}

    def __call__(self, item: Any) -> Any:
        kept = self.found.get(id(item))
        if kept is None or kept[0] is not item:
            kept = self.found[id(item)] = (item, self.function(item))
        return kept[1]

    def forget(self) -> None:
        self.found.clear()


class _Renderer:
    def __init__(self, dataset: Dataset, templates: Path, options: Options, cache: RenderCache, kept: bool = True):
        self.dataset = dataset
        self.kept = kept
        """Whether the cache outlives this render; if not, parts are let go once every page using them is made."""
        self.options = options
        self.states = {
            code: state for code, state in dataset.states.items()
            if options.states is None or code in options.states
        }
        self.single = len(self.states) == 1
        self.abbreviations = abbreviation_map(dataset)
        shared = (dataset.documents, dataset.glossary, dataset.overview, dataset.competencies, self.abbreviations,
                  options, self.single, Path(templates), _templates_stamp(templates))
        if cache.env is None or not _same(cache.shared, shared):
            cache.shared, cache.states, cache.shared_pages, cache.comparisons = shared, {}, {}, {}
            cache.env = _environment(templates, TextRenderer(self.abbreviations))
        self.cache = cache
        self.env = cache.env
        cache.key_values.forget()  # the previous render's models
        self.describe = side_by_side.describe_with(lambda req: STATUS_LABELS[req.status], cache.key_values)
        self.env.globals.update(
            status_label=lambda req: STATUS_LABELS[req.status],
            document=lambda doc: dataset.documents[doc],
            initial_facets=INITIAL_FACETS,
            renewal_facets=RENEWAL_FACETS,
            category_info=dataset.overview.categories,
            data_version=options.data_version,
            single_state=self.single,
            facet_key_values=cache.key_values,
            designation_names=labels(DESIGNATIONS),
            state_page=urls.state_page,
            guide_page=urls.guide_page,
            compare_page=urls.compare_page,
            competencies_page=urls.competencies_page,
            competency_levels_page=urls.COMPETENCY_LEVELS_PAGE,
            sources_page=urls.SOURCES_PAGE,
            all_downloads=urls.ALL_DOWNLOADS,
            self_check_page=SELF_CHECK_PAGE,
            editors_guide_page=EDITORS_GUIDE_PAGE,
            footnote_anchor=footnotes.anchor,
            describe=self.describe,
        )
        self.site = RenderedSite()

    def render(self) -> RenderedSite:
        self._page("index.md", "home.md.j2", states=self.states, categories=self.published_categories(),
                   overview_statements=self.dataset.overview.endorsement)
        for state in self.states.values():
            self._state(state)
        for gone in set(self.cache.states) - set(self.states):
            del self.cache.states[gone]
        if not self.single:
            self._compare()
        if not self.kept:  # the comparisons' cells and columns are in their pages now
            for parts in self.cache.states.values():
                parts.cells, parts.columns = {}, {}
            self.cache.comparisons.clear()
        self._competencies()
        self._shared_page("glossary.md", "glossary.md.j2",
                          lambda: {"glossary": self.dataset.glossary, "abbreviations": self.abbreviations})
        self._page(urls.SOURCES_PAGE, "sources.md.j2", documents=self.dataset.documents, states=self.states)
        self._page(CHANGES_PAGE, "changes.md.j2", histories=[self.cache.states[code].history for code in self.states])
        self._shared_page(FIELD_REFERENCE_PAGE, "field_reference.md.j2", lambda: {"types": schema.field_reference(StateData)})
        self._page(SELF_CHECK_PAGE, "self-check.md.j2", **selfcheck_page.page_context(
            self.dataset, self.options.states, lambda state: self.cache.states[state.state].rules))
        self._downloads()
        self._assets()
        self.site.nav = self._nav()
        self.site.block_text, self.site.inline_text = self.env.filters["md"], self.env.filters["md_inline"]
        self.site.key_values = self.cache.key_values
        return self.site

    # --- pages -------------------------------------------------------------

    def _page(self, path: str, template: str, files: dict[str, str] | None = None, **context: Any) -> None:
        folder = posixpath.dirname(path) or "."
        context.update(link=site_link, md_link=lambda target, anchor="": posixpath.relpath(target, folder) + (f"#{urls.slug(anchor)}" if anchor else ""), page_path=path)
        try:
            html = self.env.get_template(template).render(**context)
        except TemplateError as err:
            raise RenderError(f"{_template_location(err, template)}: {err.message or type(err).__name__} (rendering {path})") from None
        (self.site.files if files is None else files)[path] = placed_links(html, path)

    def _macro(self, template: str, name: str) -> Callable[..., Markup]:
        """A macro of a template, to render a part once for every page that shows it."""
        return getattr(self.env.get_template(template).module, name)

    def _state(self, state: StateData) -> None:
        parts = self.cache.states.get(state.state)
        if parts is None or parts.state is not state:
            parts = self.cache.states[state.state] = self._state_parts(state)
        self.site.files.update(parts.files)

    def _state_parts(self, state: StateData) -> _StateParts:
        """A state's pages, downloads and comparison columns, each table cell rendered once."""
        parts = _StateParts(state)
        facet_cell = self._macro("_facets.j2", "facet_cell")
        for code, category in state.categories.items():
            guide = urls.guide_page(state, code)
            notes = footnotes.targets(category, site_link(guide))
            shown = {}
            for phase, facet, _ in _FACET_ROWS:
                requirement = getattr(getattr(category, phase), facet)
                shown[side_by_side.row_key(phase, facet)] = side_by_side.Shown(
                    side_by_side.published_values(requirement), self.describe(requirement),
                    facet_cell(requirement, site_link, notes))
            parts.columns[code] = side_by_side.Column(state.state, state.name, guide, notes, shown)
        overview = urls.state_page(state)
        columns = [replace(column, key=code, name=code) for code, column in parts.columns.items()]
        rows = _rows(columns, lambda column: state.categories[column.key])
        cell = self._macro("_side_by_side.j2", "cell")
        self._page(
            overview, "state.md.j2", parts.files,
            state=state, guide=lambda code: urls.guide_page(state, code),
            downloads=_download_names(state), columns=columns, rows=rows,
            cells=lambda row: Markup("".join(cell(c, row.key, False) for c in row.cells)),
        )
        for code, category in state.categories.items():
            self._page(
                urls.guide_page(state, code), "guide.md.j2", parts.files,
                state=state, code=code, category=category, notes=parts.columns[code].notes,
                compare=None if self.single else urls.compare_page(code),
                self_check=f"{SELF_CHECK_PAGE}?{urlencode({'state': state.state, 'category': code})}",
                checklist=checklist(category),
            )
        parts.json, parts.csv = export.state_json(state), export.csv_rows(self.dataset, [state.state])
        json_name, csv_name = _download_names(state)
        parts.files[json_name] = export.to_json(self.dataset, [state.state], shared=False, state_text=lambda _: parts.json)
        parts.files[csv_name] = export.to_csv(self.dataset, [state.state], state_rows=lambda _: parts.csv)
        parts.rules = selfcheck_page.StateRules.of(state)
        parts.history = editions.state_history(self.dataset, state)
        return parts

    def _compare(self) -> None:
        categories = self.published_categories()
        self._page("compare/index.md", "compare_index.md.j2", categories=categories, states=self.states)
        for code in categories:
            page = urls.compare_page(code)
            states = {s.state: s for s in self.states.values() if code in s.categories}
            columns = [self.cache.states[s.state].columns[code] for s in states.values()]
            kept = self.cache.comparisons.get(code)
            if kept is not None and _same(tuple(kept[0]), tuple(columns)):
                self.site.files[page] = kept[1]
                continue
            rows = _rows(columns, lambda column: states[column.key].categories[code])
            self._page(page, "compare.md.j2", code=code, states=list(states.values()), columns=columns, rows=rows,
                       cells=self._compared_cells(code), differences=side_by_side.differences(rows))
            self.cache.comparisons[code] = columns, self.site.files[page]

    def _compared_cells(self, code: str) -> Callable[[side_by_side.Row], Markup]:
        """A comparison's row as its cells, each kept with its state while its marks stay the same."""
        cell = self._macro("_side_by_side.j2", "cell")

        def cells(row: side_by_side.Row) -> Markup:
            made = []
            for c in row.cells:
                kept, key = self.cache.states[c.column.key].cells, (code, row.key, c.differs)
                if key not in kept:
                    kept[key] = cell(c, row.key, True)
                made.append(kept[key])
            return Markup("".join(made))
        return cells

    def _competencies(self) -> None:
        guidelines = self.dataset.competencies
        self._shared_page(urls.COMPETENCIES_INDEX, "competencies_index.md.j2", lambda: {"guidelines": guidelines})
        for group, competency_set in guidelines.categories.items():
            self._shared_page(urls.competencies_page(group), "competencies.md.j2",
                              lambda: {"group": group, "competencies": competency_set, "source": guidelines.source})
        self._shared_page(urls.COMPETENCY_LEVELS_PAGE, "competency_levels.md.j2",
                          lambda: {"steps": competency_steps(self.dataset)})

    def _shared_page(self, path: str, template: str, context: Callable[[], dict[str, Any]]) -> None:
        """A page of the shared data alone: rendered again only when that data or a template changed."""
        if path not in self.cache.shared_pages:
            self._page(path, template, self.cache.shared_pages, **context())
        self.site.files[path] = self.cache.shared_pages[path]

    def _downloads(self) -> None:
        codes = list(self.states)
        json_name, csv_name = urls.ALL_DOWNLOADS
        self.site.files[json_name] = export.to_json(self.dataset, codes, state_text=lambda s: self.cache.states[s.state].json)
        self.site.files[csv_name] = export.to_csv(self.dataset, codes, state_rows=lambda code: self.cache.states[code].csv)

    def _assets(self) -> None:
        for asset in ASSETS:
            self.site.files[f"assets/imhsite/{asset}"] = (resources.files(__package__) / "assets" / asset).read_text("utf-8")

    # --- navigation ----------------------------------------------------------

    def published_categories(self) -> list[str]:
        return [c for c in CATEGORY_CODES if any(c in s.categories for s in self.states.values())]

    def _nav(self) -> list[Any]:
        states = [
            {state.name: [urls.state_page(state)]
             + [{code: urls.guide_page(state, code)} for code in state.categories]}
            for state in self.states.values()
        ]
        nav: list[Any] = [{"Home": "index.md"}, {"Self-check": SELF_CHECK_PAGE}]
        if self.single:
            nav.extend(states)
        else:
            nav.append({"States": states if len(states) <= GROUP_STATES_ABOVE else _by_initial(states)})
            nav.append({"Compare": ["compare/index.md"] + [{c: urls.compare_page(c)} for c in self.published_categories()]})
        nav.append({"Competencies": [urls.COMPETENCIES_INDEX]
                    + [{g: urls.competencies_page(g)} for g in self.dataset.competencies.categories]
                    + [{"What each level adds": urls.COMPETENCY_LEVELS_PAGE}]})
        nav.append({"Glossary": "glossary.md"})
        nav.append({"Sources": urls.SOURCES_PAGE})
        nav.append({"What changed": CHANGES_PAGE})
        nav.append({"For editors": [EDITORS_GUIDE_PAGE, {"Field reference": FIELD_REFERENCE_PAGE}]})
        return nav


def _by_initial(states: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """State entries of the navigation grouped under their initial letter, in order."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in states:
        groups.setdefault(next(iter(entry))[:1].upper(), []).append(entry)
    return [{letter: entries} for letter, entries in groups.items()]


def abbreviation_map(dataset: Dataset) -> dict[str, str]:
    """Abbreviation -> meaning, shown as tooltips on every page and listed in the glossary.

    An association's abbreviation means the name its state's data gives it: a glossary entry may
    quote a document's shorter words ("State Association for Infant Mental Health"), and every
    page must expand an abbreviation alike.
    """
    meanings = {a.abbreviation: a.meaning for a in dataset.glossary.abbreviations}
    meanings.update({s.association.abbreviation: s.association.name
                     for s in dataset.states.values() if s.association.abbreviation})
    return meanings


def competency_steps(dataset: Dataset) -> list[dict[str, Any]]:
    """For each level after the first, the knowledge areas and domains it adds."""
    sets = dataset.competencies.categories
    steps = []
    for lower, higher in zip(COMPETENCY_GROUPS, COMPETENCY_GROUPS[1:]):
        if lower not in sets or higher not in sets:
            continue
        below = {d.name: d for d in sets[lower].domains}
        domains = []
        for domain in sets[higher].domains:
            before = below.get(domain.name)
            known = set(before.knowledge_areas + before.skill_areas) if before else set()
            domains.append({
                "domain": domain,
                "new_domain": before is None,
                "added_areas": [a for a in domain.knowledge_areas + domain.skill_areas if a not in known],
                "items_before": _item_count(before.demonstrated_by) if before else 0,
                "items_now": _item_count(domain.demonstrated_by),
            })
        steps.append({"lower": lower, "higher": higher, "domains": domains})
    return steps


def _item_count(groups: Iterable[Any]) -> int:
    def count(items: Iterable[Any]) -> int:
        return sum(1 + count(i.items) for i in items)
    return sum(count(g.items) for g in groups)


_FACET_ROWS = [(phase, facet, f"Renewal: {title.lower()}" if phase == "renewal" else title)
               for phase, facets in (("initial", INITIAL_FACETS), ("renewal", RENEWAL_FACETS))
               for facet, title in facets.items()]
"""A comparison's rows: (phase, facet, title) of every initial facet, then every renewal facet."""


def _rows(columns: list[side_by_side.Column], category: Callable[[side_by_side.Column], Any]) -> list[side_by_side.Row]:
    """A comparison's rows, of each column's category."""
    return [side_by_side.row(phase, facet, title, columns,
                             lambda column: getattr(getattr(category(column), phase), facet))
            for phase, facet, title in _FACET_ROWS]


def _template_location(err: TemplateError, template: str) -> str:
    """`templates/guide.md.j2:12`: the innermost template line the error passed through."""
    if getattr(err, "lineno", None):
        return f"{getattr(err, 'filename', None) or template}:{err.lineno}"  # type: ignore[attr-defined]
    frame, where = err.__traceback__, template
    while frame is not None:
        code = frame.tb_frame.f_code
        if code.co_filename.endswith(".j2"):
            where = f"{os.path.relpath(code.co_filename)}:{frame.tb_lineno}"
        frame = frame.tb_next
    return where


def _download_names(state: StateData) -> tuple[str, str]:
    return urls.downloads(urls.state_folder(state))


_SITE_HREF = 'href="\ue001'
"""How a link from the site's root starts until its page places it: a private-use character
that data text cannot put in an `href` (markdown-it percent-encodes it there)."""


@lru_cache(maxsize=None)  # a page links to the sources page once per citation
def site_link(target: str, anchor: str = "") -> str:
    """The URL of `target` (a page path, maybe with a query), at `anchor` (slugged), from the site's root.

    Marked so that one rendered part serves every page that shows it: `placed_links` makes it
    relative to the page it lands on.
    """
    path, _, query = target.partition("?")
    url = urls.url_of(path) if path.endswith(".md") else "/" + path
    return "\ue001" + url[1:] + (f"?{query}" if query else "") + (f"#{urls.slug(anchor)}" if anchor else "")


def placed_links(html: str, page: str) -> str:
    """`html` with every `site_link` in an `href` made relative to `page`'s URL, as a relative path.

    From the page's own folder up: a link into a folder the page is in climbs only to it
    (`#footnote-5` on its guide, `imhs/` on its state's overview); a link to the page itself is `./`.
    """
    if _SITE_HREF not in html:
        return html
    folder = urls.url_of(page)[1:]
    html = html.replace(f'{_SITE_HREF}{folder}"', 'href="./"')
    steps = folder.split("/")[:-1]
    for up in range(len(steps) + 1):
        html = html.replace(_SITE_HREF + "".join(f"{step}/" for step in steps[:len(steps) - up]), 'href="' + "../" * up)
    return html
