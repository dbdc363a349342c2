"""Text defects, looked for on every page of the built site: they are fixed where the words are made
(vocabulary.py, checklist.py, footnotes.py), and this scan keeps them from coming back.

A source's own words, quoted (`<q>`), are left as the document prints them.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, page

from markupsafe import Markup

from imhsite.footnotes import link_marks
from imhsite.vocabulary import counted, endorsed_as

SUPERSCRIPT = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]")
DEFECTS = {
    "a plural after 1": re.compile(r"(?<![\d.,])\b1 (?:clock )?(?:hours|years|ratings|families)\b"),
    "a '(s)' plural after a number": re.compile(r"\b\d+ [\w ]*?\w\(s\)"),
    "a word written twice": re.compile(r"\b(\w{2,})\s+\1\b", re.IGNORECASE),
}


def defects(soup) -> list[str]:
    found = []
    article = soup.select_one("article")
    for text in article.find_all(string=True):
        if text.find_parent(["q", "code", "script", "style"]):
            continue
        for name, pattern in DEFECTS.items():
            for match in pattern.finditer(text):
                found.append(f"{name}: {text[max(0, match.start() - 40):match.end() + 20]!r}")
        if SUPERSCRIPT.search(text) and not text.find_parent("a"):
            found.append(f"a footnote mark that links nowhere: {text.strip()[:80]!r}")
    return found


def test_no_page_has_a_text_defect(built_site):
    pages = sorted(p.parent.relative_to(built_site).as_posix() for p in built_site.rglob("index.html"))
    assert len(pages) > 40
    found = [f"/{url}/: {d}" for url in pages for d in defects(page(built_site, "/" if url == "." else url))]
    assert not found, "\n".join(found)


def test_footnote_marks_link_to_their_footnote(built_site):
    guide = page(built_site, "/oregon/imhs/")
    marks = guide.select("article a.imh-fn")
    assert marks and {a["href"] for a in marks} == {"#footnote-5"}
    assert guide.find(id="footnote-5") is not None
    compare = page(built_site, "/compare/imhs/")
    assert any(a["href"] == "../../oregon/imhs/#footnote-5" for a in compare.select("a.imh-fn"))


def test_numbers_agree_with_their_nouns():
    assert counted(1, "clock hours of training") == "1 clock hour of training"
    assert counted(1.0, "years of supervised work") == "1 year of supervised work"
    assert counted(2, "years of supervised work") == "2 years of supervised work"
    assert endorsed_as(["Endorsed", "vetted"]) == "someone Endorsed or vetted"
    assert endorsed_as(["IFS", "IMHS", "IMHM"]) == "someone endorsed as IFS, IMHS or IMHM"


def test_a_footnote_mark_in_a_tooltip_stays_text():
    html = link_marks(Markup('<abbr title="infant²">IMH</abbr> infant² &amp; more'), {"²": "#footnote-2"})
    assert html == ('<abbr title="infant²">IMH</abbr> infant'
                    '<a class="imh-fn" href="#footnote-2" aria-label="Footnote 2">²</a> &amp; more')


def data_texts(dataset) -> list[str]:
    """The text of every requirement of every state, as the data gives it."""
    return [requirement.text for state in dataset.states.values() for category in state.categories.values()
            for phase in (category.initial, category.renewal) for requirement in vars(phase).values()
            if getattr(requirement, "text", None)]


@pytest.mark.parametrize("names", [
    None,  # the shipped data's abbreviations
    {"-X": "dash", "]Y": "bracket", "^Z": "caret", "\\W": "backslash", "A B": "space", "é": "accent", "A": "one"},
])
def test_abbreviations_are_found_where_the_plain_pattern_finds_them(names):
    """TextRenderer's pattern looks ahead for a first letter (for speed): it finds what the pattern without it finds."""
    from imhsite.load import load_dataset
    from imhsite.markdown_text import TextRenderer
    from imhsite.render import abbreviation_map

    dataset = load_dataset(ROOT / "data")
    names = names or abbreviation_map(dataset)
    ordered = sorted(names, key=len, reverse=True)
    plain = re.compile(r"(?<![\w/-])(" + "|".join(map(re.escape, ordered)) + r")(?![\w/-])")
    texts = data_texts(dataset)
    texts += [" ".join(ordered), "x-IFA IFA/ /IFA (IFA) IFAs é-X ]Y ^Z \\W A B AB"]
    marked = TextRenderer(names)._abbr
    assert marked is not None
    found = [[(m.start(), m[1]) for m in marked.finditer(text)] for text in texts]
    assert found == [[(m.start(), m[1]) for m in plain.finditer(text)] for text in texts]
    assert sum(map(len, found)) >= 10


def test_plain_paragraphs_are_the_paragraphs_markdown_it_makes_of_them():
    """TextRenderer.block makes paragraphs of plain words without markdown-it: the same HTML, every time."""
    import random

    from imhsite.load import load_dataset
    from imhsite.markdown_text import TextRenderer, plain_paragraphs
    from imhsite.render import abbreviation_map

    dataset = load_dataset(ROOT / "data")
    renderer = TextRenderer(abbreviation_map(dataset))
    texts = data_texts(dataset)
    pick = random.Random(14)
    alphabet = list("aZé ® “”’²,.;:'\"()%/?-+#>=$@^{}|19) .") + ["IFA", "IMHM-R/F", "RS/C", "MI-AIMH", "10. ", "1) "]
    starts = list("aZéI19 -+#>=*_<(") + ["1. ", "2) ", "10. ", "1234567890. ", "    ", "---", "===", "```", "~~~", "* ", ""]
    breaks = ["\n", "\n", "\n\n", "\n\n", "\n\n\n", "\n \n", " \n", "  \n", "\t", "\r\n", "\x00", "\u00a0", "\u2028"]
    for _ in range(6000):
        plain = pick.random() < 0.5  # lines that may well be plain, parted as plain paragraphs are
        lines = [pick.choice("aZéI19(" if plain else starts) + "".join(pick.choice(alphabet) for _ in range(pick.randint(0, 25)))
                 for _ in range(pick.choice([1, 1, 2, 3, 4]))]
        if pick.random() < 0.3:  # words in bold first, as labels are written ("**Training:** ...")
            lines[0] = "**" + pick.choice(["", " ", "*", "_"]) * (pick.random() < 0.2) + lines[0].replace(" ", "** ", 1)
        text = lines[0] + "".join(pick.choice(["\n", "\n\n"] if plain else breaks) + line for line in lines[1:])
        texts.append(text + pick.choice(["", "*", "`x`", "[a](b)", "&amp;", "<b>", "\\", "_", "!", "~~"]) * (pick.random() < 0.2))
    fast = multiline = bold = 0
    for text in texts:
        assert renderer.block(text) == renderer.md.render(text).strip(), repr(text)
        paragraphs = plain_paragraphs(text)
        fast += paragraphs is not None
        multiline += paragraphs is not None and sum(map(len, paragraphs)) > 1
        bold += paragraphs is not None and "<strong>" in renderer.block(text)
    # both paths, often; plain texts of several lines, and led by words in bold, too
    assert fast > 400 and multiline > 150 and bold > 150 and fast < len(texts) - 1000, (fast, multiline, bold)
