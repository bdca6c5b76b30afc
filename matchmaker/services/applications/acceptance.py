"""The end of the funnel: the student accepts or declines an offered place; accepting makes the placement.

A place is offered by the employer's pipeline move (pipeline.py); an offer never has more places offered or
taken than it has (`free_places`). Accepting creates the Placement, which is what contract fulfilment, the coach
reports and the follow-up pages count, whether it came from an allocation round or from an ordinary hire.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from matchmaker.core import audit
from matchmaker.core.errors import Conflict, ValidationError
from matchmaker.models import Application, ApplicationStatus, Offer, OfferStatus, Placement, User
from matchmaker.services.applications.student import get_own, record_event
from matchmaker.services.notifications.operations import notify
from matchmaker.services.notifications.recipients import organization_members
from matchmaker.services.placements.placements import term_of

S = ApplicationStatus
NOT_OFFERED = "is not an offered place any more"
FULL = "all places of this offer are already taken"
# An offer that had places taken can become filled from any of these (a closed one still has its hires).
_FILLABLE = {OfferStatus.PUBLISHED, OfferStatus.CLOSED, OfferStatus.EXPIRED}


def placements_on(session: Session, offer_id: int) -> int:
    """How many placements an offer has (from rounds and hires alike)."""
    return int(session.scalar(select(func.count(Placement.id)).where(Placement.offer_id == offer_id)) or 0)


def free_places(session: Session, offer: Offer, *, besides: int | None = None) -> int:
    """Places neither taken by a placement nor offered to a student (other than application `besides`)."""
    offered = select(func.count(Application.id)).where(
        Application.offer_id == offer.id, Application.status == S.OFFERED)
    if besides is not None:
        offered = offered.where(Application.id != besides)
    return offer.places - placements_on(session, offer.id) - int(session.scalar(offered) or 0)


def _locked_offer(session: Session, offer_id: int) -> Offer:
    # Two students accepting the last place at once: the second waits for the first's commit (PostgreSQL).
    offer = session.scalar(select(Offer).where(Offer.id == offer_id).with_for_update())
    assert offer is not None
    return offer


def _params(application: Application) -> dict[str, str]:
    offer = application.offer
    return {"student": application.student.name, "offer": offer.title, "organization": offer.organization.name}


def accept(session: Session, user: User, application_id: int, today: date) -> Placement:
    """Accept an offered place: the application becomes accepted and the placement is made."""
    application = get_own(session, user, application_id)
    if application.status != S.OFFERED:
        raise ValidationError({"status": NOT_OFFERED})
    offer = _locked_offer(session, application.offer_id)
    if placements_on(session, offer.id) >= offer.places:
        raise ValidationError({"status": FULL})
    try:
        record_event(session, application, S.ACCEPTED, user)
    except StaleDataError as exc:
        raise Conflict("The application was changed since you opened it.") from exc
    start = application.placement_start or offer.period_start or today
    end = application.placement_end or offer.period_end
    profile = application.student
    placement = Placement(
        student_id=profile.id, offer_id=offer.id, program_id=profile.program_id, period_start=start,
        period_end=end if end is not None and end >= start else None, term=term_of(start),
    )
    session.add(placement)
    session.flush()
    if placements_on(session, offer.id) >= offer.places and offer.status in _FILLABLE:
        offer.status = OfferStatus.FILLED
        session.flush()
        audit.record(session, user, "offer.filled", offer, by="acceptance")
    notify(session, organization_members(session, offer.organization_id), "application.accepted",
           _params(application), obj=("application", application.id))
    audit.record(session, user, "application.accept", application, placement_id=placement.id)
    return placement


def decline(session: Session, user: User, application_id: int, message: str = "") -> Application:
    """Decline an offered place: it is free to be offered to someone else."""
    application = get_own(session, user, application_id)
    if application.status != S.OFFERED:
        raise ValidationError({"status": NOT_OFFERED})
    if len(message) > 2000:
        raise ValidationError({"message": "is too long"})
    try:
        record_event(session, application, S.DECLINED, user, message)
    except StaleDataError as exc:
        raise Conflict("The application was changed since you opened it.") from exc
    # The student's message is quoted in a mail sent at once (delivery.mail_now).
    params = {**_params(application), **({"message": message.strip()} if message.strip() else {})}
    notify(session, organization_members(session, application.offer.organization_id), "application.declined",
           params, obj=("application", application.id))
    audit.record(session, user, "application.decline", application)
    return application


def offered_to(session: Session, user: User) -> list[Application]:
    """The student's applications with a place offered and waiting for an answer, oldest first."""
    profile = user.student_profile
    if profile is None:
        return []
    return list(session.scalars(
        select(Application).where(Application.student_id == profile.id, Application.status == S.OFFERED)
        .order_by(Application.updated_at, Application.id)))
