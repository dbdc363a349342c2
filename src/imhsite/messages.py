"""Every phrase the self-check and `imhsite check` say, and how they write amounts.

The phrases are compiled into the rules JSON as they are (rules.compile_rules), so the page's
script and the Python evaluator say the same words; `fill` is the one template filler both use.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

DEGREE_PHRASES = {
    "none": "no credential",
    "cda": "a CDA credential",
    "associate": "an Associate's degree",
    "bachelor": "a Bachelor's degree",
    "master": "a Master's degree",
    "doctorate": "a doctorate",
}
"""A degree level as it reads inside a sentence ('a Master's degree or higher')."""

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
