"""Requirement data -> the JSON rule tree the self-check evaluates (rule_evaluator, selfcheck.js).

`compile_rules` derives one rule definition from the structured values of the data (never from
prose): per state and category, each measurable facet's rule, the conditions the self-check
cannot verify, and what the application needs besides. Every word a result will contain is in
the tree (`messages`, and the units, labels and texts stored on the rule nodes), so neither
evaluator holds a fact or a phrase of its own. Only facets whose status is `required` are
measured; `recommended`, `optional`, `not_required` and `not_published` never block.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

from . import urls
from .applicant_profile import FIELDS, PROFILE_FIELDS, PROVIDER_ALSO, counting_fields, unmeasurable
from .codes import FACETS as CODE_FACETS
from .codes import MEASURED_FACETS, PROVIDERS, TOPICS, labels, phrases
from .messages import DEGREE_PHRASES, MESSAGES, NUMBER_WORDS, fill, join_list, number
from .model import CATEGORY_CODES, DEGREE_LEVELS, StateData, Status

FORMAT = "imhsite-rules/2"

FACETS = {key: labels(CODE_FACETS)[key] for key in MEASURED_FACETS}
"""The measurable facets, in result order (`unmet` lists their keys in this order)."""

TOPIC_FIELDS = {"rsc": "rsc_training_hours", "dei": "dei_training_hours"}
"""Training topics the profile measures; other topics ('imh') can only be listed."""


def compile_rules(dataset: Any, states: tuple[str, ...] | None = None,
                  state_rules: Callable[[StateData], dict[str, Any]] | None = None) -> dict[str, Any]:
    """The JSON-ready rule tree of every state (or the chosen ones) and the words to say it.

    `state_rules` gives a state's part of the tree (`compile_state`, or a cache's copy of it).
    """
    return {
        "format": FORMAT,
        "degrees": list(DEGREE_LEVELS),
        "categories": list(CATEGORY_CODES),
        "facets": dict(FACETS),
        "fields": {
            f.name: {"kind": f.kind, "default": f.default, "choices": [c for c, _ in f.choices],
                     "part_of": f.part_of, "what": f.what, "other": f.other}
            for f in PROFILE_FIELDS
        },
        "messages": dict(MESSAGES),
        "states": [
            (state_rules or compile_state)(state) for code, state in dataset.states.items()
            if states is None or code in states
        ],
    }


def compile_state(state: StateData) -> dict[str, Any]:
    """One state's part of the rule tree."""
    return {
        "code": state.state,
        "name": state.name,
        "association": state.association.name,
        "contact": state.association.contact,
        "categories": [
            _compile_category(state, code, state.categories[code], [state.who_may_apply.text] if state.who_may_apply else [])
            for code in CATEGORY_CODES if code in state.categories
        ],
    }


def _compile_category(state: StateData, code: str, category: Any, conditions: list[str]) -> dict[str, Any]:
    """`conditions`: what the state asks of every applicant that the self-check cannot verify
    (whom it endorses), said before the facets' own."""
    initial = category.initial
    facets = [_compile_facet(state, key, getattr(initial, key)) for key in FACETS]
    return {
        "code": code,
        "name": category.name,
        "url": urls.url_of(urls.guide_page(state, code)),
        "conditions": conditions,
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
        "conditions": [],
    }
    if status is Status.required:
        rule, conditions = FACET_COMPILERS[key](state, requirement)
        facet["rule"], facet["conditions"] = rule, conditions
    return facet


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _all(items: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not items:
        return None
    return items[0] if len(items) == 1 else {"op": "all", "of": items}


def _at_least(name: str, value: float, unpaid_counts: bool = False) -> dict[str, Any]:
    spec = FIELDS[name]
    unpaid_words = unpaid_counts and spec.unpaid_one
    return {
        "op": "at_least", "counts": counting_fields(name, unpaid_counts), "value": value,
        "unit": {"one": spec.unpaid_one, "other": spec.unpaid_other} if unpaid_words else {"one": spec.one, "other": spec.other},
        "met": "at_least", "missing": "more",
    }


def _at_least_besides(topic: str, value: float, others: list[str]) -> dict[str, Any]:
    """Hours of a topic the profile does not ask: at most the training hours the other topics leave.
    Said only when short: met, the topic stays a condition to verify."""
    return {
        "op": "at_least", "counts": [["training_hours"]], "minus": others, "value": value,
        "unit": {"one": fill(MESSAGES["topic_unit_one"], {"topic": topic}),
                 "other": fill(MESSAGES["topic_unit_other"], {"topic": topic})},
        "met": None, "missing": "more_besides",
    }


class UnmeasurableCriterion(ValueError):
    """A criterion field the applicant profile has no answer for: it must never silently pass."""


def _criteria(path: Any) -> list[dict[str, Any]]:
    """One path's criteria as rule nodes, in the order of the profile contract."""
    missing = unmeasurable(path)
    if missing:
        raise UnmeasurableCriterion(f"no profile field measures {', '.join(missing)}")
    degree = _degree_node(path)
    items: list[dict[str, Any]] = [degree] if degree else []
    for spec in PROFILE_FIELDS:
        value = getattr(path, spec.name, None)
        if value is None or value is False or spec.name == "degree":
            continue
        if spec.kind == "flag":
            items.append({"op": "is_true", "field": spec.name, "degrees": list(spec.degrees),
                          "vars": {"text": spec.one}, "met": "flag", "missing": "flag"})
        else:
            items.append(_at_least(spec.name, value, path.unpaid_counts))
    return items


def _degree_node(path: Any) -> dict[str, Any] | None:
    """The path's degree, or the higher one its other criteria presuppose: years after a
    Master's cannot be met without one, nor a degree specific to IMH without a degree.

    A presupposed degree is said only when it is missing, and then as what it is for.
    """
    asked = [(path.degree, "degree")] if path.degree else []
    for spec in PROFILE_FIELDS:
        if getattr(path, spec.name, None) in (None, False):
            continue
        if spec.needs_degree:
            asked.append((spec.needs_degree, "degree"))
        if spec.experience and spec.experience.after:
            asked.append((spec.experience.after, "degree_before_years"))
    if not asked:
        return None
    level, missing = max(asked, key=lambda item: DEGREE_LEVELS.index(item[0]))
    stated = level == path.degree
    return {"op": "degree_at_least", "field": "degree", "value": level, "vars": {"degree": DEGREE_PHRASES[level]},
            "met": "degree" if stated else None, "missing": "degree" if stated else missing}


def _paths(paths: list[Any]) -> dict[str, Any] | None:
    """Alternatives (any of) of criteria (all of); a path with nothing measurable cannot be met here."""
    alternatives = []
    for path in paths:
        items = _criteria(path)
        if not items:
            alternatives.append({"op": "unverifiable", "vars": {"text": path.label or path.condition or ""},
                                 "met": "unverifiable", "missing": "unverifiable"})
        elif path.condition:
            alternatives.append({"op": "all", "of": items, "conditions": [path.condition]})
        else:
            alternatives.append(_all(items))
    if not alternatives:
        return None
    return {"op": "any", "of": alternatives}


def _education(state: StateData, req: Any) -> tuple[dict[str, Any] | None, list[str]]:
    return _paths(req.paths), []


def _work(state: StateData, req: Any) -> tuple[dict[str, Any] | None, list[str]]:
    return _paths(req.paths), []


def _leadership(state: StateData, req: Any) -> tuple[dict[str, Any] | None, list[str]]:
    conditions = []
    if req.min_years is not None:
        conditions.append(fill(MESSAGES["leadership_years"], {
            "amount": number(req.min_years), "unit": "year" if req.min_years == 1 else "years"}))
    return _paths(req.paths), conditions


def _training(state: StateData, req: Any) -> tuple[dict[str, Any] | None, list[str]]:
    items: list[dict[str, Any]] = []
    conditions: list[str] = []
    if req.min_hours is not None:
        items.append(_at_least("training_hours", req.min_hours))
    required = [topic for topic in req.topics if topic.status == "required"]
    measured = [TOPIC_FIELDS[t.topic] for t in required if t.topic in TOPIC_FIELDS and not t.condition]
    # topics whose hours add up to the minimum share it out: an unmeasured one has what the others leave
    shared_out = req.min_hours is not None and sum(t.hours for t in required) == req.min_hours
    for topic in required:
        name = TOPIC_FIELDS.get(topic.topic)
        if name and not topic.condition:
            node = _at_least(name, topic.hours)
            if topic.effective_from:
                node["from"] = topic.effective_from.isoformat()
            items.append(node)
            continue
        words = topic.text or phrases(TOPICS)[topic.topic]
        if shared_out and not topic.effective_from:
            items.append(_at_least_besides(words, topic.hours, [n for n in measured if n != name]))
        text = fill(MESSAGES["topic_hours"], {"hours": number(topic.hours), "topic": words})
        if topic.condition:
            text = fill(MESSAGES["topic_condition"], {"text": text, "condition": _lower_first(topic.condition)})
        if topic.effective_from:
            text = fill(MESSAGES["topic_from"], {"text": text, "date": topic.effective_from.isoformat()})
        conditions.append(text)
    return _all(items), conditions


def _reflective_supervision(state: StateData, req: Any) -> tuple[dict[str, Any] | None, list[str]]:
    items: list[dict[str, Any]] = []
    if req.min_hours is not None:
        items.append(_at_least("rsc_hours", req.min_hours))
    if req.providers:
        options = []
        for provider in req.providers:
            label = phrases(PROVIDERS)[provider.endorsement]
            if provider.until:
                label = fill(MESSAGES["provider_until"], {"label": label, "date": _long_date(provider.until)})
            if provider.applicant_degree_at_most:
                label = fill(MESSAGES["provider_degree_at_most"], {
                    "label": label, "degree": DEGREE_PHRASES[provider.applicant_degree_at_most]})
            options.append({
                "accepts": [provider.endorsement] + [c for c, also in PROVIDER_ALSO.items() if provider.endorsement in also],
                "label": label,
                "until": _iso(provider.until),
                "degree_at_most": provider.applicant_degree_at_most,
                "conditions": [provider.condition] if provider.condition else [],
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
    if req.while_providing:
        parts.append(fill(MESSAGES["rsc_while_providing"], {"activity": req.while_providing}))
    conditions = [fill(MESSAGES["rsc_timing"], {"parts": ", ".join(parts)})] if parts else []
    if req.provider_condition:
        conditions.append(req.provider_condition)
    return _all(items), conditions


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
    if exam.portfolio:
        items.append(MESSAGES["portfolio"])
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
