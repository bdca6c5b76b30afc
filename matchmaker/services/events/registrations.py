"""Students register for events and cancel; a waiting list moves up by itself; coaches check people in."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import Event, EventRegistration, RegistrationStatus, StudentProfile, User, utcnow
from matchmaker.services.notifications.operations import notify

from .eligibility import is_eligible


def _locked(session: Session, event: Event) -> Event:
    # Serialise registrations per event (PostgreSQL row lock; SQLite writers are serialised anyway), so two
    # students racing for the last place cannot both get it.
    session.execute(select(Event.id).where(Event.id == event.id).with_for_update())
    return event


def registered_count(event: Event) -> int:
    """How many hold a place."""
    return sum(1 for r in event.registrations if r.status == RegistrationStatus.REGISTERED)


def registration_of(event: Event, profile: StudentProfile) -> EventRegistration | None:
    """The student's registration row for the event, whatever its status."""
    return next((r for r in event.registrations if r.student_id == profile.id), None)


def window_open(opens: datetime | None, closes: datetime | None, now: datetime) -> bool:
    """True while now is within [opens, closes)."""
    return opens is not None and closes is not None and opens <= now < closes


def register(session: Session, profile: StudentProfile, event: Event, now: datetime | None = None) -> EventRegistration:
    """Register the student: a place if one is free, else the waiting list. Refused outside the window."""
    now = now or utcnow()
    if not is_eligible(event, profile) or event.cancelled_at is not None:
        raise NotFound("event")
    if not window_open(event.registration_opens, event.registration_closes, now):
        raise ValidationError({"registration": "Registration is not open for this event."})
    _locked(session, event)
    session.refresh(event, ["registrations"])
    found = registration_of(event, profile)
    if found is not None and found.status != RegistrationStatus.CANCELLED:
        raise ValidationError({"registration": "You are already registered for this event."})
    full = event.capacity is not None and registered_count(event) >= event.capacity
    status = RegistrationStatus.WAITING if full else RegistrationStatus.REGISTERED
    if found is None:
        found = EventRegistration(event_id=event.id, student_id=profile.id, status=status, registered_at=now)
        event.registrations.append(found)
    else:
        found.status, found.registered_at, found.checked_in_at = status, now, None
    session.flush()
    audit.record(session, profile.user, "event.registered", event, status=status.value)
    return found


def cancel(session: Session, profile: StudentProfile, event: Event, now: datetime | None = None) -> None:
    """Cancel the student's registration (until the event starts); the first on the waiting list moves up."""
    now = now or utcnow()
    found = registration_of(event, profile)
    if found is None or found.status == RegistrationStatus.CANCELLED:
        raise ValidationError({"registration": "You are not registered for this event."})
    if now >= event.starts_at:
        raise ValidationError({"registration": "The event has started; it can no longer be cancelled."})
    _locked(session, event)
    found.status = RegistrationStatus.CANCELLED
    session.flush()
    audit.record(session, profile.user, "event.cancelled", event)
    move_up(session, event)


def waiting_list(event: Event) -> list[EventRegistration]:
    """Students waiting, first come first served."""
    waiting = [r for r in event.registrations if r.status == RegistrationStatus.WAITING]
    return sorted(waiting, key=lambda r: (r.registered_at, r.id))


def move_up(session: Session, event: Event) -> list[EventRegistration]:
    """Give free places to the waiting list in order, and notify each student who moved up."""
    moved: list[EventRegistration] = []
    for registration in waiting_list(event):
        if event.capacity is not None and registered_count(event) >= event.capacity:
            break
        registration.status = RegistrationStatus.REGISTERED
        moved.append(registration)
        notify(session, [registration.student.user], "event.moved_up", {"event": event.title}, ("event", event.id))
    session.flush()
    return moved


def check_in(session: Session, actor: User, event: Event, registration_id: int, present: bool) -> EventRegistration:
    """Record (or undo) that a registered student attended."""
    found = next((r for r in event.registrations if r.id == registration_id), None)
    if found is None or found.status != RegistrationStatus.REGISTERED:
        raise NotFound("registration")
    found.checked_in_at = utcnow() if present else None
    session.flush()
    audit.record(session, actor, "event.check_in", event, registration=found.id, present=present)
    return found


@dataclass
class Attendance:
    """Counts of an event for the reports."""

    registered: int
    waiting: int
    attended: int
    per_program: dict[int | None, int]
    exhibitors: int


def attendance(event: Event) -> Attendance:
    """Registered, waiting and attended counts, attendance per program and the number of exhibitors."""
    attended = [r for r in event.registrations if r.checked_in_at is not None]
    return Attendance(
        registered=registered_count(event), waiting=len(waiting_list(event)), attended=len(attended),
        per_program=dict(Counter(r.student.program_id for r in attended)), exhibitors=len(event.exhibitors),
    )


def my_registrations(session: Session, profile: StudentProfile) -> list[EventRegistration]:
    """The student's live registrations, soonest event first."""
    stmt = (select(EventRegistration).join(Event).where(
        EventRegistration.student_id == profile.id, EventRegistration.status != RegistrationStatus.CANCELLED)
        .order_by(Event.starts_at))
    return list(session.scalars(stmt))
