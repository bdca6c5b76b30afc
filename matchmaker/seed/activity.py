"""Demo notifications made from the seeded history, so a newcomer sees the bell at once (nothing is mailed).

Each application's latest step becomes the notification its people got: the student hears of the employer's
moves, the organisation's members of new applications and answers; coaches of offers waiting for review. The
newest few of each person are unread, older ones read.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from matchmaker.models import Application, ApplicationStatus, Notification, Offer, OfferStatus, Role, User
from matchmaker.seed.support import SeedContext

S = ApplicationStatus
UNREAD = 3  # per person: the newest ones stay unread
_TO_STUDENT = {S.IN_REVIEW: "application.status", S.SHORTLISTED: "application.status",
               S.INTERVIEW: "application.status", S.OFFERED: "application.offered"}
_TO_EMPLOYER = {S.SUBMITTED: "application.new", S.ACCEPTED: "application.accepted",
                S.DECLINED: "application.declined", S.WITHDRAWN: "application.withdrawn"}


def load_notifications(ctx: SeedContext) -> int:
    """Notifications for the seeded applications and offers in review; returns how many."""
    session = ctx.session
    notes: list[Notification] = []
    for application in session.scalars(select(Application).order_by(Application.id)):
        offer, last = application.offer, application.events[-1]
        params = {"student": application.student.name, "offer": offer.title, "organization": offer.organization.name}
        declined_by_student = last.to_status == S.DECLINED and last.actor_id == application.student.user_id
        if last.to_status in _TO_STUDENT:
            notes.append(Notification(user_id=application.student.user_id, kind=_TO_STUDENT[last.to_status],
                                      params=params, object_type="application", object_id=application.id,
                                      created_at=last.at))
        elif last.to_status in _TO_EMPLOYER and offer.organization.verified and (
                last.to_status != S.DECLINED or declined_by_student):
            for member in offer.organization.members:
                if member.role == Role.EMPLOYER:
                    notes.append(Notification(user_id=member.id, kind=_TO_EMPLOYER[last.to_status], params=params,
                                              object_type="application", object_id=application.id,
                                              created_at=last.at))
    coaches = list(session.scalars(select(User).where(User.role == Role.COACH)))
    for offer in session.scalars(select(Offer).where(Offer.status == OfferStatus.SUBMITTED).order_by(Offer.id)):
        for coach in coaches:
            notes.append(Notification(user_id=coach.id, kind="offer.submitted", object_type="offer",
                                      object_id=offer.id, created_at=offer.submitted_at or ctx.moment(ctx.today),
                                      params={"offer": offer.title, "organization": offer.organization.name}))
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for note in notes:
        by_user[note.user_id].append(note)
    for own in by_user.values():
        own.sort(key=lambda n: n.created_at, reverse=True)
        for note in own[UNREAD:]:
            note.read_at = note.created_at
    session.add_all(notes)
    session.flush()
    return len(notes)
