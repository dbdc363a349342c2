"""What `imhsite check` says besides the results: which codes it takes, and its text report."""

from __future__ import annotations

from typing import Any, Mapping

from .applicant_profile import ProfileError
from .messages import fill
from .model import CATEGORY_CODES
from .rule_evaluator import headline, headline_text


def check_codes(rules: Mapping[str, Any], state: str | None, category: str | None) -> tuple[str | None, str | None]:
    """Normalise --state/--category codes, or raise ProfileError saying which codes exist."""
    states = {st["code"]: st for st in rules["states"]}
    state = state.upper() if state else None
    category = category.upper() if category else None
    if state and state not in states:
        raise ProfileError("state", f"unknown state code {state!r}; expected one of {', '.join(sorted(states))}")
    published = [c for st in rules["states"] if not state or st["code"] == state for c in
                 (cat["code"] for cat in st["categories"])]
    if category and category not in CATEGORY_CODES:
        raise ProfileError("category", f"unknown category code {category!r}; expected one of {', '.join(CATEGORY_CODES)}")
    if category and category not in published:
        if not state:
            raise ProfileError("category", f"no state publishes {category}")
        codes = ", ".join(c for c in CATEGORY_CODES if c in published)
        raise ProfileError("category", f"{states[state]['name']} does not publish {category}; it publishes {codes}")
    return state, category


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
