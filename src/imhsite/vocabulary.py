"""The connecting words pages and messages use for the model's codes: names, not facts."""

from __future__ import annotations

from .applicant_profile import PROFILE_FIELDS
from .codes import DEGREES, TOPICS, labels
from .messages import DEGREE_PHRASES, number

DEGREE_NAMES = {c.code: c.name for c in DEGREES}
"""A degree level as a reader says it."""

UNPAID_COUNTS = "unpaid or supervised volunteer years count too"

TOPIC_NAMES = labels(TOPICS)


SINGULAR = {"hours": "hour", "years": "year", "ratings": "rating", "families": "family"}
"""The nouns numbers count, so that one of them reads '1 year', not '1 years'."""


def counted(value: float, words: str) -> str:
    """A number and the words after it, agreeing: (1, 'clock hours of RS/C') -> '1 clock hour of RS/C'."""
    if value == 1:
        parts = words.split(" ")
        noun = next((i for i, word in enumerate(parts) if word in SINGULAR), None)
        if noun is not None:
            parts[noun] = SINGULAR[parts[noun]]
        words = " ".join(parts)
    return f"{number(value)} {words}"


def one_of(words: list[str]) -> str:
    """['IFS', 'IMHS', 'IMHM'] -> 'IFS, IMHS or IMHM'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def endorsed_as(endorsements: list[str]) -> str:
    """Whom a rating must come from: codes as 'someone endorsed as IFS, IMHS or IMHM', a source's
    own words ('Endorsed', 'vetted') as 'someone Endorsed or vetted'; never 'an endorsed Endorsed'."""
    if all(e.isupper() for e in endorsements):
        return f"someone endorsed as {one_of(endorsements)}"
    return f"someone {one_of(endorsements)}"


def criteria_summary(path: object) -> str:
    """One alternative path as a reader says it: 'Master's degree or higher; 2 years of ...'.

    Each criterion reads as the applicant profile words it (applicant_profile.PROFILE_FIELDS).
    """
    parts = [f"{DEGREE_NAMES[path.degree]} or higher"] if getattr(path, "degree", None) else []
    for spec in PROFILE_FIELDS:
        value = getattr(path, spec.name, None) if spec.name != "degree" else None
        if value is True:
            parts.append(spec.one)
        elif value is not None and value is not False:
            parts.append(f"{number(value)} {spec.one if value == 1 else spec.other}")
    if getattr(path, "unpaid_counts", False):
        parts.append(UNPAID_COUNTS)
    return "; ".join(parts) or getattr(path, "label", None) or getattr(path, "condition", None) or ""


def alternatives(paths: list) -> str:
    """Alternative paths as a reader says them: '... — or — ...'."""
    return " — or — ".join(criteria_summary(p) for p in paths)


def key_values(req: object) -> list[str]:
    """A facet's structured values as short phrases, for tables and the top of guide sections.

    Every number and code comes from the requirement; a field the facet does not have, or
    leaves empty, says nothing.
    """
    items: list[str] = []
    has = vars(req).get  # a model's own fields: asking a model for a field it lacks is slow

    if has("min_hours") is not None:
        items.append(f"minimum {counted(req.min_hours, 'clock hours')}")
    if has("typical_hours") is not None:
        items.append(f"typically {req.typical_hours}+ hours in successful applications")
    if has("annual_hours") is not None:
        items.append(f"{counted(req.annual_hours, 'clock hours')} per year")
    for topic in has("topics") or ():
        recommended = " (recommended)" if topic.status == "recommended" else ""
        since = f" from {topic.effective_from.year}" if topic.effective_from else ""
        items.append(f"{counted(topic.hours, 'hours')} {TOPIC_NAMES[topic.topic]}{recommended}{since}")
    if has("window_max_years") is not None:
        start = f"{number(req.window_min_years)} to " if req.window_min_years else ""
        items.append(f"within {start}{number(req.window_max_years)} years" if start else f"within {counted(req.window_max_years, 'years')}")
    if has("after_degree"):
        items.append(f"after {DEGREE_PHRASES[req.after_degree]}")
    if has("about_own_rsc_hours") is not None:
        items.append(f"{counted(req.about_own_rsc_hours, 'hours')} about the RS/C the applicant provides")
    if has("providers"):
        items.append("provider endorsed as " + ", ".join(str(p.endorsement) for p in req.providers))
    if has("paths"):
        items.append(alternatives(req.paths))
    if has("transcripts"):
        items.append("official transcripts")
    if has("count") is not None:
        raters = (f", at least {req.endorsed_raters} from {endorsed_as(req.endorsed_rater_endorsements)}"
                  if req.endorsed_raters else "")
        items.append(f"{counted(req.count, 'ratings')}{raters}")
    if has("parts"):
        items.append(" and ".join(req.parts))
    if has("portfolio"):
        items.append("portfolio required")
    if has("association"):
        items.append(req.association)
    if has("min_years") is not None:
        items.append(f"minimum {counted(req.min_years, 'years')}")
    if req.effective_from:
        items.append(f"from {req.effective_from.isoformat()}")
    if req.until:
        items.append(f"until {req.until.isoformat()}")
    return items
