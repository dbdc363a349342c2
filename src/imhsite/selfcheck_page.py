"""The self-check page's part of the rules: the compiled tree as safe text, and the template's context."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from .applicant_profile import GROUPS, PROFILE_FIELDS
from .model import CATEGORY_CODES, StateData
from .rule_compiler import compile_rules


def rules_json(rules: Mapping[str, Any]) -> str:
    """The rule tree as text safe inside <script type="application/json">: no '<', '>' or '&'."""
    text = json.dumps(rules, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_context(dataset: Any, states: tuple[str, ...] | None = None,
                 state_rules: Callable[[StateData], dict[str, Any]] | None = None) -> dict[str, Any]:
    """The keyword arguments templates/self-check.md.j2 is rendered with (`state_rules`: see compile_rules)."""
    rules = compile_rules(dataset, states, state_rules)
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
