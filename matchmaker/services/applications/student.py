"""Applications: apply, withdraw, list, timeline, and the one place where status transitions are defined.

The employer side (services/pipeline.py) moves applications through the pipeline with `record_event()`;
both sides share `TRANSITIONS`, so the rules live here only.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from matchmaker.core import audit
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Offer,
    User,
)
from matchmaker.services.notifications.operations import notify
from matchmaker.services.notifications.recipients import organization_members
from matchmaker.services.students.profiles import profile_of, profile_snapshot

S = ApplicationStatus

# Allowed moves from each status. Accepted, declined and withdrawn are final.
TRANSITIONS: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    S.SUBMITTED: frozenset({S.IN_REVIEW, S.SHORTLISTED, S.INTERVIEW, S.OFFERED, S.DECLINED, S.WITHDRAWN}),
    S.IN_REVIEW: frozenset({S.SHORTLISTED, S.INTERVIEW, S.OFFERED, S.DECLINED, S.WITHDRAWN}),
    S.SHORTLISTED: frozenset({S.IN_REVIEW, S.INTERVIEW, S.OFFERED, S.DECLINED, S.WITHDRAWN}),
    S.INTERVIEW: frozenset({S.SHORTLISTED, S.OFFERED, S.DECLINED, S.WITHDRAWN}),
    # Back to shortlisted: the employer withdrew the offer of a place before it was accepted.
    S.OFFERED: frozenset({S.ACCEPTED, S.DECLINED, S.WITHDRAWN, S.SHORTLISTED}),
    S.ACCEPTED: frozenset(),
    S.DECLINED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
FINAL: frozenset[ApplicationStatus] = frozenset(s for s, targets in TRANSITIONS.items() if not targets)
MESSAGE_MAX = 5000


def can_transition(current: ApplicationStatus, target: ApplicationStatus) -> bool:
    """True when an application in `current` may move to `target`."""
    return target in TRANSITIONS[current]


def record_event(
    session: Session, application: Application, to_status: ApplicationStatus, actor: User | None, message: str = ""
) -> ApplicationEvent:
    """Move `application` to `to_status` (checked against TRANSITIONS) and add it to the timeline."""
    if not can_transition(application.status, to_status):
        raise ValidationError({"status": "cannot change from this status"})
    event = ApplicationEvent(
        from_status=application.status, to_status=to_status, actor_id=actor.id if actor else None,
        message=message.strip(),
    )
    application.status = to_status
    application.events.append(event)
    session.flush()
    return event


def apply(session: Session, user: User, offer_id: int, message: str, today: date) -> Application:
    """Apply to an open offer with a message; the profile is attached as it is now."""
    profile = profile_of(user)
    offer = session.get(Offer, offer_id)
    if offer is None or not offer.is_open(today):
        # Unpublished offers do not exist for students; closed ones say so on the offer page.
        raise NotFound("offer")
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise ValidationError({"message": "is too long"})
    existing = existing_application(session, user, offer_id)
    if existing is not None and existing.status == S.WITHDRAWN:
        return _apply_again(session, user, existing, message, profile_snapshot(profile))
    if existing is not None:
        raise ValidationError({"message": "you have already applied to this offer"})
    application = Application(
        student_id=profile.id, offer_id=offer.id, message=message, profile_snapshot=profile_snapshot(profile),
        status=S.SUBMITTED,
    )
    application.events.append(ApplicationEvent(from_status=None, to_status=S.SUBMITTED, actor_id=user.id))
    try:
        # A savepoint: a double click racing this one hits the unique constraint, not the whole transaction.
        with session.begin_nested():
            session.add(application)
            session.flush()
    except IntegrityError:
        raise ValidationError({"message": "you have already applied to this offer"}) from None
    audit.record(session, user, "application.create", application, offer_id=offer.id)
    _tell_employer(session, application, "application.new")
    return application


def _apply_again(session: Session, user: User, application: Application, message: str,
                 snapshot: dict[str, object]) -> Application:
    """A withdrawn application sent again while the offer is open: the same row, its history continued."""
    application.events.append(ApplicationEvent(from_status=S.WITHDRAWN, to_status=S.SUBMITTED, actor_id=user.id))
    application.status, application.message, application.profile_snapshot = S.SUBMITTED, message, snapshot
    session.flush()
    audit.record(session, user, "application.reapply", application, offer_id=application.offer_id)
    _tell_employer(session, application, "application.new")
    return application


def _tell_employer(session: Session, application: Application, kind: str) -> None:
    """Tell the members of the offer's organisation, if verified (an unverified one sees no students at all)."""
    offer = application.offer
    if offer.organization.verified:
        notify(session, organization_members(session, offer.organization_id), kind,
               {"student": application.student.name, "offer": offer.title}, obj=("application", application.id))


def existing_application(session: Session, user: User, offer_id: int) -> Application | None:
    """The student's application to an offer, if any."""
    profile = profile_of(user)
    return session.scalar(
        select(Application).where(Application.student_id == profile.id, Application.offer_id == offer_id)
    )


def get_own(session: Session, user: User, application_id: int) -> Application:
    """One of the student's own applications; NotFound for anyone else's."""
    profile = profile_of(user)
    application = session.get(Application, application_id)
    if application is None or application.student_id != profile.id:
        raise NotFound("application")
    return application


def list_own(session: Session, user: User) -> list[Application]:
    """The student's applications, newest first, with offer, employer and timeline loaded."""
    profile = profile_of(user)
    return list(
        session.scalars(
            select(Application)
            .where(Application.student_id == profile.id)
            .options(
                selectinload(Application.offer).selectinload(Offer.organization),
                selectinload(Application.events),
            )
            .order_by(Application.created_at.desc(), Application.id.desc())
        )
    )


def can_withdraw(application: Application) -> bool:
    """A student may withdraw unless the application is accepted, declined or already withdrawn."""
    return application.status not in FINAL


def withdraw(session: Session, user: User, application_id: int, message: str = "") -> Application:
    """Withdraw one's own application; recorded on the timeline."""
    application = get_own(session, user, application_id)
    if not can_withdraw(application):
        raise ValidationError({"status": "cannot be withdrawn any more"})
    record_event(session, application, S.WITHDRAWN, user, message)
    audit.record(session, user, "application.withdraw", application)
    _tell_employer(session, application, "application.withdrawn")
    return application
