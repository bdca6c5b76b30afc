"""Matches for an offer as an integration may read them: consenting students only, and only for members of a
verified organisation (an unverified one could be anybody, so it sees no students)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from matchmaker.core.errors import Forbidden
from matchmaker.models import Organization, User
from matchmaker.services.applications.candidates import Candidate, candidates_for_offer
from matchmaker.services.offers.queries import get_offer_for
from matchmaker.services.ranking.index import OfferIndex

UNVERIFIED = "Your organisation is not verified yet: students are shown once a career coach has verified it."


def may_see_candidates(session: Session, actor: User) -> bool:
    """True when the actor belongs to a verified organisation."""
    org = session.get(Organization, actor.organization_id) if actor.organization_id is not None else None
    return org is not None and org.verified


def matches_for_offer(session: Session, index: OfferIndex, actor: User, offer_id: int, *, k: int = 20,
                      today: date | None = None, locale: str = "sv") -> list[Candidate]:
    """Consenting students ranked for one of the actor's offers; Forbidden for an unverified organisation."""
    get_offer_for(session, actor, offer_id)  # NotFound first: another organisation's offer does not exist
    if not may_see_candidates(session, actor):
        raise Forbidden(UNVERIFIED)
    return candidates_for_offer(session, index, actor, offer_id, k=k, today=today, locale=locale)
