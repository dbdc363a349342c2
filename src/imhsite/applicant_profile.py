"""The applicant profile: the contract shared by the self-check page, `imhsite check` and saved profiles.

Each field says how it is typed, labelled and counted in messages; `parse_profile` checks a
mapping against it and names the first bad field in one line, as the page's script does.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields as dataclass_fields
from pathlib import Path
from typing import Any

from .messages import MESSAGES, fill, number
from .problems import DataError
from .yaml_reader import read_yaml


@dataclass(frozen=True)
class ProfileField:
    """One field of the applicant profile: how it is typed, labelled and counted in messages."""

    name: str
    group: str
    kind: str  # "number" (>= 0), "whole" (integer >= 0), "choice" or "flag"
    label: str
    meaning: str
    help: str
    unit: str = ""
    one: str = ""
    """How one unit reads after a number in a message: '1 more training hour'."""
    other: str = ""
    """How other amounts read: '18 more training hours'."""
    choices: tuple[tuple[str, str], ...] = ()
    part_of: str | None = None
    """The field this one is a part of: it can never exceed it."""

    @property
    def default(self) -> Any:
        return {"number": 0, "whole": 0, "flag": False}.get(self.kind, "none")


GROUPS = (
    ("education", "Education"),
    ("training", "In-service training"),
    ("reflective_supervision", "Reflective supervision/consultation (RS/C)"),
    ("work", "Specialized work experience"),
    ("leadership", "Leadership"),
)
"""The form's fieldsets, in the order the requirement documents list the facets."""

DEGREE_CHOICES = (
    ("none", "None of these"),
    ("cda", "Child Development Associate (CDA) credential"),
    ("associate", "Associate's degree (AD)"),
    ("bachelor", "Bachelor's degree (BA, BS, BSW, BSN)"),
    ("master", "Master's degree (MA, MS, MEd, MSW, MSN)"),
    ("doctorate", "Doctorate (PhD, PsyD, EdD, MD, DO)"),
)

PROVIDER_CHOICES = (
    ("none", "None, or not endorsed"),
    ("IFS", "IFS"),
    ("IFS-master", "IFS, Master's prepared"),
    ("IFRS", "IFRS"),
    ("IMHS", "IMHS"),
    ("IMHM-C", "IMHM-C (Clinical)"),
    ("ECMHS", "ECMHS"),
    ("ECMHM-C", "ECMHM-C (Clinical)"),
    ("ERS", "ERS (Endorsed Reflective Supervisor)"),
    ("vetted", "“Vetted” by the association"),
)
"""Every endorsement a source names for an RS/C provider (model.ProviderCode), and none."""

PROVIDER_ALSO = {"IFS-master": ("IFS",)}
"""A provider code that also holds another: a Master's-prepared IFS is an IFS."""

PROVIDER_LABELS = {"vetted": "someone “vetted” as such", "IFS-master": "IFS (Master's prepared)"}
"""How a provider code reads after 'endorsed as'; the code itself when not listed."""

_H = "clock hours"
_Y = "years"

PROFILE_FIELDS: tuple[ProfileField, ...] = (
    ProfileField(
        "degree", "education", "choice", "Highest degree or credential earned",
        "highest credential earned: none, cda, associate, bachelor, master, doctorate",
        "A requirement for one degree is met by any degree above it.",
        choices=DEGREE_CHOICES,
    ),
    ProfileField(
        "training_hours", "training", "number", "Specialized in-service training, all topics",
        "clock hours of relationship-based, specialized in-service training (all topics)",
        "Clock hours of relationship-based education and training promoting social-emotional "
        "development and infant mental health.",
        _H, "training hour", "training hours",
    ),
    ProfileField(
        "rsc_training_hours", "training", "number", "of which about providing RS/C",
        "of training_hours: hours of training about providing reflective supervision/consultation",
        "Of the hours above: training specific to the provision of reflective "
        "supervision/consultation (RS/C).",
        _H, "hour of training about providing RS/C", "hours of training about providing RS/C",
        part_of="training_hours",
    ),
    ProfileField(
        "dei_training_hours", "training", "number", "of which about diversity, equity and inclusion",
        "of training_hours: hours about diversity, equity and inclusion",
        "Of the hours above: training specific to diversity, equity, and inclusion in IMH.",
        _H, "hour of training about diversity, equity and inclusion",
        "hours of training about diversity, equity and inclusion",
        part_of="training_hours",
    ),
    ProfileField(
        "rsc_hours", "reflective_supervision", "number", "RS/C received",
        "clock hours of reflective supervision/consultation (RS/C) received within the last 1-2 years",
        "Clock hours of relationship-based reflective supervision/consultation received, "
        "individually or in a group, within a 1-to-2-year timeframe.",
        _H, "RS/C hour", "RS/C hours",
    ),
    ProfileField(
        "rsc_provider", "reflective_supervision", "choice", "Endorsement of your RS/C provider",
        "endorsement held by whoever provided that RS/C",
        "The Endorsement your provider of reflective supervision/consultation has earned/maintained.",
        choices=PROVIDER_CHOICES,
    ),
    ProfileField(
        "rsc_about_own_rsc_hours", "reflective_supervision", "number",
        "of which about the RS/C you provide",
        "of rsc_hours: hours received about the RS/C the applicant provides to others",
        "Of the RS/C hours above: hours about the RS/C that you provide to others.",
        _H, "RS/C hour about the RS/C you provide to others",
        "RS/C hours about the RS/C you provide to others",
        part_of="rsc_hours",
    ),
    ProfileField(
        "infant_work_years", "work", "number", "Paid work with infants/toddlers",
        "years of paid work with infants/toddlers (birth to 36 months) and their families",
        "Years of paid work experience with infants/toddlers (birth to 36 months) and their families.",
        _Y, "year of paid work with infants/toddlers", "years of paid work with infants/toddlers",
    ),
    ProfileField(
        "prevention_work_years", "work", "number", "Prevention / early intervention work",
        "years of paid, post-bachelor's prevention / early-intervention work promoting infant mental health",
        "Years of paid, post-Bachelor's, professional work providing prevention and/or early "
        "intervention services that promote infant mental health.",
        _Y, "year of prevention/early intervention work", "years of prevention/early intervention work",
    ),
    ProfileField(
        "families_served", "work", "whole", "Families served",
        "number of families served where an infant/toddler was the target of services",
        "Families you have served where the target of services is an infant/toddler.",
        "families", "family served", "families served",
    ),
    ProfileField(
        "imh_work_years", "work", "number", "Infant mental health work",
        "years of post-graduate, supervised, paid infant mental health services with infant and parent together",
        "Years of post-graduate, supervised, paid infant mental health services with both the "
        "infant/toddler and the parent(s), on behalf of the parent-infant relationship.",
        _Y, "year of infant mental health work", "years of infant mental health work",
    ),
    ProfileField(
        "imh_internship_years", "work", "number", "Graduate internship in infant mental health",
        "years of supervised graduate internship in infant mental health practice",
        "Years of supervised graduate internship with direct infant mental health practice experience.",
        _Y, "year of graduate internship", "years of graduate internship",
    ),
    ProfileField(
        "rsc_provision_years", "work", "number", "Providing RS/C to others",
        "post-graduate years providing infant mental health RS/C to others",
        "Post-graduate years providing infant mental health reflective supervision/consultation "
        "(RS/C) to others, as a practice leader.",
        _Y, "year providing RS/C to others", "years providing RS/C to others",
    ),
    ProfileField(
        "policy_leadership_years", "leadership", "number", "Leader in policy / program administration",
        "post-graduate years as a leader in policy / program administration",
        "Post-graduate years as a leader in policy and/or program administration related to the "
        "infant/family field.",
        _Y, "year as a leader in policy/program administration",
        "years as a leader in policy/program administration",
    ),
    ProfileField(
        "faculty_leadership_years", "leadership", "number", "Leader in university teaching / research",
        "post-graduate years as a leader in university teaching and/or published research",
        "Post-graduate years as a leader in university teaching and/or published research related "
        "to the infant/family field.",
        _Y, "year as a leader in university teaching/research",
        "years as a leader in university teaching/research",
    ),
    ProfileField(
        "leadership_activities", "leadership", "flag", "I have leadership activities at the regional or state level",
        "true when the applicant has leadership activities at the regional or state level",
        "Some of them in addition to paid work experience.",
        one="leadership activities at the regional or state level",
    ),
)

FIELDS = {f.name: f for f in PROFILE_FIELDS}


class ProfileError(ValueError):
    """A profile that cannot be evaluated; the message is one line naming the field."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


@dataclass(frozen=True)
class Profile:
    """An applicant's profile; a missing number is 0, a missing flag false, a missing choice 'none'."""

    degree: str = "none"
    training_hours: float = 0
    rsc_training_hours: float = 0
    dei_training_hours: float = 0
    rsc_hours: float = 0
    rsc_provider: str = "none"
    rsc_about_own_rsc_hours: float = 0
    infant_work_years: float = 0
    prevention_work_years: float = 0
    families_served: int = 0
    imh_work_years: float = 0
    imh_internship_years: float = 0
    rsc_provision_years: float = 0
    policy_leadership_years: float = 0
    faculty_leadership_years: float = 0
    leadership_activities: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclass_fields(self)}


def _shown(value: Any) -> str:
    """A rejected value as both evaluators quote it."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if math.isfinite(value):
            return number(value)
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        return json.dumps(str(value), ensure_ascii=False)


def parse_profile(mapping: Any) -> Profile:
    """Check a profile mapping against the contract; raise ProfileError naming the first bad field."""
    if not isinstance(mapping, Mapping):
        raise ProfileError("profile", fill(MESSAGES["error_mapping"], {"got": _shown(mapping)}))
    for key in mapping:
        if key not in FIELDS:
            raise ProfileError(str(key), fill(MESSAGES["error_unknown"], {
                "field": key, "expected": ", ".join(FIELDS)}))
    values: dict[str, Any] = {}
    for spec in PROFILE_FIELDS:
        if spec.name not in mapping or mapping[spec.name] is None:
            continue
        values[spec.name] = _check_value(spec, mapping[spec.name])
    for spec in PROFILE_FIELDS:
        if spec.part_of and values.get(spec.name, 0) > values.get(spec.part_of, 0):
            raise ProfileError(spec.name, fill(MESSAGES["error_part"], {
                "field": spec.name, "whole": spec.part_of,
                "total": number(values.get(spec.part_of, 0)), "got": number(values[spec.name])}))
    return Profile(**values)


def _check_value(spec: ProfileField, value: Any) -> Any:
    got = {"field": spec.name, "got": _shown(value)}
    if spec.kind in ("number", "whole"):
        is_number = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        if spec.kind == "number" and (not is_number or value < 0):
            raise ProfileError(spec.name, fill(MESSAGES["error_number"], got))
        if spec.kind == "whole" and (not is_number or value < 0 or value != int(value)):
            raise ProfileError(spec.name, fill(MESSAGES["error_whole"], got))
        return int(value) if spec.kind == "whole" else value
    if spec.kind == "flag":
        if not isinstance(value, bool):
            raise ProfileError(spec.name, fill(MESSAGES["error_flag"], got))
        return value
    codes = [code for code, _ in spec.choices]
    if value not in codes:
        raise ProfileError(spec.name, fill(MESSAGES["error_choice"], {**got, "expected": ", ".join(codes)}))
    return value


def read_profile(path: Path) -> Profile:
    """A profile file (JSON by its .json suffix, YAML otherwise); errors name file, line and field."""
    name = str(path)
    if not Path(path).is_file():
        raise ProfileError("profile", f"{name}: file not found")
    lines: Callable[[str], int | None] = lambda field: None
    if Path(path).suffix.lower() == ".json":
        try:
            value = json.loads(Path(path).read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            where = f":{err.lineno}" if isinstance(err, json.JSONDecodeError) else ""
            reason = err.msg if isinstance(err, json.JSONDecodeError) else "not UTF-8 text"
            raise ProfileError("profile", f"{name}{where}: not valid JSON: {reason}") from None
    else:
        try:
            parsed = read_yaml(Path(path), name)
        except DataError as err:
            raise ProfileError("profile", str(err.problems[0])) from None
        value = parsed.value
        lines = lambda field: parsed.line_of((field,))  # noqa: E731 - one line per field
    try:
        return parse_profile(value)
    except ProfileError as err:
        line = lines(err.field)
        raise ProfileError(err.field, f"{name}{f':{line}' if line else ''}: {err}") from None
