"""The real site, built with `mkdocs build --strict` from the shipped data, read as HTML."""

from __future__ import annotations

import json
import re
import shutil
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from conftest import ROOT, build_site, page, state

from imhsite import urls
from imhsite.render import INITIAL_FACETS, RENEWAL_FACETS


def cell_text(soup, facet_title: str) -> dict[str, str]:
    """Column heading -> what the cell of the row whose heading starts with `facet_title` says."""
    table = soup.select_one("table.imh-table--compare, table.imh-table--wide")
    heads = [th.get_text(" ", strip=True) for th in table.select("thead th")][1:]
    for row in table.select("tbody tr"):
        if row.th.get_text(" ", strip=True).startswith(facet_title):
            return dict(zip(heads, (td.select_one(".imh-cell__body").get_text(" ", strip=True) for td in row.select("td"))))
    raise AssertionError(f"no row {facet_title!r}")


def differing_cells(soup, facet_title: str) -> list[str]:
    """The columns whose cell in that row is marked as differing (by class and by a shown word)."""
    table = soup.select_one("table.imh-table--compare")
    heads = [th.get_text(" ", strip=True) for th in table.select("thead th")][1:]
    row = next(r for r in table.select("tbody tr") if r.th.get_text(" ", strip=True).startswith(facet_title))
    marked = []
    for head, td in zip(heads, row.select("td")):
        word = td.select_one(".imh-differs")
        assert ("imh-cell--differs" in (td.get("class") or [])) == (word is not None and not word.has_attr("hidden"))
        if word is not None and not word.has_attr("hidden"):
            marked.append(head)
    return marked


def test_every_state_and_category_has_its_pages(built_site):
    for code in ("MI", "NM", "NC", "OR", "VA"):
        data = state(code)
        overview = page(built_site, urls.url_of(urls.state_page(data)))
        assert data.association.name in overview.get_text()
        for category in data.categories:
            guide = page(built_site, urls.url_of(urls.guide_page(data, category)))
            assert guide.h1 and category in guide.h1.get_text()
            assert guide.select(".imh-source"), f"{code} {category}: no source cited"


def test_urls_are_stable_and_readable(built_site):
    for url in ("virginia/imhs", "compare/imhs", "north-carolina/imhs", "michigan/imhm-rf", "compare/imhm-rf"):
        assert (built_site / url / "index.html").is_file(), url


def test_virginia_ifrs_guide_shows_48_training_hours(built_site):
    guide = page(built_site, "/virginia/ifrs/")
    training = guide.find(id="in-service-training").find_next("div", class_="imh-facet").get_text(" ", strip=True)
    assert "minimum 48 clock hours" in training
    assert "15 hours on providing RS/C" in training
    assert "3 hours on diversity, equity and inclusion" in training


def test_virginia_overview_puts_its_seven_categories_side_by_side(built_site):
    overview = page(built_site, "/virginia/")
    heads = [th.get_text(strip=True) for th in overview.select("table.imh-table--wide thead th")][1:]
    assert heads == ["IFA", "IFS", "IFRS", "IMHS", "IMHM-C", "IMHM-P", "IMHM-R/F"]
    exam = cell_text(overview, "Written exam")
    assert exam["IFA"].startswith("Not required") and exam["IMHS"].startswith("Required")


def test_imhs_comparison_shows_50_rsc_hours_for_every_state(built_site):
    compare = page(built_site, "/compare/imhs/")
    rsc = cell_text(compare, "Reflective supervision/consultation")
    publishing = sorted(s.name for s in map(state, ("MI", "NM", "NC", "OR", "VA")) if "IMHS" in s.categories)
    assert sorted(rsc) == publishing
    for name, text in rsc.items():
        assert "minimum 50 clock hours" in text, name


def test_comparison_marks_the_cells_that_differ_from_the_others(built_site):
    compare = page(built_site, "/compare/imhs/")
    # Virginia alone publishes no leadership facet for IMHS (it says: not required)
    assert differing_cells(compare, "Leadership activities") == ["Virginia"]
    summary = " ".join(li.get_text(" ", strip=True) for li in compare.select(".imh-differences li"))
    assert "Leadership activities — Virginia alone: not required" in summary, summary
    # specialized work: Michigan and New Mexico count unpaid IMH work, North Carolina and Oregon an
    # internship with paid work, Virginia two paid years only; each group is named once, with its values
    work = next(s for s in summary.split(" Leadership activities")[0].split(" Specialized work experience — ")[1:])
    assert work.startswith("Michigan and New Mexico: 2 years of infant mental health work; unpaid"), work
    assert "; North Carolina and Oregon: 2 years of infant mental health work — or — 1 year" in work, work
    assert work.endswith("; Virginia: 2 years of infant mental health work"), work
    # every state asks for membership in its own association: its name is no difference
    assert differing_cells(compare, "Membership") == []
    membership = next(r for r in compare.select("table.imh-table--compare tbody tr") if r.th.get_text(strip=True) == "Membership")
    assert "imh-row--same" in membership["class"]
    providers = cell_text(compare, "Reflective supervision/consultation")
    assert len(set(providers.values())) > 1
    assert compare.select_one("input#imh-diff-only") and compare.select_one("label input#imh-diff-only")


def test_the_summary_of_differences_comes_from_the_data(built_site):
    """Each sentence names a differing cell's state and that cell's values, as its row shows them."""
    compare = page(built_site, "/compare/imhs/")
    marked = {row.th.get_text(" ", strip=True): differing_cells(compare, row.th.get_text(" ", strip=True))
              for row in compare.select("table.imh-table--compare tbody tr")}
    sentences = [li.get_text(" ", strip=True) for li in compare.select(".imh-differences li")]
    assert sentences and len(sentences) == sum(1 for states in marked.values() if states)
    for title, states in marked.items():
        if len(states) == 1:
            assert any(s.startswith(f"{title} — {states[0]} alone: ") for s in sentences), title


def test_not_published_is_said_not_filled(built_site):
    guide = page(built_site, "/virginia/ifa/")
    renewal = guide.find(id="renewal-training").find_next("div", class_="imh-facet").get_text(" ", strip=True)
    assert "Not published by this association" in renewal


def test_abbreviations_are_tooltips_everywhere(built_site):
    for url in ("/", "/virginia/ifrs/", "/compare/ifs/", "/glossary/", "/competencies/imhm/"):
        titles = {a.get_text(): a.get("title") for a in page(built_site, url).select("article abbr")}
        assert titles.get("IFS") == "Infant Family Specialist" or titles.get("IMHM"), url


def test_competencies_show_domains_items_and_imhm_tags(built_site):
    imhm = page(built_site, "/competencies/imhm/")
    assert len(imhm.select("article h2")) == 11
    tags = {t.get_text() for t in imhm.select(".imh-tag")}
    assert {"Clinical", "Policy", "Research/Faculty", "All designations"} <= tags
    levels = page(built_site, "/competencies/levels/")
    assert [h.get_text(" ", strip=True).rstrip(" ¶") for h in levels.select("article h2")] == [
        "From IFA to IFS", "From IFS to IMHS", "From IMHS to IMHM"]


def test_search_finds_ifs_pages_by_keywords(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    hits = {
        doc["location"].split("#")[0]
        for doc in index["docs"]
        if re.search(r"\b24 clock hours\b", doc["text"])
        and "reflective supervision" in (doc["title"] + " " + doc["text"]).lower()  # search reads both
    }
    assert {"virginia/ifs/", "oregon/ifs/", "michigan/ifs/"} <= hits


def test_search_indexes_each_fact_once_and_no_rules_json(built_site):
    """Overviews and comparisons repeat the guides' facts: only the guides are indexed."""
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"virginia/ifa/", "glossary/", "self-check/"} <= pages
    assert not pages & {"virginia/", "oregon/", "compare/ifa/", "compare/imhs/"}
    self_check = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("self-check/"))
    assert "Answer what you can" in self_check and '"fields"' not in self_check


def test_search_leaves_out_form_choices_and_page_chrome(built_site):
    """A search for a category finds its guides, not the self-check's drop-down lists or buttons."""
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    text = {doc["location"]: doc["text"] for doc in index["docs"]}
    self_check = " ".join(t for loc, t in text.items() if loc.startswith("self-check/"))
    selects = page(built_site, "/self-check/").select("select")
    assert selects
    for select in selects:
        choices = [o.get_text(" ", strip=True) for o in select.select("option") if o.get_text(strip=True)]
        assert " ".join(choices[:3]) not in self_check, choices[:3]
    guide = " ".join(t for loc, t in text.items() if loc.startswith("virginia/ifrs/"))
    assert "Check what you meet" not in guide and "All Virginia categories" not in guide
    assert "minimum 48 clock hours" in guide


def test_every_page_is_in_the_navigation(built_site):
    pages = [p.parent.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")]
    assert len(pages) > 40
    for url in pages:
        soup = page(built_site, "/" if url == "." else url)
        active = soup.select("nav.md-nav--primary .md-nav__link--active")
        assert active, f"/{url}/ is not in the navigation"
    home = page(built_site, "/")
    top = {a.get_text(" ", strip=True) for a in home.select("nav.md-nav--primary > ul > li > label, nav.md-nav--primary > ul > li > a")}
    assert {"Home", "Self-check", "States", "Compare", "Competencies", "Glossary", "Sources", "For editors"} <= top


def test_no_request_leaves_the_site(built_site):
    for html in built_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, html
        for tag in re.findall(r"<(?:script|img|link|iframe|source)\b[^>]*>", text):
            if 'rel="canonical"' in tag:
                continue  # names the page's address; nothing is fetched
            found = re.search(r'(?:src|href)="((?:https?:)?//[^"]+)"', tag)
            assert not found, f"{html}: loads {found.group(1)}"


def test_a_data_error_stops_the_build_with_one_line_messages(tmp_path):
    project = tmp_path / "project"
    for part in ("data", "templates", "content", "mkdocs.yml"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / part)
    va = project / "data" / "requirements" / "va.yaml"
    va.write_text(va.read_text().replace("min_hours: 48", "min_hours: forty-eight"))
    result = build_site(tmp_path / "out", project / "mkdocs.yml")
    assert result.returncode != 0
    assert re.search(
        r"data/requirements/va\.yaml:\d+: categories\.IFRS\.initial\.training\.min_hours: "
        r"expected a whole number, got 'forty-eight'", result.stderr)
    assert "Traceback" not in result.stderr


def test_a_refused_hand_written_page_is_named_at_its_files_line_after_front_matter(tmp_path):
    project = tmp_path / "project"
    for part in ("data", "templates", "content", "mkdocs.yml"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / part)
    (project / "content" / "notes.md").write_text(
        "---\ntitle: Notes\nsearch:\n  boost: 2\n---\n\n# Notes\n\nFine text.\n\n<b onclick=\"x()\">bold</b>\n")
    result = build_site(tmp_path / "out", project / "mkdocs.yml")
    assert result.returncode != 0
    assert re.search(r"^content/notes\.md:11: ", result.stderr, re.M), result.stderr[-2000:]
    assert "Traceback" not in result.stderr


def test_who_may_apply_shows_on_the_states_pages_with_its_source(built_site):
    for url in ("/virginia/", "/virginia/ifa/", "/virginia/imhm-rf/"):
        who = page(built_site, url).select_one(".imh-who")
        text = who.get_text(" ", strip=True)
        assert "who live in Virginia and work with children birth to 36 months" in text, url
        assert who.select_one(".imh-source a")["href"].endswith("sources/#004-702cdf564c10a0d2-txt")
    assert page(built_site, "/oregon/ifa/").select_one(".imh-who") is None  # Oregon's documents do not say


def test_an_association_is_expanded_alike_on_every_page(built_site):
    glossary = page(built_site, "/glossary/")
    meanings = {row.th.get_text(strip=True): row.td.get_text(strip=True) for row in glossary.select("table.imh-table tbody tr")}
    for code in ("MI", "NM", "NC", "OR", "VA"):
        association = state(code).association
        overview = page(built_site, urls.url_of(urls.state_page(state(code))))
        tooltips = {a.get("title") for a in overview.select("article abbr") if a.get_text() == association.abbreviation}
        assert tooltips == {association.name}, code
        if association.abbreviation in meanings:
            assert meanings[association.abbreviation] == association.name, code


def test_a_guide_opens_with_its_key_numbers_and_the_checklist_link(built_site):
    guide = page(built_site, "/virginia/ifrs/")
    article = guide.select_one("article")
    summary = article.select_one(".imh-summary")
    first_heading = article.select_one("h2")
    assert summary is not None and summary.find_next("h2") is first_heading  # above every section
    text = summary.get_text(" ", strip=True)
    assert "In-service training: minimum 48 clock hours" in text
    assert "Reflective supervision/consultation: minimum 24 clock hours" in text
    assert summary.select_one('a[href="#application-checklist"]') and article.find(id="application-checklist")


def test_each_facet_cites_its_source_once_behind_one_marker(built_site):
    guide = page(built_site, "/oregon/imhs/")
    facets = guide.select("article .imh-facet")
    assert facets
    for facet in facets:
        citations = facet.select(".imh-source")
        markers = facet.select("details.imh-cite")
        assert len(citations) == len(markers) <= 1
        if markers:
            assert markers[0].summary.get_text(strip=True) == "Source"
            assert markers[0].select_one(".imh-source") is citations[0]


def test_previous_and_next_name_the_state(built_site):
    footer = page(built_site, "/virginia/ifs/").select_one("footer nav")
    labels = [a["aria-label"] for a in footer.select("a.md-footer__link")]
    assert labels == ["Previous: Virginia: IFA", "Next: Virginia: IFRS"]


def _absolute(element, url: str) -> str:
    """An element's content with its links made absolute, as from the page at `url`."""
    for a in element.select("a[href]"):
        a["href"] = urljoin(f"http://site{url}", a["href"])
    return element.decode_contents()


def _cell_bodies(soup, url: str, column: str) -> dict[str, str]:
    """Row key -> the cell's content in `column` (the differs marker left out), its links made absolute."""
    bodies = {}
    for td in soup.select(f'.imh-side tbody td[data-column="{column}"]'):
        body = td.select_one(".imh-cell__body")
        for marker in body.select(".imh-differs"):
            marker.decompose()
        bodies[td.find_parent("tr")["data-facet"]] = _absolute(body, url)
    return bodies


def test_a_facet_shows_alike_on_its_overview_its_comparison_and_its_guide(built_site):
    """Each facet's cell is the same on the state's overview and the comparison (text, marks, links to the
    same targets), its text is the guide's, and its footnote marks link to the notes of its guide."""
    for code, category in state("OR").categories.items():
        guide_url, compare_url = urls.url_of(urls.guide_page(state("OR"), code)), urls.url_of(urls.compare_page(code))
        overview = _cell_bodies(page(built_site, "/oregon/"), "/oregon/", code)
        compared = _cell_bodies(page(built_site, compare_url), compare_url, "OR")
        assert len(overview) == len(INITIAL_FACETS) + len(RENEWAL_FACETS) and overview == compared, code
        guide = page(built_site, guide_url)
        texts = [_absolute(div, guide_url) for div in guide.select("article .imh-facet .imh-text")]
        assert texts and all(text in "".join(overview.values()) for text in texts), code
        notes = {urljoin(f"http://site{guide_url}", f"#{div['id']}") for div in guide.select(".imh-footnote")}
        marks = {a["href"] for body in overview.values() for a in BeautifulSoup(body, "html.parser").select("a.imh-fn")}
        assert marks <= notes and (marks or not category.footnotes), code
