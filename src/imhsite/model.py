"""The canonical data model: what a requirement file may say, and nothing else.

Every type forbids unknown fields so that a typo in a data file is an error, not a
silently ignored key. This module imports nothing from imhsite.
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

# --- codes -----------------------------------------------------------------

CATEGORY_CODES = ("IFA", "IFS", "IFRS", "IMHS", "IMHM-C", "IMHM-P", "IMHM-R/F")
"""Endorsement categories, in the order of the career path they describe."""

CategoryCode = Literal["IFA", "IFS", "IFRS", "IMHS", "IMHM-C", "IMHM-P", "IMHM-R/F"]

COMPETENCY_GROUPS = ("IFA", "IFS", "IMHS", "IMHM")
"""The Competency Guidelines describe IMHM once for all three designations."""

CompetencyGroup = Literal["IFA", "IFS", "IMHS", "IMHM"]

StateCode = Literal[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL",
    "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
    "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD",
    "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI",
]
"""US postal codes: an association is identified by the state it serves."""

DEGREE_LEVELS = ("none", "cda", "associate", "bachelor", "master", "doctorate")
"""Credentials from lowest to highest; a requirement for one is met by any above it."""

DegreeLevel = Literal["none", "cda", "associate", "bachelor", "master", "doctorate"]

ProviderCode = Literal[
    "IFS", "IFS-master", "IFRS", "IMHS", "IMHM-C", "ECMHS", "ECMHM-C", "ERS", "vetted"
]
"""Endorsements a source names as acceptable providers of reflective supervision.

`IFS-master` is a Master's-prepared IFS (Oregon's fallback provider for IFS applicants);
`ERS` an Endorsed Reflective Supervisor (North Carolina's term).
"""

_HTML_TAG = re.compile(r"</?[A-Za-z!?][^>\s]*")


def _no_raw_html(value: str) -> str:
    """Data text is Markdown only: a tag in it would reach the page as markup."""
    tag = _HTML_TAG.search(value)
    if tag:
        raise ValueError(f"raw HTML is not allowed, found {tag.group(0)[:40]!r}")
    return value


def _web_address(value: str) -> str:
    """Links from data are plain web addresses, never `javascript:` or `data:` URLs."""
    if not re.fullmatch(r"https?://[^\s<>\"']+", value):
        raise ValueError(f"expected an http:// or https:// address, got {value[:60]!r}")
    return value


MAX_HOURS = 10_000
MAX_YEARS = 50
MAX_COUNT = 1_000
"""Bounds no real requirement comes near: a larger value is a typo, or an attack on the pages
and the self-check's JSON (which has no infinity)."""

Hours = Annotated[int, Field(ge=0, le=MAX_HOURS)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Years = Annotated[float, Field(ge=0, le=MAX_YEARS, allow_inf_nan=False)]
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_no_raw_html)
]
Name = Annotated[Text, StringConstraints(max_length=300)]
"""A name or title: it becomes a heading, a link label and sometimes a folder name."""


class Status(str, Enum):
    """How a source treats a facet; `not_published` when the source says nothing."""

    required = "required"
    recommended = "recommended"
    optional = "optional"
    not_required = "not_required"
    not_published = "not_published"


class Strict(BaseModel):
    """Base for every data type: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- sources -----------------------------------------------------------------


class Source(Strict):
    """Where a fact was read: a known document, its section, and a verbatim quote."""

    doc: Text = Field(description="File name of a document listed in data/sources.yaml.")
    section: Text = Field(description="The heading or table row the fact sits under.")
    quote: Text | None = Field(
        default=None,
        description="A short passage copied from the document (whitespace may differ).",
    )


class Document(Strict):
    """A published requirement document, as listed in data/sources.yaml."""

    file: Name
    title: Name
    association: Name
    edition: Text | None = Field(default=None, description="Edition as the document names it.")
    as_of: date | None = Field(default=None, description="Date the document states, if any.")
    url: Annotated[Text, AfterValidator(_web_address)] | None = None
    supersedes: Text | None = Field(
        default=None, description="File name of the earlier edition this document replaces."
    )
    copyright: Text | None = None


class SourceRegistry(Strict):
    """data/sources.yaml: the only documents a fact may cite."""

    documents: list[Document]


# --- requirement facets ------------------------------------------------------


class Requirement(Strict):
    """One facet of a category's requirements: status, reader's text and its source.

    `text` is Markdown, faithful to the source; `source` is required unless the
    facet is `not_published`.
    """

    status: Status = Field(default=Status.not_published, description="How the source treats it; not_published when it says nothing.")
    text: Text | None = Field(default=None, description="The source's words, as Markdown (no HTML).")
    source: Source | None = Field(default=None, description="Where the text and values were read.")
    effective_from: date | None = Field(default=None, description="First day the rule applies, if the source dates it.")
    until: date | None = Field(default=None, description="Last day the rule applies, if the source dates it.")


class Criteria(Strict):
    """One way to satisfy a facet: every value given must be met (all of them).

    Field names are the applicant profile's, so the self-check compares like with like.
    """

    label: Text | None = Field(default=None, description="Short name of this path.")
    degree: DegreeLevel | None = Field(default=None, description="At least this credential.")
    infant_work_years: Years | None = Field(default=None, description="Years of paid work with infants/toddlers (birth to 36 months) and their families.")
    prevention_work_years: Years | None = Field(default=None, description="Years of paid, post-Bachelor's prevention/early intervention work promoting infant mental health.")
    imh_work_years: Years | None = Field(default=None, description="Years of post-graduate, supervised, paid infant mental health work with infant and parent together.")
    imh_internship_years: Years | None = Field(default=None, description="Years of supervised graduate internship in infant mental health practice.")
    rsc_provision_years: Years | None = Field(default=None, description="Post-graduate years providing infant mental health RS/C to others.")
    policy_leadership_years: Years | None = Field(default=None, description="Post-graduate years as a leader in policy/program administration.")
    faculty_leadership_years: Years | None = Field(default=None, description="Post-graduate years as a leader in university teaching and/or published research.")
    families_served: Count | None = Field(default=None, description="Families served where an infant/toddler was the target of services.")
    leadership_activities: bool | None = Field(default=None, description="Leadership activities at the regional or state level.")
    condition: Text | None = Field(
        default=None, description="What the source adds that a self-check cannot verify."
    )


class PathsRequirement(Requirement):
    """A facet met by any one of several paths (`paths` are alternatives)."""

    paths: list[Criteria] = Field(default_factory=list)


class Education(PathsRequirement):
    accepted_degrees: list[Text] = Field(default_factory=list)
    transcripts: bool | None = Field(default=None, description="Official transcripts required.")


class TopicHours(Strict):
    """Hours of training that must be about one topic."""

    topic: Literal["rsc", "dei", "imh"]
    hours: Hours
    status: Literal["required", "recommended"] = "required"
    text: Text | None = None
    condition: Text | None = None
    effective_from: date | None = None


class Training(Requirement):
    min_hours: Hours | None = None
    typical_hours: Hours | None = Field(
        default=None, description="Hours that successful applications typically include."
    )
    topics: list[TopicHours] = Field(default_factory=list)


class Provider(Strict):
    """An endorsement whose holder may provide the applicant's RS/C."""

    endorsement: ProviderCode
    condition: Text | None = None
    until: date | None = None


class ReflectiveSupervision(Requirement):
    min_hours: Hours | None = None
    window_min_years: Years | None = None
    window_max_years: Years | None = None
    after_degree: DegreeLevel | None = Field(default=None, description="Received post-this degree.")
    providers: list[Provider] = Field(
        default_factory=list, description="Empty when the source names no endorsement."
    )
    about_own_rsc_hours: Hours | None = Field(
        default=None, description="Hours about the RS/C the applicant provides to others."
    )


class Work(PathsRequirement):
    pass


class Leadership(PathsRequirement):
    min_years: Years | None = None


class ReferenceRatings(Requirement):
    count: Count | None = None
    raters: list[Text] = Field(default_factory=list)
    endorsed_raters: Count | None = Field(
        default=None, description="How many ratings must come from an endorsed professional."
    )
    endorsed_rater_endorsements: list[Text] = Field(default_factory=list)


class Exam(Requirement):
    parts: list[Text] = Field(default_factory=list)


class Membership(Requirement):
    association: Text | None = None


class Footnote(Strict):
    mark: Text
    text: Text
    source: Source


class InitialRequirements(Strict):
    """What an applicant needs to earn the endorsement."""

    scope: Requirement = Requirement()
    education: Education = Education()
    training: Training = Training()
    reflective_supervision: ReflectiveSupervision = ReflectiveSupervision()
    work: Work = Work()
    leadership: Leadership = Leadership()
    references: ReferenceRatings = ReferenceRatings()
    code_of_ethics: Requirement = Requirement()
    exam: Exam = Exam()
    membership: Membership = Membership()


class RenewalTraining(Requirement):
    annual_hours: Hours | None = None
    topics: list[TopicHours] = Field(default_factory=list)


class RenewalSupervision(Requirement):
    annual_hours: Hours | None = None


class RenewalRequirements(Strict):
    """What an endorsed professional needs each year to keep the endorsement."""

    training: RenewalTraining = RenewalTraining()
    reflective_supervision: RenewalSupervision = RenewalSupervision()
    membership: Requirement = Requirement()


class Category(Strict):
    """One endorsement category as one association publishes it."""

    name: Name
    aliases: list[Text] = Field(default_factory=list, description="Older names, e.g. 'Level I'.")
    initial: InitialRequirements = InitialRequirements()
    renewal: RenewalRequirements = RenewalRequirements()
    footnotes: list[Footnote] = Field(default_factory=list)


class Statement(Strict):
    """A passage a page shows as it stands, with its source."""

    text: Text
    source: Source


class Association(Strict):
    name: Name
    abbreviation: Name | None = None
    contact: Name | None = None
    source: Source


class StateData(Strict):
    """One association's requirements: a file data/requirements/<code>.yaml."""

    state: StateCode
    name: Name = Field(description="The state's name, e.g. 'Virginia'.")
    association: Association
    documents: list[Text] = Field(min_length=1, description="Documents this file cites.")
    last_checked: date = Field(description="When the data was last compared with its sources.")
    who_may_apply: Statement | None = Field(
        default=None,
        description="Whom the association endorses (where they live or work), in its document's words; "
                    "leave it out when the documents do not say.",
    )
    categories: dict[CategoryCode, Category] = Field(min_length=1)


# --- competencies and glossary ----------------------------------------------

DesignationTag = Literal["A", "C", "P", "R/F"]


class CompetencyItem(Strict):
    text: Text
    tags: list[DesignationTag] = Field(default_factory=list)
    items: list[CompetencyItem] = Field(default_factory=list)


class ItemGroup(Strict):
    """A run of "as demonstrated by" items under one lead-in line (or none)."""

    lead: Text | None = None
    tags: list[DesignationTag] = Field(default_factory=list)
    items: list[CompetencyItem]


class Domain(Strict):
    number: int = Field(ge=1, le=MAX_COUNT)
    name: Name
    knowledge_areas: list[Text] = Field(default_factory=list)
    skill_areas: list[Text] = Field(default_factory=list)
    demonstrated_by: list[ItemGroup] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)


class CompetencySet(Strict):
    name: Name
    domains: list[Domain] = Field(min_length=1)


class CompetencyGuidelines(Strict):
    """data/competencies.yaml: the Competency Guidelines, per category group."""

    source: Source
    categories: dict[CompetencyGroup, CompetencySet]


class GlossaryTerm(Strict):
    term: Name
    definition: Text
    source: Source


class Abbreviation(Strict):
    abbreviation: Name
    meaning: Text
    source: Source


class Glossary(Strict):
    """data/glossary.yaml: terms and the abbreviations shown as tooltips."""

    terms: list[GlossaryTerm]
    abbreviations: list[Abbreviation] = Field(default_factory=list)


# --- overview ----------------------------------------------------------------


class CategoryInfo(Strict):
    """How a category fits the career path, as a source describes it."""

    name: Name
    focus: Name = Field(description="The scope of practice it fits, e.g. 'promotion'.")
    source: Source


class Overview(Strict):
    """data/overview.yaml: what endorsement is and how the categories relate."""

    endorsement: list[Statement] = Field(min_length=1)
    categories: dict[CategoryCode, CategoryInfo]
