"""The applicant profile: the contract shared by the self-check page, `imhsite check` and saved profiles.

Each field says how it is typed, labelled and counted in messages; `parse_profile` checks a
mapping against it and names the first bad field in one line, as the page's script does.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, make_dataclass
from pathlib import Path
from typing import Any

from .codes import DEGREE_LEVELS, DEGREES, FACETS, MEASURED_FACETS, PROVIDERS, labels, phrases
from .messages import MESSAGES, fill, number
from .problems import DataError, Problem
from .yaml_reader import read_yaml


@dataclass(frozen=True)
class Experience:
    """What a years field counts: a kind of experience, paid or not, and after which degree.

    Kinds nest (`KIND_WITHIN`): a year of a narrower kind counts toward every broader one, and
    years after a higher degree count toward a requirement for years after a lower one.
    """

    kind: str
    paid: bool = True
    after: str | None = None


KIND_WITHIN = {
    "imh": "prevention",
    "prevention": "infant",
    "infant": "early_childhood",
    "rsc_provision": "practice_leader",
}
"""Each experience kind and the broader kind it is part of, as the sources treat them: infant
mental health services are a narrower case of prevention/early intervention, which is work with
infants and families, which is early-childhood work; providing RS/C is practice leadership."""


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
    experience: Experience | None = None
    """For years of experience: what they count, so narrower answers count toward broader needs."""
    degrees: tuple[str, ...] = ()
    """For a flag: highest credentials that imply it (a CDA holder holds a CDA)."""

    @property
    def default(self) -> Any:
        return {"number": 0, "whole": 0, "flag": False}.get(self.kind, "none")

    @property
    def what(self) -> str:
        """The field as a plain-language subject of an error message."""
        words = self.other or self.label
        return words[:1].upper() + words[1:]


GROUP_EXPLANATIONS = {
    "work": "The kinds of work below nest: infant mental health services are a kind of prevention/early "
            "intervention work, which is work with infants/toddlers, which is early-childhood work. Give "
            "each question all your years of that kind, counting the narrower kinds again: a year counts "
            "toward every broader kind, and the self-check never adds one question's years to another's.",
}

GROUPS = tuple((key, labels(FACETS)[key], GROUP_EXPLANATIONS.get(key, "")) for key in MEASURED_FACETS)
"""The form's fieldsets (key, legend, what to know before answering): the measured facets, in order."""

DEGREE_CHOICES = tuple((c.code, c.label) for c in DEGREES)

PROVIDER_CHOICES = (("none", "None, or not endorsed"),) + tuple((c.code, c.label) for c in PROVIDERS)
"""Every endorsement a source names for an RS/C provider (codes.PROVIDERS), and none."""

PROVIDER_ALSO = {"IFS-master": ("IFS",)}
"""A provider code that also holds another: a Master's-prepared IFS is an IFS."""

_H = "clock hours"
_Y = "years"
_NESTS = "Count the years you give below again here."

PROFILE_FIELDS: tuple[ProfileField, ...] = (
    ProfileField(
        "degree", "education", "choice", "Highest degree or credential earned",
        "highest credential earned: none, cda, associate, bachelor, master, doctorate",
        "A requirement for one degree is met by any degree above it.",
        choices=DEGREE_CHOICES,
    ),
    ProfileField(
        "cda_credential", "education", "flag", "I hold a Child Development Associate (CDA) credential",
        "true when the applicant holds a CDA credential (implied by degree: cda)",
        "Tick it even when your highest degree is above a CDA.",
        one=phrases(DEGREES)["cda"], degrees=("cda",),
    ),
    ProfileField(
        "coursework", "education", "flag", "I have completed academic (college) coursework",
        "true when the applicant has college credits, with or without a degree (implied by any degree)",
        "Any college credits count, with or without a degree.",
        one="academic coursework", degrees=("associate", "bachelor", "master", "doctorate"),
    ),
    ProfileField(
        "imh_degree", "education", "flag", "My degree is specific to my professional focus in infant mental health",
        "true when the applicant's degree is specific to their professional focus in infant mental health",
        "Some associations accept such a degree besides the ones they list; they decide whether yours counts.",
        one="a degree specific to your professional focus in infant mental health",
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
        "clock hours of reflective supervision/consultation (RS/C) received",
        "Clock hours of relationship-based reflective supervision/consultation received, individually "
        "or in a group. The time frame each association counts is listed with its results.",
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
        "early_childhood_work_years", "work", "number", "Paid work with infants, young children and their families",
        "years of paid infant, early-childhood and family-related professional work (every kind below included)",
        "Every year of paid infant, early childhood and family-related work. " + _NESTS,
        _Y, "year of paid early childhood work", "years of paid early childhood work",
        experience=Experience("early_childhood"),
    ),
    ProfileField(
        "infant_work_years", "work", "number", "Paid work with infants/toddlers (birth to 36 months)",
        "years of paid work with infants/toddlers (birth to 36 months) and their families",
        "Years of paid work experience with infants/toddlers (birth to 36 months) and their families. " + _NESTS,
        _Y, "year of paid work with infants/toddlers", "years of paid work with infants/toddlers",
        experience=Experience("infant"),
    ),
    ProfileField(
        "prevention_work_total_years", "work", "number", "Paid prevention / early intervention work",
        "years of paid prevention / early-intervention work promoting infant mental health, before or after any degree",
        "Years of paid, professional work providing prevention and/or early intervention services that "
        "promote infant mental health, whenever they were. " + _NESTS,
        _Y, "year of paid prevention/early intervention work", "years of paid prevention/early intervention work",
        experience=Experience("prevention"),
    ),
    ProfileField(
        "prevention_work_years", "work", "number", "Prevention / early intervention work after a Bachelor's degree",
        "years of paid, post-bachelor's prevention / early-intervention work promoting infant mental health",
        "Of the years above: those after you earned a Bachelor's degree. " + _NESTS,
        _Y, "year of post-Bachelor's prevention/early intervention work",
        "years of post-Bachelor's prevention/early intervention work",
        experience=Experience("prevention", after="bachelor"),
    ),
    ProfileField(
        "imh_work_years", "work", "number", "Infant mental health services (paid)",
        "years of post-graduate, supervised, paid infant mental health services with infant and parent together",
        "Years of post-graduate, supervised, paid infant mental health services with both the "
        "infant/toddler and the parent(s), on behalf of the parent-infant relationship.",
        _Y, "year of infant mental health work", "years of infant mental health work",
        experience=Experience("imh", after="master"),
    ),
    ProfileField(
        "unpaid_imh_work_years", "work", "number", "Infant mental health services (unpaid)",
        "years of post-graduate, supervised, unpaid infant mental health services with infant and parent together",
        "The same services as above, but unpaid. Some associations do not ask for paid work.",
        _Y, "year of unpaid infant mental health work", "years of unpaid infant mental health work",
        experience=Experience("imh", paid=False, after="master"),
    ),
    ProfileField(
        "volunteer_infant_work_years", "work", "number", "Supervised volunteer work with infants/toddlers",
        "years of supervised volunteer work with infants/toddlers (birth to 36 months) and families that included specialized training",
        "Supervised volunteer experience with infants/toddlers (birth to 36 months) and families that "
        "included specialized training (e.g. court-appointed special advocate, Child Life Specialist).",
        _Y, "year of supervised volunteer work with infants/toddlers",
        "years of supervised volunteer work with infants/toddlers",
        experience=Experience("infant", paid=False),
    ),
    ProfileField(
        "imh_internship_years", "work", "number", "Graduate internship in infant mental health",
        "years of supervised graduate internship in infant mental health practice",
        "Years of supervised graduate internship with direct infant mental health practice experience.",
        _Y, "year of graduate internship", "years of graduate internship",
        experience=Experience("internship"),
    ),
    ProfileField(
        "families_served", "work", "whole", "Families served",
        "number of families served where an infant/toddler was the target of services",
        "Families you have served where the target of services is an infant/toddler.",
        "families", "family served", "families served",
    ),
    ProfileField(
        "supervised_staff", "work", "flag", "I have supervised staff who serve infants/toddlers and their families",
        "true when the applicant has supervised staff whose target of services is an infant/toddler (birth to 36 months)",
        "Staff whose target of services is an infant/toddler (birth to 36 months).",
        one="supervised staff who serve infants/toddlers and their families",
    ),
    ProfileField(
        "practice_leader_years", "leadership", "number", "Practice leader in infant mental health",
        "post-graduate years as a practice leader in infant mental health (supervisor, trainer or consultant)",
        "Post-graduate years as an infant mental health supervisor, trainer or consultant. "
        "Count the years providing RS/C below again here.",
        _Y, "year as a practice leader", "years as a practice leader",
        experience=Experience("practice_leader", after="master"),
    ),
    ProfileField(
        "rsc_provision_years", "leadership", "number", "Providing RS/C to others",
        "post-graduate years providing infant mental health RS/C to others",
        "Post-graduate years providing infant mental health reflective supervision/consultation "
        "(RS/C) to others, as a practice leader.",
        _Y, "year providing RS/C to others", "years providing RS/C to others",
        experience=Experience("rsc_provision", after="master"),
    ),
    ProfileField(
        "policy_leadership_years", "leadership", "number", "Leader in policy / program administration",
        "post-graduate years as a leader in policy / program administration",
        "Post-graduate years as a leader in policy and/or program administration related to the "
        "infant/family field.",
        _Y, "year as a leader in policy/program administration",
        "years as a leader in policy/program administration",
        experience=Experience("policy", after="master"),
    ),
    ProfileField(
        "faculty_leadership_years", "leadership", "number", "Leader in university teaching / research",
        "post-graduate years as a leader in university teaching and/or published research",
        "Post-graduate years as a leader in university teaching and/or published research related "
        "to the infant/family field.",
        _Y, "year as a leader in university teaching/research",
        "years as a leader in university teaching/research",
        experience=Experience("faculty", after="master"),
    ),
    ProfileField(
        "leadership_activities", "leadership", "flag", "I have leadership activities at the regional or state level",
        "true when the applicant has leadership activities at the regional or state level",
        "Some of them in addition to paid work experience.",
        one="leadership activities at the regional or state level",
    ),
)

FIELDS = {f.name: f for f in PROFILE_FIELDS}


NOT_MEASURED = frozenset({"label", "condition", "unpaid_counts"})
"""Criteria fields that say something about a path rather than ask something of the applicant."""


def unmeasurable(criteria: Any) -> list[str]:
    """The fields a criteria path sets that no profile field measures: they could never block."""
    return [name for name, value in vars(criteria).items()
            if value is not None and name not in NOT_MEASURED and name not in FIELDS]


def fields_help() -> str:
    """The profile's fields as `imhsite check --help` and the README list them."""
    lines = ["\b", "Profile fields (all optional; numbers are 0 or more, flags true or false).",
             "Kinds of work nest: give each field all its years, counting narrower kinds again.", "", "\b"]
    for spec in PROFILE_FIELDS:
        lines.append(f"  {spec.name}: {spec.meaning}")
    return "\n".join(lines)


def within(kind: str, broader: str) -> bool:
    """Whether experience of `kind` counts toward `broader` (itself, or a kind it nests in)."""
    while kind != broader:
        if kind not in KIND_WITHIN:
            return False
        kind = KIND_WITHIN[kind]
    return True


def counting_fields(name: str, unpaid_counts: bool = False) -> list[list[str]]:
    """The profile fields whose answers measure the years `name` asks for, in groups.

    The years of a group overlap (a narrower answer repeats a broader one's years), so a group
    counts its largest answer; paid and unpaid years never overlap, so the groups add up.
    """
    need = FIELDS[name].experience
    if need is None:
        return [[name]]
    groups = []
    for paid in (True, False) if unpaid_counts else (True,):
        group = [
            f.name for f in PROFILE_FIELDS
            if f.experience and f.experience.paid == paid and within(f.experience.kind, need.kind)
            and _after_at_least(f.experience.after, need.after)
        ]
        if group:
            groups.append(group)
    return groups


def _after_at_least(after: str | None, needed: str | None) -> bool:
    if needed is None:
        return True
    return after is not None and DEGREE_LEVELS.index(after) >= DEGREE_LEVELS.index(needed)


class ProfileError(ValueError):
    """A profile that cannot be evaluated; the message is one line naming the field."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


_TYPES = {"number": float, "whole": int, "choice": str, "flag": bool}

Profile = make_dataclass(
    "Profile",
    [(f.name, _TYPES[f.kind], field(default=f.default)) for f in PROFILE_FIELDS],
    frozen=True,
    namespace={
        "__doc__": "An applicant's profile; a missing number is 0, a missing flag false, a missing choice 'none'.",
        "as_dict": lambda self: asdict(self),
    },
)


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
                "field": _shown(key), "expected": ", ".join(FIELDS)}))
    values: dict[str, Any] = {}
    for spec in PROFILE_FIELDS:
        if spec.name not in mapping or mapping[spec.name] is None:
            continue
        values[spec.name] = _check_value(spec, mapping[spec.name])
    for spec in PROFILE_FIELDS:
        if spec.part_of and values.get(spec.name, 0) > values.get(spec.part_of, 0):
            raise ProfileError(spec.name, fill(MESSAGES["error_part"], {
                "what": spec.what, "whole": FIELDS[spec.part_of].other,
                "total": number(values.get(spec.part_of, 0)), "got": number(values[spec.name])}))
    return Profile(**values)


def _check_value(spec: ProfileField, value: Any) -> Any:
    got = {"what": spec.what, "got": _shown(value)}
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


PROFILE_CHECK = "profile"
"""The check ID on a profile file's problem lines."""


def read_profile(path: Path) -> Profile:
    """A profile file (JSON by its .json suffix, YAML otherwise); raise DataError with one Problem
    naming the file, line and field, as every data problem is told."""
    name = str(path)
    if not Path(path).is_file():
        raise DataError([Problem(name, 1, "", "file not found", PROFILE_CHECK)])
    if Path(path).suffix.lower() == ".json":
        try:
            text = Path(path).read_text(encoding="utf-8")
            value = json.loads(text)
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            line = err.lineno if isinstance(err, json.JSONDecodeError) else 1
            reason = err.msg if isinstance(err, json.JSONDecodeError) else "not UTF-8 text"
            raise DataError([Problem(name, line, "", f"not valid JSON: {reason}", PROFILE_CHECK)]) from None
        line_of: Callable[[str], int | None] = lambda field: _json_line(text, field)  # noqa: E731
    else:
        parsed = read_yaml(Path(path), name)
        value = parsed.value
        line_of = lambda field: parsed.line_of((field,))  # noqa: E731 - one line per field
    try:
        return parse_profile(value)
    except ProfileError as err:
        field = err.field if err.field != "profile" else ""
        raise DataError([Problem(name, line_of(err.field) or 1, field, str(err), PROFILE_CHECK)]) from None


def _json_line(text: str, field: str) -> int | None:
    """The line where a JSON profile names `field` first."""
    at = text.find(json.dumps(field))
    return text.count("\n", 0, at) + 1 if at >= 0 else None
