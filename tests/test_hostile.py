"""Hostile text in every kind of field: refused with one clear line, or inert everywhere.

Each value of tests/hostile/values.yaml is placed, in a copy of the project, in every kind of
text field the data has: a state of its own (association, category, every facet's text, source
section and quote, path labels and conditions, topics, providers, raters, exam parts, footnotes,
the state's name), a document in data/sources.yaml (title, association, edition, copyright,
address) whose text holds the value, glossary terms, definitions and abbreviations, competency
domains and items, overview statements, and a hand-written page in content/.

Then:
- `imhsite validate` refuses some placements: each refusal is one printable line
  `file:line: field: message` naming a field where a value was placed, and the build refuses the
  same data with the same lines;
- the refused placements are replaced by neutral text, and the hand-written page loses the values
  the build refuses (each refusal names the page and the value's line);
- everything left is built once, and must be inert: no script but the site's own (as the shipped
  site has them), no event-handler attribute, no `javascript:`/`data:` address, no frame or
  object, template syntax shown as typed, the self-check's JSON intact;
- chromium opens the pages (and the self-check with every result shown, and the search): no
  dialog opens, no script error, nothing in the live DOM that could run.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import shutil
import subprocess
import sys
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import yaml
from browser import chromium, open_search, serve
from click.testing import CliRunner
from conftest import DATA, ROOT, build_site, page, project_copy
from reader_view import differences, generated_urls, pipeline_config, self_indexed_urls

from imhsite import urls
from imhsite.cli import main
from imhsite.checks.schema_comment import first_line
from imhsite.load import FILE_MODELS, load_dataset
from imhsite.model import CATEGORY_CODES, StateCode, StateData
from imhsite.problems import dotted

VALUES_FILE = Path(__file__).parent / "hostile" / "values.yaml"
NEUTRAL = "Neutral text, as typed here."
"""Long enough to be a quote (quote-length), without a number (numbers-match-text)."""
SINGLE_SLOTS = 18
PROBLEM_LINE = re.compile(r"^(?P<file>[^:\s]+):(?P<line>\d+): (?P<field>[^\s:]+): (?P<message>.+)$")
CONTENT_PAGE = "content/hostile.md"
SENTINEL = re.compile("\x00hostile:([^\x00]+)\x00")
CONTENT_REFUSAL = re.compile(r"^content/hostile\.md:(?P<line>\d+): (?P<message>.+)$")


NAME_FIELDS = {"name", "title", "association", "abbreviation", "contact", "term", "focus", "file"}
"""Fields of the model's `Name` type: at most 300 characters."""

NAME_LENGTH = 10_000
"""A long value stands at this length in names and titles, which pass through Python-Markdown
(as escaped text, thousands of escapes costing seconds per page); text fields get all of it."""


@dataclass(frozen=True)
class Hostile:
    id: str
    value: str
    long: bool
    shows: str | None

    @property
    def sentinel(self) -> str:
        return f"\x00hostile:{self.id}\x00"

    @property
    def name_sentinel(self) -> str:
        return f"\x00hostile:{self.id}:name\x00" if self.long else self.sentinel


def hostile_values() -> list[Hostile]:
    values = []
    for entry in yaml.safe_load(VALUES_FILE.read_text(encoding="utf-8")):
        value = entry["value"]
        if "length" in entry:
            value = (value * (entry["length"] // len(value) + 1))[: entry["length"]]
        values.append(Hostile(entry["id"], value, "length" in entry, entry.get("shows")))
    return values


VALUES = hostile_values()
BY_ID = {v.id: v for v in VALUES}


def test_the_corpus_is_large_and_varied():
    assert len(VALUES) >= 30
    assert len(BY_ID) == len(VALUES), "value ids must be unique"
    joined = "\n".join(v.value for v in VALUES)
    for needle in ("<script", "onerror=", "javascript:", "data:", "&lt;", "{{", "{%", "{ onclick",
                   "\u202e", "\u200b", "</ script>", '" onmouseover="', "<javascript:", "]: javascript:",
                   "<!--", "CDATA", "<svg", "<iframe"):
        assert needle in joined, f"the corpus lacks {needle!r}"
    assert max(len(v.value) for v in VALUES) >= 100_000


# --- the hostile project -------------------------------------------------------------


def free_state_codes() -> list[str]:
    used = {p.stem.upper() for p in (DATA / "requirements").glob("*.yaml")}
    return [code for code in typing.get_args(StateCode) if code not in used]


def source(doc: str, section: str, quote: str) -> dict:
    return {"doc": doc, "section": section, "quote": quote}


def state_file(code: str, number: int, doc: str, v: str, x: str, n: str) -> dict:
    """A state whose every text field is `v` (the kinds the issue names), `n` (names) or `x` (others).

    For most values all three are the value; for a 100 kB value `n` is its first 10 kB and `x`
    is neutral text.
    """
    s = source(doc, x, x)
    req = lambda **extra: {"status": "required", "text": stating(x, extra), **extra, "source": s}  # noqa: E731
    return {
        "state": code,
        "name": f"Hostile {number:02d}" + (f" {v}" if v == x else ""),
        "association": {"name": n, "abbreviation": x, "contact": n, "source": source(doc, x, v)},
        "documents": [doc],
        "last_checked": date.today().isoformat(),
        "categories": {
            "IFA": {
                "name": n,
                "aliases": [x],
                "initial": {
                    "scope": {"status": "required", "text": v, "source": source(doc, x, v)},
                    "education": req(accepted_degrees=[x], transcripts=True, paths=[
                        {"label": x, "degree": "bachelor", "condition": x}, {"degree": "master", "condition": x}]),
                    "training": req(min_hours=10, typical_hours=20, topics=[
                        {"topic": "rsc", "hours": 2, "text": stating(x, {"hours": 2}), "condition": x}]),
                    "reflective_supervision": req(min_hours=5, providers=[
                        {"endorsement": "IFS", "condition": x}, {"endorsement": "IMHS"}]),
                    "work": req(paths=[{"label": x, "infant_work_years": 1, "condition": x}]),
                    "leadership": {"status": "recommended", "text": x, "source": s},
                    "references": req(count=3, raters=[x], endorsed_raters=1, endorsed_rater_endorsements=[x]),
                    "code_of_ethics": req(),
                    "exam": req(parts=[x]),
                    "membership": req(association=x),
                },
                "renewal": {
                    "training": req(annual_hours=12, topics=[
                        {"topic": "dei", "hours": 1, "text": stating(x, {"hours": 1}), "condition": x}]),
                    "reflective_supervision": req(annual_hours=6),
                    "membership": req(),
                },
                "footnotes": [{"mark": x, "text": v, "source": s}],
            }
        },
    }


def schema_line(path: Path) -> str:
    """The line a data file starts with, naming its schema for editors (schema-comment)."""
    data = next(folder for folder in path.parents if folder.name == "data")
    return first_line(path, data, FILE_MODELS.get(path.name, StateData))


def spelled_out(abbreviation: str, meaning: str) -> str:
    """A passage spelling an abbreviation out, long enough to be a quote (quote-length)."""
    return f"{NEUTRAL} {meaning} ({abbreviation})"


def stating(text: str, values: dict) -> str:
    """`text` led by the facet's own numbers, as a source's text states them (numbers-match-text)."""
    numbers = [str(v) for v in values.values() if isinstance(v, int) and not isinstance(v, bool)]
    return f"{', '.join(numbers)}: {text}" if numbers else text


@dataclass(frozen=True)
class Placement:
    file: str
    path: tuple
    value: Hostile

    @property
    def field(self) -> str:
        return dotted(self.path)


class HostileProject:
    """A copy of the project with the hostile values written into its data and content."""

    def __init__(self, root: Path, values: list[Hostile]):
        self.root = root
        for part in ("data", "templates", "content", "mkdocs.yml"):
            src = ROOT / part
            (shutil.copytree if src.is_dir() else shutil.copy)(src, root / part)
        self.trees: dict[str, Any] = {}
        self.placements: dict[tuple[str, str], Placement] = {}
        self.content_values = list(values)
        self._place(values)

    # building

    def _tree(self, name: str) -> Any:
        if name not in self.trees:
            self.trees[name] = yaml.safe_load((self.root / name).read_text(encoding="utf-8"))
        return self.trees[name]

    def _place(self, values: list[Hostile]) -> None:
        codes = free_state_codes()
        assert len(values) <= len(codes), f"{len(values)} values but only {len(codes)} free state codes"
        sources = self._tree("data/sources.yaml")
        glossary = self._tree("data/glossary.yaml")
        competencies = self._tree("data/competencies.yaml")
        overview = self._tree("data/overview.yaml")
        guidelines = self.root / "data" / "sources" / competencies["source"]["doc"]
        with guidelines.open("a", encoding="utf-8") as text:  # competency texts are the document's words
            text.write("".join(f"\n{value.value}\n" for value in values) + f"\n{NEUTRAL}\n")
        for number, (value, code) in enumerate(zip(values, codes), start=1):
            v, n = value.sentinel, value.name_sentinel
            x = NEUTRAL if value.long else v
            doc = f"hostile-{number:02d}.txt"
            # the value as an abbreviation's meaning (no longer than a quote) and as an abbreviation
            abbreviations = [(f"HX{number:02d}", x)] + ([] if value.long else [(v, f"Hostile abbreviation {number}")])
            passages = [spelled_out(*a).replace(v, value.value) for a in abbreviations]  # the document spells each out
            (self.root / "data" / "sources" / doc).write_text("\n".join([NEUTRAL, value.value, NEUTRAL, *passages]) + "\n",
                                                              encoding="utf-8")
            sources["documents"].append({"file": doc, "title": n, "association": x, "edition": x, "copyright": x}
                                        | ({} if value.long else {"url": v}))
            self.trees[f"data/requirements/{code.lower()}.yaml"] = state_file(code, number, doc, v, x, n)
            glossary["terms"].append({"term": n, "definition": v, "source": source(doc, x, x)})
            for abbreviation, meaning in abbreviations:
                glossary["abbreviations"].append({"abbreviation": abbreviation, "meaning": meaning,
                                                  "source": source(doc, x, spelled_out(abbreviation, meaning))})
            competencies["categories"]["IFS"]["domains"].append({
                "number": 100 + number, "name": x, "knowledge_areas": [x], "skill_areas": [x], "notes": [x],
                "demonstrated_by": [{"lead": x, "items": [{"text": v, "items": [{"text": x}]}]}],
            })
            overview["endorsement"].append({"text": v, "source": source(doc, x, x)})
        slots = [("data/overview.yaml", ("categories", code, key)) for key in ("name", "focus") for code in CATEGORY_CODES]
        slots += [("data/competencies.yaml", ("categories", group, "name")) for group in competencies["categories"]]
        assert len(slots) == SINGLE_SLOTS
        for (name, path), value in zip(slots, values):
            self._set(self._tree(name), path, value.sentinel)
        for name, tree in self.trees.items():
            self.trees[name] = self._embed(name, tree, ())

    def _embed(self, name: str, node: Any, path: tuple) -> Any:
        """Replace each sentinel by its value, noting where it stands."""
        if isinstance(node, dict):
            return {k: self._embed(name, v, path + (k,)) for k, v in node.items()}
        if isinstance(node, list):
            return [self._embed(name, v, path + (i,)) for i, v in enumerate(node)]
        if isinstance(node, str) and node.startswith("\x00hostile:"):
            key = node.strip("\x00").removeprefix("hostile:")
            value = BY_ID[key.removesuffix(":name")]
            self.placements[(name, dotted(path))] = Placement(name, path, value)
            return value.value[:NAME_LENGTH] if key.endswith(":name") else value.value
        if isinstance(node, str) and (within := SENTINEL.search(node)):  # "Hostile 07 <value>", a quote
            value = BY_ID[within[1]]
            self.placements[(name, dotted(path))] = Placement(name, path, value)
            return node.replace(value.sentinel, value.value)
        return node

    @staticmethod
    def _set(tree: Any, path: tuple, value: Any) -> None:
        for key in path[:-1]:
            tree = tree[key]
        tree[path[-1]] = value

    def neutralise(self, placement: Placement) -> None:
        tree = self.trees[placement.file]
        for key in placement.path[:-1]:
            tree = tree[key]
        last = placement.path[-1]
        if last == "url":
            del tree[last]
        elif last == "name" and placement.path == ("name",):
            tree[last] = tree[last].split(" ", 2)[0] + " " + tree[last].split(" ", 2)[1]
        elif last in ("term", "abbreviation"):
            tree[last] = f"{NEUTRAL} {placement.value.id}"  # each is defined once (glossary-unique)
        else:
            tree[last] = NEUTRAL
        self.placements.pop((placement.file, placement.field), None)
        if placement.file == "data/glossary.yaml" and placement.path[0] == "abbreviations":
            self._spell_out(placement.path[1])

    def _spell_out(self, index: int) -> None:
        """An abbreviation's quote spells it out again, as its document now states (abbreviation-quoted)."""
        entry = self.trees["data/glossary.yaml"]["abbreviations"][index]
        entry["source"]["quote"] = quote = spelled_out(entry["abbreviation"], entry["meaning"])
        with (self.root / "data" / "sources" / entry["source"]["doc"]).open("a", encoding="utf-8") as text:
            text.write(f"{quote}\n")
        key = ("data/glossary.yaml", f"abbreviations[{index}].source.quote")
        if key in self.placements and self.placements[key].value.value not in quote:
            del self.placements[key]

    def write(self) -> None:
        for name, tree in self.trees.items():
            text = yaml.safe_dump(tree, sort_keys=False, allow_unicode=True, width=1 << 20)
            (self.root / name).write_text(f"{schema_line(self.root / name)}\n{text}", encoding="utf-8")
        (self.root / CONTENT_PAGE).write_text(self.content_page(), encoding="utf-8")

    # the hand-written page

    def content_page(self) -> str:
        lines = ["# Hostile values", ""]
        self.content_lines: dict[int, Hostile] = {}
        for number, value in enumerate(self.content_values, start=1):
            single = "\n" not in value.value
            block = [f"## Value {number:02d}", "", value.value, ""]
            if single and not value.long:
                block += [f"- item {value.value}", "", f"[label {value.value}](#value-{number:02d})", "",
                          f"> {value.value}", ""]
            block = "\n".join(block).split("\n")
            for offset, _ in enumerate(block):
                self.content_lines[len(lines) + offset + 1] = value
            lines += block
        return "\n".join(lines) + "\n"

    # commands

    def validate(self, target: str) -> list[str]:
        result = subprocess.run([sys.executable, "-m", "imhsite.cli", "validate", target],
                                capture_output=True, text=True, cwd=self.root)
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert (result.returncode != 0) == bool(lines), result.stderr[-3000:]
        return lines

    def refused(self, lines: list[str]) -> list[Placement]:
        """The placements these validation lines name; every line must name one, on one line."""
        found = []
        for line in lines:
            assert line.isprintable(), f"not one printable line: {line!r}"
            match = PROBLEM_LINE.match(line)
            assert match, f"not `file:line: field: message`: {line!r}"
            key = (match["file"], match["field"])
            assert key in self.placements, f"refused a field where no hostile value stands: {line!r}"
            assert len(match["message"]) < 200, f"not a short message: {line!r}"
            found.append(self.placements[key])
        return found


# --- inspecting built HTML -------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "srcset", "xlink:href", "background", "cite",
                  "data", "codebase", "ping", "lowsrc", "dynsrc", "longdesc", "manifest", "archive", "classid", "icon"}
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
RUNNABLE_SCHEME = re.compile(r"^(?:javascript|vbscript|livescript|data):")


def runnable_address(value: str) -> bool:
    """Whether a browser would treat this address as script or inline data.

    Browsers strip leading control characters and spaces and drop tabs and newlines anywhere.
    """
    return bool(RUNNABLE_SCHEME.match(re.sub(r"[\x00-\x20]", "", value).lower()))


class PageScan(HTMLParser):
    """Every script of a page (as a signature) and everything that could run."""

    def __init__(self, page_path: str):
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.scripts: list[tuple[str, ...]] = []
        self.problems: list[str] = []
        self._script: dict | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)
        if tag in ("script", "template"):
            self._script, self._text = dict(attrs) | {"": tag}, []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value[:40]!r}>")
            if name in URL_ATTRIBUTES:
                candidates = value.split(",") if name == "srcset" else [value]
                if any(runnable_address(c) for c in candidates):
                    self.problems.append(f"<{tag} {name}={value[:40]!r}>")
            if name == "style" and re.search(r"url\(|expression\(|javascript:", value, re.IGNORECASE):
                self.problems.append(f"<{tag} style={value[:40]!r}>")
            if tag == "meta" and name == "http-equiv" and value.lower() == "refresh":
                self.problems.append("<meta http-equiv=refresh>")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "template") and self._script is not None:
            self.scripts.append(self._signature(self._script, "".join(self._text)))
            self._script = None

    def _signature(self, attrs: dict, text: str) -> tuple[str, ...]:
        if attrs[""] == "template":  # the self-check's rules: inert, and JSON throughout
            try:
                json.loads(text)
            except ValueError as err:
                self.problems.append(f"template #{attrs.get('id')}: its JSON does not parse ({err})")
            return ("template", attrs.get("id") or "")
        if attrs.get("src"):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(self.page_path), attrs["src"].split("?")[0]))
            return ("src", target)
        if attrs.get("type") == "application/json":
            try:
                json.loads(text)
            except ValueError as err:
                self.problems.append(f"script #{attrs.get('id')}: its JSON does not parse ({err})")
            return ("json", attrs.get("id") or "")
        return ("inline", text.strip())


def scan_site(site: Path) -> Iterator[PageScan]:
    for html in sorted(site.rglob("*.html")):
        scan = PageScan(html.relative_to(site).as_posix())
        scan.feed(html.read_text(encoding="utf-8"))
        scan.close()
        yield scan


@pytest.fixture(scope="module")
def known_scripts(built_site) -> set[tuple[str, ...]]:
    """The scripts of the shipped site: the only ones a page may have."""
    known: set[tuple[str, ...]] = set()
    for scan in scan_site(built_site):
        assert not scan.problems, f"{scan.page_path}: {scan.problems}"
        known.update(scan.scripts)
    return known


# --- the build ------------------------------------------------------------------------------


@dataclass
class HostileBuild:
    project: HostileProject
    site: Path
    refused_data: list[Placement]
    refused_content: dict[str, list[str]]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> HostileBuild:
    root = tmp_path_factory.mktemp("hostile")
    project = HostileProject(root / "project", VALUES)
    project.write()

    # sources.yaml first: while it is refused, every citation of its documents would be too
    refused = project.refused(project.validate("data/sources.yaml"))
    assert {p.file for p in refused} <= {"data/sources.yaml"}
    for placement in refused:
        project.neutralise(placement)
    project.write()

    lines = project.validate("data")
    refused_rest = project.refused(lines)
    assert refused_rest, "nothing was refused: the corpus holds raw HTML, which validation must refuse"
    result = build_site(root / "refused-site", project.root / "mkdocs.yml")
    assert result.returncode != 0, "the build published data that validation refuses"
    assert "Traceback" not in result.stderr
    for line in lines:
        assert line in result.stderr, f"the build does not say {line!r}"
    assert not (root / "refused-site").exists(), "a refused build left a site behind"
    for placement in refused_rest:
        project.neutralise(placement)
    project.write()
    while later := project.refused(project.validate("data")):  # the checks judge a file once its model passes
        for placement in later:
            project.neutralise(placement)
        refused_rest += later
        project.write()
    refused += refused_rest

    # the build: values the hand-written page may not hold are named, each on its value's line
    refused_content: dict[str, list[str]] = {}
    site = root / "site"
    for _attempt in range(4):
        project.write()
        assert not project.validate("data"), "neutral text was refused"
        result = build_site(site, project.root / "mkdocs.yml")
        if result.returncode == 0:
            break
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        named = [CONTENT_REFUSAL.match(line) for line in result.stderr.splitlines()]
        named = [m for m in named if m]
        assert named, f"the build failed without naming a line of {CONTENT_PAGE}:\n{result.stderr[-3000:]}"
        for match in named:
            assert match.group(0).isprintable(), repr(match.group(0))
            value = project.content_lines.get(int(match["line"]))
            assert value, f"refusal names a line with no hostile value: {match.group(0)}"
            refused_content.setdefault(value.id, []).append(match["message"])
        project.content_values = [v for v in project.content_values if v.id not in refused_content]
    else:
        pytest.fail(f"the hostile build never succeeded:\n{result.stderr[-3000:]}")
    return HostileBuild(project, site, refused, refused_content)


def test_hostile_pages_read_the_same_with_fast_pages(hostile, tmp_path):
    """page_html.py escapes, slugs, abbreviates and links hostile names as MkDocs' Markdown does."""
    result = build_site(tmp_path / "site", pipeline_config(hostile.project.root))
    assert result.returncode == 0, result.stderr[-3000:]
    root = hostile.project.root
    assert differences(tmp_path / "site", hostile.site, generated_urls(root), self_indexed_urls(root)) == []


def test_raw_html_is_refused_in_every_field_and_page(hostile):
    tag_values = [v for v in VALUES if re.search(r"</?[A-Za-z!?]", v.value)]
    assert len(tag_values) >= 10
    for value in tag_values:
        assert any(p.value.id == value.id for p in hostile.refused_data), f"{value.id} was not refused"
        left = [p.field for p in hostile.project.placements.values() if p.value.id == value.id]
        assert not left, f"{value.id} was accepted in {left}"
        assert value.id in hostile.refused_content, f"{value.id} was not refused in a hand-written page"


def test_text_and_markdown_are_not_refused(hostile):
    for value in VALUES:
        if re.search(r"</?[A-Za-z!?]", value.value):
            continue
        refused = [p for p in hostile.refused_data if p.value.id == value.id and p.path[-1] != "url"]
        # names and titles have a length limit (they become headings and folder names), and a
        # quote is 4 to 25 words (quote-length)
        unexpected = [p.field for p in refused if not (value.long and p.path[-1] in NAME_FIELDS)
                      and not (p.path[-1] == "quote" and not 4 <= len(value.value.split()) <= 25)]
        assert not unexpected, f"{value.id} was refused in {unexpected}: data text is Markdown, rendered inert"


def test_built_pages_hold_no_markup_or_script_from_data(hostile, known_scripts):
    problems = []
    pages = 0
    for scan in scan_site(hostile.site):
        pages += 1
        problems += [f"{scan.page_path}: {p}" for p in scan.problems]
        problems += [f"{scan.page_path}: unknown script {s[:2]!r} {s[2:][:1]}"[:200]
                     for s in scan.scripts if s not in known_scripts]
    assert pages > len(VALUES)
    assert not problems, "\n".join(problems[:40])


def test_template_syntax_and_entities_are_shown_as_typed(hostile):
    for value in VALUES:
        if not value.shows:
            continue
        placement = hostile.project.placements.get((f"data/requirements/{state_code(hostile, value)}.yaml",
                                                    "categories.IFA.initial.scope.text"))
        assert placement, f"{value.id} was refused in facet text"
        placed = StateData.model_validate(hostile.project.trees[placement.file])
        guide = page(hostile.site, urls.url_of(urls.guide_page(placed, "IFA")))
        scope = guide.find(id="scope").find_next("div", class_="imh-text")
        assert " ".join(scope.get_text(" ").split()) == value.shows, value.id


def state_code(hostile: HostileBuild, value: Hostile) -> str:
    for (file, _field), placement in hostile.project.placements.items():
        if file.startswith("data/requirements/") and placement.value.id == value.id:
            return Path(file).stem
    raise AssertionError(f"{value.id} stands in no state")


def test_self_check_rules_carry_every_value_verbatim(hostile):
    soup = page(hostile.site, "/self-check/")
    rules = json.loads(soup.find(id="imhsite-rules").string)
    names = {cat["name"] for st in rules["states"] for cat in st["categories"]}
    kept = [p for p in hostile.project.placements.values() if p.field == "categories.IFA.name"]
    assert len(kept) > len(VALUES) // 2
    for placement in kept:
        placed = hostile.project.trees[placement.file]["categories"]["IFA"]["name"]
        assert placed in names, placement.value.id


# --- the browser ----------------------------------------------------------------------------

WATCH = """
window.__hostile = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__hostile.push(name + "(" + args.join(",") + ")"); };
}
"""

EMPTY_SEARCH_INDEX = {"config": {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"],
                                 "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}}, "docs": []}

LIVE_DOM_CHECK = """
() => {
  const nodes = (xpath) => {
    const found = document.evaluate(xpath, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
    return Array.from({length: found.snapshotLength}, (_, i) => found.snapshotItem(i));
  };
  const described = (attr) => attr.ownerElement.tagName + " " + attr.name + "=" + attr.value.slice(0, 40);
  const handlers = nodes("//@*[starts-with(translate(name(), 'ON', 'on'), 'on')]").map(described);
  const addresses = nodes("//@href | //@src | //@action | //@formaction | //@*[local-name()='href']")
    .filter((attr) => /^(javascript|vbscript|data):/.test(attr.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase()))
    .map(described);
  const elements = nodes("//iframe | //object | //embed | //frame | //base").map((el) => el.tagName);
  return handlers.concat(addresses, elements, nodes("//@srcdoc").map(described), window.__hostile);
}
"""


TABS = 2


def watched(tab, events: list[str]):
    """A tab whose dialogs, script errors and console errors land in `events`."""
    tab.on("dialog", lambda dialog: (events.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    tab.on("pageerror", lambda err: events.append(f"script error: {err}"))
    tab.on("console", lambda msg: events.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    return tab


def test_pages_run_no_hostile_script_in_the_browser(hostile):
    states = {p.file: StateData.model_validate(hostile.project.trees[p.file]) for p in hostile.project.placements.values()
              if p.file.startswith("data/requirements/")}
    paths = ["/", "/glossary/", "/sources/", "/compare/ifa/", "/compare/", "/competencies/ifs/",
             "/competencies/levels/", "/hostile/"]
    # every state's guide (the value as association, contact, facets, sources, footnotes); a
    # quarter of the overviews (the same values as table cells): the scan above reads them all
    for index, placed in enumerate(states.values()):
        paths += [urls.url_of(urls.guide_page(placed, "IFA"))] + ([urls.url_of(urls.state_page(placed))] if index % 4 == 0 else [])
    profile = {"degree": "doctorate", "training_hours": 100, "rsc_training_hours": 20, "dei_training_hours": 10,
               "rsc_hours": 100, "rsc_provider": "IFS", "infant_work_years": 5, "leadership_activities": "true"}
    with serve(hostile.site) as base, chromium() as browser:
        context = browser.new_context()
        context.add_init_script(WATCH)
        events: list[str] = []
        tabs = [watched(context.new_page(), events) for _ in range(TABS)]
        # the 3 MB search index is built again on each page load: the pages get an empty one
        context.route("**/search/search_index.json", lambda route: route.fulfill(json=EMPTY_SEARCH_INDEX))
        for start in range(0, len(paths), TABS):
            batch = list(zip(tabs, paths[start:start + TABS]))
            for tab, path in batch:  # chromium loads the batch in parallel
                tab.goto(base + path, wait_until="commit")
            for tab, path in batch:
                tab.wait_for_load_state("load")
                found = tab.evaluate(LIVE_DOM_CHECK)
                assert not found and not events, f"{path}: {found} {events}"

        tab = tabs[0]
        tab.goto(f"{base}/self-check/?{urlencode(profile)}")
        tab.wait_for_selector("[data-cell]")
        tab.evaluate("document.querySelectorAll('#imhsite-grid details').forEach(d => { d.open = true; })")
        grid = tab.inner_text("#imhsite-grid")
        assert BY_ID["jinja-expression"].value in grid and "{{ 7*7 }}" in grid
        assert BY_ID["entity-script"].value in grid, "a category name was decoded or lost"
        found = tab.evaluate(LIVE_DOM_CHECK)
        assert not found and not events, f"self-check: {found} {events}"

        context.unroute("**/search/search_index.json")
        tab.goto(base + "/")
        search = open_search(tab)
        shown: list[str] = []
        for term in ("hostile", "neutral"):  # words of every hostile state's sections: results show the values
            search.click()
            search.fill("")
            search.press_sequentially(term, delay=10)
            tab.wait_for_selector(".md-search-result__item", state="attached")  # rendered from the hostile index
            tab.wait_for_timeout(300)
            found = tab.evaluate(LIVE_DOM_CHECK)
            assert not found and not events, f"search {term!r}: {found} {events}"
            shown.append(tab.inner_text(".md-search-result"))
            tab.keyboard.press("Escape")
        assert "alert(1)" in "\n".join(shown), "the search results showed no hostile text"
        context.close()


# --- downloads and the terminal -------------------------------------------------------------

FIELDS = yaml.safe_load((Path(__file__).parent / "hostile" / "fields.yaml").read_text(encoding="utf-8"))


def data_with(tmp_path: Path, values: list[dict[str, str]]) -> Path:
    """A copy of the shipped data with each value written into its field of Virginia's file."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    state_path = data / "requirements" / "va.yaml"
    tree = yaml.safe_load(state_path.read_text(encoding="utf-8"))
    for entry in values:
        *parents, last = entry["field"].split(".")
        node = tree
        for key in parents:
            node = node[key]
        assert last in node, f"va.yaml has no {entry['field']}"
        node[last] = entry["value"]
    state_path.write_text(yaml.safe_dump(tree, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return data


def test_csv_cells_never_start_a_formula(tmp_path):
    data = data_with(tmp_path, FIELDS["csv"])
    result = CliRunner().invoke(main, ["export", "--format", "csv", "--data", str(data)])
    assert result.exit_code == 0, result.output
    cells = [cell for row in csv.reader(io.StringIO(result.stdout)) for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    for entry in FIELDS["csv"]:
        assert "'" + entry["value"] in cells, f"{entry['field']} is not shown as typed after its quote"


def test_check_shows_control_characters_as_escapes(tmp_path):
    data = data_with(tmp_path, FIELDS["terminal"])
    profile = tmp_path / "me.yaml"
    profile.write_text("degree: master\ntraining_hours: 12\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--data", str(data), "--profile", str(profile),
                                       "--state", "VA", "--category", "IMHS"])
    assert result.exit_code == 0, result.output
    assert all(line.isprintable() for line in result.stdout.splitlines()), repr(result.stdout)
    for entry in FIELDS["terminal"]:
        assert entry["value"].encode("unicode_escape").decode("ascii") in result.stdout, entry["field"]


# --- front matter ---------------------------------------------------------------------------

PAGES = yaml.safe_load((Path(__file__).parent / "hostile" / "pages.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", PAGES, ids=lambda case: case["id"])
def test_front_matter_is_refused_or_shown_as_typed(case, tmp_path, known_scripts):
    project = project_copy(tmp_path)
    (project / "content" / "hostile-page.md").write_text(case["page"], encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(site, project / "mkdocs.yml")
    if "refused" in case:
        assert result.returncode != 0, "the build published the page"
        assert "Traceback" not in result.stderr
        said = [line for line in result.stderr.splitlines() if line.startswith("content/hostile-page.md:")]
        assert said == case["refused"]
        return
    assert result.returncode == 0, result.stderr
    scans = {scan.page_path: scan for scan in scan_site(site)}
    for path, scan in scans.items():
        assert not scan.problems, f"{path}: {scan.problems}"
        assert set(scan.scripts) <= known_scripts, path
    shown = page(site, "/hostile-page/")
    title, description = case["shows"]["title"], case["shows"]["description"]
    assert shown.title.get_text().startswith(f"{title} - ")
    assert shown.find("meta", attrs={"name": "description"})["content"] == description
    assert shown.select_one(".md-header__topic:last-child .md-ellipsis").get_text(strip=True) == title
    home = page(site, "/")
    assert title in [a.get_text(" ", strip=True) for a in home.select("nav a")]
    with serve(site) as base, chromium() as browser:
        events: list[str] = []
        context = browser.new_context()
        context.add_init_script(WATCH)
        tab = watched(context.new_page(), events)
        tab.goto(base + "/hostile-page/")
        assert tab.title().startswith(f"{title} - ")
        found = tab.evaluate(LIVE_DOM_CHECK)
        assert not found and not events, f"{found} {events}"
        context.close()


# --- state names and page folders -----------------------------------------------------------

NAMES = yaml.safe_load((Path(__file__).parent / "hostile" / "names.yaml").read_text(encoding="utf-8"))
SHIPPED_ADDRESSES = ("/virginia/imhs/", "/michigan/", "/new-mexico/imhs/", "/north-carolina/", "/oregon/ifs/",
                     "/compare/imhm-rf/", "/self-check/", "/glossary/", "/about/", "/editors/")


@pytest.mark.parametrize("case", NAMES, ids=lambda case: case["id"])
def test_every_state_gets_a_page_folder_of_its_own(case, tmp_path):
    project = project_copy(tmp_path)
    virginia = yaml.safe_load((DATA / "requirements" / "va.yaml").read_text(encoding="utf-8"))
    for file, given in case["states"].items():
        added = {"state": Path(file).stem.upper(), **given} | {k: v for k, v in virginia.items() if k not in ("state", "name")}
        path = project / "data" / "requirements" / file
        path.write_text(f"{schema_line(path)}\n{yaml.safe_dump(added, sort_keys=False, allow_unicode=True)}", encoding="utf-8")
    output = tmp_path / "output"
    result = build_site(output / "site", project / "mkdocs.yml")
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    if "refused" in case:
        assert result.returncode != 0, "the build published pages into a folder that is not the state's own"
        said = [line for line in result.stderr.splitlines() if line.startswith("data/")]
        assert said == case["refused"]
        assert not output.exists() or not any(output.iterdir())
        return
    assert result.returncode == 0, result.stderr[-3000:]
    site = output / "site"
    assert [p.name for p in output.iterdir()] == ["site"], "the build wrote beside the site folder"
    for address in SHIPPED_ADDRESSES:
        assert (site / address.strip("/") / "index.html").is_file(), f"{address} moved"
    home_links = {a["href"] for a in page(site, "/").select("article a")}
    for file, folder in case["folders"].items():
        overview = page(site, f"/{folder}/")
        assert case["states"][file]["name"] in overview.h1.get_text(), file
        assert (site / folder / "ifrs" / "index.html").is_file() and (site / "downloads" / f"{folder}.csv").is_file()
        assert f"{folder}/" in home_links


def test_every_top_level_name_of_the_site_is_reserved_for_it(built_site):
    """A state may never take a folder the site publishes: each is in urls.SITE_FOLDERS."""
    states = {urls.state_folder(s) for s in load_dataset(DATA).states.values()}
    content = {p.name.split(".")[0] for p in (ROOT / "content").iterdir()}
    published = {p.name.split(".")[0] for p in built_site.iterdir()}
    assert states and content and published - states - content
    assert published - states - content <= set(urls.SITE_FOLDERS)


@pytest.mark.parametrize("path", ["/index.md", "../index.md", "a/../../b.md", "a//b.md", "./a.md", "C:/a.md", "a\\..\\b.md", ""])
def test_no_generated_path_leaves_the_site_folder(path):
    assert not urls.inside_site(path)
    assert urls.inside_site("virginia/imhs.md") and urls.inside_site("downloads/virginia.csv")
# --- hostile numbers -------------------------------------------------------------------------

HOSTILE_NUMBERS = [float("inf"), float("-inf"), float("nan"), 3e23, 10**30, 10_001, -1]
"""Numbers no requirement has: JSON has no infinity or NaN, and the rest would reach every page,
the self-check and the downloads. Each is out of bounds for every kind of numeric field."""


def numbers_state(code: str, doc: str, number: float | int) -> dict:
    """A state whose every numeric field (hours, years, counts) holds `number`."""
    tree = state_file(code, 1, doc, NEUTRAL, NEUTRAL, NEUTRAL)
    initial = tree["categories"]["IFA"]["initial"]
    initial["reflective_supervision"] |= {"window_min_years": 1, "window_max_years": 2, "about_own_rsc_hours": 1}
    initial["leadership"]["min_years"] = 1
    initial["work"]["paths"][0] |= {"families_served": 1, "imh_work_years": 1}
    return numbers_replaced(tree, number)


def numbers_replaced(node: Any, number: float | int) -> Any:
    if isinstance(node, dict):
        return {k: numbers_replaced(v, number) for k, v in node.items()}
    if isinstance(node, list):
        return [numbers_replaced(v, number) for v in node]
    return number if isinstance(node, int) and not isinstance(node, bool) else node


def numeric_fields(node: Any, path: tuple = ()) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from numeric_fields(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from numeric_fields(value, path + (index,))
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        yield dotted(path)


def test_hostile_numbers_are_refused_in_every_numeric_field(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(DATA, project / "data")
    doc = "hostile-numbers.txt"
    (project / "data" / "sources" / doc).write_text(f"{NEUTRAL}\n", encoding="utf-8")
    with (project / "data" / "sources.yaml").open("a", encoding="utf-8") as sources:
        sources.write(f"  - file: {doc}\n    title: Hostile numbers\n    association: Nobody\n")
    expected = set()
    codes = free_state_codes()
    for number, code in zip([1, *HOSTILE_NUMBERS], codes):
        tree = numbers_state(code, doc, number)
        name = f"data/requirements/{code.lower()}.yaml"
        (project / name).write_text(yaml.safe_dump(tree, sort_keys=False), encoding="utf-8")
        if number != 1:  # the control: in bounds, accepted
            expected |= {(name, field) for field in numeric_fields(tree)}
    assert len(expected) == len(HOSTILE_NUMBERS) * 16  # hours, years and counts of every kind
    result = subprocess.run([sys.executable, "-m", "imhsite.cli", "validate", "data"],
                            capture_output=True, text=True, cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-3000:]
    # (the control's texts state other numbers than its 1s: numbers-match-text warns, nothing refuses)
    refused = [PROBLEM_LINE.match(line) for line in result.stderr.splitlines() if ": warning: " not in line]
    assert all(refused), result.stderr[-3000:]
    assert sorted((m["file"], m["field"]) for m in refused) == sorted(expected)
