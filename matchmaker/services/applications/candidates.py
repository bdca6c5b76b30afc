"""Suggested candidates for an employer's offer, and inviting them to apply.

Only students who consented to be visible to employers are suggested or invited; suggestions never carry
contact details (those follow the rule in pipeline.contact_visible()).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from matchmaker.core import audit, mail
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import Application, Invitation, InvitationStatus, StudentProfile, User
from matchmaker.services.offers.queries import get_offer_for
from matchmaker.services.ranking.index import OfferIndex
from matchmaker.services.ranking.rank import rank_students_for_offer
from matchmaker.services.students.profiles import employer_view

MESSAGE_MAX = 2000

# Builds (subject, body) of the mail telling the student about an invitation (the web layer knows URLs).
InvitationMail = Callable[[Invitation], tuple[str, str]]


@dataclass
class Candidate:
    """A suggested student for an offer, as the employer may see them (no contact details)."""

    student_id: int
    score: float
    profile: dict[str, Any]
    reasons: list[dict[str, Any]] = field(default_factory=list)
    invitation: Invitation | None = None
    applied: bool = False


def _consenting(profile: StudentProfile | None) -> bool:
    return profile is not None and profile.visible_to_employers and profile.user.active


def candidates_for_offer(
    session: Session, index: OfferIndex, actor: User, offer_id: int, *, k: int = 20, today: date | None = None,
    locale: str = "sv",
) -> list[Candidate]:
    """Consenting students ranked for one of the actor's organisation's offers, best first."""
    offer = get_offer_for(session, actor, offer_id)
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
        if profile is None or not _consenting(profile):
            continue
        result.append(
            Candidate(
                student_id=profile.id, score=r.score, profile=employer_view(profile, with_contact=False, locale=locale),
                reasons=list(r.reasons), invitation=invitations.get(profile.id), applied=profile.id in applied,
            )
        )
    return result


def invite(
    session: Session, actor: User, offer_id: int, student_id: int, *, message: str = "", today: date,
    notify: InvitationMail | None = None,
) -> Invitation:
    """Invite a consenting student to apply to an open offer of the actor's organisation.

    The invitation shows on the student's home page; with `notify`, a mail tells the student too (the address
    is used by the system only, never shown to the employer).
    """
    offer = get_offer_for(session, actor, offer_id)
    profile = session.get(StudentProfile, student_id)
    if not _consenting(profile):
        raise NotFound("student")  # a student who did not consent does not exist for employers
    assert profile is not None
    if not offer.is_open(today):
        raise ValidationError({"offer": "is not open for applications"})
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise ValidationError({"message": "is too long"})
    pair_applied = select(Application.id).where(Application.offer_id == offer.id, Application.student_id == profile.id)
    if session.scalar(pair_applied):
        raise ValidationError({"student": "has already applied to this offer"})
    pair_invited = select(Invitation.id).where(Invitation.offer_id == offer.id, Invitation.student_id == profile.id)
    if session.scalar(pair_invited):
        raise ValidationError({"student": "has already been invited to this offer"})
    invitation = Invitation(
        offer_id=offer.id, student_id=profile.id, sent_by_id=actor.id, message=message, status=InvitationStatus.SENT
    )
    try:
        # A savepoint: a double click racing this one hits the unique constraint, not the whole transaction.
        with session.begin_nested():
            session.add(invitation)
            session.flush()
    except IntegrityError:
        raise ValidationError({"student": "has already been invited to this offer"}) from None
    if notify is not None:
        subject, body = notify(invitation)
        mail.queue_mail(session, profile.user.email, subject, body)
    audit.record(session, actor, "invitation.create", invitation, offer_id=offer.id, student_id=profile.id)
    return invitation
