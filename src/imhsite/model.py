"""The canonical data model: what a requirement file may say, and nothing else.

Every type forbids unknown fields so that a typo in a data file is an error, not a
silently ignored key. Its codes and their words come from codes.py; otherwise this module
imports nothing from imhsite.
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from .codes import CATEGORY_CODES, DEGREE_LEVELS, DESIGNATIONS, HTML_TAG, PROVIDERS, STATUSES, TOPICS, codes

# --- codes -----------------------------------------------------------------

CategoryCode = Literal[CATEGORY_CODES]

COMPETENCY_GROUPS = ("IFA", "IFS", "IMHS", "IMHM")
"""The Competency Guidelines describe IMHM once for all three designations."""

CompetencyGroup = Literal[COMPETENCY_GROUPS]

StateCode = Literal[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL",
    "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
    "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD",
    "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI",
]
"""US postal codes: an association is identified by the state it serves."""

DegreeLevel = Literal[DEGREE_LEVELS]

ProviderCode = Literal[codes(PROVIDERS)]
"""Endorsements a source names as acceptable providers of reflective supervision (codes.PROVIDERS)."""


def _no_raw_html(value: str) -> str:
    """Data text is Markdown only: a tag in it would reach the page as markup."""
    tag = HTML_TAG.search(value)
    if tag:
        raise ValueError(f"raw HTML is not allowed, found {tag.group(0)[:40]!r}")
    return value


def _web_address(value: str) -> str:
    """Links from data are plain web addresses, never `javascript:` or `data:` URLs."""
    if not re.fullmatch(r"https?://[^\s<>\"']+", value):
        raise ValueError(f"expected an http:// or https:// address, got {value[:60]!r}")
    return value


SLUG_MAX_LENGTH = 60
"""Page folders stay short: a name of 300 characters would exceed what a file system allows."""


SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _folder_name(value: str) -> str:
    """A page folder is lowercase ASCII words joined by hyphens: the same on every file system."""
    if not re.fullmatch(SLUG_PATTERN, value):
        raise ValueError(f"expected lowercase ASCII letters and digits joined by single hyphens, like 'new-mexico', got {value[:60]!r}")
    return value


Slug = Annotated[str, StringConstraints(max_length=SLUG_MAX_LENGTH), AfterValidator(_folder_name),
                 Field(json_schema_extra={"pattern": SLUG_PATTERN})]

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


Status = Enum("Status", {code: code for code in codes(STATUSES)}, type=str, module=__name__)
Status.__doc__ = "How a source treats a facet; `not_published` when the source says nothing."


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

    Field names are the applicant profile's, so the self-check compares like with like; years
    of a narrower kind of experience count toward a broader one (applicant_profile.KIND_WITHIN).
    """

    label: Text | None = Field(default=None, description="Short name of this path.")
    degree: DegreeLevel | None = Field(default=None, description="At least this credential.")
    cda_credential: bool | None = Field(default=None, description="A Child Development Associate (CDA) credential, whatever the highest degree.")
    coursework: bool | None = Field(default=None, description="Academic (college) coursework, with or without a degree.")
    imh_degree: bool | None = Field(default=None, description="A degree specific to the applicant's professional focus in infant mental health.")
    early_childhood_work_years: Years | None = Field(default=None, description="Years of paid infant, early childhood and family-related work.")
    infant_work_years: Years | None = Field(default=None, description="Years of paid work with infants/toddlers and their families, at the ages the source counts.")
    prevention_work_total_years: Years | None = Field(default=None, description="Years of paid prevention/early intervention work promoting infant mental health, with or without a degree.")
    prevention_work_years: Years | None = Field(default=None, description="Years of paid, post-Bachelor's prevention/early intervention work promoting infant mental health.")
    imh_work_years: Years | None = Field(default=None, description="Years of post-graduate, supervised, paid infant mental health work with infant and parent together.")
    imh_internship_years: Years | None = Field(default=None, description="Years of supervised graduate internship in infant mental health practice.")
    practice_leader_years: Years | None = Field(default=None, description="Post-graduate years as a practice leader in infant mental health (supervisor, trainer or consultant).")
    rsc_provision_years: Years | None = Field(default=None, description="Post-graduate years providing infant mental health RS/C to others.")
    policy_leadership_years: Years | None = Field(default=None, description="Post-graduate years as a leader in policy/program administration.")
    faculty_leadership_years: Years | None = Field(default=None, description="Post-graduate years as a leader in university teaching and/or published research.")
    families_served: Count | None = Field(default=None, description="Families served where an infant/toddler was the target of services.")
    supervised_staff: bool | None = Field(default=None, description="Supervised staff whose target of services is an infant/toddler.")
    leadership_activities: bool | None = Field(default=None, description="Leadership activities at the regional or state level.")
    unpaid_counts: bool = Field(
        default=False,
        description="True when the source does not ask for paid work: unpaid or supervised volunteer "
                    "years of the same kind count too.",
    )
    condition: Text | None = Field(
        default=None, description="What the source adds that a self-check cannot verify."
    )


class PathsRequirement(Requirement):
    """A facet met by any one of several paths (`paths` are alternatives)."""

    paths: list[Criteria] = Field(default_factory=list)


class Education(PathsRequirement):
    accepted_degrees: list[Text] = Field(
        default_factory=list, description="The degrees the document accepts; a path admitting a degree level names them in its condition.")
    typical_degrees: list[Text] = Field(
        default_factory=list, description="Degrees the document says applicants typically hold: not a requirement.")
    transcripts: bool | None = Field(default=None, description="Official transcripts required.")


class TopicHours(Strict):
    """Hours of training that must be about one topic."""

    topic: Literal[codes(TOPICS)]
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
    condition: Text | None = Field(default=None, description="When the source accepts this provider, in its words.")
    applicant_degree_at_most: DegreeLevel | None = Field(
        default=None, description="Accepted only for applicants whose highest degree is at most this one.")
    until: date | None = None


class ReflectiveSupervision(Requirement):
    min_hours: Hours | None = None
    window_min_years: Years | None = None
    window_max_years: Years | None = None
    after_degree: DegreeLevel | None = Field(default=None, description="Received post-this degree.")
    providers: list[Provider] = Field(
        default_factory=list, description="Empty when the source names no endorsement."
    )
    provider_condition: Text | None = Field(
        default=None, description="What the source asks of the provider without naming an endorsement "
                                  "(e.g. 'an approved supervisor/consultant').")
    while_providing: Text | None = Field(
        default=None, description="What the applicant provides while receiving the RS/C, in the source's words "
                                  "(e.g. 'services to infants/toddlers and families').")
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
    portfolio: bool | None = Field(
        default=None, description="A portfolio documenting the competencies is required, whatever the exam's status.")


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
    slug: Slug | None = Field(
        default=None,
        description="The folder of the state's pages (/<slug>/...) when its name gives none, or one "
                    "the site or another state already uses; by default made of the name ('new-mexico').",
    )
    association: Association
    documents: list[Text] = Field(min_length=1, description="Documents this file cites.")
    last_checked: date | None = Field(
        description="When the data was last compared with its sources; null until someone has (the site may not be published so)."
    )
    who_may_apply: Statement | None = Field(
        default=None,
        description="Whom the association endorses (where they live or work), in its document's words; "
                    "leave it out when the documents do not say.",
    )
    categories: dict[CategoryCode, Category] = Field(min_length=1)


# --- competencies and glossary ----------------------------------------------

DesignationTag = Literal[codes(DESIGNATIONS)]


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
