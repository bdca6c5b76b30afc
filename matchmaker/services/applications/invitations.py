"""Invitations, the student side: list, accept (go on to apply), decline.

The employer side (sending) lives in services/invitations_employer.py.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from matchmaker.core import audit
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import Invitation, InvitationStatus, Offer, StudentProfile, User
from matchmaker.services.students.profiles import profile_of


def list_own(session: Session, user: User) -> list[Invitation]:
    """The student's invitations, open ones first, newest first."""
    profile = profile_of(user)
    rows = session.scalars(
        select(Invitation).where(Invitation.student_id == profile.id)
        .options(joinedload(Invitation.offer).joinedload(Offer.organization))
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
    )
    return sorted(rows, key=lambda i: i.status != InvitationStatus.SENT)


def get_own(session: Session, user: User, invitation_id: int) -> Invitation:
    """One of the student's own invitations; NotFound for anyone else's."""
    profile = profile_of(user)
    invitation = session.get(Invitation, invitation_id)
    if invitation is None or invitation.student_id != profile.id:
        raise NotFound("invitation")
    return invitation


def _answer(session: Session, user: User, invitation_id: int, status: InvitationStatus) -> Invitation:
    invitation = get_own(session, user, invitation_id)
    if invitation.status != InvitationStatus.SENT:
        raise ValidationError({"status": "this invitation is already answered"})
    invitation.status = status
    session.flush()
    audit.record(session, user, f"invitation.{status.value}", invitation, offer_id=invitation.offer_id)
    return invitation


def accept(session: Session, user: User, invitation_id: int) -> Invitation:
    """Accept an invitation; the student then applies to the offer (contact details become visible)."""
    return _answer(session, user, invitation_id, InvitationStatus.ACCEPTED)


def decline(session: Session, user: User, invitation_id: int) -> Invitation:
    """Decline an invitation."""
    return _answer(session, user, invitation_id, InvitationStatus.DECLINED)


def open_invitation(session: Session, profile: StudentProfile, offer_id: int) -> Invitation | None:
    """The student's unanswered invitation to apply to this offer, if any."""
    return session.scalar(
        select(Invitation).where(Invitation.offer_id == offer_id, Invitation.student_id == profile.id,
                                 Invitation.status == InvitationStatus.SENT)
    )
