"""Which events a viewer sees: coaches all, students those they are eligible for, others the open ones."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from matchmaker.core import ical
from matchmaker.core.errors import NotFound
from matchmaker.models import Event, EventKind, Role, User, utcnow

from .eligibility import is_eligible


def _restricted(event: Event) -> bool:
    return bool(event.programs or event.levels or event.graduation_terms)


def can_see(event: Event, viewer: User | None) -> bool:
    """Coaches see every event; students the ones they are eligible for; employers fairs and unrestricted events;
    anonymous visitors unrestricted events. Cancelled events are shown to coaches only."""
    if viewer is not None and viewer.role == Role.COACH:
        return True
    if event.cancelled_at is not None:
        return False
    if viewer is not None and viewer.role == Role.STUDENT:
        return viewer.student_profile is not None and is_eligible(event, viewer.student_profile)
    if viewer is not None and viewer.role == Role.EMPLOYER and event.kind == EventKind.FAIR:
        return True
    return not _restricted(event)


def event_for_viewer(session: Session, viewer: User | None, event_id: int) -> Event:
    """The event if the viewer may see it, else NotFound (existence is not leaked)."""
    event = session.get(Event, event_id)
    if event is None or not can_see(event, viewer):
        raise NotFound("event")
    return event


def _base() -> Select[tuple[Event]]:
    return select(Event).options(selectinload(Event.programs)).order_by(Event.starts_at, Event.id)


def all_events(session: Session) -> list[Event]:
    """Every event, soonest first (the coach's list)."""
    return list(session.scalars(_base()))


def upcoming_for_viewer(session: Session, viewer: User | None, now: datetime | None = None, q: str = "",
                        limit: int = 50) -> list[Event]:
    """Events that have not ended, visible to the viewer, optionally filtered by words in title or description."""
    now = now or utcnow()
    stmt = _base().where(Event.ends_at > now, Event.cancelled_at.is_(None))
    for word in q.split()[:5]:
        pattern = f"%{word.replace('%', '').replace('_', '')}%"
        stmt = stmt.where(Event.title.ilike(pattern) | Event.description.ilike(pattern))
    return [e for e in session.scalars(stmt.limit(500)) if can_see(e, viewer)][:limit]


def fairs_open_to_employers(session: Session, now: datetime | None = None) -> list[Event]:
    """Fairs that have not ended (an employer registers in the window and sees its registrations)."""
    now = now or utcnow()
    return list(session.scalars(_base().where(Event.kind == EventKind.FAIR, Event.ends_at > now,
                                              Event.cancelled_at.is_(None))))


def calendar_of(event: Event, page_url: str) -> bytes:
    """The event as an iCalendar file (one VEVENT with a stable UID; CANCELLED once the event is)."""
    location = ", ".join(part for part in (event.campus, event.place, event.online_url) if part)
    return ical.write_calendar([ical.CalendarEvent(
        uid=ical.make_uid("event", event.id), start=event.starts_at, end=event.ends_at, summary=event.title,
        description=event.description, location=location, url=page_url, stamp=event.updated_at,
        status="CANCELLED" if event.cancelled_at else "CONFIRMED",
    )], method="PUBLISH", name=event.title)
