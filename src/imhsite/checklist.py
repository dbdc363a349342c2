"""What an applicant gathers before applying, derived from one category's requirements."""

from __future__ import annotations

from .model import Category, Status
from .vocabulary import alternatives, counted


def checklist(category: Category) -> list[str]:
    """One line per document or proof the published, required facets ask for."""
    initial = category.initial
    items: list[str] = []
    education = initial.education
    if education.status is Status.required:
        degrees = ", ".join(education.accepted_degrees)
        proof = "Official transcripts" if education.transcripts else "Proof of education"
        items.append(f"{proof}" + (f" ({degrees})" if degrees else "") + (f": {alternatives(education.paths)}" if education.paths else ""))
    training = initial.training
    if training.status is Status.required and training.min_hours is not None:
        topics = "".join(f"; {counted(t.hours, 'hours')} {t.text or t.topic}" for t in training.topics)
        items.append(f"Certificates or a log of at least {counted(training.min_hours, 'clock hours')} of specialized in-service training{topics}")
    supervision = initial.reflective_supervision
    if supervision.status is Status.required and supervision.min_hours is not None:
        providers = ", ".join(p.endorsement for p in supervision.providers)
        items.append(
            f"A log of at least {counted(supervision.min_hours, 'clock hours')} of reflective supervision/consultation"
            + (f" from a provider endorsed as {providers}" if providers else "")
        )
    if initial.work.status is Status.required and initial.work.paths:
        items.append(f"A description of your work experience: {alternatives(initial.work.paths)}")
    if initial.leadership.status is Status.required:
        items.append("Evidence of leadership activities at the regional or state level")
    references = initial.references
    if references.status is Status.required:
        count = f"{references.count} " if references.count else ""
        raters = f": {'; '.join(references.raters)}" if references.raters else ""
        items.append(f"Names and contacts of your {count}reference raters{raters}")
    if initial.code_of_ethics.status is Status.required:
        items.append("The signed Code of Ethics and Endorsement Agreement")
    membership = initial.membership
    if membership.status is Status.required:
        items.append(f"Membership in {membership.association}" if membership.association else "Association membership")
    exam = initial.exam
    if exam.portfolio:
        items.append("A portfolio documenting your competencies")
    if exam.status is Status.required:
        parts = f" ({' and '.join(exam.parts)})" if exam.parts else ""
        items.append(f"Preparation for the written exam{parts}")
    return items
