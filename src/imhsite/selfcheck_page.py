"""The self-check page's part of the rules: the compiled tree as safe text, and the template's context."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .applicant_profile import GROUPS, PROFILE_FIELDS
from .model import CATEGORY_CODES, StateData
from .rule_compiler import compile_rules, compile_state


def rules_json(rules: Mapping[str, Any], state_texts: Iterable[str] | None = None) -> str:
    """The rule tree as text safe inside <script type="application/json">: no '<', '>' or '&'.

    `state_texts`, when given, are the texts of the tree's last entry, "states" (each state's part
    as `rules_json` wrote it, kept by a cache): only the rest is written here.
    """
    if state_texts is not None:
        assert list(rules)[-1] == "states"
        rest = rules_json({key: value for key, value in rules.items() if key != "states"})
        return rest[:-1] + ',"states":[' + ",".join(state_texts) + "]}"
    text = json.dumps(rules, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@dataclass(frozen=True)
class StateRules:
    """One state's part of the rule tree, and its text."""

    tree: dict[str, Any]
    text: str

    @classmethod
    def of(cls, state: StateData) -> StateRules:
        tree = compile_state(state)
        return cls(tree, rules_json(tree))


def page_context(dataset: Any, states: tuple[str, ...] | None = None,
                 state_rules: Callable[[StateData], StateRules] = StateRules.of) -> dict[str, Any]:
    """The keyword arguments templates/self-check.md.j2 is rendered with (`state_rules`: a cache's, maybe)."""
    parts = {code: state_rules(state) for code, state in dataset.states.items() if states is None or code in states}
    rules = compile_rules(dataset, states, lambda state: parts[state.state].tree)
    names: dict[str, str] = {}
    for st in rules["states"]:
        for cat in st["categories"]:
            names.setdefault(cat["code"], cat["name"])
    return {
        "rules_json": rules_json(rules, (part.text for part in parts.values())),
        "profile_fields": PROFILE_FIELDS,
        "groups": GROUPS,
        "dataset": dataset,
        "states": [(st["code"], st["name"]) for st in rules["states"]],
        "categories": [(code, names[code]) for code in CATEGORY_CODES if code in names],
    }
