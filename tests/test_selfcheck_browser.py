"""The self-check page in Debian's chromium: the built site, served from localhost, at 360 px.

One test fills the form and reads the right result; another opens the shared URL and sees the
same result. The expected words are the ones the Python evaluator gives for the same profile.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import chromium, serve
from conftest import ROOT

from imhsite import applicant_profile, load, rules
from imhsite.messages import MESSAGES, fill


NARROW = {"width": 360, "height": 800}
ISSUE_PROFILE = {"degree": "master", "training_hours": 12, "rsc_hours": 38, "rsc_provider": "IFRS", "imh_work_years": 2}


@cache
def python_result(state: str, category: str, **profile) -> dict:
    tree = rules.compile_rules(load.load_dataset(ROOT / "data"))
    (result,) = rules.evaluate(tree, profile, date.today(), state, category)
    return result


def cell_lines(page, state: str, category: str) -> dict[str, list[str]]:
    """The open cell of one state and category: its verdict, and the items under each heading."""
    cell = page.locator(f'details[data-cell="{state} {category}"]')
    if not cell.evaluate("d => d.open"):
        cell.locator("summary").click()
    lines = {"verdict": [cell.locator("summary").inner_text().strip()]}
    heading = None
    for child in cell.locator(":scope > p, :scope > ul").all():
        tag = child.evaluate("e => e.tagName")
        if tag == "P" and "imhsite-heading" in (child.get_attribute("class") or ""):
            heading = child.inner_text().strip()
        elif tag == "UL":
            lines[heading] = [li.inner_text().strip() for li in child.locator("li").all()]
    lines["link"] = [cell.locator("a").get_attribute("href")]
    return lines


def expected_lines(result: dict) -> dict[str, list[str]]:
    """What the page must show for one result, in the words of the compiled messages."""
    messages = MESSAGES
    met, missing = [], []
    for facet in result["facets"]:
        for text in facet["said"]:
            line = fill(messages["facet_line"], {"facet": facet["label"], "text": text})
            (missing if facet["met"] is False else met).append(line)
    lines = {"verdict": [messages["cell_eligible"] if result["eligible"] else messages["cell_not_eligible"]],
             messages["met_heading"]: met, messages["still_needed_heading"]: result["still_needed"],
             "link": [".." + result["url"]]}
    if missing:
        lines[messages["missing_heading"]] = missing
    return lines


def watch(page, base: str) -> list[str]:
    """Collect script errors and every request that leaves the local site."""
    problems: list[str] = []
    page.on("pageerror", lambda err: problems.append(f"script error: {err}"))
    page.on("request", lambda req: None if req.url.startswith(base) else problems.append(f"request: {req.url}"))
    return problems


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_filling_the_form_shows_the_right_result(built_site):
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport=NARROW)
        problems = watch(page, base)
        page.goto(f"{base}/self-check/")
        page.wait_for_selector("#imhsite-grid table")
        page.select_option("#imhsite-state", "VA")
        page.select_option("#imhsite-category", "IMHS")
        page.get_by_label("Highest degree or credential earned").select_option("master")
        page.get_by_label("Specialized in-service training, all topics").fill("12")
        page.get_by_label("RS/C received").fill("38")
        page.get_by_label("Endorsement of your RS/C provider").select_option("IFRS")
        page.get_by_label("Infant mental health work").fill("2")

        lines = cell_lines(page, "VA", "IMHS")
        assert lines == expected_lines(python_result("VA", "IMHS", **ISSUE_PROFILE))
        assert lines["What is missing"] == ["In-service training: 18 more training hours",
                                            "Reflective supervision/consultation: 12 more RS/C hours"]
        assert page.locator("#imhsite-results").get_attribute("aria-live") == "polite"
        query = parse_qs(urlsplit(page.url).query)
        assert query == {"state": ["VA"], "category": ["IMHS"], "degree": ["master"], "training_hours": ["12"],
                         "rsc_hours": ["38"], "rsc_provider": ["IFRS"], "imh_work_years": ["2"]}
        assert fits(page)
        assert problems == []


def test_a_shared_url_shows_the_same_result(built_site):
    profile = {"degree": "master", "training_hours": 40}
    with serve(built_site) as base, chromium() as browser:
        first = browser.new_page(viewport=NARROW)
        first.goto(f"{base}/self-check/?degree=master&training_hours=40&state=VA&category=IMHS")
        first.wait_for_selector('details[data-cell="VA IMHS"]')
        shown = cell_lines(first, "VA", "IMHS")
        assert shown == expected_lines(python_result("VA", "IMHS", **profile))
        assert shown["verdict"] == [MESSAGES["cell_not_eligible"]]
        assert first.get_by_label("Highest degree or credential earned").input_value() == "master"
        assert first.get_by_label("Specialized in-service training, all topics").input_value() == "40"

        first.get_by_label("Paid work with infants/toddlers").fill("2")  # changes the address, not VA IMHS
        shared = first.url
        other = browser.new_context(viewport=NARROW).new_page()
        problems = watch(other, base)
        other.goto(shared)
        other.wait_for_selector('details[data-cell="VA IMHS"]')
        assert cell_lines(other, "VA", "IMHS") == cell_lines(first, "VA", "IMHS")
        assert other.locator("#imhsite-results").inner_text() == first.locator("#imhsite-results").inner_text()
        assert problems == []


def test_every_state_and_category_is_a_cell_and_not_published_ones_say_so(built_site):
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport=NARROW)
        page.goto(f"{base}/self-check/?degree=master&training_hours=30&imh_work_years=2&rsc_hours=50&rsc_provider=IMHM-C")
        page.wait_for_selector("#imhsite-grid table")
        tree = rules.compile_rules(load.load_dataset(ROOT / "data"))
        published = [(st["code"], c["code"]) for st in tree["states"] for c in st["categories"]]
        assert page.locator("details[data-cell]").count() == len(published)
        assert page.locator(".imhsite-cell--none").count() == 5 * 7 - len(published)
        headers = page.locator("#imhsite-grid thead th").all_inner_texts()
        assert headers[1:] == [st["name"] for st in tree["states"]]
        assert fits(page)


def test_saving_in_this_browser_is_opt_in(built_site):
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_context(viewport=NARROW).new_page()
        page.goto(f"{base}/self-check/?degree=bachelor&training_hours=31")
        page.wait_for_selector("#imhsite-grid table")
        assert page.evaluate("window.localStorage.length") == 0
        page.get_by_role("button", name="Save in this browser").click()
        assert page.locator("#imhsite-save-status").inner_text() == MESSAGES["saved"]
        page.goto(f"{base}/self-check/")
        page.wait_for_selector("#imhsite-grid table")
        assert page.get_by_label("Specialized in-service training, all topics").input_value() == "31"
        page.goto(f"{base}/self-check/?state=VA&category=IFS")  # a guide's preset keeps the saved answers
        page.wait_for_selector('details[data-cell="VA IFS"]')
        assert page.get_by_label("Highest degree or credential earned").input_value() == "bachelor"
        assert page.locator("details[data-cell]").count() == 1
        page.get_by_role("button", name="Forget the saved answers").click()
        assert page.evaluate("window.localStorage.length") == 0
        page.goto(f"{base}/self-check/")
        page.wait_for_selector("#imhsite-grid table")
        assert page.get_by_label("Specialized in-service training, all topics").input_value() == ""


def test_a_bad_number_is_named_next_to_its_field(built_site):
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport=NARROW)
        page.goto(f"{base}/self-check/?training_hours=10&rsc_training_hours=15&state=VA&category=IFRS")
        page.wait_for_selector("#imhsite-grid table")
        error = page.locator("#imhsite-error-rsc_training_hours")
        assert error.is_visible()
        with pytest.raises(applicant_profile.ProfileError) as caught:
            applicant_profile.parse_profile({"training_hours": 10, "rsc_training_hours": 15})
        assert error.inner_text() == str(caught.value)
        assert page.get_by_label("of which about providing RS/C").get_attribute("aria-invalid") == "true"


def test_works_under_a_strict_content_security_policy(built_site):
    with serve(built_site, headers={"Content-Security-Policy": "script-src 'self'"}) as base, chromium() as browser:
        page = browser.new_page(viewport=NARROW)
        problems = watch(page, base)
        page.goto(f"{base}/self-check/?degree=master&training_hours=40&state=VA&category=IMHS")
        page.wait_for_selector('details[data-cell="VA IMHS"]')
        assert cell_lines(page, "VA", "IMHS")["verdict"] == [MESSAGES["cell_not_eligible"]]
        assert problems == []


def test_a_guide_page_opens_the_self_check_preset_to_its_state_and_category(built_site):
    """Through Material's instant navigation: the script attaches via document$."""
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport=NARROW)
        page.goto(f"{base}/virginia/ifrs/")
        page.get_by_role("link", name="Check what you meet").click()
        page.wait_for_selector('details[data-cell="VA IFRS"]')
        assert page.locator("#imhsite-state").input_value() == "VA"
        assert page.locator("#imhsite-category").input_value() == "IFRS"
        assert page.locator("details[data-cell]").count() == 1


def test_keyboard_opens_a_cell(built_site):
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport=NARROW)
        page.goto(f"{base}/self-check/?state=NM")
        page.wait_for_selector('details[data-cell="NM IMHS"]')
        page.locator('details[data-cell="NM IMHS"] summary').focus()
        page.keyboard.press("Enter")
        assert page.locator('details[data-cell="NM IMHS"]').evaluate("d => d.open")


def test_on_a_phone_a_link_above_the_questions_goes_to_the_results(built_site):
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport=NARROW)
        page.goto(f"{base}/self-check/?state=VA&category=IMHS&degree=master")
        page.wait_for_selector('details[data-cell="VA IMHS"]')
        results = page.locator("#imhsite-results-title")
        assert not results.evaluate("e => e.getBoundingClientRect().top < window.innerHeight")  # the form is long
        page.get_by_role("link", name="Go to the results").click()
        page.wait_for_function("() => { const r = document.getElementById('imhsite-results-title').getBoundingClientRect();"
                               " return r.top >= 0 && r.top < window.innerHeight; }")
        assert page.locator('details[data-cell="VA IMHS"]').is_visible()
