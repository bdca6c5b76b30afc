"""Models as the API shows them (the shapes of schemas.py), for a given viewer."""

from __future__ import annotations

from typing import Any

from matchmaker.models import (
    Application,
    CompetenceContract,
    Municipality,
    Offer,
    Organization,
    Placement,
    Role,
    User,
)
from matchmaker.services.applications.pipeline import employer_moves
from matchmaker.services.contracts.progress import LineProgress, contract_status
from matchmaker.services.matching_runs.strength import Bands

from ..urls import external_url


def place(m: Municipality | None) -> dict[str, Any] | None:
    """A municipality reference."""
    return None if m is None else {"id": m.id, "code": m.code, "name": m.name, "county": m.county}


def hit(h: Any, viewer: User | None, bands: Bands) -> dict[str, Any]:
    """A ranked offer: the score, its word on the scale every page uses, and the reasons."""
    return {"offer": offer(h.offer, viewer), "score": h.score, "strength": bands.word(h.score), "reasons": h.reasons}


def offer(o: Offer, viewer: User | None) -> dict[str, Any]:
    """An offer; its link to a contract and the review comment only for its own organisation and coaches."""
    own = viewer is not None and (viewer.role == Role.COACH or viewer.organization_id == o.organization_id)
    return {
        "id": o.id, "kind": o.kind.value, "title": o.title, "description": o.description,
        "skills": list(o.skills or []), "programs": [p.slug for p in o.programs],
        "organization": {"id": o.organization.id, "name": o.organization.name}, "municipality": place(o.municipality),
        "remote": o.remote, "language": (o.language.value if o.language else "sv"), "period_start": o.period_start,
        "period_end": o.period_end, "places": o.places, "application_deadline": o.application_deadline,
        "status": o.status.value, "published_at": o.published_at, "updated_at": o.updated_at,
        "commitment_id": o.commitment_id if own else None, "review_comment": o.review_comment if own else None,
        "version": o.version_id, "url": external_url("main.offer_detail", offer_id=o.id),
    }


def organization(org: Organization) -> dict[str, Any]:
    """An organisation's public profile."""
    return {"id": org.id, "name": org.name, "sector": org.sector.value, "municipality": place(org.municipality),
            "website": org.website, "description": org.description, "verified": org.verified}


def application(a: Application, *, for_employer: bool) -> dict[str, Any]:
    """An application; the profile snapshot, private notes and possible moves for the employer only."""
    return {
        "id": a.id, "offer_id": a.offer_id, "offer_title": a.offer.title, "status": a.status.value,
        "message": a.message, "created_at": a.created_at,
        "events": [{"from_status": e.from_status.value if e.from_status else None, "to_status": e.to_status.value,
                    "at": e.at, "message": e.message} for e in a.events],
        "profile": dict(a.profile_snapshot or {}) if for_employer else None,
        "notes": a.employer_notes if for_employer else None,
        "allowed_moves": [s.value for s in employer_moves(a)] if for_employer else [],
        "version": a.version_id,
    }


def line(p: LineProgress) -> dict[str, Any]:
    """One commitment line's fulfilment."""
    return {"commitment_id": p.commitment_id, "kind": p.kind.value, "program_id": p.program_id,
            "committed": p.committed, "offers_linked": p.offers_linked, "offers_published": p.offers_published,
            "open_places": p.open_places, "applications": p.applications, "placements": p.placements,
            "completed": p.completed, "expected": float(p.expected), "status": p.status}


def contract(c: CompetenceContract, lines: list[LineProgress]) -> dict[str, Any]:
    """A contract with the fulfilment of each line."""
    return {"id": c.id, "organization": {"id": c.organization.id, "name": c.organization.name}, "title": c.title,
            "period_start": c.period_start, "period_end": c.period_end, "status": c.status.value,
            "signed_on": c.signed_on, "fulfilment": contract_status(lines), "lines": [line(p) for p in lines],
            "version": c.version_id}


def placement(p: Placement) -> dict[str, Any]:
    """A placement and its follow-up."""
    return {"id": p.id, "offer_id": p.offer_id, "offer_title": p.offer.title,
            "organization": {"id": p.offer.organization.id, "name": p.offer.organization.name},
            "student_id": p.student_id, "period_start": p.period_start, "period_end": p.period_end, "term": p.term,
            "completed": p.completed, "stayed_in_region": p.stayed_in_region, "student_rating": p.student_rating,
            "employer_rating": p.employer_rating, "hired_afterwards": p.hired_afterwards}
