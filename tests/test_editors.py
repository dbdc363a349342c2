"""The editors' workflow on real data: scaffold, diff, freshness, one-association sites, downloads."""

from __future__ import annotations

import csv
import json
import re
import resource
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import DATA, ROOT, build_site, page, project_copy
from faulty_disk import fingerprint

from imhsite.cli import main
from imhsite.load import load_dataset
from imhsite.applicant_profile import parse_profile
from imhsite.rule_compiler import compile_rules
from imhsite.rule_evaluator import evaluate


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def scaffold_texas(project: Path, *options: str):
    return CliRunner().invoke(main, ["new-state", "tx", "--name", "Texas", "--category", "ifa",
                                     "--category", "IMHS", "--data", str(project / "data"), *options])


def test_new_state_scaffold_lists_what_to_fill_in(tmp_path, monkeypatch):
    project = project_copy(tmp_path)
    monkeypatch.chdir(project)
    result = scaffold_texas(project)
    assert result.exit_code == 0, result.output
    scaffold = (project / "data/requirements/tx.yaml").read_text()
    assert scaffold.startswith("# yaml-language-server: $schema=")
    assert "last_checked: null" in scaffold and date.today().isoformat() not in scaffold
    texas = yaml.safe_load(scaffold)
    assert list(texas["categories"]) == ["IFA", "IMHS"]
    for category in texas["categories"].values():
        assert {facet["status"] for facet in category["initial"].values()} == {"not_published"}
    problems = [
        "data/requirements/tx.yaml:8: association.source.section: warning: still a placeholder: fill in the section "
        "of the document the association's name is read from (no-placeholder)",
        "data/requirements/tx.yaml:11: last_checked: warning: not yet compared with its documents; once every facet "
        "is checked against them, set last_checked to that day (YYYY-MM-DD) (last-checked-set)",
        "data/sources.yaml:23: documents[5].file: the text of 'tx_requirements.txt' is missing; save the document "
        "as plain text in data/sources/tx_requirements.txt (source-text-present)",
        "data/sources.yaml:24: documents[5].title: warning: still a placeholder: fill in the document's title, "
        "as printed on it (no-placeholder)",
    ]
    assert result.stderr.splitlines() == problems
    validate = CliRunner().invoke(main, ["validate", "data"])
    assert validate.exit_code == 1 and validate.stderr.splitlines() == problems


def test_new_state_writes_both_files_or_neither(tmp_path):
    project = project_copy(tmp_path)
    data = project / "data"
    sources = (data / "sources.yaml").read_bytes()
    refused = [
        (["ZZ", "--name", "Zedland"], "Invalid value for 'CODE'"),
        (["CA", "--name", "<b>California</b>"], "Invalid value for '--name': raw HTML is not allowed"),
        (["CA", "--name", "California", "--association", "x" * 301], "Invalid value for '--association': must be at most 300"),
        (["CA", "--name", "California", "--category", "IFX"], "Invalid value for '--category'"),
        (["VA", "--name", "Virginia"], "requirements/va.yaml already exists"),
    ]
    for arguments, message in refused:
        result = CliRunner().invoke(main, ["new-state", *arguments, "--data", str(data)])
        assert result.exit_code == 2 and message in result.output, (arguments, result.output)
        assert "Traceback" not in result.output
        assert (data / "sources.yaml").read_bytes() == sources, arguments
        assert sorted(p.name for p in (data / "requirements").iterdir()) == ["mi.yaml", "nc.yaml", "nm.yaml", "or.yaml", "va.yaml"]
    (data / "sources" / "ca_requirements.txt").write_text("California\n", encoding="utf-8")
    with (data / "sources.yaml").open("a", encoding="utf-8") as listed:
        listed.write("  - {file: ca_requirements.txt, title: California, association: CAIMH, colour: red}\n")
    broken = CliRunner().invoke(main, ["new-state", "CA", "--name", "California", "--data", str(data)])
    assert broken.exit_code == 1 and re.fullmatch(r".*sources\.yaml:\d+: documents\[5\]\.colour: unknown field.*\n", broken.stderr)
    assert not (data / "requirements" / "ca.yaml").exists()
    edit(data / "sources.yaml", ", colour: red}", "}")
    listed_already = CliRunner().invoke(main, ["new-state", "CA", "--name", "California", "--data", str(data)])
    assert listed_already.exit_code == 2 and "already lists ca_requirements.txt" in listed_already.output
    (data / "sources.yaml").write_bytes(sources)
    spaced = CliRunner().invoke(main, ["new-state", " ca ", "--name", "California", "--data", str(data)])
    assert spaced.exit_code == 0, spaced.output
    assert (data / "requirements" / "ca.yaml").is_file() and yaml.safe_load((data / "requirements" / "ca.yaml").read_text())["state"] == "CA"
    assert (data / "sources.yaml").read_text().count("file: ca_requirements.txt") == 1
    again = CliRunner().invoke(main, ["new-state", "CA", "--name", "California", "--data", str(data)])
    assert again.exit_code == 2 and "already exists" in again.output


def file_size_limited(limit: int) -> Callable[[], None]:
    """For a subprocess: the kernel refuses to write a file past `limit` bytes (File too large)."""
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_new_state_whose_last_write_fails_leaves_nothing_behind(tmp_path):
    """The state file is written, data/sources.yaml is not (past a file-size limit): neither is kept."""
    project = project_copy(tmp_path)
    data = project / "data"
    with (data / "sources.yaml").open("a", encoding="utf-8") as listed:
        listed.write("# a long note\n" * 1000)  # 14 kB, past the limit; the scaffold is about 1 kB
    before = fingerprint(data)
    result = subprocess.run([sys.executable, "-m", "imhsite.cli", "new-state", "tx", "--name", "Texas", "--category", "ifa",
                             "--data", "data"], cwd=project, capture_output=True, text=True,
                            preexec_fn=file_size_limited(8 * 1024))
    assert result.returncode == 1
    assert result.stderr == "Error: cannot write data/sources.yaml: File too large\n"
    assert fingerprint(data) == before, "a file was changed or left behind"
    assert subprocess.run([sys.executable, "-m", "imhsite.cli", "new-state", "tx", "--name", "Texas", "--category", "ifa",
                           "--data", "data"], cwd=project, capture_output=True).returncode == 0  # a retry is not refused


def test_texas_walk_through_scaffold_fill_validate_build(tmp_path, monkeypatch):
    """The editor's guide, Add a state: scaffold, save the text, preview, fill in, validate, publish."""
    project = project_copy(tmp_path)
    monkeypatch.chdir(project)
    assert scaffold_texas(project, "--association", "Texas Association for Infant Mental Health").exit_code == 0
    (project / "data/sources/tx_requirements.txt").write_text(
        "Texas Association for Infant Mental Health\nEndorsement Requirements, 2026\n\n"
        "Specialized In-Service Training\nMinimum 30 clock hours of relationship-based training\n", encoding="utf-8")
    left = CliRunner().invoke(main, ["validate"])
    assert left.exit_code == 1 and all(": warning: " in line for line in left.stderr.splitlines()), left.stderr
    edit(project / "mkdocs.yml", "strict: true", "strict: false")  # as `mkdocs serve --no-strict` previews
    preview = build_site(tmp_path / "preview", project / "mkdocs.yml", strict=False)
    edit(project / "mkdocs.yml", "strict: false", "strict: true")
    assert preview.returncode == 0, preview.stderr
    assert "still a placeholder" in preview.stderr
    assert "Requirements not yet checked against the association's documents" in page(tmp_path / "preview", "/texas/").get_text()
    refused = build_site(tmp_path / "published", project / "mkdocs.yml")
    assert refused.returncode != 0 and not (tmp_path / "published").exists()

    edit(project / "data/sources.yaml", "'FILL IN: the document''s title, as printed on it'", "Endorsement Requirements, 2026")
    texas = project / "data/requirements/tx.yaml"
    edit(texas, "'FILL IN: the section of the document the association''s name is read from'", "Title page")
    edit(texas, "last_checked: null", "last_checked: " + date.today().isoformat())
    filled = yaml.safe_load(texas.read_text(encoding="utf-8"))
    filled["categories"]["IMHS"]["initial"]["training"] = {
        "status": "required", "text": "Minimum 30 clock hours of relationship-based training.", "min_hours": 40,
        "source": {"doc": "tx_requirements.txt", "section": "Specialized In-Service Training",
                   "quote": "Minimum 30 clock hours of relationship-based training"}}
    schema_line = texas.read_text(encoding="utf-8").splitlines()[0]
    texas.write_text(f"{schema_line}\n{yaml.safe_dump(filled, sort_keys=False)}", encoding="utf-8")
    slip = CliRunner().invoke(main, ["validate"])
    assert slip.exit_code == 1
    assert re.fullmatch(r"data/requirements/tx\.yaml:\d+: categories\.IMHS\.initial\.training\.min_hours: warning: 40 is "
                        r"not a number its text states \(30\); correct one of them \(numbers-match-text\)\n", slip.stderr)
    edit(texas, "min_hours: 40", "min_hours: 30")
    ok = CliRunner().invoke(main, ["validate"])
    assert ok.exit_code == 0 and ok.output == "data: OK\n", ok.output
    published = build_site(tmp_path / "published", project / "mkdocs.yml")
    assert published.returncode == 0, published.stderr
    guide = page(tmp_path / "published", "/texas/imhs/").get_text(" ", strip=True)
    assert "Minimum 30 clock hours of relationship-based training." in guide
    assert f"Requirements last checked against the association's documents on {date.today().isoformat()}" in guide


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


def test_diff_shows_the_changed_words_of_a_long_text(tmp_path):
    project = project_copy(tmp_path)
    edit(project / "data/requirements/va.yaml", "  - 30 hours of training specific to the promotion of social-emotional development",
         "  - 32 hours of training specific to the promotion of social-emotional development")
    result = CliRunner().invoke(main, ["diff", str(DATA), str(project / "data")])
    assert result.exit_code == 0, result.output
    assert result.output == ("changed VA IFRS initial.training\n"
                             "    text: ... required to include: - [-30-] {+32+} hours of training specific ...\n")
    spacing = project_copy(tmp_path / "spacing")
    edit(spacing / "data/requirements/va.yaml", "Minimum 48 clock hours required to include:\n",
         "Minimum 48 clock hours required  to include:\n")
    result = CliRunner().invoke(main, ["diff", str(DATA), str(spacing / "data")])
    assert result.output.endswith("    text: only spacing or line breaks changed\n"), result.output


def test_stale_data_warns_and_fails_under_strict(tmp_path):
    project = project_copy(tmp_path)
    edit(project / "data/requirements/nm.yaml", "last_checked: 2026-11-26", "last_checked: 2020-01-15")
    strict = build_site(tmp_path / "strict", project / "mkdocs.yml")
    assert strict.returncode != 0
    assert ("data/requirements/nm.yaml:12: last_checked: warning: 2020-01-15 is more than 12 months ago; compare the "
            "data with its sources and update last_checked (last-checked-recent)") in strict.stderr
    assert not (tmp_path / "strict").exists(), "a failed build must not leave output"
    edit(project / "mkdocs.yml", "strict: true", "strict: false")
    lenient = build_site(tmp_path / "lenient", project / "mkdocs.yml", strict=False)
    assert lenient.returncode == 0, lenient.stderr
    assert "data/requirements/nm.yaml:12: last_checked: warning: 2020-01-15" in lenient.stderr


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
    edit(project / "data/requirements/va.yaml", "  Minimum 48 clock hours required to include:\n",
         "  Minimum 52 clock hours required to include:\n")  # the text and its number change together
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
    examples = result.output.split("Example:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert examples and all(line.strip().startswith("imhsite ") for line in examples), examples  # one a line, unwrapped


def test_main_help_lists_the_exit_statuses():
    result = CliRunner().invoke(main, ["--help"])
    statuses = [line.split()[0] for line in result.output.splitlines() if re.match(r"^\s+[0-9]  ", line)]
    assert statuses == ["0", "1", "2"], result.output


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
    edit(va, "  Minimum 48 clock hours required to include:\n", "  Minimum 50 clock hours required to include:\n")
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
    edit(repo / "data/requirements/nm.yaml", "state: NM", "state: ZZ")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "a broken revision")
    broken = CliRunner().invoke(main, ["diff", "HEAD", "HEAD~1"])
    assert broken.exit_code == 1
    assert broken.stderr.startswith("HEAD:data/requirements/nm.yaml:"), broken.stderr
    assert "tmp" not in broken.stderr
    missing = CliRunner().invoke(main, ["diff", "no-such-revision", "HEAD"])
    assert missing.exit_code == 2 and "neither a folder nor a git revision" in missing.output
