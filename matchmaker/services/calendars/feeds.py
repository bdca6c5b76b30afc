"""Calendar feeds: what a user's private feed holds, its token (hash only, revocable), the public deadlines.

No alarms: calendar clients ignore them in subscribed feeds, so reminders are notifications (deadline.soon).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.ical import CalendarEvent, make_uid
from matchmaker.models import (
    AllocationParticipant,
    AllocationRound,
    Application,
    ApplicationStatus,
    CalendarFeed,
    ConversationSlot,
    Offer,
    Placement,
    Role,
    RoundStatus,
    SavedSearch,
    SavedSearchHit,
    User,
    utcnow,
)
from matchmaker.services.karriarsok.search import SearchParams, conditions

PAST = timedelta(days=60)  # how far back a feed still shows things
PUBLIC_MAX = 300
_GONE = (ApplicationStatus.WITHDRAWN, ApplicationStatus.DECLINED)
Link = Callable[[str, int], str]  # (object type, id) -> absolute URL


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_of(session: Session, user: User) -> CalendarFeed | None:
    """The user's active feed, if any."""
    return session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == user.id))


def create_feed(session: Session, user: User) -> str:
    """A new private feed address for the user (an older one stops working); returns the token, shown once."""
    old = feed_of(session, user)
    if old is not None:
        session.delete(old)
        session.flush()
    token = secrets.token_urlsafe(32)
    session.add(CalendarFeed(user_id=user.id, token_hash=_hash(token)))
    session.flush()
    audit.record(session, user, "calendar_feed.create", user, replaced=old is not None)
    return token


def revoke_feed(session: Session, user: User) -> bool:
    """Switch the user's feed off; returns whether there was one."""
    old = feed_of(session, user)
    if old is None:
        return False
    session.delete(old)
    session.flush()
    audit.record(session, user, "calendar_feed.revoke", user)
    return True


def owner_of(session: Session, token: str) -> User | None:
    """The active user a feed token belongs to; None for a revoked, unknown or malformed token."""
    if not token or len(token) > 100:
        return None
    feed = session.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == _hash(token)))
    if feed is None:
        return None
    user = session.get(User, feed.user_id)
    if user is None or not user.active:
        return None
    feed.last_fetched_at = utcnow()
    session.flush()
    return user


def _deadline(offer: Offer, link: Link, part: str) -> CalendarEvent:
    assert offer.application_deadline is not None
    return CalendarEvent(uid=make_uid("deadline", offer.id, part=part), start=offer.application_deadline,
                         summary=f"Sista ansökningsdag / Application deadline: {offer.title}",
                         description=offer.organization.name, url=link("offer", offer.id),
                         stamp=offer.updated_at)


def _slot(slot: ConversationSlot, application: Application, link: Link) -> CalendarEvent:
    offer = application.offer
    return CalendarEvent(uid=make_uid("interview", slot.id), start=slot.starts_at, end=slot.ends_at,
                         summary=f"Intervju / Interview: {offer.title} ({offer.organization.name})",
                         location=slot.location, url=link("conversation", application.id), stamp=slot.booked_at,
                         status="CONFIRMED")


def _placement(placement: Placement, link: Link) -> CalendarEvent:
    offer = placement.offer
    return CalendarEvent(uid=make_uid("placement", placement.id), start=placement.period_start,
                         end=placement.period_end or placement.period_start,
                         summary=f"Placering / Placement: {offer.title} ({offer.organization.name})",
                         url=link("placement", placement.id))


def _round(found: AllocationRound, link: Link) -> CalendarEvent:
    assert found.ranking_deadline is not None
    return CalendarEvent(uid=make_uid("round-deadline", found.id), start=found.ranking_deadline,
                         summary=f"Rangordning stänger / Ranking closes: {found.name}", url=link("round", found.id))


def personal_events(session: Session, user: User, today: date, link: Link) -> list[CalendarEvent]:
    """Everything of the user's that has a date: deadlines they follow, interviews, placements, ranking deadlines."""
    since = today - PAST
    events: list[CalendarEvent] = []
    if user.role == Role.STUDENT and user.student_profile is not None:
        profile_id = user.student_profile.id
        applications = list(session.scalars(select(Application).where(Application.student_id == profile_id)))
        followed = {a.offer_id for a in applications if a.status not in _GONE}
        followed |= set(session.scalars(select(SavedSearchHit.offer_id).join(
            SavedSearch, SavedSearchHit.search_id == SavedSearch.id).where(SavedSearch.student_id == profile_id)))
        placements = session.scalars(select(Placement).where(Placement.student_id == profile_id))
        rounds = session.scalars(select(AllocationRound).join(
            AllocationParticipant, AllocationParticipant.round_id == AllocationRound.id)
            .where(AllocationParticipant.student_id == profile_id, AllocationRound.status == RoundStatus.OPEN))
    elif user.role == Role.EMPLOYER and user.organization_id is not None:
        org_offers = select(Offer.id).where(Offer.organization_id == user.organization_id)
        applications = list(session.scalars(select(Application).where(Application.offer_id.in_(org_offers))))
        followed = set(session.scalars(org_offers))
        placements = session.scalars(select(Placement).where(Placement.offer_id.in_(org_offers)))
        rounds = iter(())
    elif user.role == Role.COACH:
        applications, followed, placements = [], set(), iter(())
        rounds = session.scalars(select(AllocationRound).where(AllocationRound.status == RoundStatus.OPEN))
    else:
        return []
    if followed:
        offers = session.scalars(select(Offer).where(Offer.id.in_(followed), Offer.application_deadline >= since)
                                 .order_by(Offer.application_deadline, Offer.id))
        events += [_deadline(o, link, "") for o in offers]
    by_id = {a.id: a for a in applications}
    if by_id:
        slots = session.scalars(select(ConversationSlot).where(
            ConversationSlot.application_id.in_(list(by_id)), ConversationSlot.status == "booked",
            ConversationSlot.starts_at >= utcnow() - PAST).order_by(ConversationSlot.starts_at))
        events += [_slot(s, by_id[s.application_id], link) for s in slots]
    events += [_placement(p, link) for p in placements if (p.period_end or p.period_start) >= since]
    events += [_round(r, link) for r in rounds if r.ranking_deadline is not None and r.ranking_deadline >= since]
    return events


def public_deadlines(session: Session, params: SearchParams, today: date, link: Link) -> list[CalendarEvent]:
    """Upcoming application deadlines of the open offers matching Karriärsök's filters (no personal data)."""
    offers = session.scalars(select(Offer).where(*conditions(params, today), Offer.application_deadline >= today)
                             .order_by(Offer.application_deadline, Offer.id).limit(PUBLIC_MAX))
    return [_deadline(o, link, "public") for o in offers]
