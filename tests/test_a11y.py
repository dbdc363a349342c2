"""Accessibility: axe-core in Debian's chromium on every page type, and the self-check by keyboard.

axe-core comes from the npm registry (tests/package.json and package-lock.json, installed into
tests/node_modules by `npm ci` in scripts/test.sh). It is injected into each page of the built
site, at a phone's and a desktop's width, and must report no serious or critical violation of
WCAG 2.0 to 2.2 A and AA (tag wcag22aa adds target size) or of axe's best practices.
The palette, the link style and Material's search dialog are fixed in the site (imhsite.css,
templates/theme/), not exempted here: no rule is disabled.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import chromium, serve

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"

PAGE_TYPES = {
    "home": "/",
    "state overview": "/virginia/",
    "guide": "/virginia/ifrs/",
    "comparison": "/compare/imhs/",
    "comparison of states picked": "/compare/imhs/?states=MI,VA",
    "comparison index": "/compare/",
    "competencies": "/competencies/imhm/",
    "competencies index": "/competencies/",
    "competency levels": "/competencies/levels/",
    "glossary": "/glossary/",
    "sources": "/sources/",
    "what changed": "/changes/",
    "hand-written page": "/about/",
    "editors' guide": "/editors/",
    "field reference": "/editors/field-reference/",
    "self-check with results": "/self-check/?state=VA&degree=master&training_hours=40&rsc_hours=50&rsc_provider=IFRS",
}
WIDTHS = {"phone": {"width": 360, "height": 800}, "desktop": {"width": 1280, "height": 900}}
PHONE = ("home", "state overview", "guide", "comparison", "comparison of states picked", "competencies", "glossary",
         "self-check with results")
"""The page types the issue names are checked at both widths; the others at the desktop's."""
CASES = [(t, "desktop") for t in PAGE_TYPES] + [(t, "phone") for t in PHONE]
BLOCKING = ("serious", "critical")

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

RUN_AXE = """
async (tags) => {
  const result = await axe.run(document, {resultTypes: ["violations"], runOnly: {type: "tag", values: tags}});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + ": " + (n.failureSummary || "").split("\\n").slice(1, 3).join(" ")),
  }));
}
"""


@pytest.fixture(scope="module")
def site_url(built_site):
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run scripts/test.sh (npm ci --prefix tests installs axe-core)")
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def test_axe_core_is_the_pinned_npm_package():
    import json

    lock = json.loads((Path(__file__).parent / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/axe-core"]["integrity"].startswith("sha512-")
    assert AXE.is_file(), "run scripts/test.sh to install tests/node_modules"
    installed = json.loads((AXE.parent / "package.json").read_text())["version"]
    assert installed == lock["packages"]["node_modules/axe-core"]["version"]


@pytest.mark.parametrize(("page_type", "width"), CASES)
def test_no_serious_or_critical_violation(site_url, browser, page_type, width):
    page = browser.new_page(viewport=WIDTHS[width])
    try:
        path = PAGE_TYPES[page_type]
        page.goto(site_url + path)
        if path.startswith("/self-check/"):
            page.wait_for_selector('[data-cell="VA IMHS"]')
            page.locator('[data-cell="VA IMHS"] summary').click()
            assert page.locator("#imhsite-results").inner_text().strip(), "no results shown"
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(RUN_AXE, AXE_TAGS)
    finally:
        page.close()
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, "\n".join(f"{v['impact']} {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"])
                                   for v in blocking)


def tab_to(page, element_id: str, limit: int = 80) -> int:
    """Press Tab until the element with this id has the focus; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return presses
    raise AssertionError(f"#{element_id} is not reachable with Tab")


def results(page) -> str:
    """The summary line and the grid, as a reader sees them."""
    return page.locator("#imhsite-results").inner_text() + "\n" + page.locator("#imhsite-grid").inner_text()


def test_the_self_check_works_with_the_keyboard_alone(site_url, browser):
    page = browser.new_page(viewport=WIDTHS["desktop"])
    try:
        page.goto(site_url + "/self-check/?training_hours=1")
        page.wait_for_selector("[data-cell]")
        everything = results(page)

        tab_to(page, "imhsite-state")
        page.keyboard.type("Virginia")
        page.wait_for_function("() => document.querySelector('#imhsite-state').value === 'VA'")
        only_virginia = results(page)
        assert only_virginia != everything
        assert page.locator(".imhsite-state h3").all_inner_texts() == ["Virginia"]

        tab_to(page, "imhsite-degree")
        page.keyboard.type("Master")
        assert page.locator("#imhsite-degree").input_value() == "master"

        tab_to(page, "imhsite-training_hours")
        page.keyboard.type("48")
        tab_to(page, "imhsite-rsc_hours")
        page.keyboard.type("50")
        tab_to(page, "imhsite-rsc_provider")
        page.keyboard.press("ArrowDown")
        tab_to(page, "imhsite-imh_work_years")
        page.keyboard.type("2")
        assert results(page) != only_virginia
        answers = parse_qs(urlsplit(page.url).query)
        assert {k: answers.get(k) for k in ("state", "degree", "training_hours", "rsc_hours", "imh_work_years")} == {
            "state": ["VA"], "degree": ["master"], "training_hours": ["48"], "rsc_hours": ["50"], "imh_work_years": ["2"]}
        assert answers.get("rsc_provider"), "the provider was not chosen by typing"

        # on to a result: its summary takes the focus and Enter opens it
        for _ in range(120):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.closest('[data-cell] details') !== null"):
                break
        else:
            raise AssertionError("no result cell is reachable with Tab")
        cell = page.evaluate_handle("document.activeElement.closest('[data-cell] details')")
        assert not cell.evaluate("d => d.open")
        page.keyboard.press("Enter")
        assert cell.evaluate("d => d.open")
        assert cell.evaluate("d => d.querySelectorAll('li').length") > 0
        focused = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert focused != "none", "the focused summary shows no focus outline"
    finally:
        page.close()
