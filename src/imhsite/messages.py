"""Every phrase the self-check and `imhsite check` say, and how they write amounts.

The phrases are compiled into the rules JSON as they are (rule_compiler.compile_rules), so the page's
script and the Python evaluator say the same words; `fill` is the one template filler both use.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from .codes import DEGREES, STATUSES, phrases

DEGREE_PHRASES = phrases(DEGREES)
"""A degree level as it reads inside a sentence ('a Master's degree or higher')."""

NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

MESSAGES: dict[str, str] = {
    # what is short, and what is met
    "more": "{amount} more {unit}",
    "at_least": "at least {amount} {unit}",
    "degree": "{degree} or higher",
    "degree_before_years": "{degree} before these years",
    "flag": "{text}",
    "provider_met": "RS/C from someone endorsed as {options}",
    "provider_missing": "in {state}, RS/C must come from someone endorsed as {options}",
    "provider_until": "{label} (until {date})",
    "provider_degree_at_most": "{label} (if your highest degree is {degree} or lower)",
    "unverifiable": "{text} (the self-check cannot verify this)",
    "one_of": "one of: {items}",
    "one_of_sep": "; or ",
    "and_sep": " and ",
    "list_sep": ", ",
    "list_last": " or ",
    # still needed: what a self-check cannot verify
    "references": "{count} reference ratings",
    "references_endorsed": "{count} reference ratings, at least {endorsed} from a rater who is {raters}",
    "references_endorsed_any": "{count} reference ratings, at least {endorsed} from an endorsed professional",
    "references_any": "reference ratings",
    "portfolio": "a portfolio documenting your competencies",
    "exam": "written exam",
    "exam_parts": "written exam ({parts})",
    "membership": "membership in {association}",
    "membership_any": "membership in the association",
    "code_of_ethics": "signed Code of Ethics and Endorsement Agreement",
    "transcripts": "official transcripts",
    "topic_hours": "at least {hours} hours of training specific to {topic}",
    "topic_unit_one": "hour of training specific to {topic}",
    "topic_unit_other": "hours of training specific to {topic}",
    "more_besides": "{amount} more {unit}, besides the other topics' hours",
    "topic_condition": "{text}, {condition}",
    "topic_from": "{text} (from {date})",
    "rsc_timing": "RS/C received {parts}",
    "rsc_window": "within a {min}-to-{max}-year timeframe",
    "rsc_window_max": "within {max} years at most",
    "rsc_window_min": "over at least {min} years",
    "rsc_after_degree": "after earning {degree}",
    "rsc_while_providing": "while providing {activity}",
    "leadership_years": "at least {amount} {unit} of leadership experience",
    "unmeasured": "{facet}: as the guide describes (the self-check cannot verify this)",
    # facet states in a result's details
    **{f"status_{c.code}": c.phrase for c in STATUSES},
    "status_not_in_force": "not in force on this date",
    "unmeasured_facet": "required; the self-check cannot verify it",
    # profile errors (one line each, in the applicant's words; `imhsite check` adds the field name)
    "error_mapping": "A profile is a mapping of questions to answers, not {got}",
    "error_unknown": "{field} is not a question of the self-check; the questions are {expected}",
    "error_number": "{what}: enter a number of 0 or more, not {got}",
    "error_whole": "{what}: enter a whole number of 0 or more, not {got}",
    "error_choice": "{what}: choose one of {expected}, not {got}",
    "error_flag": "{what}: answer true or false, not {got}",
    "error_part": "{what} ({got}) cannot be more than your {whole} ({total})",
    "error_operator": "unknown operator {op}",
    # verdicts and the headline (closest endorsements first)
    "verdict_meets": "meets the published minimums",
    "verdict_meets_if": "meets the numbers, if",
    "verdict_not_yet": "not yet",
    "verdict_unknown": "cannot be measured here",
    "headline_meets": "{state}: you meet the published minimums for {category}.",
    "headline_meets_if": "{state}: you meet the numbers for {category}, if its conditions hold.",
    "headline_none": "{state}: no endorsement met yet.",
    "headline_next": "Nearest: {items}.",
    "headline_gap": "{category}, {missing}",
    # the page and the command's text output
    "not_published": phrases(STATUSES)["not_published"],
    "conditions_heading": "Only if (the self-check cannot verify these)",
    "missing_heading": "What is missing",
    "still_needed_heading": "The application also needs",
    "unknown_text": "Nothing this category publishes can be measured here: read the guide.",
    "guide_link": "Read the {state} {category} guide",
    "summary": "You meet the numbers for {count} of the {total} categories shown; the closest endorsements come first, state by state.",
    "summary_blank": "Answer the questions above to see what you meet.",
    "summary_empty": "No endorsement matches this state and category.",
    "link_unreadable": "{what}: the link's answer {got} could not be read, so it was left blank.",
    "link_unknown": "The link holds {field}, which the self-check does not ask; it was ignored.",
    "icon_meets": "✓",
    "icon_meets_if": "✓?",
    "icon_not_yet": "✗",
    "icon_unknown": "?",
    "contact": "Ask {association}: {contact}",
    "contact_unknown": "Ask {association}.",
    "more_heading": "What you meet, and what the application also needs",
    "met_heading": "What you meet",
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
