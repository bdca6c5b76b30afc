"""Invitations to apply, both ways: an employer invites a consenting student; the student lists, accepts (and goes
on to apply) or declines.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from matchmaker.core import audit
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import Application, Invitation, InvitationStatus, Offer, StudentProfile, User
from matchmaker.services.accounts.organizations import require_verified
from matchmaker.services.notifications.operations import notify as notify_in_app
from matchmaker.services.offers.queries import get_offer_for
from matchmaker.services.students.profiles import profile_of

MESSAGE_MAX = 2000

# Builds (subject, body) of the mail telling the student about an invitation (the web layer knows URLs).
InvitationMail = Callable[[Invitation], tuple[str, str]]


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


def consenting(profile: StudentProfile | None) -> bool:
    """Whether employers may see this student: an active account that chose to be visible."""
    return profile is not None and profile.visible_to_employers and profile.user.active


def invite(
    session: Session, actor: User, offer_id: int, student_id: int, *, message: str = "", today: date,
    notify: InvitationMail | None = None,
) -> Invitation:
    """Invite a consenting student to apply to an open offer of the actor's organisation.

    The invitation shows on the student's home page; with `notify`, a mail tells the student too (the address
    is used by the system only, never shown to the employer).
    """
    offer = get_offer_for(session, actor, offer_id)
    require_verified(offer.organization)
    profile = session.get(StudentProfile, student_id)
    if not consenting(profile):
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
    audit.record(session, actor, "invitation.create", invitation, offer_id=offer.id, student_id=profile.id)
    # One message, in the app and by mail as the student chose: the caller's invitation mail is its wording.
    wording = None if notify is None else (lambda _student: notify(invitation))
    notify_in_app(session, [profile.user], "invitation.new", {"organization": offer.organization.name,
                                                               "offer": offer.title}, obj=("offer", offer.id),
                  wording=wording)
    return invitation
