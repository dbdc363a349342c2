"""The Python evaluator of the rule tree (rule_compiler); selfcheck.js is the browser's.

Both evaluators are a small operator table and a template filler over the same JSON, and
tests/vectors/eval.json holds them to one answer. A result has one of four verdicts: `meets`
(every published minimum the self-check can measure is met and nothing else is asked),
`meets_if` (the numbers are met, if each listed condition the self-check cannot verify holds),
`not_yet` (each gap with its amount) and `unknown` (nothing the category publishes can be
measured). `headline` ranks them: per state, the closest endorsements first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Mapping

from .applicant_profile import Profile, parse_profile
from .messages import fill, join_list, number

VERDICTS = ("meets", "meets_if", "not_yet", "unknown")
"""A result's verdict, from best to worst; see the module's docstring."""

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
        # A path met without conditions beats one that needs them; of several that need them, any one's will do.
        plain = next((o for o in met if not o.conditions), None)
        if plain is not None:
            return plain
        either = list(dict.fromkeys(ctx.messages["and_sep"].join(o.conditions).removesuffix(".") for o in met))
        if len(either) == 1:
            return met[0]
        return Outcome(True, met[0].said, [fill(ctx.messages["one_of"], {"items": ctx.messages["one_of_sep"].join(either)})])
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
    """The amount is the sum over groups of each group's largest answer (see counting_fields), less
    the answers `minus` names (hours the other topics of a shared-out minimum take)."""
    have = sum(max(ctx.profile[name] for name in group) for group in node["counts"])
    have -= sum(ctx.profile[name] for name in node.get("minus", ()))
    need = node["value"]
    if have >= need:
        return Outcome(True, [ctx.say(node, "met", {"amount": number(need), "unit": _unit(node, need)})] if node["met"] else [])
    short = number(max(need - have, 0.01))
    return Outcome(False, [ctx.say(node, "missing", {"amount": short, "unit": _unit(node, float(short))})])


def _unit(node, amount: float) -> str:
    return node["unit"]["one"] if amount == 1 else node["unit"]["other"]


def _op_degree_at_least(node, ctx) -> Outcome:
    ok = ctx.degree_rank(ctx.profile[node["field"]]) >= ctx.degree_rank(node["value"])
    key = "met" if ok else "missing"
    return Outcome(ok, [ctx.say(node, key)] if node[key] else [])


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
    unmet, missing, details = [], [], []
    conditions = list(cat["conditions"])
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
