"""Suggested candidates for an employer's offer (inviting them is in invitations.py).

Only students who consented to be visible to employers are suggested or invited; suggestions never carry
contact details (those follow the rule in pipeline.contact_visible()).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matchmaker.models import Application, Invitation, StudentProfile, User
from matchmaker.services.accounts.organizations import require_verified
from matchmaker.services.applications.invitations import consenting
from matchmaker.services.offers.queries import get_offer_for
from matchmaker.services.ranking.index import OfferIndex
from matchmaker.services.ranking.rank import rank_students_for_offer
from matchmaker.services.students.profiles import employer_view


@dataclass
class Candidate:
    """A suggested student for an offer, as the employer may see them (no contact details)."""

    student_id: int
    score: float
    profile: dict[str, Any]
    reasons: list[dict[str, Any]] = field(default_factory=list)
    invitation: Invitation | None = None
    applied: bool = False


def candidates_for_offer(
    session: Session, index: OfferIndex, actor: User, offer_id: int, *, k: int = 20, today: date | None = None,
    locale: str = "sv",
) -> list[Candidate]:
    """Consenting students ranked for one of the actor's organisation's offers, best first."""
    offer = get_offer_for(session, actor, offer_id)
    require_verified(offer.organization)  # no students for an organisation nobody has verified
    ranked = rank_students_for_offer(session, index, offer, k=k, today=today)
    ids = [r.student_id for r in ranked if r.student_id is not None]
    if not ids:
        return []
    profiles = {
        p.id: p
        for p in session.scalars(
            select(StudentProfile)
            .where(StudentProfile.id.in_(ids))
            .options(
                selectinload(StudentProfile.user), selectinload(StudentProfile.program),
                selectinload(StudentProfile.preferred_municipalities),
            )
        )
    }
    invitations = {
        i.student_id: i
        for i in session.scalars(
            select(Invitation).where(Invitation.offer_id == offer.id, Invitation.student_id.in_(ids))
        )
    }
    applied = set(
        session.scalars(
            select(Application.student_id).where(Application.offer_id == offer.id, Application.student_id.in_(ids))
        )
    )
    result = []
    for r in ranked:
        profile = profiles.get(r.student_id or 0)
        # Checked again here: consent may have been withdrawn since the ranking's data was read.
        if profile is None or not consenting(profile):
            continue
        result.append(
            Candidate(
                student_id=profile.id, score=r.score, profile=employer_view(profile, with_contact=False, locale=locale),
                reasons=list(r.reasons), invitation=invitations.get(profile.id), applied=profile.id in applied,
            )
        )
    return result
