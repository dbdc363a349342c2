"""A search index above its budget, split per state (search_entries.add_to_index), and the site's
search worker, which loads a state's part when a query names the state (templates/theme/assets/
javascripts/workers/imhsite-search.js): no entry lost, the state's paragraphs found in chromium,
and what the worker takes from Material 9.8 looked for in the installed Material."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import material
import pytest
from browser import chromium, open_search, serve
from conftest import ROOT, build_site, config_with, project_copy
from mkdocs.exceptions import PluginError
from test_csp_offline import POLICY

from imhsite import search_entries, urls
from imhsite.load import load_dataset
from imhsite.search_worker import WRAPPER, wrap_search_worker

MATERIAL = Path(material.__file__).parent / "templates"
MATERIAL_WORKERS = MATERIAL / "assets" / "javascripts" / "workers"


@pytest.fixture(scope="module")
def split_project(tmp_path_factory) -> Path:
    """The shipped site built with a budget its index (250 KB) exceeds: its folder holds site/."""
    project = project_copy(tmp_path_factory.mktemp("split"))
    result = build_site(project / "site", config_with(project, "mkdocs.yml", search_index_budget_mb=0.1))
    assert result.returncode == 0, result.stderr
    return project


def index_of(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def parts_of(site: Path) -> dict[str, list[dict]]:
    """Each part the index lists (its address from the index's folder) -> its entries."""
    table = index_of(site)["config"]["state_parts"]
    return {row["part"]: json.loads((site / "search" / row["part"]).read_text(encoding="utf-8")) for row in table}


def test_the_split_index_and_its_parts_hold_exactly_the_entries_of_the_whole_index(built_site, split_project):
    """Every entry stays in the main index, in its place, with its title and boost; a guide's
    section keeps its status and key values there, and its state's part has the rest: the main
    index with each part put in place of its entries is the index the default budget writes."""
    site = split_project / "site"
    whole, thin = index_of(built_site), index_of(site)
    assert "state_parts" not in whole["config"]
    assert [(e["location"], e["title"], e.get("boost")) for e in thin["docs"]] == \
        [(e["location"], e["title"], e.get("boost")) for e in whole["docs"]]
    assert {k: v for k, v in thin["config"].items() if k != "state_parts"} == whole["config"]
    merged = {e["location"]: e for e in thin["docs"]}
    kept = dict(merged)
    for part, entries in parts_of(site).items():
        assert entries, part
        for entry in entries:
            assert entry["location"] in merged and merged[entry["location"]] is kept[entry["location"]], entry["location"]
            assert entry["text"] != kept[entry["location"]]["text"] and entry["text"].startswith(kept[entry["location"]]["text"])
            assert entry["location"].startswith(part.removeprefix("states/").removesuffix(".json") + "/")
            merged[entry["location"]] = entry
    assert list(merged.values()) == whole["docs"]
    assert len(json.dumps(thin)) < len(json.dumps(whole)) * 0.8


def test_each_published_state_has_a_part_named_by_its_folder(split_project):
    site = split_project / "site"
    states = load_dataset(split_project / "data").states.values()
    table = index_of(site)["config"]["state_parts"]
    assert table == [{"code": s.state, "name": s.name, "part": f"states/{urls.state_folder(s)}.json"} for s in states]
    assert sorted(p.name for p in (site / "search" / search_entries.STATE_PARTS).iterdir()) == \
        sorted(row["part"].removeprefix("states/") for row in table)


def test_a_server_writes_a_part_again_only_when_it_changed_and_removes_parts_of_no_state(tmp_path):
    """Under `mkdocs serve` the index is written after every edit: a state's part only if its text changed."""
    states = list(load_dataset(ROOT / "data").states.values())[:3]
    index = tmp_path / "search_index.json"
    folder = tmp_path / search_entries.STATE_PARTS

    def entries(text: str) -> search_entries.StateEntries:
        whole = json.dumps([{"location": "x/", "title": "X", "text": text}])
        return search_entries.StateEntries(whole=whole, thin=json.dumps([{"location": "x/", "title": "X", "text": ""}]), part=whole)

    def add(pairs, budget: int = 0) -> bool:
        index.write_text('{"config": {"lang": ["en"]}, "docs": []}', encoding="utf-8")
        return search_entries.add_to_index(index, pairs, "[]", budget, written)

    written: dict[Path, str] = {}
    assert add([(state, entries("first")) for state in states])
    files = sorted(folder.iterdir())
    assert len(files) == 3
    for path in files:
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert add([(states[0], entries("edited"))] + [(state, entries("first")) for state in states[1:]])
    assert [path.stat().st_mtime_ns == 1_000_000_000 for path in files] == \
        [path.name != f"{urls.state_folder(states[0])}.json" for path in files]
    assert "edited" in (folder / f"{urls.state_folder(states[0])}.json").read_text(encoding="utf-8")
    assert add([(state, entries("first")) for state in states[1:]])
    assert sorted(folder.iterdir()) == sorted(folder / f"{urls.state_folder(s)}.json" for s in states[1:])
    assert not add([(state, entries("first")) for state in states], budget=10**9)
    assert not folder.exists() and len(json.loads(index.read_text(encoding="utf-8"))["docs"]) == 3


def test_under_its_budget_the_index_is_one_file(built_site):
    """The shipped site (250 KB against the default 5 MB): one index, as Material writes it."""
    assert "state_parts" not in index_of(built_site)["config"]
    assert not (built_site / "search" / search_entries.STATE_PARTS).exists()


def worker_url(page_html: str) -> str:
    return json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', page_html, re.S)[1])["search"]


@pytest.mark.parametrize("path, prefix", [("index.html", ""), ("oregon/imhs/index.html", "../../")])
def test_every_page_starts_our_worker_naming_materials(built_site, path, prefix):
    """Material's base.html names its worker in the page's __config; ours takes its place there,
    beside it, and names it, so an upgrade's new worker file is the one imported."""
    material_workers = [p.name for p in MATERIAL_WORKERS.glob("search.*.min.js")]
    assert len(material_workers) == 1, material_workers
    assert f'"search": "assets/javascripts/workers/{material_workers[0]}" | url' in (MATERIAL / "base.html").read_text()
    url = worker_url((built_site / path).read_text(encoding="utf-8"))
    assert url == f"{prefix}assets/javascripts/workers/{WRAPPER}?material={material_workers[0]}"
    assert (built_site / "assets" / "javascripts" / "workers" / WRAPPER).is_file()
    assert (built_site / "assets" / "javascripts" / "workers" / material_workers[0]).is_file()


def test_a_theme_naming_no_search_worker_stops_the_build():
    with pytest.raises(PluginError, match="names no search worker"):
        wrap_search_worker('<script id="__config" type="application/json">{"base": "."}</script>')


def test_material_is_the_version_the_worker_was_written_for():
    """imhsite-search.js relies on Material 9.8's worker and bundle (below); an upgrade has to
    check them again: this names the version they were checked with."""
    assert material.__version__.startswith("9.8."), (
        f"mkdocs-material {material.__version__}: check what imhsite-search.js's comment lists, "
        "then the version here")


def test_what_the_worker_takes_from_materials_worker_and_bundle_is_there():
    """The messages and their shapes, the one message listener, the answer by postMessage, lunr
    found from the worker's own folder; the bundle fetching the index and posting it whole."""
    worker = next(MATERIAL_WORKERS.glob("search.*.min.js")).read_text(encoding="utf-8")
    assert worker.count('addEventListener("message"') == 1
    assert re.search(r'addEventListener\("message",(\w+)=>\w+\(null,null,function\*\(\)\{postMessage\(yield \w+\(\1\.data\)\)\}\)\)', worker)
    assert re.search(r"case 0:return yield \w+\(\w+\.data\.config\),\w+=new \w+\(\w+\.data\),\{type:1\}", worker)
    assert re.search(r"case 2:let \w+=\w+\.data;try\{return\{type:3,data:", worker)
    assert 'let e="../lunr"' in worker
    assert re.search(r"constructor\(\{config:\w+,docs:\w+,options:\w+\}\)", worker)
    bundle = next((MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert re.search(r"type:0,data:\{config:\w+,docs:\w+,options:\{suggest:", bundle)
    assert re.search(r"\{type:2,data:\w+\}", bundle)
    assert 'new URL("search/search_index.json",' in bundle
    assert re.search(r"function \w+\(\w+,\w+=new Worker\(\w+\)\)", bundle)


def only_in(site: Path, part: str) -> str:
    """A word of the part's texts that no other part and no entry of the main index says (its
    first eight letters, which no stemming reaches, are nowhere else)."""
    search = site / "search"
    elsewhere = (search / "search_index.json").read_text(encoding="utf-8").lower() + "".join(
        p.read_text(encoding="utf-8").lower() for p in (search / "states").iterdir() if p.name != part.removeprefix("states/"))
    texts = " ".join(e["text"] for e in json.loads((search / part).read_text(encoding="utf-8"))).lower()
    words = sorted(w for w in set(re.findall(r"[a-z]{9,}", texts)) if w[:8] not in elsewhere)
    assert words, f"{part}: no word of its own"
    return words[0]


def location_of(site: Path, part: str, word: str) -> str:
    return next(e["location"] for e in json.loads((site / "search" / part).read_text(encoding="utf-8"))
                if word in e["text"].lower())


def test_a_word_only_a_states_paragraphs_say_is_found_when_the_query_names_the_state(split_project):
    """In chromium, the site in a sub-folder behind the site's Content-Security-Policy: a word of
    Oregon's paragraphs alone finds nothing and fetches no part; with "Oregon" it is found at its
    section and Oregon's part alone is fetched; with "VA", a word of Virginia's at its section,
    and Virginia's part alone is fetched more; Oregon's is not fetched again."""
    site = split_project / "site"
    oregon, virginia = only_in(site, "states/oregon.json"), only_in(site, "states/virginia.json")
    with serve(split_project, headers={"Content-Security-Policy": POLICY}) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        fetched: list[str] = []
        problems: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
        page.goto(base + "/site/")
        query = open_search(page)

        def search(text: str) -> None:
            query.fill("")
            query.press_sequentially(text, delay=20)
            page.wait_for_function("""(text) => document.querySelector('input.md-search__input').value === text
                && !/Initializing|Initialisation/.test(document.querySelector('.md-search-result__meta').textContent)""", arg=text)

        def result(part: str, word: str):
            path, _, anchor = location_of(site, part, word).partition("#")
            at = f"[href$='#{anchor}']" if anchor else ":not([href*='#'])"
            return page.locator(f".md-search-result__link[href*='/site/{path}']{at}")

        def parts() -> list[str]:
            return [url.removeprefix(base) for url in fetched if "/search/states/" in url]

        search(oregon)
        page.wait_for_timeout(1_000)  # the worker has answered the whole query: nothing comes
        assert result("states/oregon.json", oregon).count() == 0
        assert parts() == []
        search(f"{oregon} Oregon")
        result("states/oregon.json", oregon).first.wait_for(state="attached", timeout=20_000)
        assert parts() == ["/site/search/states/oregon.json"]
        search(f"{virginia} VA")
        result("states/virginia.json", virginia).first.wait_for(state="attached", timeout=20_000)
        search(f"{oregon} oregon")
        result("states/oregon.json", oregon).first.wait_for(state="attached", timeout=20_000)
        assert parts() == ["/site/search/states/oregon.json", "/site/search/states/virginia.json"]
        assert any(url.endswith("/site/search/search_index.json") for url in fetched)
        assert problems == []
