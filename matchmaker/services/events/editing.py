"""Coaches create and edit events; every rule is checked before anything changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.core.validation import valid_term
from matchmaker.models import Event, EventKind, LifecyclePhase, ProgramLevel, RegistrationStatus, StudyProgram, User

from .eligibility import count_eligible
from .registrations import move_up


@dataclass
class EventInput:
    """What a coach fills in for an event (times are aware datetimes)."""

    kind: str = ""
    title: str = ""
    description: str = ""
    campus: str = ""
    place: str = ""
    online_url: str = ""
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    capacity: int | None = None
    registration_opens: datetime | None = None
    registration_closes: datetime | None = None
    employer_registration_opens: datetime | None = None
    employer_registration_closes: datetime | None = None
    slot_cancel_deadline: datetime | None = None
    program_ids: list[int] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    graduation_terms: list[str] = field(default_factory=list)
    goal_attendance: int | None = None
    phase: str = "attract"


def _validate(session: Session, data: EventInput, found: Event | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.kind not in {k.value for k in EventKind}:
        errors["kind"] = "Choose a kind of event."
    if not data.title.strip():
        errors["title"] = "Give the event a title."
    elif len(data.title) > 200:
        errors["title"] = "The title is too long (at most 200 characters)."
    if not (data.campus.strip() or data.place.strip() or data.online_url.strip()):
        errors["place"] = "Give a campus, a place or an online link."
    if data.online_url.strip():
        parts = urlsplit(data.online_url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            errors["online_url"] = "The online link must start with https:// or http://."
    if data.starts_at is None:
        errors["starts_at"] = "Give the start time."
    if data.ends_at is None:
        errors["ends_at"] = "Give the end time."
    elif data.starts_at is not None and data.ends_at <= data.starts_at:
        errors["ends_at"] = "The event must end after it starts."
    if data.capacity is not None and data.capacity < 1:
        errors["capacity"] = "The capacity must be at least 1 (leave it empty for no limit)."
    elif data.capacity is not None and found is not None:
        taken = sum(1 for r in found.registrations if r.status == RegistrationStatus.REGISTERED)
        if data.capacity < taken:
            errors["capacity"] = "The capacity cannot be lower than the number already registered."
    _validate_window(errors, "registration", data.registration_opens, data.registration_closes, data.ends_at, True)
    if data.kind == EventKind.FAIR.value:
        _validate_window(errors, "employer_registration", data.employer_registration_opens,
                         data.employer_registration_closes, data.starts_at, True)
    if data.goal_attendance is not None and data.goal_attendance < 1:
        errors["goal_attendance"] = "The attendance goal must be at least 1 (leave it empty for none)."
    if data.phase not in {p.value for p in LifecyclePhase}:
        errors["phase"] = "Choose a phase from the list."
    if set(data.levels) - {lv.value for lv in ProgramLevel}:
        errors["levels"] = "Choose levels from the list."
    if [t for t in data.graduation_terms if not valid_term(t)]:
        errors["graduation_terms"] = "Terms are written like HT2026 or VT2027."
    known = set(session.scalars(select(StudyProgram.id).where(StudyProgram.id.in_(data.program_ids))))
    if set(data.program_ids) - known:
        errors["programs"] = "Choose programs from the list."
    if not errors and (data.program_ids or data.levels or data.graduation_terms) and count_eligible(
            session, data.program_ids, data.levels, data.graduation_terms) == 0:
        errors["programs"] = "No student meets this eligibility: widen the programs, levels or terms."
    return errors


def _validate_window(errors: dict[str, str], name: str, opens: datetime | None, closes: datetime | None,
                     limit: datetime | None, required: bool) -> None:
    if opens is None and required:
        errors[f"{name}_opens"] = "Give when registration opens."
    if closes is None and required:
        errors[f"{name}_closes"] = "Give when registration closes."
    elif opens is not None and closes is not None and closes <= opens:
        errors[f"{name}_closes"] = "Registration must close after it opens."
    elif closes is not None and limit is not None and closes > limit:
        errors[f"{name}_closes"] = "Registration must close before the event ends."


def _apply(session: Session, event: Event, data: EventInput) -> None:
    event.kind = EventKind(data.kind)
    event.title = data.title.strip()
    event.description = data.description.strip()
    event.campus = data.campus.strip()
    event.place = data.place.strip()
    event.online_url = data.online_url.strip()
    assert data.starts_at and data.ends_at and data.registration_opens and data.registration_closes
    event.starts_at, event.ends_at = data.starts_at, data.ends_at
    event.capacity = data.capacity
    event.registration_opens, event.registration_closes = data.registration_opens, data.registration_closes
    is_fair = event.kind == EventKind.FAIR
    event.employer_registration_opens = data.employer_registration_opens if is_fair else None
    event.employer_registration_closes = data.employer_registration_closes if is_fair else None
    event.slot_cancel_deadline = data.slot_cancel_deadline if is_fair else None
    event.levels = sorted(set(data.levels))
    event.graduation_terms = sorted(set(data.graduation_terms))
    event.goal_attendance, event.phase = data.goal_attendance, LifecyclePhase(data.phase)
    event.programs = list(session.scalars(select(StudyProgram).where(StudyProgram.id.in_(data.program_ids))))


def create_event(session: Session, actor: User, data: EventInput) -> Event:
    """Create an event, or raise ValidationError with a reason per field (nothing is written then)."""
    errors = _validate(session, data, None)
    if errors:
        raise ValidationError(errors)
    event = Event(created_by_id=actor.id)
    _apply(session, event, data)
    session.add(event)
    session.flush()
    audit.record(session, actor, "event.created", event)
    return event


def update_event(session: Session, actor: User, event: Event, data: EventInput) -> Event:
    """Change an event; a raised capacity moves waiting students up (and tells them)."""
    errors = _validate(session, data, event)
    if errors:
        raise ValidationError(errors)
    _apply(session, event, data)
    session.flush()
    audit.record(session, actor, "event.updated", event)
    move_up(session, event)
    return event


def get_event(session: Session, event_id: int) -> Event:
    """An event by id, or NotFound."""
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound("event")
    return event


def input_of(event: Event) -> EventInput:
    """An event's current values as an EventInput (to prefill the edit form)."""
    return EventInput(
        kind=event.kind.value, title=event.title, description=event.description, campus=event.campus,
        place=event.place, online_url=event.online_url, starts_at=event.starts_at, ends_at=event.ends_at,
        capacity=event.capacity, registration_opens=event.registration_opens,
        registration_closes=event.registration_closes,
        employer_registration_opens=event.employer_registration_opens,
        employer_registration_closes=event.employer_registration_closes,
        slot_cancel_deadline=event.slot_cancel_deadline, program_ids=[p.id for p in event.programs],
        levels=list(event.levels), graduation_terms=list(event.graduation_terms),
        goal_attendance=event.goal_attendance, phase=event.phase.value,
    )
