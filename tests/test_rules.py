"""The profile contract, the compiled rule tree (rule_compiler) and the Python evaluator (rule_evaluator).

The shared vectors in tests/vectors/eval.json (built from tests/vectors/cases/*.yaml, each
worked out by hand from the source documents) are the evaluator's specification; the
JavaScript evaluator is held to the same file by tests/test_selfcheck_js.py.
"""

from __future__ import annotations

import importlib.util
import json
import typing
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from conftest import rules_for

from imhsite import applicant_profile, check_command, load, messages, model, rule_compiler, rule_evaluator, selfcheck_page
from imhsite.model import CATEGORY_CODES

ROOT = Path(__file__).resolve().parent.parent
VECTORS = ROOT / "tests" / "vectors"
STATES = ("MI", "NM", "NC", "OR", "VA")


@cache
def dataset():
    return load.load_dataset(ROOT / "data")


@cache
def compiled():
    return rule_compiler.compile_rules(dataset())


def vectors():
    return json.loads((VECTORS / "eval.json").read_text(encoding="utf-8"))


def result_vectors():
    return [v for v in vectors() if "expected" in v]


def error_vectors():
    return [v for v in vectors() if "error" in v]


def matches(results, expected):
    """Results equal the expected ones in number and order, on every key the vector gives."""
    assert len(results) == len(expected), [f"{r['state']} {r['category']}" for r in results]
    for got, want in zip(results, expected):
        assert {k: got[k] for k in want} == want


# --- the vectors -------------------------------------------------------------------


@pytest.mark.parametrize("vector", result_vectors(), ids=lambda v: v["name"])
def test_vector(vector):
    tree = rules_for(vector, compiled())
    results = rule_evaluator.evaluate(tree, vector["profile"], vector["today"], vector["state"], vector["category"])
    matches(results, vector["expected"])


@pytest.mark.parametrize("vector", error_vectors(), ids=lambda v: v["name"])
def test_error_vector(vector):
    with pytest.raises(applicant_profile.ProfileError) as caught:
        applicant_profile.parse_profile(vector["profile"])
    assert str(caught.value) == vector["error"]
    assert "\n" not in str(caught.value)
    if caught.value.field in applicant_profile.FIELDS:  # said in the applicant's words, not the field's name
        assert str(caught.value).startswith(applicant_profile.FIELDS[caught.value.field].what)


def test_vector_file_is_built_from_the_cases():
    spec = importlib.util.spec_from_file_location("build_vectors", VECTORS / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert (VECTORS / "eval.json").read_text(encoding="utf-8") == build.text(), "run tests/vectors/build.py"


def test_vectors_cover_every_state_and_category():
    seen = {(r["state"], r["category"]) for v in result_vectors() if "facets" not in v for r in v["expected"]}
    assert len(vectors()) >= 40
    assert {s for s, _ in seen} == set(STATES)
    assert {c for _, c in seen} == set(CATEGORY_CODES)
    published = {(s, c) for s, st in dataset().states.items() for c in st.categories}
    assert published <= seen, sorted(published - seen)
    verdicts = {r["verdict"] for v in result_vectors() for r in v["expected"] if "verdict" in r}
    assert verdicts == set(rule_evaluator.VERDICTS)


# --- the profile contract ----------------------------------------------------------


def test_profile_fields_follow_the_issue_table():
    names = [f.name for f in applicant_profile.PROFILE_FIELDS]
    first_contract = [
        "degree", "training_hours", "rsc_training_hours", "dei_training_hours", "rsc_hours",
        "rsc_provider", "rsc_about_own_rsc_hours", "infant_work_years", "prevention_work_years",
        "families_served", "imh_work_years", "imh_internship_years", "rsc_provision_years",
        "policy_leadership_years", "faculty_leadership_years", "leadership_activities",
    ]
    assert set(first_contract) <= set(names), "every field of the first contract keeps its name"
    assert names == list(applicant_profile.Profile.__dataclass_fields__)
    groups = [g for g, _, _ in applicant_profile.GROUPS]
    for spec in applicant_profile.PROFILE_FIELDS:
        assert spec.group in groups
        assert spec.label and spec.help and spec.meaning
        assert spec.help.endswith(".")
        if spec.kind in ("number", "whole"):
            assert spec.unit and spec.one and spec.other, spec.name
    assert [c for c, _ in applicant_profile.FIELDS["degree"].choices] == ["none", "cda", "associate", "bachelor", "master", "doctorate"]
    assert {"IFS", "IFRS", "IMHS", "IMHM-C", "vetted", "none"} <= {c for c, _ in applicant_profile.FIELDS["rsc_provider"].choices}


def test_provider_choices_are_every_provider_the_model_allows():
    """A provider a state names (ERS, ECMHS, IFS-master) must be one an applicant can choose."""
    assert {c for c, _ in applicant_profile.PROVIDER_CHOICES} == set(typing.get_args(model.ProviderCode)) | {"none"}
    assert tuple(c for c, _ in applicant_profile.DEGREE_CHOICES) == model.DEGREE_LEVELS


def test_empty_profile_is_all_defaults():
    profile = applicant_profile.parse_profile({})
    assert profile == applicant_profile.Profile()
    assert profile.degree == "none" and profile.rsc_provider == "none"
    assert profile.training_hours == 0 and profile.leadership_activities is False


def test_null_values_count_as_missing():
    assert applicant_profile.parse_profile({"training_hours": None, "degree": None}) == applicant_profile.Profile()


def test_profile_keeps_values():
    profile = applicant_profile.parse_profile({"degree": "master", "training_hours": 40.5, "families_served": 10.0,
                                   "leadership_activities": True, "rsc_provider": "IFRS"})
    assert profile.training_hours == 40.5
    assert profile.families_served == 10 and isinstance(profile.families_served, int)
    assert profile.leadership_activities is True


@pytest.mark.parametrize(("mapping", "message"), [
    ([1, 2], "A profile is a mapping of questions to answers, not [1,2]"),
    ({"training_hours": True}, "Training hours: enter a number of 0 or more, not true"),
    ({"training_hours": "40"}, 'Training hours: enter a number of 0 or more, not "40"'),
    ({"imh_work_years": -0.5}, "Years of infant mental health work: enter a number of 0 or more, not -0.5"),
    ({"training_hours": float("inf")}, 'Training hours: enter a number of 0 or more, not Infinity'),
    ({"rsc_provider": "ifrs"}, 'Endorsement of your RS/C provider: choose one of none, IFS, IFS-master, IFRS, IMHS, IMHM-C, ECMHS, ECMHM-C, ERS, vetted, not "ifrs"'),
    ({"rsc_hours": 10, "rsc_about_own_rsc_hours": 12}, "RS/C hours about the RS/C you provide to others (12) cannot be more than your RS/C hours (10)"),
    ({"dei_training_hours": 1}, "Hours of training about diversity, equity and inclusion (1) cannot be more than your training hours (0)"),
])
def test_profile_errors(mapping, message):
    with pytest.raises(applicant_profile.ProfileError) as caught:
        applicant_profile.parse_profile(mapping)
    assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)


def test_unknown_field_is_reported_before_bad_values():
    with pytest.raises(applicant_profile.ProfileError) as caught:
        applicant_profile.parse_profile({"training_hours": -1, "color": "blue"})
    assert caught.value.field == "color"


# --- the compiled rule tree -------------------------------------------------------------


def walk(node):
    yield node
    for child in node.get("of", []):
        yield from walk(child)


def all_nodes(tree):
    for st in tree["states"]:
        for cat in st["categories"]:
            for facet in cat["facets"]:
                if facet["rule"]:
                    yield from walk(facet["rule"])


def test_compiled_shape():
    tree = compiled()
    assert tree["format"] == rule_compiler.FORMAT
    assert tree["degrees"] == ["none", "cda", "associate", "bachelor", "master", "doctorate"]
    assert tree["categories"] == list(CATEGORY_CODES)
    assert list(tree["facets"]) == ["education", "training", "reflective_supervision", "work", "leadership"]
    assert [st["code"] for st in tree["states"]] == ["MI", "NM", "NC", "OR", "VA"]
    assert json.loads(json.dumps(tree)) == tree
    for st in tree["states"]:
        data = dataset().states[st["code"]]
        assert st["name"] == data.name
        assert [c["code"] for c in st["categories"]] == [c for c in CATEGORY_CODES if c in data.categories]
        for cat in st["categories"]:
            assert set(cat) == {"code", "name", "url", "conditions", "facets", "still_needed"}
            assert cat["url"].startswith("/") and cat["url"].endswith("/")
            for facet in cat["facets"]:
                assert facet["facet"] in rule_compiler.FACETS
                assert facet["status"] in ("required", "recommended", "optional", "not_required")
                assert facet["rule"] is None or facet["status"] == "required"


def test_every_node_uses_a_known_operator_and_message():
    tree = compiled()
    ops = set()
    for node in all_nodes(tree):
        ops.add(node["op"])
        assert node["op"] in rule_evaluator.OPERATORS
        for key in ("met", "missing"):
            if key in node:
                assert node[key] in tree["messages"] or (key == "met" and node[key] is None)  # met, said by no line
        if node["op"] == "at_least":
            assert node["counts"] and node["unit"]["one"] and node["unit"]["other"]
            assert all(name in applicant_profile.FIELDS for group in node["counts"] for name in group)
            assert all(name in applicant_profile.FIELDS for name in node.get("minus", ()))
    assert ops <= set(rule_evaluator.OPERATORS)


def test_guide_urls_come_from_urls_module():
    tree = compiled()
    va = next(st for st in tree["states"] if st["code"] == "VA")
    assert next(c for c in va["categories"] if c["code"] == "IMHM-R/F")["url"] == "/virginia/imhm-rf/"


def test_north_carolina_vetted_provider_keeps_its_date():
    nc = next(st for st in compiled()["states"] if st["code"] == "NC")
    rs = next(f for f in nc["categories"][0]["facets"] if f["facet"] == "reflective_supervision")
    one_of = next(n for n in walk(rs["rule"]) if n["op"] == "one_of")
    vetted = next(o for o in one_of["options"] if "vetted" in o["accepts"])
    assert vetted["until"] == "2027-12-21"


def test_only_required_facets_are_measured():
    """Michigan's IMHM-P lists 50 RS/C hours as optional: no RS/C still meets the numbers."""
    results = rule_evaluator.evaluate(compiled(), {"degree": "master", "training_hours": 30, "policy_leadership_years": 3},
                             date(2026, 11, 26), "MI", "IMHM-P")
    facets = {f["facet"]: f for f in results[0]["facets"]}
    assert results[0]["verdict"] == "meets_if" and results[0]["unmet"] == []
    assert facets["reflective_supervision"] == {"facet": "reflective_supervision", "label": rule_compiler.FACETS["reflective_supervision"],
                                                "status": "optional", "met": None, "said": ["optional"]}


def test_result_keys_and_url():
    (result,) = rule_evaluator.evaluate(compiled(), {}, "2026-11-26", "VA", "IMHS")
    assert list(result) == ["state", "category", "verdict", "unmet", "missing", "conditions", "still_needed",
                            "state_name", "category_name", "url", "facets"]
    assert result["url"] == "/virginia/imhs/"
    assert result["state_name"] == "Virginia"


def test_rules_json_is_safe_in_a_script_element():
    text = selfcheck_page.rules_json({"a": "</script><!-- & >"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!-- & >"}


def test_page_context():
    context = selfcheck_page.page_context(dataset())
    assert set(context) >= {"rules_json", "profile_fields", "dataset"}
    assert context["profile_fields"] is applicant_profile.PROFILE_FIELDS
    assert json.loads(context["rules_json"]) == compiled()
    assert [code for code, _ in context["states"]] == list(STATES)
    only = selfcheck_page.page_context(dataset(), ("VA",))
    assert [st["code"] for st in json.loads(only["rules_json"])["states"]] == ["VA"]


# --- the operator table ---------------------------------------------------------------------


def synthetic(rule, status="required", **facet):
    """A one-state, one-category rule tree around one facet rule."""
    facets = [{"facet": "training", "status": status, "from": None, "until": None, "rule": rule, "conditions": [], **facet}]
    return rules_for({"facets": facets}, compiled())


def test_unknown_operator_is_an_error_naming_it():
    with pytest.raises(ValueError, match='unknown operator "most_of"'):
        rule_evaluator.evaluate(synthetic({"op": "most_of", "of": []}), {}, "2026-01-01")


def test_a_facet_not_yet_in_force_does_not_block():
    rule = rule_compiler._at_least("training_hours", 30)
    tree = synthetic(rule, **{"from": "2027-01-01"})
    assert rule_evaluator.evaluate(tree, {}, "2026-12-31")[0]["verdict"] == "unknown"
    assert rule_evaluator.evaluate(tree, {}, "2026-12-31")[0]["facets"][0]["said"] == ["not in force on this date"]
    assert rule_evaluator.evaluate(tree, {}, "2027-01-01")[0]["missing"] == ["30 more training hours"]


def test_a_node_with_from_date_applies_from_that_day():
    rule = {"op": "all", "of": [rule_compiler._at_least("training_hours", 30), {**rule_compiler._at_least("dei_training_hours", 1), "from": "2024-01-01"}]}
    tree = synthetic(rule)
    assert rule_evaluator.evaluate(tree, {"training_hours": 30}, "2023-12-31")[0]["verdict"] == "meets"
    assert rule_evaluator.evaluate(tree, {"training_hours": 30}, "2024-01-01")[0]["missing"] == [
        "1 more hour of training about diversity, equity and inclusion"]


def test_numbers_are_printed_like_javascript():
    assert messages.number(2.0) == "2"
    assert messages.number(2 - 1.7) == "0.3"
    assert messages.number(1.5) == "1.5"
    assert messages.number(1 / 3) == "0.33"


def test_fill_does_not_reread_inserted_text():
    assert messages.fill("{a} {b}", {"a": "{b}", "b": "x"}) == "{b} x"
    assert messages.fill("{missing}", {}) == "{missing}"


def test_text_report():
    results = rule_evaluator.evaluate(compiled(), {"degree": "master", "training_hours": 12}, "2026-11-26", "VA", "IMHS")
    text = check_command.text_report(compiled(), results)
    assert text.startswith("Virginia: no endorsement met yet. Nearest: IMHS, 18 more training hours and ")
    assert "\nVA IMHS (Virginia, Infant Mental Health Specialist): not yet\n" in text
    assert "  - In-service training: 18 more training hours\n" in text
    assert "  + Education: a Master's degree or higher\n" in text
    assert "  * written exam\n" in text
    assert text.endswith("  /virginia/imhs/\n")


def test_a_criterion_no_question_measures_is_refused():
    """A Criteria field added to the model with no profile question must fail validation and
    compilation, never pass silently (as `rule_compiler._paths` once let it)."""
    from imhsite.checks import criteria_measurable
    from imhsite.checks.common import Context

    class WithAQuestionTooMany(model.Criteria):
        owns_a_boat: bool | None = None

    path = WithAQuestionTooMany(label="x", degree="master", owns_a_boat=True)
    assert applicant_profile.unmeasurable(path) == ["owns_a_boat"]
    category = model.Category.model_construct(name="X", initial=model.InitialRequirements.model_construct(
        education=model.Education.model_construct(status=model.Status.required, paths=[path])))
    found = list(criteria_measurable.check(category, Context(documents={}, texts_dir=ROOT), ROOT / "x.yaml"))
    assert [(where[-1], message.split(";")[0]) for where, message in found] == [
        ("owns_a_boat", "the self-check has no question that measures owns_a_boat")]
    with pytest.raises(rule_compiler.UnmeasurableCriterion, match="owns_a_boat"):
        rule_compiler._criteria(path)
    assert all(name in applicant_profile.FIELDS or name in applicant_profile.NOT_MEASURED
               for name in model.Criteria.model_fields), "every criterion the model allows has a question"
