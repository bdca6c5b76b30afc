"""Demo meeting places from seeds/meeting.yaml: events, a fair with exhibitors, slots and bookings, and a mentoring
programme matched and published by the real services (so the pairs carry the engine's scores and reasons)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from matchmaker.models import (
    Event,
    EventKind,
    EventRegistration,
    FairExhibitor,
    InterviewSlot,
    RegistrationStatus,
    Role,
    SlotBooking,
    StudentProfile,
)
from matchmaker.services.events.registrations import registered_count
from matchmaker.services.mentoring import matching, programmes

from .support import EntryError, SeedContext, entries, entry, read_yaml, ref

FILE = "meeting.yaml"
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _at(ctx: SeedContext, days: int, hour: int) -> datetime:
    return datetime.combine(ctx.today + timedelta(days=days), time(hour), tzinfo=STOCKHOLM)


def _student(ctx: SeedContext, email: str) -> StudentProfile:
    return ref(ctx.students, email, "student")


def load_meeting_places(ctx: SeedContext) -> None:
    """Events and mentoring programmes of meeting.yaml (after students and organisations are loaded)."""
    data = read_yaml(ctx.seeds_dir, FILE)
    if not isinstance(data, dict):
        raise EntryError(f"{FILE} must map 'events' and 'mentoring' to lists")
    for e in entries(data.get("events", []), f"{FILE}:events"):
        with entry(FILE, e.get("key")):
            _event(ctx, e)
    for e in entries(data.get("mentoring", []), f"{FILE}:mentoring"):
        with entry(FILE, e.get("title")):
            _programme(ctx, e)


def _event(ctx: SeedContext, e: dict[str, Any]) -> None:
    start = _at(ctx, int(e["days"]), int(e.get("hour", 10)))
    event = Event(
        kind=EventKind(e["kind"]), title=e["title"], description=str(e.get("description", "")).strip(),
        campus=e.get("campus", ""), place=e.get("place", ""), online_url=e.get("online_url", ""),
        starts_at=start, ends_at=start + timedelta(hours=float(e.get("hours", 2))), capacity=e.get("capacity"),
        registration_opens=_at(ctx, int(e.get("registration_opens_days", -7)), 8), registration_closes=start,
        programs=[ref(ctx.programs, slug, "program") for slug in e.get("programs", [])],
    )
    if event.kind == EventKind.FAIR:
        event.employer_registration_opens = event.registration_opens
        event.employer_registration_closes = _at(ctx, int(e.get("employer_registration_closes_days", 0)), 16)
        event.slot_cancel_deadline = start - timedelta(hours=12)
    ctx.session.add(event)
    ctx.session.flush()
    for email in e.get("registrations", []):
        full = event.capacity is not None and registered_count(event) >= event.capacity
        status = RegistrationStatus.WAITING if full else RegistrationStatus.REGISTERED
        event.registrations.append(EventRegistration(student_id=_student(ctx, email).id, status=status))
        ctx.session.flush()
    for x in entries(e.get("exhibitors", []), f"{FILE}:{e.get('key')}:exhibitors"):
        exhibitor = FairExhibitor(event_id=event.id, organization=ref(ctx.organizations, x["organization"],
                                                                      "organisation"),
                                  stand=x.get("stand", ""), representatives=int(x.get("representatives", 1)),
                                  wishes=x.get("wishes", ""))
        ctx.session.add(exhibitor)
        ctx.session.flush()
        slots = x.get("slots") or {}
        minutes = int(slots.get("minutes", 10))
        made = [InterviewSlot(exhibitor_id=exhibitor.id, starts_at=start + timedelta(minutes=minutes * i),
                              minutes=minutes) for i in range(int(slots.get("count", 0)))]
        ctx.session.add_all(made)
        ctx.session.flush()
        for slot, email in zip(made, x.get("bookings", []), strict=False):
            ctx.session.add(SlotBooking(slot_id=slot.id, exhibitor_id=exhibitor.id, event_id=event.id,
                                        student_id=_student(ctx, email).id, starts_at=slot.starts_at))
    ctx.session.flush()


def _programme(ctx: SeedContext, e: dict[str, Any]) -> None:
    coach = next(u for u in ctx.users.values() if u.role == Role.COACH)
    programme = programmes.create_programme(ctx.session, coach, programmes.ProgrammeInput(
        title=e["title"], description=str(e.get("description", "")).strip(), goals=e.get("goals", ""),
        period_start=ctx.today + timedelta(days=int(e["start_days"])),
        period_end=ctx.today + timedelta(days=int(e["end_days"])),
        matching_deadline=ctx.today + timedelta(days=int(e["deadline_days"])),
        target_pairs=e.get("target_pairs"), target_completion=e.get("target_completion")))
    for m in entries(e.get("mentors", []), f"{FILE}:mentors"):
        programmes.register_mentor(ctx.session, ref(ctx.users, m["email"], "employer"), programme, m["expertise"],
                                   m.get("preferences", ""), int(m.get("capacity", 1)), ctx.today)
    for a in entries(e.get("mentees", []), f"{FILE}:mentees"):
        programmes.apply(ctx.session, _student(ctx, a["email"]), programme, a["goals"], ctx.today)
    if e.get("publish"):
        matching.run_matching(ctx.session, coach, programme, "stable")
        matching.publish(ctx.session, coach, programme)
