"""selfcheck.js, run with node: the same vectors as rule_evaluator.py, and the same answers.

Every vector of tests/vectors/eval.json goes through the JavaScript evaluator; its results
must equal the vector's expected values and, key for key (met details and URLs included),
the Python evaluator's results on the same compiled rules. Profile errors must read the same.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from conftest import rules_for

from imhsite import applicant_profile, load, rule_compiler, rule_evaluator

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "src" / "imhsite" / "assets" / "selfcheck.js"
VECTORS = ROOT / "tests" / "vectors" / "eval.json"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

RUNNER = r"""
const fs = require("fs");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const selfcheck = require(input.script);
const answers = input.cases.map(function (c) {
  try {
    const rules = c.rules || input.rules;
    const checked = selfcheck.checkProfile(rules, c.profile);
    if (checked.errors.length) {
      return { errors: checked.errors };
    }
    const results = selfcheck.evaluate(rules, checked.profile, c.today, c.state, c.category);
    const headline = selfcheck.headline(rules, results);
    return { results: results, headline: headline,
             headline_text: headline.map(function (line) { return selfcheck.headlineText(rules.messages, line); }) };
  } catch (err) {
    return { exception: String(err.message) };
  }
});
process.stdout.write(JSON.stringify(answers));
"""


@cache
def compiled():
    return rule_compiler.compile_rules(load.load_dataset(ROOT / "data"))


def run_node(tree, cases):
    """Evaluate `cases` ({profile, today, state, category}) in node; one answer per case."""
    payload = json.dumps({"script": str(SCRIPT), "rules": tree, "cases": cases})
    done = subprocess.run([NODE, "-e", RUNNER], input=payload, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def vectors():
    return json.loads(VECTORS.read_text(encoding="utf-8"))


@cache
def node_answers():
    cases = [{**v, "rules": rules_for(v, compiled())} if "facets" in v else v for v in vectors()]
    return run_node(compiled(), cases)


@pytest.mark.parametrize("index", range(len(vectors())), ids=[v["name"] for v in vectors()])
def test_vector_in_javascript(index):
    vector, answer = vectors()[index], node_answers()[index]
    if "error" in vector:
        assert answer.get("errors"), answer
        assert answer["errors"][0]["message"] == vector["error"]
        with pytest.raises(applicant_profile.ProfileError) as caught:
            applicant_profile.parse_profile(vector["profile"])
        assert answer["errors"][0] == {"field": caught.value.field, "message": str(caught.value)}
        return
    results = answer["results"]
    assert len(results) == len(vector["expected"])
    for got, want in zip(results, vector["expected"]):
        assert {k: got[k] for k in want} == want
    tree = rules_for(vector, compiled())
    python = rule_evaluator.evaluate(tree, vector["profile"], vector["today"], vector["state"], vector["category"])
    assert results == python
    assert answer["headline"] == rule_evaluator.headline(tree, python)
    assert answer["headline_text"] == [rule_evaluator.headline_text(tree["messages"], line) for line in answer["headline"]]


def test_every_category_and_many_profiles_agree_with_python():
    """Beyond the vectors: a grid of profiles over every state and category, on three dates."""
    profiles = []
    for degree in ("none", "cda", "bachelor", "master"):
        for hours in (0, 29, 30, 48):
            for provider in ("none", "IFRS", "IMHM-C", "vetted", "IFS-master", "ERS"):
                profiles.append({
                    "degree": degree, "training_hours": hours, "rsc_training_hours": min(hours, 15),
                    "dei_training_hours": min(hours, 3), "rsc_hours": hours + 2, "rsc_provider": provider,
                    "rsc_about_own_rsc_hours": min(hours + 2, 25), "infant_work_years": hours / 24,
                    "prevention_work_years": 2, "families_served": hours // 3, "imh_work_years": 1.5,
                    "imh_internship_years": 1, "rsc_provision_years": 3, "policy_leadership_years": 2.75,
                    "faculty_leadership_years": 3, "leadership_activities": hours > 29,
                    "early_childhood_work_years": hours / 12, "prevention_work_total_years": hours / 20,
                    "unpaid_imh_work_years": 0.5, "volunteer_infant_work_years": hours / 30,
                    "practice_leader_years": hours / 10, "supervised_staff": hours == 48,
                    "cda_credential": hours == 29, "coursework": degree == "none", "imh_degree": hours == 30,
                })
    cases = [{"profile": p, "today": today, "state": None, "category": None}
             for p in profiles for today in ("2026-11-26", "2027-12-21", "2027-12-22")]
    answers = run_node(compiled(), cases)
    for case, answer in zip(cases, answers):
        python = rule_evaluator.evaluate(compiled(), case["profile"], case["today"])
        assert answer["results"] == python
        assert answer["headline"] == rule_evaluator.headline(compiled(), python)


@pytest.mark.parametrize("mapping", [
    {"training_hours": -1}, {"training_hours": "x"}, {"families_served": 1.5}, {"degree": "phd"},
    {"leadership_activities": 1}, {"nope": 1}, {"rsc_hours": 5, "rsc_about_own_rsc_hours": 6}, [1, 2], "text",
])
def test_profile_errors_read_the_same(mapping):
    (answer,) = run_node(compiled(), [{"profile": mapping, "today": "2026-11-26", "state": None, "category": None}])
    with pytest.raises(applicant_profile.ProfileError) as caught:
        applicant_profile.parse_profile(mapping)
    assert answer["errors"][0] == {"field": caught.value.field, "message": str(caught.value)}


def test_unknown_operator_is_an_error_naming_it():
    tree = json.loads(json.dumps(compiled()))
    tree["states"][0]["categories"][0]["facets"][0]["rule"] = {"op": "most_of", "of": []}
    (answer,) = run_node(tree, [{"profile": {}, "today": "2026-11-26", "state": None, "category": None}])
    assert answer == {"exception": 'unknown operator "most_of"'}


def test_operator_tables_are_the_same():
    text = SCRIPT.read_text(encoding="utf-8")
    table = text[text.index("var OPERATORS = {"):text.index("\n  };", text.index("var OPERATORS = {"))]
    assert set(re.findall(r"^    (\w+): function", table, re.M)) == set(rule_evaluator.OPERATORS)


def test_script_holds_no_phrase_of_its_own():
    """Every sentence shown comes from the rules JSON: no English word in a string literal."""
    text = SCRIPT.read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    literals = re.findall(r'"((?:[^"\\]|\\.)*)"', code)
    assert literals
    for literal in literals:
        assert not re.search(r"[A-Za-z]+ [A-Za-z]+ [A-Za-z]+", literal), literal  # a phrase
        assert not re.match(r"[A-Z][a-z]+( |$)", literal), literal  # a sentence's first word
        assert not re.search(r"\b(more|hours?|years?|RS/C)\b", literal, re.I), literal


def test_script_is_csp_friendly():
    text = re.sub(r"/\*.*?\*/", "", SCRIPT.read_text(encoding="utf-8"), flags=re.S)
    for banned in ("eval(", "new Function", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                   "fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket", "setAttribute(\"on", ".onclick",
                   "import(", "=>", "`", "?.", "??", "async ", "await "):
        assert banned not in text, banned
