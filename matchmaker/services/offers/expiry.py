"""Expiry: published offers whose application deadline has passed become expired (daily)."""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.jobs.registry import job
from matchmaker.models import Offer, OfferStatus

log = logging.getLogger(__name__)


def expire_offers(session: Session, *, today: date) -> list[int]:
    """Set published offers whose deadline has passed to expired; returns their ids.

    Objects are updated one by one (not a bulk UPDATE) so each offer's version and updated_at move on,
    and an employer editing the offer at the same time gets a clean conflict instead of a lost update.
    """
    offers = session.scalars(
        select(Offer).where(Offer.status == OfferStatus.PUBLISHED, Offer.application_deadline < today)
        .order_by(Offer.id)
    ).all()
    for offer in offers:
        offer.status = OfferStatus.EXPIRED
    session.flush()
    ids = [o.id for o in offers]
    if ids:
        audit.record(session, None, "offers.expire", None, count=len(ids), offer_ids=ids[:500])
    return ids


@job("offers.expire")
def expire_offers_job(session: Session, today: str | None = None) -> int:
    """Job: expire offers past their deadline (run daily from cron, or `matchmaker expire-offers`)."""
    day = date.fromisoformat(today) if today else date.today()
    ids = expire_offers(session, today=day)
    log.info("expired %d offers", len(ids))
    return len(ids)
