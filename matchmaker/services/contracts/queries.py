"""Read side of Kompetenskontraktet: an organisation's contracts; how far each line is fulfilled is progress.py.

Shared by the employer's dashboard and contract page and the coaches' contract pages. Counting rules:

- an offer counts towards a commitment when it is linked to it (`Offer.commitment_id`);
- `offers_published`: linked offers that have been published at some point (`published_at` set), including
  those since filled, closed or expired; an offer back in review after an edit still counts;
- `places_published`: the places of those offers;
- `applications`: applications to linked offers, except withdrawn ones;
- `placements` / `completed`: placements on linked offers, and those marked completed;
- `committed`: the commitment's count (places, i.e. students to take in), so the fulfilment `ratio` is
  `placements / committed` and `completed_ratio` is `completed / committed` (both capped at 1.0).
All of them are fields of `progress.LineProgress`.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matchmaker.core.errors import NotFound
from matchmaker.models import CompetenceContract, ContractCommitment


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


def contract_of_organization(session: Session, org_id: int, contract_id: int) -> CompetenceContract:
    """One contract of the organisation; NotFound for another organisation's (existence is not leaked)."""
    contract = session.get(CompetenceContract, contract_id)
    if contract is None or contract.organization_id != org_id:
        raise NotFound("contract")
    return contract
