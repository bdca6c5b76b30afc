"""Reading offers: an organisation's own (checked against the actor), lists, counts, open commitments, and
one offer as a given viewer may see it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matchmaker.core.errors import NotFound
from matchmaker.models import CompetenceContract, ContractCommitment, ContractStatus, Offer, OfferStatus, Role, User


def organization_id_of(actor: User) -> int:
    """The actor's organisation id; NotFound when the actor belongs to none."""
    if actor.organization_id is None:
        raise NotFound("no organisation")
    return actor.organization_id


def get_offer_for(session: Session, actor: User, offer_id: int) -> Offer:
    """An offer of the actor's organisation; NotFound for any other (existence is not leaked)."""
    offer = session.get(Offer, offer_id)
    if offer is None or actor.organization_id is None or offer.organization_id != actor.organization_id:
        raise NotFound("offer")
    return offer


def offers_of(session: Session, actor: User, status: OfferStatus | None = None) -> list[Offer]:
    """The offers of the actor's organisation, newest first, optionally of one status."""
    query = select(Offer).where(Offer.organization_id == organization_id_of(actor))
    if status is not None:
        query = query.where(Offer.status == status)
    return list(session.scalars(query.order_by(Offer.updated_at.desc(), Offer.id.desc())))


def count_by_status(session: Session, organization_id: int) -> dict[OfferStatus, int]:
    """How many offers the organisation has in each status (every status present, zero when none)."""
    counts = dict.fromkeys(OfferStatus, 0)
    for status in session.scalars(select(Offer.status).where(Offer.organization_id == organization_id)):
        counts[status] += 1
    return counts


def active_commitments(session: Session, organization_id: int) -> list[ContractCommitment]:
    """Commitment lines of the organisation's active contracts (what a new offer can count towards)."""
    return list(
        session.scalars(
            select(ContractCommitment)
            .join(CompetenceContract, ContractCommitment.contract_id == CompetenceContract.id)
            .where(
                CompetenceContract.organization_id == organization_id,
                CompetenceContract.status == ContractStatus.ACTIVE,
            )
            .order_by(CompetenceContract.period_start, ContractCommitment.id)
        )
    )


def may_preview(viewer: User | None, offer: Offer) -> bool:
    """Unpublished offers are seen only by their own employer, and by coaches and admins (review)."""
    if viewer is None:
        return False
    if viewer.role in (Role.COACH, Role.ADMIN):
        return True
    return viewer.role == Role.EMPLOYER and viewer.organization_id == offer.organization_id


def offer_for_viewer(session: Session, viewer: User | None, offer_id: int) -> Offer:
    """An offer with what its page shows; NotFound when unpublished and the viewer may not preview it."""
    offer = session.scalar(
        select(Offer).where(Offer.id == offer_id)
        .options(selectinload(Offer.organization), selectinload(Offer.municipality), selectinload(Offer.programs))
    )
    if offer is None or (offer.status != OfferStatus.PUBLISHED and not may_preview(viewer, offer)):
        raise NotFound("offer")
    return offer


def published_offer(session: Session, offer_id: int) -> Offer:
    """A published offer with its organisation and place; NotFound otherwise."""
    offer = session.scalar(
        select(Offer).where(Offer.id == offer_id, Offer.status == OfferStatus.PUBLISHED)
        .options(selectinload(Offer.organization), selectinload(Offer.municipality))
    )
    if offer is None:
        raise NotFound("offer")
    return offer
