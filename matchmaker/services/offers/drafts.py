"""Creating an offer once per form, and deleting drafts: what an employer may undo before anyone saw it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import Conflict, Forbidden
from matchmaker.models import Offer, OfferStatus, User
from matchmaker.services.offers.editing import OfferInput, create_offer
from matchmaker.services.offers.queries import get_offer_for

TOKEN_MAX = 64


def _by_token(session: Session, actor: User, token: str) -> Offer | None:
    found = session.scalar(select(Offer).where(Offer.creation_token == token))
    return found if found is not None and found.organization_id == actor.organization_id else None


def create_once(session: Session, actor: User, data: OfferInput, token: str, *, today: date,
                submit: bool = False) -> tuple[Offer, bool]:
    """Create the offer of a form unless that form (its token) already created one: (offer, created now)."""
    token = (token or "").strip()[:TOKEN_MAX]
    if token and (existing := _by_token(session, actor, token)) is not None:
        return existing, False
    try:
        # A savepoint: two submits racing each other meet at the unique token, and the second one finds the first.
        with session.begin_nested():
            offer = create_offer(session, actor, data, today=today, submit=submit)
            offer.creation_token = token or None
            session.flush()
    except IntegrityError:
        existing = _by_token(session, actor, token) if token else None
        if existing is None:
            raise
        return existing, False
    return offer, True


def delete_draft(session: Session, actor: User, offer_id: int, *, expected_version: int | None) -> str:
    """Delete a draft of the actor's organisation (never sent, so nobody else has seen it); returns its title."""
    offer = get_offer_for(session, actor, offer_id)
    if offer.status != OfferStatus.DRAFT:
        raise Forbidden("Only drafts can be deleted; close the offer instead.")
    if expected_version is not None and offer.version_id != expected_version:
        raise Conflict("the offer was changed since you opened it")
    title = offer.title
    audit.record(session, actor, "offer.delete_draft", offer, title=title)
    session.delete(offer)
    session.flush()
    return title
