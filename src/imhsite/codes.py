"""Every code the data, the pages and the self-check use, each declared once with its words.

The model takes its types from here, the applicant profile its choices, the pages and the
self-check their labels and phrases: a new code, or new words for one, is written here and
nowhere else. This module imports nothing from imhsite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    """A code and the words it is said in: on a form or a table (`label`), inside a sentence
    (`phrase`), and shortest (`name`)."""

    code: str
    label: str
    phrase: str = ""
    name: str = ""


DEGREES = (
    Code("none", "None of these", "no credential", "no credential"),
    Code("cda", "Child Development Associate (CDA) credential", "a CDA credential", "CDA credential"),
    Code("associate", "Associate's degree (AD)", "an Associate's degree", "Associate's degree"),
    Code("bachelor", "Bachelor's degree (BA, BS, BSW, BSN)", "a Bachelor's degree", "Bachelor's degree"),
    Code("master", "Master's degree (MA, MS, MEd, MSW, MSN)", "a Master's degree", "Master's degree"),
    Code("doctorate", "Doctorate (PhD, PsyD, EdD, MD, DO)", "a doctorate", "Doctorate"),
)
"""Credentials from lowest to highest; a requirement for one is met by any above it."""

CATEGORY_CODES = ("IFA", "IFS", "IFRS", "IMHS", "IMHM-C", "IMHM-P", "IMHM-R/F")
"""Endorsement categories, in the order of the career path they describe."""


def _as_is(code: str) -> Code:
    """An endorsement said by its abbreviation alone, on a form and in a sentence."""
    return Code(code, code, code)


PROVIDERS = (
    _as_is("IFS"),
    Code("IFS-master", "IFS, Master's prepared", "IFS (Master's prepared)"),
    _as_is("IFRS"),
    _as_is("IMHS"),
    Code("IMHM-C", "IMHM-C (Clinical)", "IMHM-C"),
    _as_is("ECMHS"),
    Code("ECMHM-C", "ECMHM-C (Clinical)", "ECMHM-C"),
    Code("ERS", "ERS (Endorsed Reflective Supervisor)", "ERS"),
    Code("vetted", "“Vetted” by the association", "someone “vetted” as such"),
)
"""Endorsements a source names for an RS/C provider: `phrase` reads after 'endorsed as'.

`IFS-master` is a Master's-prepared IFS (Oregon's fallback provider for IFS applicants);
`ERS` an Endorsed Reflective Supervisor (North Carolina's term)."""

STATUSES = (
    Code("required", "Required", "required"),
    Code("recommended", "Recommended", "recommended, not required"),
    Code("optional", "Optional", "optional"),
    Code("not_required", "Not required", "not required"),
    Code("not_published", "Not published by this association", "not published"),
)
"""How a source treats a facet: `label` in tables, `phrase` in a self-check result."""

FACETS = (
    Code("scope", "Scope"),
    Code("education", "Education"),
    Code("training", "In-service training"),
    Code("reflective_supervision", "Reflective supervision/consultation"),
    Code("work", "Specialized work experience"),
    Code("leadership", "Leadership activities"),
    Code("membership", "Membership"),
    Code("code_of_ethics", "Code of ethics"),
    Code("exam", "Written exam and demonstration of competencies"),
    Code("references", "Reference ratings"),
)
"""An initial requirement's facets, in the order a state overview lists them (Virginia's)."""

MEASURED_FACETS = ("education", "training", "reflective_supervision", "work", "leadership")
"""The facets the self-check measures, in the order its results list them."""

TOPICS = (
    Code("rsc", "on providing RS/C", "the provision of RS/C"),
    Code("dei", "on diversity, equity and inclusion", "diversity, equity, and inclusion"),
    Code("imh", "on IMH principles and practice", "infant mental health"),
)
"""Training topics: `label` after a number of hours, `phrase` after 'training specific to'."""

DESIGNATIONS = (
    Code("A", "All designations", "all designations"),
    Code("C", "Clinical", "clinical"),
    Code("P", "Policy", "policy"),
    Code("R/F", "Research/Faculty", "research/faculty"),
)
"""The Competency Guidelines' IMHM designation tags."""


def codes(table: tuple[Code, ...]) -> tuple[str, ...]:
    return tuple(c.code for c in table)


def labels(table: tuple[Code, ...]) -> dict[str, str]:
    return {c.code: c.label for c in table}


def phrases(table: tuple[Code, ...]) -> dict[str, str]:
    return {c.code: c.phrase for c in table}


DEGREE_LEVELS = codes(DEGREES)

HTML_TAG = re.compile(r"</?[A-Za-z!?][^>\s]*")
"""What would reach a page as markup: data and hand-written pages are refused when they hold it."""
