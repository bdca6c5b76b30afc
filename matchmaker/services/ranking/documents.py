"""The bridge between the database and the matching engine: models in, engine documents out, ids back."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matchmaker.matching import OfferDoc, ScoredPair, StudentDoc
from matchmaker.models import CompetenceContract, ContractStatus, Offer, OfferStatus, StudentProfile


@dataclass(frozen=True)
class Ranked:
    """A ranked offer-student pair with reasons, in database ids."""

    offer_id: int
    student_id: int | None
    score: float
    reasons: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_match(cls, match: ScoredPair) -> Ranked:
        """Convert an engine match (string ids) to database ids."""
        return cls(
            offer_id=int(match.offer_id),
            student_id=int(match.student_id) if match.student_id else None,
            score=round(float(match.score), 4),
            reasons=[r.to_dict() for r in match.reasons],
        )


def contract_org_ids(session: Session, today: date) -> set[int]:
    """Organisations with an active Kompetenskontrakt covering `today`."""
    rows = session.scalars(
        select(CompetenceContract.organization_id).where(
            CompetenceContract.status == ContractStatus.ACTIVE,
            CompetenceContract.period_start <= today,
            CompetenceContract.period_end >= today,
        )
    )
    return set(rows)


def offer_doc(offer: Offer, has_contract: bool = False) -> OfferDoc:
    """The engine's view of an offer."""
    municipality = offer.municipality
    return OfferDoc(
        id=str(offer.id),
        title=offer.title,
        description=offer.description,
        kind=offer.kind.value,
        skills=tuple(offer.skills or ()),
        programs=tuple(p.slug for p in offer.programs),
        municipality=municipality.name if municipality else None,
        county=municipality.county if municipality else None,
        sparse=bool(municipality and municipality.sparsely_populated),
        remote=offer.remote,
        language=offer.language.value if offer.language else None,
        has_contract=has_contract,
        status=offer.status.value,
        deadline=offer.application_deadline,
    )


def student_doc(profile: StudentProfile) -> StudentDoc:
    """The engine's view of a student profile."""
    places = profile.preferred_municipalities
    return StudentDoc(
        id=str(profile.id),
        about=profile.about,
        interests=profile.interests,
        skills=tuple(profile.skills or ()),
        program=profile.program.slug if profile.program else None,
        kinds=tuple(profile.preferred_kinds or ()),
        municipalities=tuple(m.name for m in places),
        counties=tuple(sorted({m.county for m in places})),
        relocate=profile.willing_to_relocate,
        remote_ok=profile.remote_ok,
        prefers_sparse=profile.prefers_sparse,
    )


def published_offers(session: Session, ids: Iterable[int] | None = None) -> list[Offer]:
    """Published offers (all, or those with the given ids) with what the engine reads, in id order."""
    query = (
        select(Offer)
        .where(Offer.status == OfferStatus.PUBLISHED)
        .options(selectinload(Offer.programs), selectinload(Offer.municipality))
        .order_by(Offer.id)
    )
    if ids is not None:
        query = query.where(Offer.id.in_(list(ids)))
    return list(session.scalars(query))


def offer_docs(session: Session, offers: Sequence[Offer], today: date | None = None) -> list[OfferDoc]:
    """Engine documents for offers, with the Kompetenskontrakt flag filled in."""
    with_contract = contract_org_ids(session, today or date.today())
    return [offer_doc(o, o.organization_id in with_contract) for o in offers]
