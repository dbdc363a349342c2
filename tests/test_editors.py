"""The editors' workflow on real data: scaffold, diff, freshness, one-association sites, downloads."""

from __future__ import annotations

import csv
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT, build_site, page

from imhsite.cli import main
from imhsite.freshness import months_between
from imhsite.load import load_dataset
from imhsite.applicant_profile import parse_profile
from imhsite.rules import compile_rules, evaluate


def project_copy(tmp_path: Path) -> Path:
    """data/, templates/, content/ and mkdocs.yml copied, to be changed as an editor would."""
    project = tmp_path / "project"
    for part in ("data", "templates", "content", "mkdocs.yml"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / part)
    return project


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_new_state_scaffold_validates_as_it_stands(tmp_path):
    project = project_copy(tmp_path)
    result = CliRunner().invoke(main, ["new-state", "tx", "--name", "Texas", "--category", "IFA",
                                       "--category", "IMHS", "--data", str(project / "data")])
    assert result.exit_code == 0, result.output
    scaffold = (project / "data/requirements/tx.yaml").read_text()
    assert scaffold.startswith("# yaml-language-server: $schema=")
    dataset = load_dataset(project / "data")
    texas = dataset.states["TX"]
    assert list(texas.categories) == ["IFA", "IMHS"]
    for category in texas.categories.values():
        for facet in type(category.initial).model_fields:
            assert getattr(category.initial, facet).status.value == "not_published"
    assert "tx_requirements.txt" in dataset.documents
    again = CliRunner().invoke(main, ["new-state", "TX", "--name", "Texas", "--data", str(project / "data")])
    assert again.exit_code != 0 and "already exists" in again.output


def test_diff_lists_exactly_three_edits(tmp_path):
    project = project_copy(tmp_path)
    va, nc = project / "data/requirements/va.yaml", project / "data/requirements/nc.yaml"
    edit(va, "min_hours: 48", "min_hours: 50")
    edit(nc, "annual_hours: 12", "annual_hours: 14")
    edit(project / "data/requirements/or.yaml", "typical_hours: 50", "typical_hours: 55")
    result = CliRunner().invoke(main, ["diff", str(DATA), str(project / "data")])
    assert result.exit_code == 0, result.output
    headlines = [line for line in result.output.splitlines() if not line.startswith(" ")]
    assert headlines == ["changed NC IMHS renewal.reflective_supervision", "changed OR IFS initial.training",
                         "changed VA IFRS initial.training"]
    assert "    min_hours: 48 -> 50" in result.output
    assert "    annual_hours: 12 -> 14" in result.output
    markdown = CliRunner().invoke(main, ["diff", str(DATA), str(project / "data"), "--format", "markdown"])
    assert markdown.output.count("\n| changed |") == 3


def test_diff_names_a_change_to_who_may_apply(tmp_path):
    project = project_copy(tmp_path)
    edit(project / "data/requirements/va.yaml", "  text: The Infant Mental Health Endorsement® is for providers who live in",
         "  text: The Endorsement® is for providers who live in")
    result = CliRunner().invoke(main, ["diff", str(DATA), str(project / "data")])
    assert result.output.splitlines()[0] == "changed VA who may apply"
    assert "text: " in result.output


def test_stale_data_warns_and_fails_under_strict(tmp_path):
    project = project_copy(tmp_path)
    edit(project / "data/requirements/nm.yaml", "last_checked: 2026-11-26", "last_checked: 2020-01-15")
    months = months_between(date(2020, 1, 15), date.today())
    strict = build_site(tmp_path / "strict", project / "mkdocs.yml")
    assert strict.returncode != 0
    assert re.search(rf"data/requirements/nm\.yaml: last_checked 2020-01-15 is {months} months ago, over the 12-month limit", strict.stderr)
    assert not (tmp_path / "strict").exists(), "a failed build must not leave output"
    edit(project / "mkdocs.yml", "strict: true", "strict: false")
    lenient = build_site(tmp_path / "lenient", project / "mkdocs.yml", strict=False)
    assert lenient.returncode == 0, lenient.stderr
    assert "data/requirements/nm.yaml: last_checked 2020-01-15" in lenient.stderr


def test_single_association_site_has_no_cross_state_pages(tmp_path):
    project = project_copy(tmp_path)
    edit(project / "mkdocs.yml", "      data_dir: data\n", "      data_dir: data\n      states: [VA]\n")
    site = tmp_path / "site"
    result = build_site(site, project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    assert not (site / "compare").exists()
    assert not (site / "michigan").exists() and (site / "virginia" / "ifrs" / "index.html").is_file()
    home = page(site, "/")
    assert "Virginia Association for Infant Mental Health" in home.title.get_text()
    assert "Choose your category" not in home.get_text()
    rules = json.loads(page(site, "/self-check/").select_one("#imhsite-rules").string)
    assert [s["code"] for s in rules["states"]] == ["VA"]
    for html in site.rglob("*.html"):
        for href in re.findall(r'href="([^"#?]+)[^"]*"', html.read_text(encoding="utf-8")):
            if href.startswith(("http:", "https:", "mailto:")):
                continue
            target = (site / href.lstrip("/")) if href.startswith("/") else (html.parent / href).resolve()
            assert target.exists() or (target / "index.html").exists(), f"{html}: broken link {href}"


def test_downloads_are_published_and_linked(built_site):
    overview = page(built_site, "/virginia/")
    links = {a.get_text(): a["href"] for a in overview.select(".imh-meta a[download]")}
    assert set(links) == {"JSON", "CSV"}
    data = json.loads((built_site / "virginia" / links["JSON"]).resolve().read_text())
    assert data["states"]["VA"]["categories"]["IFRS"]["initial"]["training"]["min_hours"] == 48
    assert list(data["states"]) == ["VA"] and [d["file"] for d in data["documents"]] == ["004_702cdf564c10a0d2.txt"]
    everything = json.loads((built_site / "downloads" / "requirements.json").read_text())
    assert len(everything["states"]) == 5 and "competencies" in everything and "glossary" in everything
    rows = list(csv.DictReader((built_site / "virginia" / links["CSV"]).resolve().open(encoding="utf-8")))
    ifrs = [r for r in rows if r["category"] == "IFRS" and r["phase"] == "initial" and r["facet"] == "training"]
    assert json.loads(ifrs[0]["values"])["min_hours"] == 48
    assert ifrs[0]["source_doc"] == "004_702cdf564c10a0d2.txt"


def test_checklist_lists_what_to_gather(built_site):
    guide = page(built_site, "/virginia/imhs/")
    items = [li.get_text(" ", strip=True) for li in guide.select(".imh-checklist li")]
    assert any("Official transcripts" in i for i in items)
    assert any("50 clock hours of reflective supervision" in i and "IFRS, IMHM-C" in i for i in items)
    assert any("3 reference raters" in i for i in items)
    assert any("Code of Ethics" in i for i in items)
    assert any("written exam" in i for i in items)


def test_every_page_says_when_the_data_was_checked_and_the_sources_page_its_version(built_site):
    for url in ("/", "/virginia/ifrs/", "/glossary/", "/self-check/"):
        footer = page(built_site, url).select_one("footer").get_text(" ", strip=True)
        assert re.search(r"Requirements last checked against the associations' documents on \d{4}-\d\d-\d\d", footer), url
        assert "Data version" not in footer, url
    sources = page(built_site, "/sources/").select_one("article").get_text(" ", strip=True)
    assert re.search(r"Data version [0-9a-f]{12}", sources)


def test_an_edited_minimum_reaches_guide_comparison_and_self_check(tmp_path):
    """The editor's guide walk-through: change Virginia's IFRS training minimum, preview, see it."""
    project = project_copy(tmp_path)
    edit(project / "data/requirements/va.yaml", "min_hours: 48", "min_hours: 52")
    site = tmp_path / "site"
    result = build_site(site, project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    guide = page(site, "/virginia/ifrs/").find(id="in-service-training").find_next("div", class_="imh-facet")
    assert "minimum 52 clock hours" in guide.get_text(" ", strip=True)
    compare = page(site, "/compare/ifrs/").get_text(" ", strip=True)
    overview = page(site, "/virginia/").get_text(" ", strip=True)
    assert "minimum 52 clock hours" in compare and "minimum 52 clock hours" in overview
    rules = json.loads(page(site, "/self-check/").select_one("#imhsite-rules").string)
    [result] = evaluate(rules, parse_profile({"training_hours": 48}), date(2026, 11, 26), state="VA", category="IFRS")
    assert "4 more training hours" in result["missing"]


@pytest.mark.parametrize("command", ["validate", "schema", "export", "check", "new-state", "diff"])
def test_commands_are_documented(command):
    readme = (ROOT / "README.md").read_text()
    assert f"imhsite {command}" in readme
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Example" in result.output


def test_compiled_rules_follow_the_data():
    rules = compile_rules(load_dataset(DATA))
    assert {s["code"] for s in rules["states"]} == {"MI", "NM", "NC", "OR", "VA"}


def test_what_changed_page_follows_the_editions(tmp_path):
    project = project_copy(tmp_path)
    data = project / "data"
    old_doc = "004_702cdf564c10a0d2.txt"
    new_doc = "004_virginia_2027.txt"
    text = (data / "sources" / old_doc).read_text(encoding="utf-8")
    (data / "sources" / new_doc).write_text(text.replace("Minimum 48 clock hours", "Minimum 50 clock hours"), encoding="utf-8")
    with (data / "sources.yaml").open("a", encoding="utf-8") as sources:
        sources.write(f"  - file: {new_doc}\n    title: Virginia overview, 2027 edition\n"
                      f"    association: VAIMH\n    as_of: 2027-01-15\n    supersedes: {old_doc}\n")
    va = data / "requirements" / "va.yaml"
    edit(va, "documents: [004_702cdf564c10a0d2.txt]", f"documents: [004_702cdf564c10a0d2.txt, {new_doc}]")
    edit(va, """        min_hours: 48
        topics:""", """        min_hours: 50
        topics:""")
    text = va.read_text(encoding="utf-8")
    anchor = text.index("min_hours: 50")
    section = text.index("doc: 004_702cdf564c10a0d2.txt", anchor)
    quote = text.index("quote: Minimum 48 clock hours required to include", anchor)
    text = (text[:section] + f"doc: {new_doc}" + text[section + len("doc: 004_702cdf564c10a0d2.txt"):quote]
            + "quote: Minimum 50 clock hours required to include" + text[quote + len("quote: Minimum 48 clock hours required to include"):])
    va.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(site, project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    changes = page(site, "/changes/")
    virginia = changes.find(id="virginia").find_next("table")
    rows = [[c.get_text(" ", strip=True) for c in tr.select("th, td")] for tr in virginia.select("tbody tr")]
    assert rows[0][:3] == ["Virginia overview, 2027 edition", "2027-01-15", "1"]
    assert rows[1][3] == "Virginia overview, 2027 edition (2027-01-15)"
    outdated = [li.get_text(" ", strip=True) for li in changes.find(id="virginia").find_next("ul", class_="imh-outdated").select("li")]
    assert any("categories.IFRS.initial.scope" in item for item in outdated)
    assert not any("categories.IFRS.initial.training " in item for item in outdated)
    bad = data / "sources.yaml"
    edit(bad, f"supersedes: {old_doc}", "supersedes: 003_missing.txt")
    problems = CliRunner().invoke(main, ["validate", str(data)])
    assert problems.exit_code == 1
    assert "documents[5].supersedes: unknown document '003_missing.txt'" in problems.stderr


def test_diff_between_git_revisions(tmp_path, monkeypatch):
    import subprocess

    repo = project_copy(tmp_path)
    git = lambda *args: subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)  # noqa: E731
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", "data")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "data")
    edit(repo / "data/requirements/nm.yaml", "min_hours: 30", "min_hours: 35")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "NM training")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD"])
    assert result.exit_code == 0, result.output
    assert result.output == "changed NM IMHS initial.training\n    min_hours: 30 -> 35\n"
    missing = CliRunner().invoke(main, ["diff", "no-such-revision", "HEAD"])
    assert missing.exit_code == 1 and "neither a folder nor a git revision" in missing.output
