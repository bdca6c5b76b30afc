"""Ranking use cases on the offer index: search, recommendations, candidates for an offer, one pair explained."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matchmaker.matching import Ranker
from matchmaker.models import Application, DismissedOffer, Offer, StudentProfile, User
from matchmaker.services.ranking.documents import Ranked, contract_org_ids, offer_doc, student_doc
from matchmaker.services.ranking.index import OfferIndex


def search_offers(
    ranker: Ranker | None,
    *,
    profile: StudentProfile | None,
    query: str,
    candidate_ids: Sequence[int] | None,
    k: int,
    today: date | None = None,
    language: str | None = None,
) -> list[Ranked]:
    """Rank offers on a snapshot of the index for a free-text query and/or a profile, best first.

    language: the user's ('sv', 'en'); term reasons name the concepts the synonym file knows in it.

    Only offers with some text match are returned.
    Karriärsök applies its filters in SQL and passes the surviving ids as candidates; the student's own
    preferences (kinds, programs) do not hide results here, they only shape the ranking.
    """
    if ranker is None or (profile is None and not query.strip()):
        return []
    candidates = None if candidate_ids is None else [str(i) for i in candidate_ids]
    matches = ranker.rank_offers(
        student_doc(profile) if profile is not None else None,
        query=query, k=k, today=today or date.today(), candidates=candidates, apply_filters=False,
        language=language,
    )
    return [Ranked.from_match(m) for m in matches]


def recommend_offers(
    session: Session, index: OfferIndex, profile: StudentProfile, *, k: int = 10, today: date | None = None,
    language: str | None = None,
) -> list[Ranked]:
    """Offers recommended for a student: open, passing the student's filters, not dismissed, not applied to."""
    ranker = index.snapshot(session, today)
    if ranker is None:
        return []
    excluded = set(session.scalars(select(DismissedOffer.offer_id).where(DismissedOffer.student_id == profile.id)))
    excluded |= set(session.scalars(select(Application.offer_id).where(Application.student_id == profile.id)))
    candidates = None
    if excluded:
        candidates = [oid for oid in ranker.offer_ids_ if int(oid) not in excluded]
    matches = ranker.rank_offers(
        student_doc(profile), k=k, today=today or date.today(), candidates=candidates, apply_filters=True,
        language=language,
    )
    return [Ranked.from_match(m) for m in matches]


def consenting_profiles(session: Session) -> list[StudentProfile]:
    """Profiles of active students who consented to be visible to employers."""
    return list(
        session.scalars(
            select(StudentProfile)
            .join(User, StudentProfile.user_id == User.id)
            .where(StudentProfile.visible_to_employers.is_(True), User.active.is_(True))
            .options(selectinload(StudentProfile.program), selectinload(StudentProfile.preferred_municipalities))
            .order_by(StudentProfile.id)
        )
    )


def _ranker_for(session: Session, index: OfferIndex, offer: Offer, today: date | None) -> Ranker:
    ranker = index.snapshot(session, today)
    if ranker is None:  # no published offers yet: a small space fitted on this offer alone
        ranker = Ranker().fit([offer_doc(offer)])
    return ranker


def rank_students_for_offer(
    session: Session, index: OfferIndex, offer: Offer, *, k: int = 20, today: date | None = None
) -> list[Ranked]:
    """Consenting students ranked for an offer, best first."""
    profiles = consenting_profiles(session)
    if not profiles:
        return []
    today = today or date.today()
    doc = offer_doc(offer, offer.organization_id in contract_org_ids(session, today))
    matches = _ranker_for(session, index, offer, today).rank_students(
        doc, [student_doc(p) for p in profiles], k=k)
    return [Ranked.from_match(m) for m in matches]


def explain_pair(session: Session, index: OfferIndex, profile: StudentProfile, offer: Offer,
                 today: date | None = None) -> Ranked:
    """Score and reasons for one student-offer pair (filters not applied: the pair is given)."""
    today = today or date.today()
    doc = offer_doc(offer, offer.organization_id in contract_org_ids(session, today))
    matches = _ranker_for(session, index, offer, today).rank_students(
        doc, [student_doc(profile)], k=1, apply_filters=False)
    if not matches:
        return Ranked(offer_id=offer.id, student_id=profile.id, score=0.0, reasons=[])
    return Ranked.from_match(matches[0])
