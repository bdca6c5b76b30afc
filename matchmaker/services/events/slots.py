"""Interview slots at fairs: exhibitors publish 10- or 30-minute slots; students book one per exhibitor.

Double booking is refused by the database (constraints on slot_bookings), so two students racing for the same
slot, or one student racing for two slots of the same exhibitor, cannot both win.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from matchmaker.core import audit
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import (
    Event,
    FairExhibitor,
    InterviewSlot,
    Offer,
    OfferStatus,
    RegistrationStatus,
    SlotBooking,
    StudentProfile,
    User,
    utcnow,
)
from matchmaker.services.accounts.organizations import require_verified
from matchmaker.services.notifications.operations import notify
from matchmaker.services.placements.placements import employer_contacts

from .registrations import registration_of

SLOT_MINUTES = (10, 30)
MAX_SLOTS = 48


@dataclass
class SlotsInput:
    """A run of consecutive slots: first start, length, how many, and optionally the offer they are for."""

    starts_at: datetime | None = None
    minutes: int | None = 10
    count: int | None = 1
    offer_id: int | None = None


def _end(slot: InterviewSlot) -> datetime:
    return slot.starts_at + timedelta(minutes=slot.minutes)


def publish_slots(session: Session, actor: User, exhibitor: FairExhibitor, data: SlotsInput) -> list[InterviewSlot]:
    """Add consecutive slots within the fair's hours; one overlapping an existing slot refuses them all."""
    require_verified(exhibitor.organization)  # a booking shares the student's name and e-mail with the employer
    event = exhibitor.event
    errors: dict[str, str] = {}
    if data.minutes not in SLOT_MINUTES:
        errors["minutes"] = "A slot is 10 or 30 minutes."
    if data.count is None or not 1 <= data.count <= MAX_SLOTS:
        errors["count"] = "Publish between 1 and 48 slots at a time."
    if data.starts_at is None:
        errors["starts_at"] = "Give the start of the first slot."
    if data.offer_id is not None:
        offer = session.get(Offer, data.offer_id)
        if offer is None or offer.organization_id != exhibitor.organization_id or offer.status != \
                OfferStatus.PUBLISHED:
            errors["offer"] = "Choose one of your organisation's published offers."
    if errors:
        raise ValidationError(errors)
    assert data.starts_at is not None and data.minutes is not None and data.count is not None
    starts = [data.starts_at + timedelta(minutes=data.minutes * i) for i in range(data.count)]
    if starts[0] < event.starts_at or starts[-1] + timedelta(minutes=data.minutes) > event.ends_at:
        raise ValidationError({"starts_at": "The slots must lie within the fair's opening hours."})
    for start in starts:
        end = start + timedelta(minutes=data.minutes)
        clash = next((s for s in exhibitor.slots if s.starts_at < end and start < _end(s)), None)
        if clash is not None:
            raise ValidationError({"starts_at": "A slot overlaps one you already published."})
    made = [InterviewSlot(exhibitor_id=exhibitor.id, starts_at=start, minutes=data.minutes, offer_id=data.offer_id)
            for start in starts]
    exhibitor.slots.extend(made)
    session.flush()
    audit.record(session, actor, "event.slots_published", event, exhibitor=exhibitor.id, count=len(made))
    return made


def remove_slot(session: Session, actor: User, exhibitor: FairExhibitor, slot_id: int) -> None:
    """Remove an unbooked slot."""
    slot = next((s for s in exhibitor.slots if s.id == slot_id), None)
    if slot is None:
        raise NotFound("slot")
    if slot.booking is not None:
        raise ValidationError({"slot": "A booked slot cannot be removed."})
    exhibitor.slots.remove(slot)
    session.flush()
    audit.record(session, actor, "event.slot_removed", exhibitor.event, slot=slot_id)


def get_slot(session: Session, slot_id: int) -> InterviewSlot:
    """A slot by id, or NotFound."""
    slot = session.get(InterviewSlot, slot_id)
    if slot is None:
        raise NotFound("slot")
    return slot


def book(session: Session, profile: StudentProfile, slot: InterviewSlot, now: datetime | None = None) -> SlotBooking:
    """Book the slot for a student registered for the fair: one slot per exhibitor, none taken twice."""
    now = now or utcnow()
    event = slot.exhibitor.event
    registration = registration_of(event, profile)
    if registration is None or registration.status != RegistrationStatus.REGISTERED:
        raise ValidationError({"slot": "Register for the fair before you book an interview."})
    if slot.starts_at <= now:
        raise ValidationError({"slot": "This slot has already started."})
    booking = SlotBooking(slot_id=slot.id, exhibitor_id=slot.exhibitor_id, event_id=event.id,
                          student_id=profile.id, starts_at=slot.starts_at, booked_at=now)
    try:
        with session.begin_nested():
            session.add(booking)
    except IntegrityError:
        session.expire(slot, ["booking"])
        raise ValidationError({"slot": "This slot is taken, or you already have a slot with this employer "
                                       "or at this time."}) from None
    session.expire(slot, ["booking"])
    audit.record(session, profile.user, "event.slot_booked", event, slot=slot.id)
    notify(session, employer_contacts(session, slot.exhibitor.organization_id), "event.slot_booked",
           {"student": profile.name, "event": event.title, "when": f"{slot.starts_at:%Y-%m-%d %H:%M} UTC"},
           ("event", event.id))
    return booking


def cancel_booking(session: Session, profile: StudentProfile, slot: InterviewSlot,
                   now: datetime | None = None) -> None:
    """Cancel the student's booking until the fair's cancellation deadline (or the slot's start)."""
    now = now or utcnow()
    booking = slot.booking
    if booking is None or booking.student_id != profile.id:
        raise NotFound("booking")
    deadline = slot.exhibitor.event.slot_cancel_deadline or slot.starts_at
    if now >= min(deadline, slot.starts_at):
        raise ValidationError({"slot": "The deadline for cancelling has passed."})
    session.delete(booking)
    session.flush()
    session.expire(slot, ["booking"])
    audit.record(session, profile.user, "event.slot_cancelled", slot.exhibitor.event, slot=slot.id)


def open_slots(event: Event) -> list[InterviewSlot]:
    """Every slot of the fair that is not booked, by time."""
    slots = [s for x in event.exhibitors for s in x.slots if s.booking is None]
    return sorted(slots, key=lambda s: (s.starts_at, s.id))


def student_schedule(session: Session, profile: StudentProfile, event: Event | None = None) -> list[SlotBooking]:
    """The student's booked interviews, by time (at one fair or all)."""
    stmt = (select(SlotBooking).where(SlotBooking.student_id == profile.id)
            .options(selectinload(SlotBooking.slot)).order_by(SlotBooking.starts_at))
    if event is not None:
        stmt = stmt.where(SlotBooking.event_id == event.id)
    return list(session.scalars(stmt))


def exhibitor_schedule(exhibitor: FairExhibitor) -> list[InterviewSlot]:
    """The exhibitor's slots, booked or not, by time."""
    return sorted(exhibitor.slots, key=lambda s: (s.starts_at, s.id))
