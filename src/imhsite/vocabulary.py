"""The connecting words pages and messages use for the model's codes: names, not facts."""

from __future__ import annotations

DEGREE_NAMES = {
    "none": "no credential",
    "cda": "CDA credential",
    "associate": "Associate's degree",
    "bachelor": "Bachelor's degree",
    "master": "Master's degree",
    "doctorate": "Doctorate",
}
"""A degree level as a reader says it."""

CRITERIA_NAMES = {
    "infant_work_years": "years of paid work with infants/toddlers and their families",
    "prevention_work_years": "years of paid, post-Bachelor's prevention/early intervention work",
    "imh_work_years": "years of post-graduate, supervised, paid infant mental health work",
    "imh_internship_years": "years of supervised graduate infant mental health internship",
    "rsc_provision_years": "years of post-graduate experience providing RS/C",
    "policy_leadership_years": "years as a leader in policy/program administration",
    "faculty_leadership_years": "years as a leader in university teaching/research",
    "families_served": "families served",
}
"""A numeric criterion, as it reads after its number ("2 families served")."""

TOPIC_NAMES = {
    "rsc": "on providing RS/C",
    "dei": "on diversity, equity and inclusion",
    "imh": "on IMH principles and practice",
}


def number(value: float) -> str:
    """2.0 -> '2', 1.5 -> '1.5'."""
    return f"{value:g}"


def criteria_summary(path: object) -> str:
    """One alternative path as a reader says it: 'Master's degree or higher; 2 years of ...'."""
    parts = [f"{DEGREE_NAMES[path.degree]} or higher"] if getattr(path, "degree", None) else []
    for name, words in CRITERIA_NAMES.items():
        value = getattr(path, name, None)
        if value is not None:
            parts.append(f"{number(value)} {words}")
    if getattr(path, "leadership_activities", None):
        parts.append("leadership activities at the regional or state level")
    return "; ".join(parts) or getattr(path, "label", None) or getattr(path, "condition", None) or ""
