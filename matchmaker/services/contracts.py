"""Read side of Kompetenskontraktet: an organisation's contracts and how far each commitment is fulfilled.

Shared by the employer's dashboard and contract page and the coaches' contract pages. Counting rules:

- an offer counts towards a commitment when it is linked to it (`Offer.commitment_id`);
- `offers_published`: linked offers that have been published at some point (`published_at` set), including
  those since filled, closed or expired; an offer back in review after an edit still counts;
- `places_published`: the places of those offers;
- `applications`: applications to linked offers, except withdrawn ones;
- `placements` / `completed`: placements on linked offers, and those marked completed;
- `committed`: the commitment's count (places, i.e. students to take in), so the fulfilment ratio is
  `placements / committed` and `completed_ratio` is `completed / committed` (both capped at 1.0).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from matchmaker.models import (
    Application,
    ApplicationStatus,
    CompetenceContract,
    ContractCommitment,
    Offer,
    Placement,
)


def contracts_for_organization(session: Session, org_id: int) -> list[CompetenceContract]:
    """All contracts of an organisation (any status), newest period first, commitments loaded."""
    return list(
        session.scalars(
            select(CompetenceContract)
            .where(CompetenceContract.organization_id == org_id)
            .options(selectinload(CompetenceContract.commitments).selectinload(ContractCommitment.program))
            .order_by(CompetenceContract.period_start.desc(), CompetenceContract.id.desc())
        )
    )


def _ratio(part: int, whole: int) -> float:
    return min(1.0, part / whole) if whole > 0 else 0.0


def commitment_progress(session: Session, commitment: ContractCommitment) -> dict[str, Any]:
    """How far one commitment line is fulfilled (see the module docstring for what each number means).

    Keys: commitment_id, contract_id, kind (OfferKind), program_id, committed, offers_linked, offers_published,
    places_published, applications, placements, completed, ratio, completed_ratio, fulfilled (bool).
    """
    linked = select(Offer.id).where(Offer.commitment_id == commitment.id).scalar_subquery()
    offers_linked, offers_published, places_published = session.execute(
        select(
            func.count(Offer.id),
            func.count(Offer.published_at),
            func.coalesce(func.sum(Offer.places).filter(Offer.published_at.is_not(None)), 0),
        ).where(Offer.commitment_id == commitment.id)
    ).one()
    applications = session.scalar(
        select(func.count(Application.id)).where(
            Application.offer_id.in_(linked), Application.status != ApplicationStatus.WITHDRAWN
        )
    ) or 0
    placements, completed = session.execute(
        select(
            func.count(Placement.id),
            func.count(Placement.id).filter(Placement.completed.is_(True)),
        ).where(Placement.offer_id.in_(linked))
    ).one()
    committed = commitment.count
    return {
        "commitment_id": commitment.id,
        "contract_id": commitment.contract_id,
        "kind": commitment.kind,
        "program_id": commitment.program_id,
        "committed": committed,
        "offers_linked": int(offers_linked),
        "offers_published": int(offers_published),
        "places_published": int(places_published),
        "applications": int(applications),
        "placements": int(placements),
        "completed": int(completed),
        "ratio": _ratio(int(placements), committed),
        "completed_ratio": _ratio(int(completed), committed),
        "fulfilled": int(placements) >= committed,
    }


def contract_progress(session: Session, contract: CompetenceContract) -> list[dict[str, Any]]:
    """commitment_progress() of every line of a contract, in line order."""
    return [commitment_progress(session, line) for line in contract.commitments]
