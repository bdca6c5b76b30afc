"""Interview times in a thread: one side proposes slots, the other books one; both get a calendar invitation."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.core.ical import TIME_ZONE, CalendarEvent, make_uid, write_calendar
from matchmaker.models import Application, ConversationSlot, Message, User, utcnow
from matchmaker.services.notifications.operations import notify

from .thread import _mark_own, recipients, sender_name, side_of, writable

MAX_SLOTS = 5
MAX_LENGTH = timedelta(hours=8)
MAX_AHEAD = timedelta(days=365)
LOCATION_MAX = 200
_ZONE = ZoneInfo(TIME_ZONE)


def when_text(slot: ConversationSlot) -> str:
    """A slot in Swedish local time, e.g. 2027-03-04 10:00–10:45 (the same for every reader: it is a time)."""
    start, end = slot.starts_at.astimezone(_ZONE), slot.ends_at.astimezone(_ZONE)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}" if start.date() == end.date() else \
        f"{start:%Y-%m-%d %H:%M}–{end:%Y-%m-%d %H:%M}"


def _check(slots: list[tuple[datetime, datetime]], now: datetime) -> None:
    errors: dict[str, str] = {}
    if not slots:
        errors["slots"] = "propose at least one time"
    elif len(slots) > MAX_SLOTS:
        errors["slots"] = f"propose at most {MAX_SLOTS} times"
    for n, (start, end) in enumerate(slots, 1):
        if start <= now:
            errors[f"slot{n}_start"] = "is in the past"
        elif start > now + MAX_AHEAD:
            errors[f"slot{n}_start"] = "is more than a year ahead"
        if end <= start:
            errors[f"slot{n}_end"] = "must be after the start"
        elif end - start > MAX_LENGTH:
            errors[f"slot{n}_end"] = "makes the interview longer than 8 hours"
    if errors:
        raise ValidationError(errors)


def propose(session: Session, user: User, application_id: int, slots: list[tuple[datetime, datetime]],
            location: str = "", note: str = "", now: datetime | None = None) -> Message:
    """Propose interview times (aware datetimes); the other side is told and can book one."""
    now = now or utcnow()
    application, side = writable(session, user, application_id)
    location = " ".join((location or "").split())
    _check(slots, now)
    if len(location) > LOCATION_MAX:
        raise ValidationError({"location": f"is too long (at most {LOCATION_MAX} characters)"})
    if len(note or "") > 2000:
        raise ValidationError({"note": "is too long (at most 2000 characters)"})
    message = Message(application_id=application.id, author_id=user.id, side=side, kind="proposal",
                      body=(note or "").strip())
    message.slots = [ConversationSlot(application_id=application.id, starts_at=s, ends_at=e, location=location)
                     for s, e in sorted(slots)]
    session.add(message)
    session.flush()
    _mark_own(session, user, application.id, message.id)
    notify(session, recipients(application, side), "interview.proposed",
           {"sender": sender_name(application, side, user), "offer": application.offer.title},
           obj=("conversation", application.id))
    audit.record(session, user, "interview.proposed", application, slots=len(slots))
    return message


def book(session: Session, user: User, application_id: int, slot_id: int,
         now: datetime | None = None) -> ConversationSlot:
    """Book one proposed slot (the side that did not propose it); the proposal's other slots lapse."""
    now = now or utcnow()
    application, side = writable(session, user, application_id)
    slot = session.get(ConversationSlot, slot_id)
    if slot is None or slot.application_id != application.id:
        raise NotFound("interview slot")
    if slot.message.side == side:
        raise ValidationError({"slot": "the other side books a time you proposed"})
    if slot.status != "proposed" or any(s.status == "booked" for s in slot.message.slots):
        raise ValidationError({"slot": "a time of this proposal is already booked"})
    if slot.starts_at <= now:
        raise ValidationError({"slot": "this time has passed"})
    slot.status, slot.booked_by_id, slot.booked_at = "booked", user.id, now
    for other in slot.message.slots:
        if other.id != slot.id:
            other.status = "lapsed"
    booking = Message(application_id=application.id, author_id=user.id, side=side, kind="booking",
                      body=when_text(slot))
    session.add(booking)
    session.flush()
    _mark_own(session, user, application.id, booking.id)
    both = [application.student.user, *recipients(application, "student")]
    notify(session, both, "interview.booked", {"offer": application.offer.title, "when": when_text(slot)},
           obj=("conversation", application.id))
    audit.record(session, user, "interview.booked", application, slot_id=slot.id)
    return slot


def slot_event(session: Session, slot: ConversationSlot, url: str = "") -> CalendarEvent:
    """The calendar event of a booked slot: the same UID in the invitation and in the feeds."""
    application = session.get(Application, slot.application_id)
    assert application is not None
    offer = application.offer
    student = application.student
    return CalendarEvent(
        uid=make_uid("interview", slot.id), start=slot.starts_at, end=slot.ends_at,
        summary=f"Interview: {offer.title} ({offer.organization.name})",
        description=f"{student.name or student.user.display_name}, {offer.organization.name}: {offer.title}",
        location=slot.location, url=url, stamp=slot.booked_at, status="CONFIRMED",
    )


def invitation(session: Session, user: User, application_id: int, slot_id: int, url: str = "") -> bytes:
    """The iCalendar invitation of a booked slot, for either party (NotFound for anyone else or another slot)."""
    application, side = side_of(session, user, application_id)
    slot = session.get(ConversationSlot, slot_id)
    if not side or slot is None or slot.application_id != application.id or slot.status != "booked":
        raise NotFound("interview slot")
    return write_calendar([slot_event(session, slot, url)], method="PUBLISH")
