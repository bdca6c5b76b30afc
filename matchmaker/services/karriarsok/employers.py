"""Public employer pages: an organisation's profile, its open offers and whether it has a Kompetenskontrakt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matchmaker.core.errors import NotFound
from matchmaker.models import CompetenceContract, ContractStatus, Offer, Organization
from matchmaker.services.karriarsok.search import open_condition


@dataclass
class EmployerPage:
    """What anyone may read about an employer."""

    organization: Organization
    offers: list[Offer]
    contract: CompetenceContract | None  # the active Kompetenskontrakt covering today, if any


def employer_page(session: Session, organization_id: int, today: date) -> EmployerPage:
    """The public page of an active organisation, or NotFound (also for deactivated ones)."""
    org = session.get(Organization, organization_id)
    if org is None or not org.active:
        raise NotFound("organization")
    offers = list(session.scalars(
        select(Offer).where(Offer.organization_id == org.id, open_condition(today))
        .options(selectinload(Offer.municipality), selectinload(Offer.organization))
        .order_by(Offer.application_deadline.is_(None), Offer.application_deadline, Offer.id)
    ))
    contract = session.scalar(
        select(CompetenceContract).where(
            CompetenceContract.organization_id == org.id, CompetenceContract.status == ContractStatus.ACTIVE,
            CompetenceContract.period_start <= today, CompetenceContract.period_end >= today,
        ).order_by(CompetenceContract.period_end.desc())
    )
    return EmployerPage(org, offers, contract)
