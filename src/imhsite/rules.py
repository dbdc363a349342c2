"""Eligibility rules: requirement data -> a JSON rule tree, and the Python evaluator of it.

The self-check page and `imhsite check` answer the same question ("which endorsement can I
apply for, and what am I missing?") from one rule definition. `compile_rules` derives that
definition from the structured values of the data (never from prose); `selfcheck.js`
evaluates the same JSON in the browser. Both evaluators are a small operator table and a
template filler: every word a result contains comes out of the compiled JSON (`messages`,
and the units, labels and texts stored on the rule nodes), so the JavaScript holds no fact
and no phrase of its own, and tests/vectors/eval.json keeps the two in step.

Only facets whose status is `required` are measured; `recommended`, `optional`,
`not_required` and `not_published` never block. What a self-check cannot verify
(references, exam, membership, code of ethics, transcripts and every `condition` the data
gives) is listed as `still_needed` and never blocks either.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, fields as dataclass_fields
from datetime import date
from pathlib import Path
from typing import Any, Callable, Mapping

from . import urls
from .model import CATEGORY_CODES, DEGREE_LEVELS, StateData, Status
from .problems import DataError
from .yaml_reader import read_yaml

FORMAT = "imhsite-rules/1"

# --- the applicant profile (the contract of the page, the command and saved profiles) ---


@dataclass(frozen=True)
class ProfileField:
    """One field of the applicant profile: how it is typed, labelled and counted in messages."""

    name: str
    group: str
    kind: str  # "number" (>= 0), "whole" (integer >= 0), "choice" or "flag"
    label: str
    meaning: str
    help: str
    unit: str = ""
    one: str = ""
    """How one unit reads after a number in a message: '1 more training hour'."""
    other: str = ""
    """How other amounts read: '18 more training hours'."""
    choices: tuple[tuple[str, str], ...] = ()
    part_of: str | None = None
    """The field this one is a part of: it can never exceed it."""

    @property
    def default(self) -> Any:
        return {"number": 0, "whole": 0, "flag": False}.get(self.kind, "none")


GROUPS = (
    ("education", "Education"),
    ("training", "In-service training"),
    ("reflective_supervision", "Reflective supervision/consultation (RS/C)"),
    ("work", "Specialized work experience"),
    ("leadership", "Leadership"),
)
"""The form's fieldsets, in the order the requirement documents list the facets."""

DEGREE_CHOICES = (
    ("none", "None of these"),
    ("cda", "Child Development Associate (CDA) credential"),
    ("associate", "Associate's degree (AD)"),
    ("bachelor", "Bachelor's degree (BA, BS, BSW, BSN)"),
    ("master", "Master's degree (MA, MS, MEd, MSW, MSN)"),
    ("doctorate", "Doctorate (PhD, PsyD, EdD, MD, DO)"),
)

DEGREE_PHRASES = {
    "none": "no credential",
    "cda": "a CDA credential",
    "associate": "an Associate's degree",
    "bachelor": "a Bachelor's degree",
    "master": "a Master's degree",
    "doctorate": "a doctorate",
}
"""A degree level as it reads inside a sentence ('a Master's degree or higher')."""

PROVIDER_CHOICES = (
    ("none", "None, or not endorsed"),
    ("IFS", "IFS"),
    ("IFS-master", "IFS, Master's prepared"),
    ("IFRS", "IFRS"),
    ("IMHS", "IMHS"),
    ("IMHM-C", "IMHM-C (Clinical)"),
    ("ECMHS", "ECMHS"),
    ("ECMHM-C", "ECMHM-C (Clinical)"),
    ("ERS", "ERS (Endorsed Reflective Supervisor)"),
    ("vetted", "“Vetted” by the association"),
)
"""Every endorsement a source names for an RS/C provider (model.ProviderCode), and none."""

PROVIDER_ALSO = {"IFS-master": ("IFS",)}
"""A provider code that also holds another: a Master's-prepared IFS is an IFS."""

PROVIDER_LABELS = {"vetted": "someone “vetted” as such", "IFS-master": "IFS (Master's prepared)"}
"""How a provider code reads after 'endorsed as'; the code itself when not listed."""

_H = "clock hours"
_Y = "years"

PROFILE_FIELDS: tuple[ProfileField, ...] = (
    ProfileField(
        "degree", "education", "choice", "Highest degree or credential earned",
        "highest credential earned: none, cda, associate, bachelor, master, doctorate",
        "A requirement for one degree is met by any degree above it.",
        choices=DEGREE_CHOICES,
    ),
    ProfileField(
        "training_hours", "training", "number", "Specialized in-service training, all topics",
        "clock hours of relationship-based, specialized in-service training (all topics)",
        "Clock hours of relationship-based education and training promoting social-emotional "
        "development and infant mental health.",
        _H, "training hour", "training hours",
    ),
    ProfileField(
        "rsc_training_hours", "training", "number", "of which about providing RS/C",
        "of training_hours: hours of training about providing reflective supervision/consultation",
        "Of the hours above: training specific to the provision of reflective "
        "supervision/consultation (RS/C).",
        _H, "hour of training about providing RS/C", "hours of training about providing RS/C",
        part_of="training_hours",
    ),
    ProfileField(
        "dei_training_hours", "training", "number", "of which about diversity, equity and inclusion",
        "of training_hours: hours about diversity, equity and inclusion",
        "Of the hours above: training specific to diversity, equity, and inclusion in IMH.",
        _H, "hour of training about diversity, equity and inclusion",
        "hours of training about diversity, equity and inclusion",
        part_of="training_hours",
    ),
    ProfileField(
        "rsc_hours", "reflective_supervision", "number", "RS/C received",
        "clock hours of reflective supervision/consultation (RS/C) received within the last 1-2 years",
        "Clock hours of relationship-based reflective supervision/consultation received, "
        "individually or in a group, within a 1-to-2-year timeframe.",
        _H, "RS/C hour", "RS/C hours",
    ),
    ProfileField(
        "rsc_provider", "reflective_supervision", "choice", "Endorsement of your RS/C provider",
        "endorsement held by whoever provided that RS/C",
        "The Endorsement your provider of reflective supervision/consultation has earned/maintained.",
        choices=PROVIDER_CHOICES,
    ),
    ProfileField(
        "rsc_about_own_rsc_hours", "reflective_supervision", "number",
        "of which about the RS/C you provide",
        "of rsc_hours: hours received about the RS/C the applicant provides to others",
        "Of the RS/C hours above: hours about the RS/C that you provide to others.",
        _H, "RS/C hour about the RS/C you provide to others",
        "RS/C hours about the RS/C you provide to others",
        part_of="rsc_hours",
    ),
    ProfileField(
        "infant_work_years", "work", "number", "Paid work with infants/toddlers",
        "years of paid work with infants/toddlers (birth to 36 months) and their families",
        "Years of paid work experience with infants/toddlers (birth to 36 months) and their families.",
        _Y, "year of paid work with infants/toddlers", "years of paid work with infants/toddlers",
    ),
    ProfileField(
        "prevention_work_years", "work", "number", "Prevention / early intervention work",
        "years of paid, post-bachelor's prevention / early-intervention work promoting infant mental health",
        "Years of paid, post-Bachelor's, professional work providing prevention and/or early "
        "intervention services that promote infant mental health.",
        _Y, "year of prevention/early intervention work", "years of prevention/early intervention work",
    ),
    ProfileField(
        "families_served", "work", "whole", "Families served",
        "number of families served where an infant/toddler was the target of services",
        "Families you have served where the target of services is an infant/toddler.",
        "families", "family served", "families served",
    ),
    ProfileField(
        "imh_work_years", "work", "number", "Infant mental health work",
        "years of post-graduate, supervised, paid infant mental health services with infant and parent together",
        "Years of post-graduate, supervised, paid infant mental health services with both the "
        "infant/toddler and the parent(s), on behalf of the parent-infant relationship.",
        _Y, "year of infant mental health work", "years of infant mental health work",
    ),
    ProfileField(
        "imh_internship_years", "work", "number", "Graduate internship in infant mental health",
        "years of supervised graduate internship in infant mental health practice",
        "Years of supervised graduate internship with direct infant mental health practice experience.",
        _Y, "year of graduate internship", "years of graduate internship",
    ),
    ProfileField(
        "rsc_provision_years", "work", "number", "Providing RS/C to others",
        "post-graduate years providing infant mental health RS/C to others",
        "Post-graduate years providing infant mental health reflective supervision/consultation "
        "(RS/C) to others, as a practice leader.",
        _Y, "year providing RS/C to others", "years providing RS/C to others",
    ),
    ProfileField(
        "policy_leadership_years", "leadership", "number", "Leader in policy / program administration",
        "post-graduate years as a leader in policy / program administration",
        "Post-graduate years as a leader in policy and/or program administration related to the "
        "infant/family field.",
        _Y, "year as a leader in policy/program administration",
        "years as a leader in policy/program administration",
    ),
    ProfileField(
        "faculty_leadership_years", "leadership", "number", "Leader in university teaching / research",
        "post-graduate years as a leader in university teaching and/or published research",
        "Post-graduate years as a leader in university teaching and/or published research related "
        "to the infant/family field.",
        _Y, "year as a leader in university teaching/research",
        "years as a leader in university teaching/research",
    ),
    ProfileField(
        "leadership_activities", "leadership", "flag", "I have leadership activities at the regional or state level",
        "true when the applicant has leadership activities at the regional or state level",
        "Some of them in addition to paid work experience.",
        one="leadership activities at the regional or state level",
    ),
)

FIELDS = {f.name: f for f in PROFILE_FIELDS}

FACETS = {
    "education": "Education",
    "training": "In-service training",
    "reflective_supervision": "Reflective supervision/consultation",
    "work": "Specialized work experience",
    "leadership": "Leadership",
}
"""The measurable facets, in result order (`unmet` lists their keys in this order)."""

TOPIC_FIELDS = {"rsc": "rsc_training_hours", "dei": "dei_training_hours"}
"""Training topics the profile measures; other topics ('imh') can only be listed."""

TOPIC_NAMES = {
    "rsc": "the provision of RS/C",
    "dei": "diversity, equity, and inclusion",
    "imh": "infant mental health",
}

NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

MESSAGES: dict[str, str] = {
    # what is short, and what is met
    "more": "{amount} more {unit}",
    "at_least": "at least {amount} {unit}",
    "degree": "{degree} or higher",
    "flag": "{text}",
    "provider_met": "RS/C from someone endorsed as {options}",
    "provider_missing": "in {state}, RS/C must come from someone endorsed as {options}",
    "provider_until": "{label} (until {date})",
    "unverifiable": "{text} (the self-check cannot verify this)",
    "one_of": "one of: {items}",
    "one_of_sep": "; or ",
    "and_sep": " and ",
    "list_sep": ", ",
    "list_last": " or ",
    "list_and": " and ",
    # still needed: what a self-check cannot verify
    "references": "{count} reference ratings",
    "references_endorsed": "{count} reference ratings, at least {endorsed} from a rater who is {raters}",
    "references_endorsed_any": "{count} reference ratings, at least {endorsed} from an endorsed professional",
    "references_any": "reference ratings",
    "exam": "written exam",
    "exam_parts": "written exam ({parts})",
    "membership": "membership in {association}",
    "membership_any": "membership in the association",
    "code_of_ethics": "signed Code of Ethics and Endorsement Agreement",
    "transcripts": "official transcripts",
    "topic_hours": "at least {hours} hours of training specific to {topic}",
    "topic_condition": "{text}, {condition}",
    "topic_from": "{text} (from {date})",
    "rsc_timing": "RS/C received {parts}",
    "rsc_window": "within a {min}-to-{max}-year timeframe",
    "rsc_window_max": "within {max} years at most",
    "rsc_window_min": "over at least {min} years",
    "rsc_after_degree": "after earning {degree}",
    "leadership_years": "at least {amount} {unit} of leadership experience",
    "unmeasured": "{facet}: as the guide describes (the self-check cannot verify this)",
    # facet states in a result's details
    "status_required": "required",
    "status_recommended": "recommended, not required",
    "status_optional": "optional",
    "status_not_required": "not required",
    "status_not_in_force": "not in force on this date",
    "unmeasured_facet": "required; the self-check cannot verify it",
    # profile errors (one line, naming the field)
    "error_mapping": "profile: expected a mapping of field names to values, got {got}",
    "error_unknown": "{field}: unknown field; expected one of {expected}",
    "error_number": "{field}: expected a number of 0 or more, got {got}",
    "error_whole": "{field}: expected a whole number of 0 or more, got {got}",
    "error_choice": "{field}: expected one of {expected}, got {got}",
    "error_flag": "{field}: expected true or false, got {got}",
    "error_part": "{field}: is part of {whole} ({total}), so it cannot be more, got {got}",
    "error_operator": "unknown operator {op}",
    # the page and the command's text output
    "eligible": "eligible",
    "not_eligible": "not yet",
    "not_published": "not published",
    "cell_eligible": "✓ Eligible",
    "cell_not_eligible": "✗ Not yet",
    "met_heading": "What you meet",
    "missing_heading": "What is missing",
    "still_needed_heading": "Still needed (the self-check cannot verify these)",
    "guide_link": "Read the {state} {category} guide",
    "result_name": "{state} {category}",
    "summary": "You meet every requirement the self-check can measure for {count} of the {total} shown: {names}.",
    "summary_none": "Not yet eligible for any endorsement shown; open a cell to see what is missing.",
    "summary_empty": "No endorsement matches this state and category.",
    "grid_label": "Results by endorsement category and state",
    "grid_category": "Endorsement",
    "facet_line": "{facet}: {text}",
    "saved": "Saved in this browser.",
    "forgotten": "Removed from this browser.",
    "storage_unavailable": "This browser does not allow saving.",
}
"""Every phrase of a result, a profile error or the page: compiled into the JSON as is."""

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, values: Mapping[str, Any]) -> str:
    """Replace `{name}` in one pass, so text inserted from data is never read as a placeholder."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def number(value: float) -> str:
    """An amount as both evaluators print it: at most two decimals, no trailing '.0'."""
    rounded = math.floor(value * 100 + 0.5) / 100
    return str(int(rounded)) if rounded == int(rounded) else repr(rounded)


def join_list(items: list[str], messages: Mapping[str, str] = MESSAGES) -> str:
    """'IFRS or IMHM-C'; 'IMHS, ECMHS, IMHM-C or ECMHM-C'."""
    if len(items) <= 1:
        return "".join(items)
    return messages["list_sep"].join(items[:-1]) + messages["list_last"] + items[-1]


# --- parsing a profile -----------------------------------------------------------


class ProfileError(ValueError):
    """A profile that cannot be evaluated; the message is one line naming the field."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


@dataclass(frozen=True)
class Profile:
    """An applicant's profile; a missing number is 0, a missing flag false, a missing choice 'none'."""

    degree: str = "none"
    training_hours: float = 0
    rsc_training_hours: float = 0
    dei_training_hours: float = 0
    rsc_hours: float = 0
    rsc_provider: str = "none"
    rsc_about_own_rsc_hours: float = 0
    infant_work_years: float = 0
    prevention_work_years: float = 0
    families_served: int = 0
    imh_work_years: float = 0
    imh_internship_years: float = 0
    rsc_provision_years: float = 0
    policy_leadership_years: float = 0
    faculty_leadership_years: float = 0
    leadership_activities: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclass_fields(self)}


def _shown(value: Any) -> str:
    """A rejected value as both evaluators quote it."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if math.isfinite(value):
            return number(value)
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        return json.dumps(str(value), ensure_ascii=False)


def parse_profile(mapping: Any) -> Profile:
    """Check a profile mapping against the contract; raise ProfileError naming the first bad field."""
    if not isinstance(mapping, Mapping):
        raise ProfileError("profile", fill(MESSAGES["error_mapping"], {"got": _shown(mapping)}))
    for key in mapping:
        if key not in FIELDS:
            raise ProfileError(str(key), fill(MESSAGES["error_unknown"], {
                "field": key, "expected": ", ".join(FIELDS)}))
    values: dict[str, Any] = {}
    for spec in PROFILE_FIELDS:
        if spec.name not in mapping or mapping[spec.name] is None:
            continue
        values[spec.name] = _check_value(spec, mapping[spec.name])
    for spec in PROFILE_FIELDS:
        if spec.part_of and values.get(spec.name, 0) > values.get(spec.part_of, 0):
            raise ProfileError(spec.name, fill(MESSAGES["error_part"], {
                "field": spec.name, "whole": spec.part_of,
                "total": number(values.get(spec.part_of, 0)), "got": number(values[spec.name])}))
    return Profile(**values)


def _check_value(spec: ProfileField, value: Any) -> Any:
    got = {"field": spec.name, "got": _shown(value)}
    if spec.kind in ("number", "whole"):
        is_number = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        if spec.kind == "number" and (not is_number or value < 0):
            raise ProfileError(spec.name, fill(MESSAGES["error_number"], got))
        if spec.kind == "whole" and (not is_number or value < 0 or value != int(value)):
            raise ProfileError(spec.name, fill(MESSAGES["error_whole"], got))
        return int(value) if spec.kind == "whole" else value
    if spec.kind == "flag":
        if not isinstance(value, bool):
            raise ProfileError(spec.name, fill(MESSAGES["error_flag"], got))
        return value
    codes = [code for code, _ in spec.choices]
    if value not in codes:
        raise ProfileError(spec.name, fill(MESSAGES["error_choice"], {**got, "expected": ", ".join(codes)}))
    return value


def read_profile(path: Path) -> Profile:
    """A profile file (JSON by its .json suffix, YAML otherwise); errors name file, line and field."""
    name = str(path)
    if not Path(path).is_file():
        raise ProfileError("profile", f"{name}: file not found")
    lines: Callable[[str], int | None] = lambda field: None
    if Path(path).suffix.lower() == ".json":
        try:
            value = json.loads(Path(path).read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            where = f":{err.lineno}" if isinstance(err, json.JSONDecodeError) else ""
            reason = err.msg if isinstance(err, json.JSONDecodeError) else "not UTF-8 text"
            raise ProfileError("profile", f"{name}{where}: not valid JSON: {reason}") from None
    else:
        try:
            parsed = read_yaml(Path(path), name)
        except DataError as err:
            raise ProfileError("profile", str(err.problems[0])) from None
        value = parsed.value
        lines = lambda field: parsed.line_of((field,))  # noqa: E731 - one line per field
    try:
        return parse_profile(value)
    except ProfileError as err:
        line = lines(err.field)
        raise ProfileError(err.field, f"{name}{f':{line}' if line else ''}: {err}") from None


def check_codes(rules: Mapping[str, Any], state: str | None, category: str | None) -> tuple[str | None, str | None]:
    """Normalise --state/--category codes, or raise ProfileError saying which codes exist."""
    states = {st["code"]: st for st in rules["states"]}
    state = state.upper() if state else None
    category = category.upper() if category else None
    if state and state not in states:
        raise ProfileError("state", f"--state: unknown state code {state!r}; expected one of {', '.join(sorted(states))}")
    published = [c for st in rules["states"] if not state or st["code"] == state for c in
                 (cat["code"] for cat in st["categories"])]
    if category and category not in CATEGORY_CODES:
        raise ProfileError("category", f"--category: unknown category code {category!r}; expected one of {', '.join(CATEGORY_CODES)}")
    if category and category not in published:
        if not state:
            raise ProfileError("category", f"--category: no state publishes {category}")
        codes = ", ".join(c for c in CATEGORY_CODES if c in published)
        raise ProfileError("category", f"--category: {states[state]['name']} does not publish {category}; it publishes {codes}")
    return state, category


# --- compiling the data into the rule tree ----------------------------------------


def compile_rules(dataset: Any, states: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The JSON-ready rule tree of every state (or the chosen ones) and the words to say it."""
    return {
        "format": FORMAT,
        "degrees": list(DEGREE_LEVELS),
        "categories": list(CATEGORY_CODES),
        "facets": dict(FACETS),
        "fields": {
            f.name: {"kind": f.kind, "default": f.default, "choices": [c for c, _ in f.choices],
                     "part_of": f.part_of}
            for f in PROFILE_FIELDS
        },
        "messages": dict(MESSAGES),
        "states": [
            _compile_state(state) for code, state in dataset.states.items()
            if states is None or code in states
        ],
    }


def _compile_state(state: StateData) -> dict[str, Any]:
    return {
        "code": state.state,
        "name": state.name,
        "categories": [
            _compile_category(state, code, state.categories[code])
            for code in CATEGORY_CODES if code in state.categories
        ],
    }


def _compile_category(state: StateData, code: str, category: Any) -> dict[str, Any]:
    initial = category.initial
    facets = [_compile_facet(state, key, getattr(initial, key)) for key in FACETS]
    return {
        "code": code,
        "name": category.name,
        "url": urls.url_of(urls.guide_page(state.name, code)),
        "facets": [f for f in facets if f is not None],
        "still_needed": _still_needed(initial),
    }


def _compile_facet(state: StateData, key: str, requirement: Any) -> dict[str, Any] | None:
    status = Status(requirement.status)
    if status is Status.not_published:
        return None
    facet: dict[str, Any] = {
        "facet": key,
        "status": status.value,
        "from": _iso(requirement.effective_from),
        "until": _iso(requirement.until),
        "rule": None,
        "notes": [],
    }
    if status is Status.required:
        rule, notes = FACET_COMPILERS[key](state, requirement)
        facet["rule"], facet["notes"] = rule, notes
    return facet


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _all(items: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not items:
        return None
    return items[0] if len(items) == 1 else {"op": "all", "of": items}


def _at_least(name: str, value: float) -> dict[str, Any]:
    spec = FIELDS[name]
    return {
        "op": "at_least", "field": name, "value": value,
        "unit": {"one": spec.one, "other": spec.other},
        "met": "at_least", "missing": "more",
    }


def _paths(paths: list[Any]) -> dict[str, Any] | None:
    """Alternatives (any of) of criteria (all of); a path with nothing measurable cannot be met here."""
    alternatives = []
    for path in paths:
        items: list[dict[str, Any]] = []
        if path.degree is not None:
            items.append({"op": "degree_at_least", "field": "degree", "value": path.degree,
                          "vars": {"degree": DEGREE_PHRASES[path.degree]}, "met": "degree", "missing": "degree"})
        for spec in PROFILE_FIELDS:
            value = getattr(path, spec.name, None) if spec.name != "degree" else None
            if value is None:
                continue
            if spec.kind == "flag":
                if value:
                    items.append({"op": "is_true", "field": spec.name, "vars": {"text": spec.one},
                                  "met": "flag", "missing": "flag"})
            else:
                items.append(_at_least(spec.name, value))
        node = _all(items)
        if node is None:
            text = path.label or path.condition or ""
            alternatives.append({"op": "unverifiable", "vars": {"text": text},
                                 "met": "unverifiable", "missing": "unverifiable"})
            continue
        if path.condition:
            node = {"op": "all", "of": items, "notes": [path.condition]}
        alternatives.append(node)
    if not alternatives:
        return None
    return {"op": "any", "of": alternatives}


def _education(state: StateData, req: Any) -> tuple[dict[str, Any] | None, list[str]]:
    return _paths(req.paths), []


def _work(state: StateData, req: Any) -> tuple[dict[str, Any] | None, list[str]]:
    return _paths(req.paths), []


def _leadership(state: StateData, req: Any) -> tuple[dict[str, Any] | None, list[str]]:
    notes = []
    if req.min_years is not None:
        notes.append(fill(MESSAGES["leadership_years"], {
            "amount": number(req.min_years), "unit": "year" if req.min_years == 1 else "years"}))
    return _paths(req.paths), notes


def _training(state: StateData, req: Any) -> tuple[dict[str, Any] | None, list[str]]:
    items: list[dict[str, Any]] = []
    notes: list[str] = []
    if req.min_hours is not None:
        items.append(_at_least("training_hours", req.min_hours))
    for topic in req.topics:
        if topic.status != "required":
            continue
        name = TOPIC_FIELDS.get(topic.topic)
        if name and not topic.condition:
            node = _at_least(name, topic.hours)
            if topic.effective_from:
                node["from"] = topic.effective_from.isoformat()
            items.append(node)
            continue
        text = fill(MESSAGES["topic_hours"], {"hours": number(topic.hours),
                                              "topic": topic.text or TOPIC_NAMES[topic.topic]})
        if topic.condition:
            text = fill(MESSAGES["topic_condition"], {"text": text, "condition": _lower_first(topic.condition)})
        if topic.effective_from:
            text = fill(MESSAGES["topic_from"], {"text": text, "date": topic.effective_from.isoformat()})
        notes.append(text)
    return _all(items), notes


def _reflective_supervision(state: StateData, req: Any) -> tuple[dict[str, Any] | None, list[str]]:
    items: list[dict[str, Any]] = []
    if req.min_hours is not None:
        items.append(_at_least("rsc_hours", req.min_hours))
    if req.providers:
        options = []
        for provider in req.providers:
            label = PROVIDER_LABELS.get(provider.endorsement, provider.endorsement)
            if provider.until:
                label = fill(MESSAGES["provider_until"], {"label": label, "date": _long_date(provider.until)})
            options.append({
                "accepts": [provider.endorsement] + [c for c, also in PROVIDER_ALSO.items() if provider.endorsement in also],
                "label": label,
                "until": _iso(provider.until),
                "notes": [provider.condition] if provider.condition else [],
            })
        items.append({"op": "one_of", "field": "rsc_provider", "options": options,
                      "vars": {"state": state.name}, "met": "provider_met", "missing": "provider_missing"})
    if req.about_own_rsc_hours is not None:
        items.append(_at_least("rsc_about_own_rsc_hours", req.about_own_rsc_hours))
    parts = []
    low, high = req.window_min_years, req.window_max_years
    if low is not None and high is not None:
        parts.append(fill(MESSAGES["rsc_window"], {"min": number(low), "max": number(high)}))
    elif high is not None:
        parts.append(fill(MESSAGES["rsc_window_max"], {"max": number(high)}))
    elif low is not None:
        parts.append(fill(MESSAGES["rsc_window_min"], {"min": number(low)}))
    if req.after_degree:
        parts.append(fill(MESSAGES["rsc_after_degree"], {"degree": DEGREE_PHRASES[req.after_degree]}))
    notes = [fill(MESSAGES["rsc_timing"], {"parts": ", ".join(parts)})] if parts else []
    return _all(items), notes


FACET_COMPILERS: dict[str, Callable[[StateData, Any], tuple[dict[str, Any] | None, list[str]]]] = {
    "education": _education,
    "training": _training,
    "reflective_supervision": _reflective_supervision,
    "work": _work,
    "leadership": _leadership,
}


def _still_needed(initial: Any) -> list[str]:
    """What the application needs beyond the measurable facets, in the issue's order."""
    items = []
    refs = initial.references
    if refs.status == Status.required:
        count = _count_word(refs.count) if refs.count else None
        if count and refs.endorsed_raters and refs.endorsed_rater_endorsements:
            items.append(fill(MESSAGES["references_endorsed"], {
                "count": count, "endorsed": _count_word(refs.endorsed_raters),
                "raters": join_list(list(refs.endorsed_rater_endorsements))}))
        elif count and refs.endorsed_raters:
            items.append(fill(MESSAGES["references_endorsed_any"], {
                "count": count, "endorsed": _count_word(refs.endorsed_raters)}))
        elif count:
            items.append(fill(MESSAGES["references"], {"count": count}))
        else:
            items.append(MESSAGES["references_any"])
    exam = initial.exam
    if exam.status == Status.required:
        if len(exam.parts) > 1:
            items.append(fill(MESSAGES["exam_parts"], {"parts": MESSAGES["and_sep"].join(exam.parts)}))
        else:
            items.append(MESSAGES["exam"])
    membership = initial.membership
    if membership.status == Status.required:
        if membership.association:
            items.append(fill(MESSAGES["membership"], {"association": membership.association}))
        else:
            items.append(MESSAGES["membership_any"])
    if initial.code_of_ethics.status == Status.required:
        items.append(MESSAGES["code_of_ethics"])
    if initial.education.transcripts:
        items.append(MESSAGES["transcripts"])
    return items


def _count_word(count: int) -> str:
    return NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count)


def _long_date(value: date) -> str:
    return f"{value.strftime('%B')} {value.day}, {value.year}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


# --- evaluating -----------------------------------------------------------------------


@dataclass
class Outcome:
    """One node's answer: met or not, what it says (met texts, or what is short) and its notes."""

    ok: bool
    said: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class _Context:
    def __init__(self, rules: Mapping[str, Any], profile: Mapping[str, Any], today: str):
        self.rules, self.profile, self.today = rules, profile, today
        self.messages: Mapping[str, str] = rules["messages"]

    def say(self, node: Mapping[str, Any], key: str, extra: Mapping[str, Any] | None = None) -> str:
        return fill(self.messages[node[key]], {**node.get("vars", {}), **(extra or {})})


def _in_force(node: Mapping[str, Any], today: str) -> bool:
    return (not node.get("from") or node["from"] <= today) and (not node.get("until") or today <= node["until"])


def _op_all(node, ctx) -> Outcome:
    outcomes = [evaluate_node(child, ctx) for child in node["of"]]
    ok = all(o.ok for o in outcomes)
    said = [s for o in outcomes if o.ok == ok for s in o.said]
    notes = [n for o in outcomes for n in o.notes] if ok else []
    return Outcome(ok, said, notes)


def _op_any(node, ctx) -> Outcome:
    outcomes = [evaluate_node(child, ctx) for child in node["of"]]
    for outcome in outcomes:
        if outcome.ok:
            return outcome
    # What every alternative lacks is said once; what differs is said as "one of: ...; or ...".
    common = [s for s in outcomes[0].said if all(s in o.said for o in outcomes[1:])]
    rests: list[str] = []
    for outcome in outcomes:
        rest = [s for s in outcome.said if s not in common]
        if not rest:
            return Outcome(False, common)
        text = ctx.messages["and_sep"].join(rest)
        if text not in rests:
            rests.append(text)
    if len(rests) == 1:
        return Outcome(False, common + [rests[0]])
    return Outcome(False, common + [fill(ctx.messages["one_of"], {"items": ctx.messages["one_of_sep"].join(rests)})])


def _op_at_least(node, ctx) -> Outcome:
    have, need = ctx.profile[node["field"]], node["value"]
    if have >= need:
        return Outcome(True, [ctx.say(node, "met", {"amount": number(need), "unit": _unit(node, need)})])
    short = number(max(need - have, 0.01))
    return Outcome(False, [ctx.say(node, "missing", {"amount": short, "unit": _unit(node, float(short))})])


def _unit(node, amount: float) -> str:
    return node["unit"]["one"] if amount == 1 else node["unit"]["other"]


def _op_degree_at_least(node, ctx) -> Outcome:
    degrees = ctx.rules["degrees"]
    ok = degrees.index(ctx.profile[node["field"]]) >= degrees.index(node["value"])
    return Outcome(ok, [ctx.say(node, "met" if ok else "missing")])


def _op_is_true(node, ctx) -> Outcome:
    ok = ctx.profile[node["field"]] is True
    return Outcome(ok, [ctx.say(node, "met" if ok else "missing")])


def _op_one_of(node, ctx) -> Outcome:
    options = [o for o in node["options"] if _in_force(o, ctx.today)]
    labels = join_list([o["label"] for o in options], ctx.messages)
    for option in options:
        if ctx.profile[node["field"]] in option["accepts"]:
            return Outcome(True, [ctx.say(node, "met", {"options": labels})], list(option["notes"]))
    return Outcome(False, [ctx.say(node, "missing", {"options": labels})])


def _op_unverifiable(node, ctx) -> Outcome:
    return Outcome(False, [ctx.say(node, "missing")])


OPERATORS: dict[str, Callable[[Mapping[str, Any], _Context], Outcome]] = {
    "all": _op_all,
    "any": _op_any,
    "at_least": _op_at_least,
    "degree_at_least": _op_degree_at_least,
    "is_true": _op_is_true,
    "one_of": _op_one_of,
    "unverifiable": _op_unverifiable,
}
"""The whole vocabulary of the rule tree; selfcheck.js has the same table."""


def evaluate_node(node: Mapping[str, Any], ctx: _Context) -> Outcome:
    if not _in_force(node, ctx.today):
        return Outcome(True)
    op = OPERATORS.get(node["op"])
    if op is None:
        raise ValueError(fill(ctx.messages["error_operator"], {"op": json.dumps(node["op"])}))
    outcome = op(node, ctx)
    if outcome.ok and node.get("notes"):
        outcome.notes = outcome.notes + list(node["notes"])
    return outcome


def evaluate(
    rules: Mapping[str, Any],
    profile: Profile | Mapping[str, Any],
    today: date | str,
    state: str | None = None,
    category: str | None = None,
) -> list[dict[str, Any]]:
    """One result per published category of the chosen state(s), in the order of the rules."""
    if not isinstance(profile, Profile):
        profile = parse_profile(profile)
    values = profile.as_dict()
    today = today.isoformat() if isinstance(today, date) else today
    ctx = _Context(rules, values, today)
    results = []
    for st in rules["states"]:
        if state and st["code"] != state:
            continue
        for cat in st["categories"]:
            if category and cat["code"] != category:
                continue
            results.append(_evaluate_category(st, cat, ctx))
    return results


def _evaluate_category(st: Mapping[str, Any], cat: Mapping[str, Any], ctx: _Context) -> dict[str, Any]:
    messages = ctx.messages
    unmet, missing, notes, details = [], [], [], []
    for facet in cat["facets"]:
        label = ctx.rules["facets"][facet["facet"]]
        detail = {"facet": facet["facet"], "label": label, "status": facet["status"], "met": None, "said": []}
        if not _in_force(facet, ctx.today):
            detail["said"] = [messages["status_not_in_force"]]
        elif facet["status"] != "required":
            detail["said"] = [messages["status_" + facet["status"]]]
        elif facet["rule"] is None:
            detail["said"] = [messages["unmeasured_facet"]]
            notes.extend(facet["notes"] or [fill(messages["unmeasured"], {"facet": label})])
        else:
            outcome = evaluate_node(facet["rule"], ctx)
            detail["met"], detail["said"] = outcome.ok, outcome.said
            if outcome.ok:
                notes.extend(outcome.notes + list(facet["notes"]))
            else:
                unmet.append(facet["facet"])
                missing.extend(s for s in outcome.said if s not in missing)
        details.append(detail)
    still_needed = list(cat["still_needed"])
    for note in notes:
        if note not in still_needed:
            still_needed.append(note)
    return {
        "state": st["code"],
        "category": cat["code"],
        "eligible": not unmet,
        "unmet": unmet,
        "missing": missing,
        "still_needed": still_needed,
        "state_name": st["name"],
        "category_name": cat["name"],
        "url": cat["url"],
        "facets": details,
    }


# --- the page ---------------------------------------------------------------------------


def rules_json(rules: Mapping[str, Any]) -> str:
    """The rule tree as text safe inside <script type="application/json">: no '<', '>' or '&'."""
    text = json.dumps(rules, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_context(dataset: Any, states: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The keyword arguments templates/self-check.md.j2 is rendered with."""
    rules = compile_rules(dataset, states)
    names: dict[str, str] = {}
    for st in rules["states"]:
        for cat in st["categories"]:
            names.setdefault(cat["code"], cat["name"])
    return {
        "rules_json": rules_json(rules),
        "profile_fields": PROFILE_FIELDS,
        "groups": GROUPS,
        "dataset": dataset,
        "states": [(st["code"], st["name"]) for st in rules["states"]],
        "categories": [(code, names[code]) for code in CATEGORY_CODES if code in names],
    }


def text_report(results: list[dict[str, Any]], messages: Mapping[str, str] = MESSAGES) -> str:
    """Results as plain text, one block per state and category (`imhsite check --format text`)."""
    lines = []
    for r in results:
        verdict = messages["eligible"] if r["eligible"] else messages["not_eligible"]
        lines.append(f"{r['state']} {r['category']} ({r['state_name']}, {r['category_name']}): {verdict}")
        for detail in r["facets"]:
            if detail["met"] is not None:
                mark = "+" if detail["met"] else "-"
                lines.extend(f"  {mark} {fill(messages['facet_line'], {'facet': detail['label'], 'text': s})}"
                             for s in detail["said"])
        for item in r["still_needed"]:
            lines.append(f"  ? {item}")
        lines.append(f"  {r['url']}")
    return "\n".join(lines) + ("\n" if lines else "")

