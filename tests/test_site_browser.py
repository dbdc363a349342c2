"""The built site in Debian's chromium: phone and desktop widths, the differences-only control."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import chromium, serve

SCREENSHOTS = Path(__file__).parent / "screenshots"
WIDTHS = {"phone": 360, "desktop": 1280}


@pytest.fixture(scope="module")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.mark.parametrize("width_name", WIDTHS)
@pytest.mark.parametrize("path", ["/virginia/ifrs/", "/compare/imhs/", "/virginia/"])
def test_page_does_not_scroll_sideways(site_url, path, width_name):
    SCREENSHOTS.mkdir(exist_ok=True)
    with chromium() as browser:
        page = browser.new_page(viewport={"width": WIDTHS[width_name], "height": 900})
        page.goto(site_url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} at {WIDTHS[width_name]} px scrolls sideways by {overflow} px"
        table = page.locator(".imh-table-scroll").first
        if table.count():
            box = table.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTHS[width_name] + 1
        name = path.strip("/").replace("/", "-") or "home"
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width_name}.png"), full_page=False)


def test_facet_column_stays_in_view_when_the_table_scrolls(site_url):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 360, "height": 900})
        page.goto(site_url + "/virginia/")
        scroller = page.locator(".imh-overview")
        scroller.evaluate("el => el.scrollLeft = 600")
        facet = page.locator(".imh-overview tbody th").first
        box, frame = facet.bounding_box(), scroller.bounding_box()
        assert abs(box["x"] - frame["x"]) <= 2, "the facet column scrolled out of view"
        page.screenshot(path=str(SCREENSHOTS / "virginia-scrolled-phone.png"))


def test_differences_only_control_hides_the_rows_that_agree(site_url):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(site_url + "/compare/imhs/")
        rows = page.locator("table.imh-table--compare tbody tr")
        differing = page.locator("table.imh-table--compare tbody tr.imh-row--differs")
        total, expected = rows.count(), differing.count()
        assert 0 < expected < total
        visible = lambda: sum(rows.nth(i).is_visible() for i in range(total))  # noqa: E731
        assert visible() == total
        page.get_by_label("Show only the rows that differ").check()
        assert visible() == expected
        page.screenshot(path=str(SCREENSHOTS / "compare-imhs-differences-only.png"), full_page=True)
        page.get_by_label("Show only the rows that differ").uncheck()
        assert visible() == total


def test_state_overview_prints_on_landscape_pages_without_cut_off_columns(site_url):
    """A4 landscape less 1 cm margins is 277 mm, about 1047 CSS pixels wide."""
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1047, "height": 740})
        page.goto(site_url + "/virginia/")
        page.emulate_media(media="print")
        table = page.locator(".imh-overview table")
        widths = table.evaluate("t => [t.scrollWidth, t.parentElement.clientWidth, t.getBoundingClientRect().right]")
        assert widths[0] <= widths[1] + 1, f"table {widths[0]} px wide in a {widths[1]} px box"
        assert widths[2] <= 1047
        columns = page.locator(".imh-overview thead th").count()
        assert columns == 8
        pdf = page.pdf(landscape=True, format="A4", print_background=True)
        (SCREENSHOTS / "virginia-overview.pdf").write_bytes(pdf)
