"""The applicant profile: the contract shared by the self-check page, `imhsite check` and saved profiles.

Each field (profile_fields.yaml) says how it is typed, labelled and counted in messages;
`parse_profile` checks a mapping against it and names the first bad field in one line, as the
page's script does.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, make_dataclass
from pathlib import Path
from typing import Any

import yaml

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
    unpaid_one: str = ""
    """How one unit reads where unpaid years count too, when `one` says 'paid'."""
    unpaid_other: str = ""
    """How other amounts read there."""
    choices: tuple[tuple[str, str], ...] = ()
    part_of: str | None = None
    """The field this one is a part of: it can never exceed it."""
    experience: Experience | None = None
    """For years of experience: what they count, so narrower answers count toward broader needs."""
    degrees: tuple[str, ...] = ()
    """For a flag: highest credentials that imply it (a CDA holder holds a CDA)."""
    needs_degree: str | None = None
    """For a flag: the lowest degree it presupposes (a degree specific to IMH is a degree)."""

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

CHOICES = {"degrees": DEGREE_CHOICES, "providers": PROVIDER_CHOICES}
"""The choices a `choice` field of profile_fields.yaml names."""


def _profile_field(name: str, entry: dict[str, Any]) -> ProfileField:
    """One entry of profile_fields.yaml as a field: its choices, experience and degrees resolved."""
    entry = dict(entry)
    if "choices" in entry:
        entry["choices"] = CHOICES[entry["choices"]]
    if "experience" in entry:
        entry["experience"] = Experience(**entry["experience"])
    entry["degrees"] = tuple(entry.get("degrees", ()))
    if entry["kind"] == "flag" and "one" not in entry and len(entry["degrees"]) == 1:
        entry["one"] = phrases(DEGREES)[entry["degrees"][0]]  # as codes.py says the degree
    return ProfileField(name, **entry)


PROFILE_FIELDS: tuple[ProfileField, ...] = tuple(
    _profile_field(name, entry)
    for name, entry in yaml.safe_load((Path(__file__).parent / "profile_fields.yaml").read_text(encoding="utf-8")).items()
)
"""The fields in the form's order; their words are data (profile_fields.yaml), written once there."""

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
