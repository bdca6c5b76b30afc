"""The student's start page: recommendations, "not interested", and matches recommended by a coach."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from matchmaker.core import audit
from matchmaker.core.errors import NotFound
from matchmaker.models import DismissedOffer, MatchRun, MatchStatus, MatchSuggestion, Offer, OfferStatus, User
from matchmaker.services.karriarsok.search import Hit
from matchmaker.services.ranking.index import OfferIndex
from matchmaker.services.ranking.rank import recommend_offers
from matchmaker.services.students.profiles import profile_of


def _offers(session: Session, ids: list[int]) -> dict[int, Offer]:
    if not ids:
        return {}
    rows = session.scalars(
        select(Offer).where(Offer.id.in_(ids))
        .options(joinedload(Offer.organization), joinedload(Offer.municipality))
    )
    return {o.id: o for o in rows}


def recommended(session: Session, index: OfferIndex, user: User, today: date, k: int = 10,
                language: str | None = None) -> list[Hit]:
    """Open offers the engine recommends for the student, best first (not dismissed, not applied to);
    reasons name concepts in `language` (the user's)."""
    profile = profile_of(user)
    results = recommend_offers(session, index, profile, k=k, today=today, language=language)
    offers = _offers(session, [r.offer_id for r in results])
    return [Hit(offers[r.offer_id], r.score, r.reasons) for r in results
            if r.offer_id in offers and offers[r.offer_id].is_open(today)]


def dismiss(session: Session, user: User, offer_id: int) -> None:
    """Mark an offer "not interested": it is never recommended to this student again."""
    profile = profile_of(user)
    offer = session.get(Offer, offer_id)
    if offer is None or offer.status != OfferStatus.PUBLISHED:
        raise NotFound("offer")
    if session.get(DismissedOffer, (profile.id, offer_id)) is None:
        session.add(DismissedOffer(student_id=profile.id, offer_id=offer_id))
        session.flush()
        audit.record(session, user, "offer.dismiss", offer)


def coach_recommended(session: Session, user: User) -> list[tuple[MatchSuggestion, Offer]]:
    """Matches a career coach recommended to the student in the current match run (published offers)."""
    profile = profile_of(user)
    rows = session.execute(
        select(MatchSuggestion, Offer)
        .join(MatchRun, MatchSuggestion.run_id == MatchRun.id)
        .join(Offer, MatchSuggestion.offer_id == Offer.id)
        .where(
            MatchRun.is_current.is_(True),
            MatchSuggestion.student_id == profile.id,
            MatchSuggestion.status == MatchStatus.RECOMMENDED,
            Offer.status == OfferStatus.PUBLISHED,
        )
        .options(selectinload(Offer.organization))
        .order_by(MatchSuggestion.score.desc(), MatchSuggestion.id)
    ).tuples()
    return list(rows)
