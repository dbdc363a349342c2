"""Eligibility rules: requirement data -> a JSON rule tree, and the Python evaluator of it.

The self-check page and `imhsite check` answer the same question ("which endorsement can I
apply for, and what am I missing?") from one rule definition. `compile_rules` derives that
definition from the structured values of the data (never from prose); `selfcheck.js`
evaluates the same JSON in the browser. Both evaluators are a small operator table and a
template filler: every word a result contains comes out of the compiled JSON (`messages`,
and the units, labels and texts stored on the rule nodes), so the JavaScript holds no fact
and no phrase of its own, and tests/vectors/eval.json keeps the two in step.

A result has one of four verdicts: `meets` (every published minimum the self-check can measure
is met and nothing else is asked), `meets_if` (the numbers are met, if each listed condition the
self-check cannot verify holds), `not_yet` (each gap with its amount) and `unknown` (nothing the
category publishes can be measured). Only facets whose status is `required` are measured;
`recommended`, `optional`, `not_required` and `not_published` never block. What the
application needs besides (references, exam, membership, code of ethics, transcripts) is
listed as `still_needed`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Mapping

from . import urls
from .messages import DEGREE_PHRASES, MESSAGES, NUMBER_WORDS, fill, join_list, number
from .model import CATEGORY_CODES, DEGREE_LEVELS, StateData, Status
from .applicant_profile import (FIELDS, GROUPS, PROFILE_FIELDS, PROVIDER_ALSO, PROVIDER_LABELS, Profile, ProfileError,
                                counting_fields, parse_profile, unmeasurable)

FORMAT = "imhsite-rules/2"

VERDICTS = ("meets", "meets_if", "not_yet", "unknown")
"""A result's verdict, from best to worst; see the module's docstring."""

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
                     "part_of": f.part_of, "what": f.what, "other": f.other}
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
        "association": state.association.name,
        "contact": state.association.contact,
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
        "url": urls.url_of(urls.guide_page(state, code)),
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
    return {
        "op": "at_least", "counts": counting_fields(name, unpaid_counts), "value": value,
        "unit": {"one": spec.one, "other": spec.other},
        "met": "at_least", "missing": "more",
    }


class UnmeasurableCriterion(ValueError):
    """A criterion field the applicant profile has no answer for: it must never silently pass."""


def _criteria(path: Any) -> list[dict[str, Any]]:
    """One path's criteria as rule nodes, in the order of the profile contract."""
    missing = unmeasurable(path)
    if missing:
        raise UnmeasurableCriterion(f"no profile field measures {', '.join(missing)}")
    items: list[dict[str, Any]] = []
    for spec in PROFILE_FIELDS:
        value = getattr(path, spec.name, None)
        if value is None or value is False:
            continue
        if spec.name == "degree":
            items.append({"op": "degree_at_least", "field": "degree", "value": value,
                          "vars": {"degree": DEGREE_PHRASES[value]}, "met": "degree", "missing": "degree"})
        elif spec.kind == "flag":
            items.append({"op": "is_true", "field": spec.name, "degrees": list(spec.degrees),
                          "vars": {"text": spec.one}, "met": "flag", "missing": "flag"})
        else:
            items.append(_at_least(spec.name, value, path.unpaid_counts))
    return items


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
        conditions.append(text)
    return _all(items), conditions


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
    """One node's answer: met or not, what it says (met texts, or what is short), and the
    conditions the self-check cannot verify that a met answer depends on."""

    ok: bool
    said: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)


class _Context:
    def __init__(self, rules: Mapping[str, Any], profile: Mapping[str, Any], today: str):
        self.rules, self.profile, self.today = rules, profile, today
        self.messages: Mapping[str, str] = rules["messages"]

    def say(self, node: Mapping[str, Any], key: str, extra: Mapping[str, Any] | None = None) -> str:
        return fill(self.messages[node[key]], {**node.get("vars", {}), **(extra or {})})

    def degree_rank(self, degree: str) -> int:
        return self.rules["degrees"].index(degree)


def _in_force(node: Mapping[str, Any], today: str) -> bool:
    return (not node.get("from") or node["from"] <= today) and (not node.get("until") or today <= node["until"])


def _op_all(node, ctx) -> Outcome:
    outcomes = [evaluate_node(child, ctx) for child in node["of"]]
    ok = all(o.ok for o in outcomes)
    said = [s for o in outcomes if o.ok == ok for s in o.said]
    conditions = [c for o in outcomes for c in o.conditions] if ok else []
    return Outcome(ok, said, conditions)


def _op_any(node, ctx) -> Outcome:
    outcomes = [evaluate_node(child, ctx) for child in node["of"]]
    met = [o for o in outcomes if o.ok]
    if met:
        # A path met without conditions beats one that needs them.
        return next((o for o in met if not o.conditions), met[0])
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
    """The amount is the sum over groups of each group's largest answer (see counting_fields)."""
    have = sum(max(ctx.profile[name] for name in group) for group in node["counts"])
    need = node["value"]
    if have >= need:
        return Outcome(True, [ctx.say(node, "met", {"amount": number(need), "unit": _unit(node, need)})])
    short = number(max(need - have, 0.01))
    return Outcome(False, [ctx.say(node, "missing", {"amount": short, "unit": _unit(node, float(short))})])


def _unit(node, amount: float) -> str:
    return node["unit"]["one"] if amount == 1 else node["unit"]["other"]


def _op_degree_at_least(node, ctx) -> Outcome:
    ok = ctx.degree_rank(ctx.profile[node["field"]]) >= ctx.degree_rank(node["value"])
    return Outcome(ok, [ctx.say(node, "met" if ok else "missing")])


def _op_is_true(node, ctx) -> Outcome:
    ok = ctx.profile[node["field"]] is True or ctx.profile["degree"] in node["degrees"]
    return Outcome(ok, [ctx.say(node, "met" if ok else "missing")])


def _op_one_of(node, ctx) -> Outcome:
    options = [o for o in node["options"] if _in_force(o, ctx.today)]
    labels = join_list([o["label"] for o in options], ctx.messages)
    rank = ctx.degree_rank(ctx.profile["degree"])
    for option in options:
        if option["degree_at_most"] and rank > ctx.degree_rank(option["degree_at_most"]):
            continue
        if ctx.profile[node["field"]] in option["accepts"]:
            return Outcome(True, [ctx.say(node, "met", {"options": labels})], list(option["conditions"]))
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
    if outcome.ok and node.get("conditions"):
        outcome.conditions = outcome.conditions + list(node["conditions"])
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
    unmet, missing, conditions, details = [], [], [], []
    measured = False
    for facet in cat["facets"]:
        label = ctx.rules["facets"][facet["facet"]]
        detail = {"facet": facet["facet"], "label": label, "status": facet["status"], "met": None, "said": []}
        if not _in_force(facet, ctx.today):
            detail["said"] = [messages["status_not_in_force"]]
        elif facet["status"] != "required":
            detail["said"] = [messages["status_" + facet["status"]]]
        elif facet["rule"] is None:
            detail["said"] = [messages["unmeasured_facet"]]
            conditions.extend(facet["conditions"] or [fill(messages["unmeasured"], {"facet": label})])
        else:
            measured = True
            outcome = evaluate_node(facet["rule"], ctx)
            detail["met"], detail["said"] = outcome.ok, outcome.said
            if outcome.ok:
                conditions.extend(outcome.conditions + list(facet["conditions"]))
            else:
                unmet.append(facet["facet"])
                missing.extend(s for s in outcome.said if s not in missing)
        details.append(detail)
    if unmet:
        verdict = "not_yet"
    elif not measured:
        verdict = "unknown"
    else:
        verdict = "meets_if" if conditions else "meets"
    return {
        "state": st["code"],
        "category": cat["code"],
        "verdict": verdict,
        "unmet": unmet,
        "missing": missing,
        "conditions": list(dict.fromkeys(conditions)) if verdict in ("meets_if", "unknown") else [],
        "still_needed": list(cat["still_needed"]),
        "state_name": st["name"],
        "category_name": cat["name"],
        "url": cat["url"],
        "facets": details,
    }


def headline(rules: Mapping[str, Any], results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Closest endorsements first: per state, the highest category met and the nearest not yet met.

    `reached` is the last category in career order whose verdict is meets or meets_if; `next`
    holds up to two not-yet categories above it, fewest unmet facets first, then in career order.
    """
    order = rules["categories"]
    lines: list[dict[str, Any]] = []
    for r in results:
        if not lines or lines[-1]["state"] != r["state"]:
            lines.append({"state": r["state"], "state_name": r["state_name"], "reached": None, "next": []})
        line = lines[-1]
        if r["verdict"] in ("meets", "meets_if"):
            line["reached"] = r
    for line in lines:
        floor = order.index(line["reached"]["category"]) if line["reached"] else -1
        candidates = [r for r in results if r["state"] == line["state"] and r["verdict"] == "not_yet"
                      and order.index(r["category"]) > floor]
        candidates.sort(key=lambda r: (len(r["unmet"]), order.index(r["category"])))
        line["next"] = candidates[:2]
    return [{"state": line["state"], "state_name": line["state_name"],
             "reached": _brief(line["reached"]), "next": [_brief(r) for r in line["next"]]} for line in lines]


def _brief(result: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if result is None:
        return None
    return {key: result[key] for key in ("category", "category_name", "verdict", "missing", "conditions", "url")}


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


def text_report(rules: Mapping[str, Any], results: list[dict[str, Any]]) -> str:
    """Results as plain text: the headline, then one block per state and category."""
    messages = rules["messages"]
    lines = []
    for line in headline(rules, results):
        lines.append(headline_text(messages, line))
    if lines:
        lines.append("")
    for r in results:
        lines.append(f"{r['state']} {r['category']} ({r['state_name']}, {r['category_name']}): "
                     f"{messages['verdict_' + r['verdict']]}")
        for detail in r["facets"]:
            if detail["met"] is not None:
                mark = "+" if detail["met"] else "-"
                lines.extend(f"  {mark} {fill(messages['facet_line'], {'facet': detail['label'], 'text': s})}"
                             for s in detail["said"])
        lines.extend(f"  ? {item}" for item in r["conditions"])
        lines.extend(f"  * {item}" for item in r["still_needed"])
        lines.append(f"  {r['url']}")
    return "\n".join(lines) + ("\n" if lines else "")


def headline_text(messages: Mapping[str, str], line: Mapping[str, Any]) -> str:
    """One state's headline as a sentence (the page builds the same from the same messages)."""
    reached = line["reached"]
    text = fill(messages["headline_" + (reached["verdict"] if reached else "none")], {
        "state": line["state_name"], "category": reached["category"] if reached else ""})
    nearest = [fill(messages["headline_gap"], {"category": r["category"], "missing": messages["and_sep"].join(r["missing"])})
               for r in line["next"]]
    if nearest:
        text += " " + fill(messages["headline_next"], {"items": messages["one_of_sep"].join(nearest)})
    return text
