"""Allocation rounds, ranking side: students rank offers, employers rank the students who chose theirs.

Privacy: an employer sees, per offer of theirs in a round, only the participants who ranked that offer
(ranking an offer in a round is the student's own choice, like applying); name, program and skills only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import (
    AllocationOffer,
    AllocationParticipant,
    AllocationPreference,
    AllocationRound,
    Offer,
    RoundStatus,
    StudentProfile,
    User,
)
from matchmaker.services.ranking.index import OfferIndex
from matchmaker.services.ranking.rank import explain_pair

STUDENT, EMPLOYER = "student", "employer"
VISIBLE = (RoundStatus.OPEN, RoundStatus.ALLOCATED, RoundStatus.PUBLISHED)


def _prefs(session: Session, round_id: int, side: str) -> list[AllocationPreference]:
    return list(session.scalars(
        select(AllocationPreference).where(AllocationPreference.round_id == round_id,
                                           AllocationPreference.side == side)
        .order_by(AllocationPreference.rank, AllocationPreference.id)
    ))


def student_ranking(session: Session, round_id: int) -> dict[int, list[int]]:
    """Each participant's ranked offer ids, best first."""
    result: dict[int, list[int]] = {}
    for pref in _prefs(session, round_id, STUDENT):
        result.setdefault(pref.student_id, []).append(pref.offer_id)
    return result


def _score(session: Session, index: OfferIndex, profile: StudentProfile, offer: Offer) -> float:
    return explain_pair(session, index, profile, offer).score


def build_inputs(
    session: Session, index: OfferIndex, found: AllocationRound
) -> tuple[dict[int, list[int]], dict[int, list[int]], dict[int, int]]:
    """(student prefs, offer prefs, capacities) for deferred_acceptance, in database ids.

    Offer preferences: the students the employer ranked, in their order, then the other students who ranked
    the offer by the engine's score (best first), then by how high they ranked the offer, then by id.
    """
    in_round = {o.offer_id: o.places for o in found.offers}
    participants = {p.student_id for p in found.participants}
    ranked = student_ranking(session, found.id)
    student_prefs = {s: [o for o in ranked.get(s, []) if o in in_round][: found.max_choices]
                     for s in sorted(participants)}
    employer: dict[int, list[int]] = {}
    for pref in _prefs(session, found.id, EMPLOYER):
        employer.setdefault(pref.offer_id, []).append(pref.student_id)
    applicants: dict[int, list[int]] = {o: [] for o in in_round}
    for s, offers in student_prefs.items():
        for o in offers:
            applicants[o].append(s)
    offer_prefs: dict[int, list[int]] = {}
    for offer_id, students in applicants.items():
        chosen = [s for s in employer.get(offer_id, []) if s in students]
        rest = [s for s in students if s not in chosen]
        if rest:
            offer = session.get(Offer, offer_id)
            scores = {s: _score(session, index, session.get(StudentProfile, s), offer)  # type: ignore[arg-type]
                      for s in rest}
            rest.sort(key=lambda s: (-scores[s], student_prefs[s].index(offer_id), s))
        offer_prefs[offer_id] = chosen + rest
    return student_prefs, offer_prefs, in_round


# -- students ---------------------------------------------------------------------------------------------


def rounds_for_student(session: Session, profile: StudentProfile) -> list[AllocationRound]:
    """Rounds the student takes part in (not drafts), newest first."""
    return list(session.scalars(
        select(AllocationRound).join(AllocationParticipant)
        .where(AllocationParticipant.student_id == profile.id, AllocationRound.status.in_(VISIBLE))
        .order_by(AllocationRound.id.desc())
    ))


def student_round(
    session: Session, profile: StudentProfile, round_id: int
) -> tuple[AllocationRound, AllocationParticipant]:
    """A round the student takes part in, with their participation; NotFound otherwise."""
    found = session.get(AllocationRound, round_id)
    participant = session.scalar(select(AllocationParticipant).where(
        AllocationParticipant.round_id == round_id, AllocationParticipant.student_id == profile.id))
    if found is None or participant is None or found.status not in VISIBLE:
        raise NotFound("round")
    return found, participant


def round_offers(session: Session, found: AllocationRound) -> list[tuple[Offer, int]]:
    """The round's offers with their places, by title."""
    rows = session.execute(
        select(Offer, AllocationOffer.places).join(AllocationOffer, AllocationOffer.offer_id == Offer.id)
        .where(AllocationOffer.round_id == found.id).order_by(Offer.title, Offer.id)
    ).tuples().all()
    return list(rows)


def set_student_ranking(session: Session, profile: StudentProfile, round_id: int, offer_ids: Sequence[int]) -> None:
    """Replace the student's ranking: up to max_choices distinct offers of the round, best first."""
    found, _participant = student_round(session, profile, round_id)
    if found.status != RoundStatus.OPEN:
        raise ValidationError({"round": "is closed for ranking"})
    allowed = {o.offer_id for o in found.offers}
    if len(offer_ids) > found.max_choices:
        raise ValidationError({"choices": "too many choices"})
    if len(set(offer_ids)) != len(offer_ids):
        raise ValidationError({"choices": "an offer is chosen twice"})
    if any(o not in allowed for o in offer_ids):
        raise ValidationError({"choices": "is not an offer of the round"})
    session.execute(delete(AllocationPreference).where(
        AllocationPreference.round_id == round_id, AllocationPreference.side == STUDENT,
        AllocationPreference.student_id == profile.id))
    for rank, offer_id in enumerate(offer_ids, 1):
        session.add(AllocationPreference(round_id=round_id, side=STUDENT, student_id=profile.id,
                                         offer_id=offer_id, rank=rank))
    session.flush()
    audit.record(session, profile.user, "allocation.student_rank", found, choices=len(offer_ids))


# -- employers --------------------------------------------------------------------------------------------


def rounds_for_employer(session: Session, org_id: int) -> list[AllocationRound]:
    """Rounds (not drafts) with at least one offer of the organisation, newest first."""
    return list(session.scalars(
        select(AllocationRound).join(AllocationOffer).join(Offer, Offer.id == AllocationOffer.offer_id)
        .where(Offer.organization_id == org_id, AllocationRound.status.in_(VISIBLE))
        .distinct().order_by(AllocationRound.id.desc())
    ))


@dataclass
class EmployerOffer:
    """One of the employer's offers in a round: who ranked it, the employer's order, and who got it."""

    offer: Offer
    places: int
    applicants: list[StudentProfile]  # in the employer's current order (ranked first, then the rest by id)
    ranked: set[int]
    allocated: list[StudentProfile]


def employer_round(session: Session, org_id: int, round_id: int) -> tuple[AllocationRound, list[EmployerOffer]]:
    """The organisation's view of a round; NotFound when none of its offers is in it."""
    found = session.get(AllocationRound, round_id)
    if found is None or found.status not in VISIBLE:
        raise NotFound("round")
    mine = [(o, p) for o, p in round_offers(session, found) if o.organization_id == org_id]
    if not mine:
        raise NotFound("round")
    chose = student_ranking(session, round_id)
    employer: dict[int, list[int]] = {}
    for pref in _prefs(session, round_id, EMPLOYER):
        employer.setdefault(pref.offer_id, []).append(pref.student_id)
    allocated: dict[int, list[int]] = {}
    if found.status == RoundStatus.PUBLISHED:  # results are the coach's to adjust until published
        for p in found.participants:
            if p.allocated_offer_id is not None:
                allocated.setdefault(p.allocated_offer_id, []).append(p.student_id)
    views = []
    for offer, places in mine:
        ids = sorted(s for s, offers in chose.items() if offer.id in offers[: found.max_choices])
        order = [s for s in employer.get(offer.id, []) if s in ids]
        order += [s for s in ids if s not in order]
        views.append(EmployerOffer(
            offer=offer, places=places, applicants=[session.get(StudentProfile, s) for s in order],  # type: ignore[misc]
            ranked=set(employer.get(offer.id, [])),
            allocated=[session.get(StudentProfile, s) for s in allocated.get(offer.id, [])],  # type: ignore[misc]
        ))
    return found, views


def set_employer_ranking(
    session: Session, actor: User, org_id: int, round_id: int, offer_id: int, student_ids: Sequence[int]
) -> None:
    """Replace the employer's order of the students who ranked `offer_id` (those left out follow by score)."""
    found, views = employer_round(session, org_id, round_id)
    view = next((v for v in views if v.offer.id == offer_id), None)
    if view is None:
        raise NotFound("offer")
    if found.status != RoundStatus.OPEN:
        raise ValidationError({"round": "is closed for ranking"})
    allowed = {p.id for p in view.applicants}
    if len(set(student_ids)) != len(student_ids):
        raise ValidationError({"ranking": "a student is ranked twice"})
    if any(s not in allowed for s in student_ids):
        raise ValidationError({"ranking": "is not a student who chose this offer"})
    session.execute(delete(AllocationPreference).where(
        AllocationPreference.round_id == round_id, AllocationPreference.side == EMPLOYER,
        AllocationPreference.offer_id == offer_id))
    for rank, student_id in enumerate(student_ids, 1):
        session.add(AllocationPreference(round_id=round_id, side=EMPLOYER, student_id=student_id,
                                         offer_id=offer_id, rank=rank))
    session.flush()
    audit.record(session, actor, "allocation.employer_rank", found, offer_id=offer_id, ranked=len(student_ids))
