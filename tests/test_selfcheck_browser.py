"""The self-check page in Debian's chromium: the built site, served from localhost, at 360 px.

One test fills the form and reads the right result; another opens the shared URL and sees the
same result. The expected words are the ones the Python evaluator gives for the same profile.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from urllib.parse import parse_qs, urlsplit

import pytest
from pypdf import PdfReader
from browser import chromium, serve
from conftest import ROOT

from imhsite import applicant_profile, load, rule_compiler, rule_evaluator
from imhsite.messages import MESSAGES, fill


NARROW = {"width": 360, "height": 800}
ISSUE_PROFILE = {"degree": "master", "training_hours": 12, "rsc_hours": 38, "rsc_provider": "IFRS", "imh_work_years": 2}


@cache
def python_result(state: str, category: str, **profile) -> dict:
    tree = rule_compiler.compile_rules(load.load_dataset(ROOT / "data"))
    (result,) = rule_evaluator.evaluate(tree, profile, date.today(), state, category)
    return result


def cell_lines(page, state: str, category: str) -> dict[str, list[str]]:
    """One state and category's result: its verdict line, and the items under each heading."""
    cell = page.locator(f'[data-cell="{state} {category}"]')
    more = cell.locator("details")
    if not more.evaluate("d => d.open"):
        more.locator("summary").click()
    lines = {"verdict": [cell.locator(".imhsite-verdict").inner_text().strip()]}
    heading = None
    for child in cell.locator(":scope > p, :scope > ul, :scope > details > p, :scope > details > ul").all():
        tag = child.evaluate("e => e.tagName")
        if tag == "P" and "imhsite-heading" in (child.get_attribute("class") or ""):
            heading = child.inner_text().strip()
        elif tag == "UL":
            lines[heading] = [li.inner_text().strip() for li in child.locator("li").all()]
    lines["link"] = [cell.locator(".imhsite-guide-link a").get_attribute("href")]
    return lines


def verdict_line(result: dict) -> str:
    return (f"{MESSAGES['icon_' + result['verdict']]} {result['category']} {result['category_name']}: "
            f"{MESSAGES['verdict_' + result['verdict']]}")


def expected_lines(result: dict) -> dict[str, list[str]]:
    """What the page must show for one result, in the words of the compiled messages."""
    messages = MESSAGES
    met, missing = [], []
    for facet in result["facets"]:
        for text in facet["said"]:
            line = fill(messages["facet_line"], {"facet": facet["label"], "text": text})
            if facet["met"] is not None:
                (met if facet["met"] else missing).append(line)
    lines = {"verdict": [verdict_line(result)], "link": [".." + result["url"]]}
    for heading, items in ((messages["missing_heading"], missing), (messages["conditions_heading"], result["conditions"]),
                           (messages["met_heading"], met), (messages["still_needed_heading"], result["still_needed"])):
        if items:
            lines[heading] = items
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
        page.wait_for_selector("#imhsite-results-title")
        page.select_option("#imhsite-state", "VA")
        page.select_option("#imhsite-category", "IMHS")
        page.get_by_label("Highest degree or credential earned").select_option("master")
        page.get_by_label("Specialized in-service training, all topics").fill("12")
        page.get_by_label("RS/C received").fill("38")
        page.get_by_label("Endorsement of your RS/C provider").select_option("IFRS")
        page.get_by_label("Infant mental health services (paid)").fill("2")

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
        first.wait_for_selector('[data-cell="VA IMHS"]')
        shown = cell_lines(first, "VA", "IMHS")
        assert shown == expected_lines(python_result("VA", "IMHS", **profile))
        assert shown["verdict"] == [verdict_line(python_result("VA", "IMHS", **profile))]
        assert "not yet" in shown["verdict"][0]
        assert first.get_by_label("Highest degree or credential earned").input_value() == "master"
        assert first.get_by_label("Specialized in-service training, all topics").input_value() == "40"

        first.get_by_label("Paid work with infants/toddlers (years)", exact=True).fill("2")  # changes the address, not VA IMHS
        shared = first.url
        other = browser.new_context(viewport=NARROW).new_page()
        problems = watch(other, base)
        other.goto(shared)
        other.wait_for_selector('[data-cell="VA IMHS"]')
        assert cell_lines(other, "VA", "IMHS") == cell_lines(first, "VA", "IMHS")
        assert other.locator("#imhsite-results").inner_text() == first.locator("#imhsite-results").inner_text()
        assert problems == []


def test_every_published_state_and_category_has_a_result_under_its_state(built_site):
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport=NARROW)
        page.goto(f"{base}/self-check/?degree=master&training_hours=30&imh_work_years=2&rsc_hours=50&rsc_provider=IMHM-C")
        page.wait_for_selector("[data-cell]")
        tree = rule_compiler.compile_rules(load.load_dataset(ROOT / "data"))
        published = [f"{st['code']} {c['code']}" for st in tree["states"] for c in st["categories"]]
        assert page.locator("[data-cell]").evaluate_all("els => els.map(e => e.dataset.cell)") == published
        assert page.locator(".imhsite-state h3").all_inner_texts() == [st["name"] for st in tree["states"]]
        assert fits(page)


def test_the_headline_leads_with_the_closest_endorsements(built_site):
    """A CDA holder with 20 training hours is told IFA is 10 training hours away, not "nothing"."""
    profile = {"degree": "cda", "training_hours": 20}
    tree = rule_compiler.compile_rules(load.load_dataset(ROOT / "data"))
    expected = [rule_evaluator.headline_text(tree["messages"], line)
                for line in rule_evaluator.headline(tree, rule_evaluator.evaluate(tree, profile, date.today()))]
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport=NARROW)
        page.goto(f"{base}/self-check/?degree=cda&training_hours=20")
        page.wait_for_selector(".imhsite-headline li")
        assert page.locator(".imhsite-headline li").all_inner_texts() == expected
        assert "Virginia: no endorsement met yet. Nearest: IFA, 10 more training hours" in expected[-1]


def test_verdicts_look_different_in_colour_icon_and_words(built_site):
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport=NARROW)
        page.goto(f"{base}/self-check/?state=MI&degree=master&training_hours=30&rsc_hours=50&imh_work_years=2"
                  "&policy_leadership_years=3")
        page.wait_for_selector("[data-cell]")
        looks = {}
        for verdict in ("meets", "meets_if", "not_yet"):
            item = page.locator(f".imhsite-result--{verdict}").first
            looks[verdict] = (item.evaluate("e => getComputedStyle(e).borderLeftColor"),
                              item.locator(".imhsite-icon").inner_text(), item.locator(".imhsite-verdict-words").inner_text())
        for part in range(3):
            assert len({look[part] for look in looks.values()}) == 3, looks


def test_a_blank_form_asks_for_answers(built_site):
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport=NARROW)
        page.goto(f"{base}/self-check/")
        page.wait_for_selector("#imhsite-results:not(:empty)")
        assert page.locator("#imhsite-results").inner_text() == MESSAGES["summary_blank"]
        assert page.locator("[data-cell]").count() == 0
        page.get_by_label("Specialized in-service training, all topics").fill("12")
        page.wait_for_selector("[data-cell]")


def test_every_answer_a_link_cannot_give_is_named(built_site):
    bad = {"training_hours": "1e309", "rsc_hours": "NaN", "imh_work_years": "12,5", "families_served": "9" * 5000,
           "degree": "phd", "leadership_activities": "maybe", "category": "XYZ"}
    query = "&".join(f"{k}={v}" for k, v in bad.items()) + "&color=blue"
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport=NARROW)
        page.goto(f"{base}/self-check/?{query}")
        page.wait_for_selector("#imhsite-link-errors:not([hidden])")
        said = page.locator("#imhsite-link-errors li").all_inner_texts()
        assert len(said) == len(bad) + 1, said
        for name in bad:
            what = applicant_profile.FIELDS[name].what if name in applicant_profile.FIELDS else "Endorsement category"
            assert any(line.startswith(what + ":") for line in said), (name, said)
        assert any("color" in line for line in said)
        assert page.locator("#imhsite-error-rsc_hours").inner_text().startswith("RS/C hours:")
        page.get_by_label("RS/C received").fill("5")
        assert page.locator("#imhsite-error-rsc_hours").is_hidden()


def test_printing_gives_the_answers_the_headline_and_every_gap(built_site, tmp_path):
    profile = {"degree": "master", "training_hours": 12, "rsc_hours": 38, "rsc_provider": "IFRS", "imh_work_years": 2}
    tree = rule_compiler.compile_rules(load.load_dataset(ROOT / "data"))
    results = rule_evaluator.evaluate(tree, profile, date.today())
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport=NARROW)
        page.goto(f"{base}/self-check/?" + "&".join(f"{k}={v}" for k, v in profile.items()))
        page.wait_for_selector("[data-cell]")
        page.pdf(path=str(tmp_path / "self-check.pdf"))
        page.goto(f"{base}/self-check/?state=VA&" + "&".join(f"{k}={v}" for k, v in profile.items()))
        page.wait_for_selector("[data-cell]")
        page.pdf(path=str(tmp_path / "virginia.pdf"))
    assert len(PdfReader(tmp_path / "virginia.pdf").pages) <= 2, "one state's results print on one or two pages"
    pages = PdfReader(tmp_path / "self-check.pdf").pages
    printed = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "Specialized in-service training, all topics (clock hours): 12" in printed
    assert "Save in this browser" not in printed  # the form itself does not print
    for line in rule_evaluator.headline(tree, results):
        assert " ".join(rule_evaluator.headline_text(tree["messages"], line).split()) in printed
    for result in results:
        for gap in result["missing"]:
            assert " ".join(gap.split()) in printed, gap
    assert "vaendorsement@vcu.edu" in printed
    assert "/virginia/imhs/" in printed  # the guide, with its application checklist, as the next step


def test_saving_in_this_browser_is_opt_in(built_site):
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_context(viewport=NARROW).new_page()
        page.goto(f"{base}/self-check/?degree=bachelor&training_hours=31")
        page.wait_for_selector("#imhsite-results-title")
        assert page.evaluate("window.localStorage.length") == 0
        page.get_by_role("button", name="Save in this browser").click()
        assert page.locator("#imhsite-save-status").inner_text() == MESSAGES["saved"]
        page.goto(f"{base}/self-check/")
        page.wait_for_selector("#imhsite-results-title")
        assert page.get_by_label("Specialized in-service training, all topics").input_value() == "31"
        page.goto(f"{base}/self-check/?state=VA&category=IFS")  # a guide's preset keeps the saved answers
        page.wait_for_selector('[data-cell="VA IFS"]')
        assert page.get_by_label("Highest degree or credential earned").input_value() == "bachelor"
        assert page.locator("[data-cell]").count() == 1
        page.get_by_role("button", name="Forget the saved answers").click()
        assert page.evaluate("window.localStorage.length") == 0
        page.goto(f"{base}/self-check/")
        page.wait_for_selector("#imhsite-results-title")
        assert page.get_by_label("Specialized in-service training, all topics").input_value() == ""


def test_a_bad_number_is_named_next_to_its_field(built_site):
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport=NARROW)
        page.goto(f"{base}/self-check/?training_hours=10&rsc_training_hours=15&state=VA&category=IFRS")
        page.wait_for_selector("#imhsite-results-title")
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
        page.wait_for_selector('[data-cell="VA IMHS"]')
        assert "not yet" in cell_lines(page, "VA", "IMHS")["verdict"][0]
        assert problems == []


def test_a_guide_page_opens_the_self_check_preset_to_its_state_and_category(built_site):
    """Through Material's instant navigation: the script attaches via document$."""
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport=NARROW)
        page.goto(f"{base}/virginia/ifrs/")
        page.get_by_role("link", name="Check what you meet").click()
        page.wait_for_function("() => document.getElementById('imhsite-state') && "
                               "document.getElementById('imhsite-state').value === 'VA'")
        assert page.locator("#imhsite-category").input_value() == "IFRS"
        assert page.locator("#imhsite-results").inner_text() == MESSAGES["summary_blank"]
        page.get_by_label("Specialized in-service training, all topics").fill("48")
        page.wait_for_selector('[data-cell="VA IFRS"]')
        assert page.locator("[data-cell]").count() == 1


def test_keyboard_opens_a_result_s_details(built_site):
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport=NARROW)
        page.goto(f"{base}/self-check/?state=NM&training_hours=1")
        page.wait_for_selector('[data-cell="NM IMHS"]')
        page.locator('[data-cell="NM IMHS"] summary').focus()
        page.keyboard.press("Enter")
        assert page.locator('[data-cell="NM IMHS"] details').evaluate("d => d.open")


def test_on_a_phone_a_link_above_the_questions_goes_to_the_results(built_site):
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport=NARROW)
        page.goto(f"{base}/self-check/?state=VA&category=IMHS&degree=master")
        page.wait_for_selector('[data-cell="VA IMHS"]')
        results = page.locator("#imhsite-results-title")
        assert not results.evaluate("e => e.getBoundingClientRect().top < window.innerHeight")  # the form is long
        page.get_by_role("link", name="Go to the results").click()
        page.wait_for_function("() => { const r = document.getElementById('imhsite-results-title').getBoundingClientRect();"
                               " return r.top >= 0 && r.top < window.innerHeight; }")
        assert page.locator('[data-cell="VA IMHS"]').is_visible()
