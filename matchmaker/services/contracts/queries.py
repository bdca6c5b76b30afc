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

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matchmaker.models import CompetenceContract, ContractCommitment
from matchmaker.services.contracts.progress import LineProgress, progress_for_commitments


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


def _as_dict(commitment: ContractCommitment, line: LineProgress) -> dict[str, Any]:
    return {
        "commitment_id": commitment.id,
        "contract_id": commitment.contract_id,
        "kind": commitment.kind,
        "program_id": commitment.program_id,
        "committed": line.committed,
        "offers_linked": line.offers_linked,
        "offers_published": line.offers_published,
        "places_published": line.places_published,
        "applications": line.applications,
        "placements": line.placements,
        "completed": line.completed,
        "ratio": _ratio(line.placements, line.committed),
        "completed_ratio": _ratio(line.completed, line.committed),
        "fulfilled": line.placements >= line.committed,
        "status": line.status,
    }


def commitment_progress(session: Session, commitment: ContractCommitment, today: date | None = None) -> dict[str, Any]:
    """How far one commitment line is fulfilled (see the module docstring for what each number means).

    Keys: commitment_id, contract_id, kind (OfferKind), program_id, committed, offers_linked, offers_published,
    places_published, applications, placements, completed, ratio, completed_ratio, fulfilled (bool), status
    (fulfilled, not_started, on_track or behind).
    """
    lines = progress_for_commitments(session, [commitment], today or date.today())
    return _as_dict(commitment, lines[commitment.id])


def contract_progress(
    session: Session, contract: CompetenceContract, today: date | None = None
) -> list[dict[str, Any]]:
    """commitment_progress() of every line of a contract, in line order (computed together)."""
    lines = progress_for_commitments(session, contract.commitments, today or date.today())
    return [_as_dict(c, lines[c.id]) for c in contract.commitments]
