"""Public listings: which organisations and open offers anybody (or an API token's owner) may list."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from matchmaker.core.errors import NotFound
from matchmaker.models import Municipality, Offer, Organization, Role, User
from matchmaker.services.karriarsok.search import open_condition

MAX_LISTED = 500


def _visible(viewer: User | None):  # type: ignore[no-untyped-def]
    # Coaches see every organisation; everybody else the verified ones, and an employer also their own.
    if viewer is not None and viewer.role in (Role.COACH, Role.ADMIN):
        return None
    if viewer is not None and viewer.organization_id is not None:
        return or_(Organization.verified.is_(True), Organization.id == viewer.organization_id)
    return Organization.verified.is_(True)


def organizations_for(session: Session, viewer: User | None) -> list[Organization]:
    """The organisations `viewer` may list, by id."""
    query = select(Organization).options(selectinload(Organization.municipality)).order_by(Organization.id)
    condition = _visible(viewer)
    if condition is not None:
        query = query.where(condition)
    return list(session.scalars(query))


def organization_for(session: Session, viewer: User | None, organization_id: int) -> Organization:
    """One organisation `viewer` may see; NotFound otherwise."""
    query = select(Organization).where(Organization.id == organization_id)
    condition = _visible(viewer)
    if condition is not None:
        query = query.where(condition)
    found = session.scalar(query)
    if found is None:
        raise NotFound("organization")
    return found


def municipality_by_code(session: Session, code: str) -> Municipality:
    """A municipality by its four-digit code; NotFound otherwise."""
    found = session.scalar(select(Municipality).where(Municipality.code == code))
    if found is None:
        raise NotFound("municipality")
    return found


def open_offers(session: Session, today: date, *, organization_id: int | None = None,
                municipality_id: int | None = None, limit: int = MAX_LISTED) -> list[Offer]:
    """Open offers (published, deadline not passed), newest first, of one organisation or municipality."""
    query = (select(Offer).where(open_condition(today))
             .options(selectinload(Offer.organization), selectinload(Offer.municipality),
                      selectinload(Offer.programs))
             .order_by(Offer.published_at.desc(), Offer.id.desc()).limit(limit))
    if organization_id is not None:
        query = query.where(Offer.organization_id == organization_id)
    if municipality_id is not None:
        query = query.where(Offer.municipality_id == municipality_id)
    return list(session.scalars(query))
