"""The employer's side of applications: review, move through the pipeline, private notes, contact visibility.

Status rules and the timeline live in services/applications.py (TRANSITIONS, record_event); this module only
adds the employer's permissions: an employer sees and moves only applications to its own organisation's offers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from matchmaker.core import audit
from matchmaker.core.errors import Conflict, NotFound, ValidationError
from matchmaker.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Invitation,
    InvitationStatus,
    Offer,
    StudentProfile,
    User,
)
from matchmaker.services.applications.acceptance import free_places
from matchmaker.services.applications.student import MESSAGE_MAX, TRANSITIONS, record_event
from matchmaker.services.notifications.operations import notify as notify_in_app
from matchmaker.services.offers.queries import get_offer_for

S = ApplicationStatus

# The steps an employer takes; accepting and withdrawing are the student's.
EMPLOYER_TARGETS: tuple[ApplicationStatus, ...] = (S.IN_REVIEW, S.SHORTLISTED, S.INTERVIEW, S.OFFERED, S.DECLINED)
NOTES_MAX = 10000
STALE = "The application was changed by someone else since you opened it."


def get_application_for(session: Session, actor: User, application_id: int) -> Application:
    """An application to one of the actor's organisation's offers; NotFound for any other."""
    application = session.get(Application, application_id)
    if (
        application is None
        or actor.organization_id is None
        or application.offer.organization_id != actor.organization_id
    ):
        raise NotFound("application")
    return application


def applications_for_offer(session: Session, actor: User, offer_id: int) -> list[Application]:
    """The applications to one of the actor's organisation's offers, oldest first."""
    offer = get_offer_for(session, actor, offer_id)
    return list(
        session.scalars(
            select(Application)
            .where(Application.offer_id == offer.id)
            .options(selectinload(Application.student).selectinload(StudentProfile.program))
            .order_by(Application.created_at, Application.id)
        )
    )


def new_applications(session: Session, organization_id: int, limit: int = 20) -> list[Application]:
    """Applications not yet looked at (still submitted) to the organisation's offers, oldest first."""
    return list(
        session.scalars(
            select(Application)
            .join(Offer, Application.offer_id == Offer.id)
            .where(Offer.organization_id == organization_id, Application.status == S.SUBMITTED)
            .options(selectinload(Application.offer), selectinload(Application.student))
            .order_by(Application.created_at, Application.id)
            .limit(limit)
        )
    )


def count_new_applications(session: Session, organization_id: int) -> int:
    """How many applications to the organisation's offers are still submitted (not reviewed)."""
    return session.scalar(
        select(func.count(Application.id))
        .join(Offer, Application.offer_id == Offer.id)
        .where(Offer.organization_id == organization_id, Application.status == S.SUBMITTED)
    ) or 0


def employer_moves(application: Application) -> list[ApplicationStatus]:
    """The statuses the employer may move this application to now, in pipeline order."""
    allowed = TRANSITIONS[application.status]
    if application.status == S.OFFERED:
        # Withdrawing the offer of a place (back to shortlisted) has a button of its own.
        allowed = allowed - {S.SHORTLISTED}
    return [s for s in EMPLOYER_TARGETS if s in allowed]


def _check_offer_of_place(session: Session, application: Application, start: date | None, end: date | None) -> None:
    """An offer of a place needs a free place; the employer's own dates must be in order."""
    if free_places(session, application.offer, besides=application.id) <= 0:
        raise ValidationError({"status": "all places of this offer are taken or offered to others"})
    if end is not None and start is None:
        raise ValidationError({"placement_start": "is required when the period has an end"})
    if start is not None and end is not None and end < start:
        raise ValidationError({"placement_end": "must not be before the start"})
    application.placement_start, application.placement_end = start, end


def _wording(notify: Callable[[Application, ApplicationEvent], tuple[str, str]] | None, application: Application,
             event: ApplicationEvent) -> Callable[[User], tuple[str, str]] | None:
    """The caller's wording of the status mail (web/application_mail.py), used when the student's mail goes now."""
    if notify is None:
        return None
    return lambda _student: notify(application, event)


def _tell_student(session: Session, application: Application, previous: ApplicationStatus,
                  target: ApplicationStatus, wording: Callable[[User], tuple[str, str]] | None = None) -> None:
    # One message, in the app and by mail as the student chose (services/notifications/delivery.py): the
    # caller's status mail is that mail's wording, never a second mail.
    if target == S.OFFERED:
        kind = "application.offered"
    elif previous == S.OFFERED:
        kind = "application.offer_withdrawn"
    else:
        kind = "application.status"
    offer = application.offer
    notify_in_app(session, [application.student.user], kind,
                  {"offer": offer.title, "organization": offer.organization.name},
                  obj=("application", application.id), wording=wording)


def _check_version(application: Application, expected_version: int | None) -> None:
    if expected_version is not None and application.version_id != expected_version:
        raise Conflict(STALE)


def _flush(session: Session) -> None:
    try:
        session.flush()
    except StaleDataError as exc:
        raise Conflict(STALE) from exc


def move(
    session: Session, actor: User, application_id: int, to_status: ApplicationStatus | str, *, message: str = "",
    expected_version: int | None = None,
    notify: Callable[[Application, ApplicationEvent], tuple[str, str]] | None = None,
    placement_start: date | None = None, placement_end: date | None = None,
) -> ApplicationEvent:
    """Move an application a step in the pipeline, with an optional message the student sees on the timeline.

    notify: builds the (subject, body) of a mail telling the student, queued in the same transaction; the
    student is also told in the app. Offering a place may set the placement period (else the offer's is used).
    """
    application = get_application_for(session, actor, application_id)
    _check_version(application, expected_version)
    try:
        target = ApplicationStatus(to_status)
    except ValueError:
        raise ValidationError({"status": "is not a valid choice"}) from None
    if target not in EMPLOYER_TARGETS:
        raise ValidationError({"status": "is not a step an employer can take"})
    if len(message or "") > MESSAGE_MAX:
        raise ValidationError({"message": "is too long"})
    previous = application.status
    if target == S.OFFERED and target in TRANSITIONS[previous]:
        _check_offer_of_place(session, application, placement_start, placement_end)
    try:
        event = record_event(session, application, target, actor, message or "")
    except StaleDataError as exc:
        raise Conflict(STALE) from exc
    _tell_student(session, application, previous, target, _wording(notify, application, event))
    audit.record(
        session, actor, "application.status", application, previous=previous.value, status=target.value,
        with_message=bool(event.message),
    )
    return event


def withdraw_place_offer(
    session: Session, actor: User, application_id: int, *, message: str = "", expected_version: int | None = None,
    notify: Callable[[Application, ApplicationEvent], tuple[str, str]] | None = None,
) -> ApplicationEvent:
    """Take back the offer of a place before the student accepts it; the application is shortlisted again."""
    application = get_application_for(session, actor, application_id)
    if application.status != S.OFFERED:
        raise ValidationError({"status": "is not an offered place any more"})
    _check_version(application, expected_version)
    if len(message or "") > MESSAGE_MAX:
        raise ValidationError({"message": "is too long"})
    try:
        event = record_event(session, application, S.SHORTLISTED, actor, message or "")
    except StaleDataError as exc:
        raise Conflict(STALE) from exc
    application.placement_start = application.placement_end = None
    _tell_student(session, application, S.OFFERED, S.SHORTLISTED, _wording(notify, application, event))
    audit.record(session, actor, "application.offer_withdrawn", application)
    return event


def save_notes(
    session: Session, actor: User, application_id: int, notes: str, *, expected_version: int | None = None
) -> Application:
    """Save the organisation's private notes on an application (never shown to the student)."""
    application = get_application_for(session, actor, application_id)
    _check_version(application, expected_version)
    if len(notes or "") > NOTES_MAX:
        raise ValidationError({"notes": "is too long"})
    application.employer_notes = (notes or "").strip()
    _flush(session)
    audit.record(session, actor, "application.notes", application)
    return application


def contact_visible(session: Session, organization_id: int, student_id: int) -> bool:
    """True when the student applied to one of the organisation's offers or accepted one of its invitations.

    Only then may the organisation see the student's email and phone. A withdrawn application does not count.
    """
    applied = exists().where(
        Application.student_id == student_id,
        Application.status != S.WITHDRAWN,
        Application.offer_id == Offer.id,
        Offer.organization_id == organization_id,
    )
    accepted = exists().where(
        Invitation.student_id == student_id,
        Invitation.status == InvitationStatus.ACCEPTED,
        Invitation.offer_id == Offer.id,
        Offer.organization_id == organization_id,
    )
    return bool(session.scalar(select(applied | accepted)))
