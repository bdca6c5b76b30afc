"""Alumni as speakers of events: coaches add and remove them; the event's page shows only those who still consent
and are open to speaking (checked when the page is read, so a withdrawn consent hides them at once)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import AlumnusProfile, Event, EventSpeaker, Role, User
from matchmaker.services.alumni import queries as alumni_queries

MAX_TOPIC = 200


def eligible_alumni(session: Session) -> list[AlumnusProfile]:
    """Alumni a coach may add: consenting and open to speaking."""
    return alumni_queries.speakers(session)


def _profile(session: Session, user_id: int) -> AlumnusProfile | None:
    return session.scalar(select(AlumnusProfile).where(AlumnusProfile.user_id == user_id))


def may_be_shown(profile: AlumnusProfile | None) -> bool:
    """Whether an alumnus may be shown as a speaker now: an active alumnus who consents and is open to speaking."""
    return (profile is not None and profile.user.active and profile.user.role == Role.ALUMNUS
            and profile.converted_at is not None and profile.consent_given and profile.open_to_speaking)


def _rows(session: Session, event: Event) -> list[EventSpeaker]:
    stmt = select(EventSpeaker).where(EventSpeaker.event_id == event.id).order_by(EventSpeaker.id)
    return list(session.scalars(stmt))


def add_speaker(session: Session, actor: User, event: Event, user_id: int | None, topic: str = "") -> EventSpeaker:
    """Add a consenting alumnus who is open to speaking as a speaker of the event, with an optional topic."""
    topic = (topic or "").strip()
    errors: dict[str, str] = {}
    if event.cancelled_at is not None:
        errors["alumnus"] = "The event is cancelled: speakers cannot be added."
    elif user_id is None:
        errors["alumnus"] = "Choose an alumnus."
    else:
        profile = _profile(session, user_id)
        if profile is None or profile.user.role != Role.ALUMNUS or not profile.user.active \
                or profile.converted_at is None:
            errors["alumnus"] = "Choose an alumnus from the list."
        elif not profile.consent_given:
            errors["alumnus"] = "This alumnus has not consented to keep in touch, so they cannot be a speaker."
        elif not profile.open_to_speaking:
            errors["alumnus"] = "This alumnus is not open to speaking at events."
        elif any(s.user_id == user_id for s in _rows(session, event)):
            errors["alumnus"] = "This alumnus is already a speaker of the event."
    if len(topic) > MAX_TOPIC:
        errors["topic"] = "The topic is too long (at most 200 characters)."
    if errors:
        raise ValidationError(errors)
    assert user_id is not None
    speaker = EventSpeaker(event_id=event.id, user_id=user_id, topic=topic, added_by_id=actor.id)
    session.add(speaker)
    session.flush()
    audit.record(session, actor, "event.speaker_added", event, speaker=user_id)
    return speaker


def remove_speaker(session: Session, actor: User, event: Event, user_id: int) -> None:
    """Remove a speaker from the event (NotFound when they are not one)."""
    found = next((s for s in _rows(session, event) if s.user_id == user_id), None)
    if found is None:
        raise NotFound("speaker")
    session.delete(found)
    session.flush()
    audit.record(session, actor, "event.speaker_removed", event, speaker=user_id)


@dataclass
class Speaker:
    """A speaker as a page shows them: the alumnus's name and employer from the profile, and the topic."""

    user_id: int
    name: str
    employer: str
    topic: str
    shown: bool


def _speaker(row: EventSpeaker, profile: AlumnusProfile | None) -> Speaker:
    return Speaker(user_id=row.user_id, name=row.user.display_name,
                   employer=profile.employer_name if profile is not None else "", topic=row.topic,
                   shown=may_be_shown(profile))


def speakers_for_coach(session: Session, event: Event) -> list[Speaker]:
    """Every speaker added to the event, with whether the event's page shows them now."""
    return [_speaker(r, _profile(session, r.user_id)) for r in _rows(session, event)]


def speakers_shown(session: Session, event: Event) -> list[Speaker]:
    """The speakers the event's page shows: only those who still consent and are open to speaking."""
    return [s for s in speakers_for_coach(session, event) if s.shown]


def events_of_speaker(session: Session, alumnus: User) -> list[tuple[Event, str]]:
    """The events (not cancelled) where the alumnus is a speaker, soonest first, with their topic."""
    stmt = (select(Event, EventSpeaker.topic).join(EventSpeaker, EventSpeaker.event_id == Event.id)
            .where(EventSpeaker.user_id == alumnus.id, Event.cancelled_at.is_(None))
            .order_by(Event.starts_at, Event.id))
    return [(e, t) for e, t in session.execute(stmt).all()]
