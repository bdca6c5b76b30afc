"""A council's meetings and their minutes: title, date, attendees, notes and decisions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import CouncilMeeting, ProgrammeCouncil, User

MAX_TEXT = 20_000


@dataclass
class MeetingInput:
    """The minutes as the coach writes them."""

    title: str = ""
    held_on: date | None = None
    attendee_ids: list[int] = field(default_factory=list)
    guests: str = ""
    notes: str = ""
    decisions: str = ""


def record_meeting(session: Session, actor: User, council: ProgrammeCouncil, data: MeetingInput,
                   today: date) -> CouncilMeeting:
    """Record a meeting that took place, with its minutes, or raise ValidationError per field."""
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = "Give the meeting a title."
    elif len(data.title.strip()) > 200:
        errors["title"] = "The title is too long (at most 200 characters)."
    if data.held_on is None:
        errors["held_on"] = "Give the date the meeting was held, like 2026-11-24."
    elif data.held_on > today:
        errors["held_on"] = "Minutes are kept for meetings held: the date cannot be in the future."
    members = {m.id: m for m in council.members if m.current}
    if set(data.attendee_ids) - set(members):
        errors["attendees"] = "Choose attendees among the council's members."
    for name in ("guests", "notes", "decisions"):
        if len(getattr(data, name)) > MAX_TEXT:
            errors[name] = "The text is too long (at most 20 000 characters)."
    if not errors and not data.attendee_ids and not data.guests.strip():
        errors["attendees"] = "Say who attended: choose members or name the guests."
    if errors:
        raise ValidationError(errors)
    assert data.held_on is not None
    meeting = CouncilMeeting(
        title=data.title.strip(), held_on=data.held_on, guests=data.guests.strip(), notes=data.notes.strip(),
        decisions=data.decisions.strip(), recorded_by_id=actor.id,
        attendees=[members[i] for i in sorted(set(data.attendee_ids))])
    council.meetings.append(meeting)
    session.flush()
    audit.record(session, actor, "council.meeting_recorded", council, meeting=meeting.id)
    return meeting


def get_meeting(council: ProgrammeCouncil, meeting_id: int) -> CouncilMeeting:
    """One of the council's meetings, or NotFound (also for another council's meeting)."""
    found = next((m for m in council.meetings if m.id == meeting_id), None)
    if found is None:
        raise NotFound("meeting")
    return found
