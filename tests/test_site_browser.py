"""The built site in Debian's chromium at a phone's and a desktop's width: tables that fit or say
they scroll, comparisons whose every state can be reached and whose marks are right, no control
cut off by its cell, search that ranks what an applicant looks for first."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import chromium, open_search, serve
from conftest import DATA

from imhsite import side_by_side, vocabulary
from imhsite.load import load_dataset
from imhsite.render import INITIAL_FACETS, RENEWAL_FACETS, STATUS_LABELS

SCREENSHOTS = Path(__file__).parent / "screenshots"
WIDTHS = {"phone": 360, "desktop": 1280}
TABLE_PAGES = ["/", "/virginia/", "/virginia/ifrs/", "/compare/imhs/", "/compare/ifa/", "/glossary/"]


@pytest.fixture(scope="module")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture(params=list(WIDTHS))
def tab(request, browser):
    page = browser.new_page(viewport={"width": WIDTHS[request.param], "height": 900})
    page.width_name = request.param
    yield page
    page.close()


@pytest.mark.parametrize("path", TABLE_PAGES)
def test_no_table_is_wider_than_its_box_without_a_visible_scroll_cue(site_url, tab, path):
    tab.goto(site_url + path)
    width = WIDTHS[tab.width_name]
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} at {width} px scrolls sideways by {overflow} px"
    boxes = tab.locator(".imh-table-scroll")
    for i in range(boxes.count()):
        box = boxes.nth(i)
        frame = box.bounding_box()
        assert frame["x"] >= 0 and frame["x"] + frame["width"] <= width + 1
        wider = box.evaluate("b => b.scrollWidth > b.clientWidth + 1")
        if wider:
            cue = box.locator("xpath=preceding-sibling::*[1][contains(@class, 'imh-scroll-cue')]")
            assert cue.count() and cue.is_visible(), f"{path} at {width} px: table {i} scrolls with no visible cue"


@pytest.mark.parametrize("path", ["/compare/imhs/", "/compare/ifa/", "/virginia/"])
def test_every_column_of_a_comparison_can_be_reached(site_url, tab, path):
    tab.goto(site_url + path)
    width = WIDTHS[tab.width_name]
    keys = tab.eval_on_selector_all(".imh-side thead th[data-column]", "ths => ths.map(th => th.dataset.column)")
    assert len(keys) >= 2
    for key in keys:
        cell = tab.locator(f'.imh-side tbody tr:first-child td[data-column="{key}"]')
        cell.scroll_into_view_if_needed()
        box = cell.bounding_box()
        assert box and box["x"] >= -1 and box["x"] + min(box["width"], 40) <= width + 1, f"{path}: {key} out of reach"
        assert cell.locator(".imh-cell__body").is_visible()


@pytest.mark.parametrize("path", ["/compare/imhs/", "/compare/imhm-c/", "/virginia/", "/oregon/"])
def test_nothing_in_a_cell_is_cut_off(site_url, tab, path):
    """Every link, disclosure and badge of every cell lies inside its cell's box."""
    tab.goto(site_url + path)
    outside = tab.evaluate("""() => {
      document.querySelectorAll('.imh-table details').forEach((d) => { d.open = true; });
      const found = [];
      for (const td of document.querySelectorAll('.imh-table td')) {
        const cell = td.getBoundingClientRect();
        for (const el of td.querySelectorAll('a, summary, .imh-status, .imh-differs, li')) {
          const r = el.getBoundingClientRect();
          if (!r.width) continue;
          if (r.left < cell.left - 1 || r.right > cell.right + 1 || r.top < cell.top - 1 || r.bottom > cell.bottom + 1)
            found.push(td.dataset.column + ' ' + el.tagName + ' ' + el.textContent.trim().slice(0, 30));
        }
      }
      return found;
    }""")
    assert not outside, f"{path} at {WIDTHS[tab.width_name]} px: " + "; ".join(outside[:10])


def compared(category: str, codes: list[str]) -> list[side_by_side.Row]:
    """The rows side_by_side makes when only these states are compared."""
    dataset = load_dataset(DATA)
    columns = [side_by_side.Column(c, dataset.states[c].name, "") for c in codes]
    return [side_by_side.row(phase, facet, f"Renewal: {title.lower()}" if phase == "renewal" else title, columns,
                             lambda col: getattr(getattr(dataset.states[col.key].categories[category], phase), facet))
            for phase, facets in (("initial", INITIAL_FACETS), ("renewal", RENEWAL_FACETS))
            for facet, title in facets.items()]


def expected_marks(category: str, codes: list[str]) -> set[tuple[str, str]]:
    """(row, state) of every cell marked when only these states are compared."""
    return {(row.key, cell.column.key) for row in compared(category, codes) for cell in row.cells if cell.differs}


def expected_summary(category: str, codes: list[str]) -> list[str]:
    """The sentences of what differs when only these states are compared, as the page words them."""
    describe = side_by_side.describe_with(lambda r: STATUS_LABELS[r.status], vocabulary.key_values)
    return [f"{title} — " + "; ".join(f"{who}: {describe(cell.requirement)}" for who, cell in parts)
            for title, parts in side_by_side.differences(compared(category, codes))]


def shown_marks(page) -> set[tuple[str, str]]:
    return set(map(tuple, page.eval_on_selector_all(
        ".imh-side tbody td", """tds => tds.filter(td => !td.hidden && td.querySelector('.imh-differs').offsetParent !== null)
                                      .map(td => [td.closest('tr').dataset.facet, td.dataset.column])""")))


def test_marks_are_per_cell_and_redone_for_the_states_picked(site_url, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site_url + "/compare/imhs/")
        every = expected_marks("IMHS", ["MI", "NM", "NC", "OR", "VA"])
        assert ("initial-leadership", "VA") in every and not any(r == "initial-leadership" and s != "VA" for r, s in every)
        assert shown_marks(page) == every
        assert page.locator(".imh-differences li").all_inner_texts() == expected_summary("IMHS", ["MI", "NM", "NC", "OR", "VA"])
        assert page.locator(".imh-differences li", has_text="Leadership activities — Virginia alone: ").is_visible()

        page.goto(site_url + "/compare/imhs/?states=VA,MI")
        shown = page.eval_on_selector_all(".imh-side thead th[data-column]", "ths => ths.filter(th => !th.hidden).map(th => th.dataset.column)")
        assert shown == ["MI", "VA"]
        assert shown_marks(page) == expected_marks("IMHS", ["MI", "VA"])
        assert page.locator(".imh-differences li").all_inner_texts() == expected_summary("IMHS", ["MI", "VA"])

        page.get_by_label("New Mexico").check()
        assert page.url.endswith("?states=MI,NM,VA")
        assert shown_marks(page) == expected_marks("IMHS", ["MI", "NM", "VA"])
        assert page.locator(".imh-differences li").all_inner_texts() == expected_summary("IMHS", ["MI", "NM", "VA"])
        assert page.locator(".imh-differences li", has_text="Specialized work experience — Virginia alone: ").is_visible()
        page.screenshot(path=str(SCREENSHOTS / "compare-imhs-picked.png"), full_page=True)
    finally:
        page.close()


def test_differences_only_control_hides_the_rows_that_agree(site_url, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site_url + "/compare/imhs/")
        rows = page.locator("table.imh-table--compare tbody tr")
        differing = page.locator("table.imh-table--compare tbody tr.imh-row--differs")
        total, expected = rows.count(), differing.count()
        assert 0 < expected < total
        visible = lambda: sum(rows.nth(i).is_visible() for i in range(total))  # noqa: E731
        assert visible() == total
        page.get_by_label("Show only the rows that differ").check()
        assert visible() == expected
        page.get_by_label("Show only the rows that differ").uncheck()
        assert visible() == total
    finally:
        page.close()


def test_controls_are_at_least_24_px(site_url, tab):
    """WCAG 2.2 target size (minimum): the pickers, the toggle and the disclosures."""
    tab.goto(site_url + "/compare/imhs/")
    small = tab.evaluate("""() => [...document.querySelectorAll('.imh-diff-only, .imh-table summary, .imh-side input')]
      .map(el => [el.outerHTML.slice(0, 60), el.getBoundingClientRect()])
      .filter(([, r]) => r.width && (r.width < 24 || r.height < 24)).map(([html]) => html)""")
    assert not small, small[:5]


def test_state_overview_prints_on_landscape_pages_without_cut_off_columns(site_url, browser):
    """A4 landscape less 1 cm margins is 277 mm, about 1047 CSS pixels wide."""
    page = browser.new_page(viewport={"width": 1047, "height": 740})
    try:
        page.goto(site_url + "/virginia/")
        page.emulate_media(media="print")
        table = page.locator("table.imh-overview")
        widths = table.evaluate("t => [t.scrollWidth, t.parentElement.clientWidth, t.getBoundingClientRect().right]")
        assert widths[0] <= widths[1] + 1, f"table {widths[0]} px wide in a {widths[1]} px box"
        assert widths[2] <= 1047
        assert page.locator("table.imh-overview thead th").count() == 8
    finally:
        page.close()


def search(page, query: str) -> list[str]:
    """The addresses of the results Material's search lists for `query`, best first."""
    box = open_search(page)
    words = "+".join(query.split())
    for _ in range(3):  # a query typed before the search worker is ready is answered for its first letters
        box.fill("")
        box.press_sequentially(query, delay=20)
        try:
            page.locator(f".md-search-result__link[href*='h={words}'] >> visible=true").first.wait_for(timeout=10_000)
            break
        except Exception:  # noqa: BLE001 - retyped below
            continue
    hrefs = page.eval_on_selector_all(".md-search-result__item > .md-search-result__link",
                                      "links => links.map(a => new URL(a.href).pathname)")
    return hrefs


def test_search_ranks_guides_and_the_glossary_above_editors_and_form_options(site_url, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site_url + "/")
        found = search(page, "reflective supervision")
        assert found and "/editors/" not in found[0], found[:8]
        assert "/glossary/" in found[:8], found[:8]
        editors = [i for i, url in enumerate(found) if url.startswith("/editors/")]
        guides = [i for i, url in enumerate(found) if url.count("/") == 3 and not url.startswith(("/editors/", "/competencies/"))]
        assert guides and all(i > max(guides[:3]) for i in editors), found
        page.goto(site_url + "/")
        found = search(page, "IFRS")
        assert found and not found[0].startswith("/self-check/"), found[:8]
    finally:
        page.close()


SELF_CHECK_RESULTS = "/self-check/?state=OR&degree=master&training_hours=40&rsc_hours=50&rsc_provider=IMHM-C&imh_work_years=2"


@pytest.mark.parametrize("path", ["/", "/compare/imhs/", "/oregon/imhs/", SELF_CHECK_RESULTS])
def test_screenshots(site_url, tab, path):
    """Home, a comparison, a guide and self-check results as a reader sees them (copied to docs/screenshots/)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    tab.goto(site_url + path)
    if path == SELF_CHECK_RESULTS:
        tab.wait_for_selector("[data-cell]")
        tab.evaluate("document.getElementById('imhsite-results-title').scrollIntoView()")
    name = path.split("?")[0].strip("/").replace("/", "-") or "home"
    tab.screenshot(path=str(SCREENSHOTS / f"{name}-{tab.width_name}.png"), full_page=False)


def test_search_finds_a_guide_fact_and_opens_its_section(site_url, browser):
    """A word only Oregon's IMHM-R/F leadership requirement says is found, and its result opens
    that guide at that section (the entry written from the data, search_entries.py)."""
    leadership = load_dataset(DATA).states["OR"].categories["IMHM-R/F"].initial.leadership
    assert "interdepartmental" in leadership.text
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site_url + "/")
        search(page, "interdepartmental")
        result = page.locator(".md-search-result__link[href*='#leadership-activities'] >> visible=true").first
        assert "/oregon/imhm-rf/" in result.get_attribute("href")
        result.click()
        page.wait_for_url("**/oregon/imhm-rf/**#leadership-activities")
        heading = page.locator("#leadership-activities")
        assert heading.inner_text().strip().startswith("Leadership activities")
        assert heading.evaluate("h => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    finally:
        page.close()
