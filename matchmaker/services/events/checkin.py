"""Check-in at the door, by a QR code or a typed code: the registration behind a code, and a check-in done once."""

from __future__ import annotations

from sqlalchemy.orm import Session

from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import Event, EventRegistration, RegistrationStatus, User

from .registrations import check_in

# Why a registration cannot be checked in, by its status (the caller translates the text).
REFUSALS = {
    RegistrationStatus.WAITING: "This student is on the waiting list: only students with a place can be checked in.",
    RegistrationStatus.CANCELLED: "This registration is cancelled: only students with a place can be checked in.",
}


def registration_by_id(session: Session, registration_id: int) -> EventRegistration:
    """A registration with its event and student, whatever the event (coaches only), else NotFound."""
    found = session.get(EventRegistration, registration_id)
    if found is None:
        raise NotFound("registration")
    return found


def registration_at(event: Event, registration_id: int) -> EventRegistration | None:
    """The event's registration with this id, whatever its status; None when it belongs to no such registration."""
    return next((r for r in event.registrations if r.id == registration_id), None)


def refusal(registration: EventRegistration) -> str | None:
    """Why this registration cannot be checked in, or None when it can."""
    return REFUSALS.get(registration.status)


def check_in_once(session: Session, actor: User, event: Event, registration: EventRegistration) -> bool:
    """Check a registered student in; False (and nothing changed) when already checked in. A waiting or cancelled
    registration is refused with a ValidationError on "code"."""
    reason = refusal(registration)
    if reason is not None:
        raise ValidationError({"code": reason})
    if registration.checked_in_at is not None:
        return False
    check_in(session, actor, event, registration.id, True)
    return True

