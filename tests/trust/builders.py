"""Builders for the trust tests: a student with one of every kind of personal data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from matchmaker.models import (
    AllocationParticipant,
    AllocationRound,
    Application,
    ApplicationEvent,
    ApplicationStatus,
    AuditEvent,
    DismissedOffer,
    Invitation,
    MatchRun,
    MatchSuggestion,
    Offer,
    Placement,
    RunStatus,
    SavedSearch,
    User,
)


@dataclass
class StudentData:
    """The ids of everything made for one student."""

    application_id: int
    invitation_id: int
    saved_search_id: int
    match_id: int
    placement_id: int
    run_id: int


def full_student_data(session: Session, student: User, offer: Offer, other_offer: Offer) -> StudentData:
    """Give `student` an application (with an event), an invitation, a saved search, a dismissed offer,
    a match with reasons, a placement and an allocation round participation."""
    profile = student.student_profile
    assert profile is not None
    application = Application(student_id=profile.id, offer_id=offer.id, message="Jag vill gärna!",
                              profile_snapshot={"name": profile.name, "email": student.email})
    session.add(application)
    session.flush()
    session.add(ApplicationEvent(application_id=application.id, from_status=None,
                                 to_status=ApplicationStatus.SUBMITTED, actor_id=student.id, message="Ansökt"))
    invitation = Invitation(offer_id=other_offer.id, student_id=profile.id, message="Sök hos oss!")
    search = SavedSearch(student_id=profile.id, name="Umeå data", params={"q": "data"})
    session.add_all([invitation, search, DismissedOffer(student_id=profile.id, offer_id=other_offer.id)])
    run = MatchRun(status=RunStatus.SUCCEEDED, is_current=True)
    session.add(run)
    session.flush()
    match = MatchSuggestion(run_id=run.id, student_id=profile.id, offer_id=offer.id, score=0.73,
                  reasons=[{"kind": "skill", "label": "python", "weight": 0.4}])
    placement = Placement(student_id=profile.id, offer_id=offer.id, period_start=date(2026, 1, 19), term="VT2026")
    rnd = AllocationRound(name="Runda")
    session.add_all([match, placement, rnd])
    session.flush()
    session.add(AllocationParticipant(round_id=rnd.id, student_id=profile.id))
    session.add(AuditEvent(actor_id=student.id, action="profile.update", object_type="StudentProfile",
                           object_id=str(profile.id), details={"fields": ["about"]}))
    session.flush()
    return StudentData(application.id, invitation.id, search.id, match.id, placement.id, run.id)
