"""The employer's offers: create, edit, submit for review, close and mark filled.

Lifecycle (see docs/employers.md): draft -> submitted -> (coach) published | changes_requested | rejected;
changes_requested -> submitted again; published -> closed | filled. Editing the substance of a published offer
sends it back to review (submitted); changing only its application deadline keeps it published.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from matchmaker.core import audit
from matchmaker.core.errors import Conflict, Forbidden, ValidationError
from matchmaker.models import (
    ContractCommitment,
    ContractStatus,
    Locale,
    Municipality,
    Offer,
    OfferKind,
    OfferStatus,
    Organization,
    Role,
    StudyProgram,
    User,
    utcnow,
)
from matchmaker.services.contracts import alerts
from matchmaker.services.offers import events
from matchmaker.services.offers.queries import get_offer_for, organization_id_of
from matchmaker.services.offers.skills import parse_skills  # noqa: F401  (callers split skills through here)

MAX_SKILLS = 30
MAX_SKILL_LENGTH = 60

# Fields whose change on a published offer needs a coach's review again. The deadline is not among them:
# prolonging or shortening the application time does not change what is offered.
SUBSTANCE_FIELDS = (
    "kind", "title", "description", "skills", "program_slugs", "municipality_id", "remote", "language",
    "period_start", "period_end", "places", "commitment_id",
)
_LIVE = (OfferStatus.DRAFT, OfferStatus.SUBMITTED, OfferStatus.CHANGES_REQUESTED, OfferStatus.PUBLISHED)
EDITABLE_STATUSES = frozenset(_LIVE)
SUBMITTABLE_STATUSES = frozenset({OfferStatus.DRAFT, OfferStatus.CHANGES_REQUESTED})
CLOSABLE_STATUSES = frozenset(_LIVE)
FILLABLE_STATUSES = frozenset({OfferStatus.PUBLISHED, OfferStatus.CLOSED})


@dataclass
class OfferInput:
    """Everything an employer fills in about an offer (already type-converted by the form)."""

    kind: str = ""
    title: str = ""
    description: str = ""
    skills: list[str] = field(default_factory=list)
    program_slugs: list[str] = field(default_factory=list)
    municipality_id: int | None = None
    remote: bool = False
    language: str = Locale.SV.value
    period_start: date | None = None
    period_end: date | None = None
    places: int | None = 1
    application_deadline: date | None = None
    commitment_id: int | None = None


def input_from_offer(offer: Offer) -> OfferInput:
    """The current values of an offer, as an OfferInput (to compare with an edit)."""
    return OfferInput(
        kind=offer.kind.value, title=offer.title, description=offer.description, skills=list(offer.skills or []),
        program_slugs=sorted(p.slug for p in offer.programs), municipality_id=offer.municipality_id,
        remote=offer.remote, language=(offer.language or Locale.SV).value, period_start=offer.period_start,
        period_end=offer.period_end, places=offer.places, application_deadline=offer.application_deadline,
        commitment_id=offer.commitment_id,
    )


def changed_fields(offer: Offer, data: OfferInput) -> set[str]:
    """Names of the OfferInput fields whose value differs from the offer's."""
    before = input_from_offer(offer)
    changed = set()
    for name in (*SUBSTANCE_FIELDS, "application_deadline"):
        old, new = getattr(before, name), getattr(data, name)
        if name == "program_slugs":
            old, new = sorted(old), sorted(set(new))
        if name in ("title", "description"):
            old, new = old.strip(), new.strip()
        if old != new:
            changed.add(name)
    return changed


def substance_changed(offer: Offer, data: OfferInput) -> bool:
    """True when the edit changes more than the application deadline."""
    return bool(changed_fields(offer, data) & set(SUBSTANCE_FIELDS))


# -- validation ------------------------------------------------------------------------------------------


def validate(
    session: Session, organization_id: int, data: OfferInput, *, today: date, current: Offer | None = None
) -> tuple[list[StudyProgram], ContractCommitment | None]:
    """Check an offer's fields; returns the resolved programs and commitment or raises ValidationError."""
    errors: dict[str, str] = {}
    if data.kind not in {k.value for k in OfferKind}:
        errors["kind"] = "is not a known kind of offer"
    if not data.title.strip():
        errors["title"] = "is required"
    elif len(data.title.strip()) > 200:
        errors["title"] = "must be at most 200 characters"
    if not data.description.strip():
        errors["description"] = "is required"
    if len(data.skills) > MAX_SKILLS:
        errors["skills"] = "has too many entries (at most 30)"
    elif any(len(s) > MAX_SKILL_LENGTH for s in data.skills):
        errors["skills"] = "has an entry longer than 60 characters"
    slugs = sorted(set(data.program_slugs))
    programs = list(session.scalars(select(StudyProgram).where(StudyProgram.slug.in_(slugs)))) if slugs else []
    if len(programs) != len(slugs):
        errors["programs"] = "contains an unknown study program"
    if data.municipality_id is not None and session.get(Municipality, data.municipality_id) is None:
        errors["municipality"] = "is not a known municipality"
    if data.language not in {loc.value for loc in Locale}:
        errors["language"] = "is not a supported language"
    if data.period_start and data.period_end and data.period_end < data.period_start:
        errors["period_end"] = "must be after the start"
    if data.places is None:
        errors["places"] = "is required"
    elif data.places < 1:
        errors["places"] = "must be at least 1"
    elif data.places > 1000:
        errors["places"] = "must be at most 1000"
    if data.application_deadline is None:
        errors["application_deadline"] = "is required"
    elif data.application_deadline <= today:
        errors["application_deadline"] = "must be in the future"
    commitment = None
    if data.commitment_id is not None:
        commitment = session.get(ContractCommitment, data.commitment_id)
        keeps_old_link = current is not None and current.commitment_id == data.commitment_id
        if commitment is None or commitment.contract.organization_id != organization_id:
            errors["commitment"] = "is not a commitment of your organisation"
            commitment = None
        elif commitment.contract.status != ContractStatus.ACTIVE and not keeps_old_link:
            errors["commitment"] = "belongs to a contract that is not active"
        elif data.kind and commitment.kind.value != data.kind:
            errors["commitment"] = "is for another kind of offer"
    if errors:
        raise ValidationError(errors)
    return programs, commitment


def _apply(offer: Offer, data: OfferInput, programs: list[StudyProgram], commitment: ContractCommitment | None) -> None:
    offer.kind = OfferKind(data.kind)
    offer.title = data.title.strip()
    offer.description = data.description.strip()
    offer.skills = list(data.skills)
    offer.programs = sorted(programs, key=lambda p: p.slug)
    offer.municipality_id = data.municipality_id
    offer.remote = data.remote
    offer.language = Locale(data.language)
    offer.period_start = data.period_start
    offer.period_end = data.period_end
    offer.places = int(data.places or 1)
    offer.application_deadline = data.application_deadline
    offer.commitment = commitment
    # Touching a column always UPDATEs the row, so the version counter moves even when only programs changed.
    offer.updated_at = utcnow()


def _check_version(offer: Offer, expected_version: int | None) -> None:
    if expected_version is not None and offer.version_id != expected_version:
        raise Conflict("The offer was changed by someone else since you opened it.")


def _flush(session: Session) -> None:
    try:
        session.flush()
    except StaleDataError as exc:  # a concurrent commit between our read and our write
        raise Conflict("The offer was changed by someone else since you opened it.") from exc


# -- use cases -------------------------------------------------------------------------------------------


def create_offer(session: Session, actor: User, data: OfferInput, *, today: date, submit: bool = False,
                 organization_id: int | None = None) -> Offer:
    """Create an offer of the actor's organisation as a draft, or submitted for review at once.

    A coach names the organisation (`organization_id`, e.g. in a bulk import); employers always post for their own.
    """
    if actor.role == Role.COACH and organization_id is not None:
        if session.get(Organization, organization_id) is None:
            raise ValidationError({"organization": "is not a known organisation"})
        org_id = organization_id
    else:
        org_id = organization_id_of(actor)
    programs, commitment = validate(session, org_id, data, today=today)
    offer = Offer(organization_id=org_id, created_by_id=actor.id, status=OfferStatus.DRAFT)
    _apply(offer, data, programs, commitment)
    if submit:
        offer.status = OfferStatus.SUBMITTED
        offer.submitted_at = utcnow()
    session.add(offer)
    _flush(session)
    audit.record(session, actor, "offer.create", offer, status=offer.status.value)
    events.submitted(session, offer)
    return offer


def update_offer(
    session: Session, actor: User, offer_id: int, data: OfferInput, *, expected_version: int | None, today: date,
    submit: bool = False,
) -> Offer:
    """Save an edit. A published offer whose substance changes goes back to review (submitted)."""
    offer = get_offer_for(session, actor, offer_id)
    _check_version(offer, expected_version)
    if offer.status not in EDITABLE_STATUSES:
        raise Forbidden("This offer can no longer be edited.")
    programs, commitment = validate(session, offer.organization_id, data, today=today, current=offer)
    changes = changed_fields(offer, data)
    back_to_review = offer.status == OfferStatus.PUBLISHED and bool(changes & set(SUBSTANCE_FIELDS))
    was_submitted, watched = offer.status == OfferStatus.SUBMITTED, alerts.watch(session, [offer.commitment_id])
    _apply(offer, data, programs, commitment)
    if back_to_review or (submit and offer.status in SUBMITTABLE_STATUSES):
        offer.status = OfferStatus.SUBMITTED
        offer.submitted_at = utcnow()
    _flush(session)
    if not was_submitted:
        events.submitted(session, offer)
    watched.check()  # unlinking it from a line, or sending it back to review, takes its open places away
    audit.record(
        session, actor, "offer.update", offer, changed=sorted(changes), status=offer.status.value,
        back_to_review=back_to_review,
    )
    return offer


def submit_offer(
    session: Session, actor: User, offer_id: int, *, expected_version: int | None, today: date
) -> Offer:
    """Send a draft (or an offer with requested changes) to the coaches for review."""
    offer = get_offer_for(session, actor, offer_id)
    _check_version(offer, expected_version)
    if offer.status not in SUBMITTABLE_STATUSES:
        raise Forbidden("Only drafts and offers with requested changes can be submitted.")
    # The offer may have been saved long ago: its deadline must still be ahead when it goes to review.
    validate(session, offer.organization_id, input_from_offer(offer), today=today, current=offer)
    offer.status = OfferStatus.SUBMITTED
    offer.submitted_at = utcnow()
    _flush(session)
    audit.record(session, actor, "offer.submit", offer)
    events.submitted(session, offer)
    return offer


def _set_status(
    session: Session, actor: User, offer_id: int, expected_version: int | None, allowed: frozenset[OfferStatus],
    status: OfferStatus, refusal: str,
) -> Offer:
    offer = get_offer_for(session, actor, offer_id)
    _check_version(offer, expected_version)
    if offer.status not in allowed:
        raise Forbidden(refusal)
    before, watched = offer.status, alerts.watch(session, [offer.commitment_id])
    offer.status = status
    _flush(session)
    watched.check()
    audit.record(session, actor, f"offer.{status.value}", offer, previous=before.value)
    return offer


def close_offer(session: Session, actor: User, offer_id: int, *, expected_version: int | None = None) -> Offer:
    """Close an offer: no longer shown to students, no new applications."""
    return _set_status(
        session, actor, offer_id, expected_version, CLOSABLE_STATUSES, OfferStatus.CLOSED,
        "This offer is already closed.",
    )


def mark_filled(session: Session, actor: User, offer_id: int, *, expected_version: int | None = None) -> Offer:
    """Mark a published or closed offer as filled: every place is taken."""
    return _set_status(
        session, actor, offer_id, expected_version, FILLABLE_STATUSES, OfferStatus.FILLED,
        "Only published or closed offers can be marked filled.",
    )

