"""Allocation rounds, coach side: set up a round, run deferred acceptance, adjust, publish.

Round life: draft (coach picks offers and students) -> open (students and employers rank) ->
allocated (the coach runs, adjusts and re-runs) -> published (placements made, everyone told).
Rankings live in preferences.py; the algorithm in deferred_acceptance.py.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from matchmaker.core import audit, mail
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import (
    AllocationOffer,
    AllocationParticipant,
    AllocationPreference,
    AllocationRound,
    Application,
    ApplicationStatus,
    Offer,
    OfferStatus,
    Organization,
    RoundStatus,
    StudentProfile,
    User,
    utcnow,
)
from matchmaker.services.allocation.deferred_acceptance import blocking_pairs, deferred_acceptance
from matchmaker.services.allocation.preferences import EMPLOYER, STUDENT, build_inputs
from matchmaker.services.notifications.operations import notify
from matchmaker.services.notifications.recipients import organization_members
from matchmaker.services.placements.placements import create_from_round
from matchmaker.services.ranking.index import OfferIndex


def list_rounds(session: Session) -> list[AllocationRound]:
    """All rounds, newest first."""
    return list(session.scalars(select(AllocationRound).order_by(AllocationRound.id.desc())))


def get_round(session: Session, round_id: int) -> AllocationRound:
    """One round, or NotFound."""
    found = session.get(AllocationRound, round_id)
    if found is None:
        raise NotFound("round")
    return found


def offers_to_add(session: Session, found: AllocationRound) -> list[tuple[int, str, str]]:
    """(offer id, title, organisation name) of the published offers not yet in the round, by organisation."""
    in_round = {o.offer_id for o in found.offers}
    rows = session.execute(
        select(Offer.id, Offer.title, Organization.name).join(Organization)
        .where(Offer.status == OfferStatus.PUBLISHED).order_by(Organization.name, Offer.title)
    ).tuples()
    return [row for row in rows if row[0] not in in_round]


def participant_profiles(session: Session, found: AllocationRound) -> dict[int, StudentProfile]:
    """The profiles of the round's students, by profile id."""
    ids = [p.student_id for p in found.participants]
    return {p.id: p for p in session.scalars(select(StudentProfile).where(StudentProfile.id.in_(ids)))}


def create_round(session: Session, actor: User, name: str, max_choices: int | None,
                 ranking_deadline: date | None = None) -> AllocationRound:
    """A new round in draft (its ranking deadline may be set now or when it opens)."""
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "is required"
    elif len(name.strip()) > 200:
        errors["name"] = "is too long"
    if max_choices is None or not 1 <= max_choices <= 20:
        errors["max_choices"] = "must be between 1 and 20"
    if errors:
        raise ValidationError(errors)
    found = AllocationRound(name=name.strip(), max_choices=max_choices, created_by_id=actor.id,
                            ranking_deadline=ranking_deadline)
    session.add(found)
    session.flush()
    audit.record(session, actor, "allocation.create", found, max_choices=max_choices)
    return found


def _require(found: AllocationRound, *statuses: RoundStatus) -> None:
    if found.status not in statuses:
        raise ValidationError({"round": "cannot be changed in its current state"})


def add_offer(session: Session, actor: User, found: AllocationRound, offer_id: int | None, places: int | None) -> None:
    """Put a published offer in the round with its number of places (default: the offer's places)."""
    _require(found, RoundStatus.DRAFT, RoundStatus.OPEN)
    offer = session.get(Offer, offer_id) if offer_id else None
    if offer is None or offer.status != OfferStatus.PUBLISHED:
        raise ValidationError({"offer": "must be a published offer"})
    if any(o.offer_id == offer.id for o in found.offers):
        raise ValidationError({"offer": "is already in the round"})
    places = offer.places if places is None else places
    if not 1 <= places <= 500:
        raise ValidationError({"places": "must be between 1 and 500"})
    found.offers.append(AllocationOffer(offer_id=offer.id, places=places))
    session.flush()
    audit.record(session, actor, "allocation.add_offer", found, offer_id=offer.id, places=places)


def remove_offer(session: Session, actor: User, found: AllocationRound, offer_id: int) -> None:
    """Take an offer out of the round, with every ranking of it."""
    _require(found, RoundStatus.DRAFT, RoundStatus.OPEN)
    row = next((o for o in found.offers if o.offer_id == offer_id), None)
    if row is None:
        raise NotFound("offer")
    found.offers.remove(row)
    session.execute(delete(AllocationPreference).where(
        AllocationPreference.round_id == found.id, AllocationPreference.offer_id == offer_id))
    session.flush()
    audit.record(session, actor, "allocation.remove_offer", found, offer_id=offer_id)


def _add_students(session: Session, actor: User, found: AllocationRound, ids: list[int], how: str) -> int:
    present = {p.student_id for p in found.participants}
    new = [i for i in dict.fromkeys(ids) if i not in present]
    for student_id in new:
        found.participants.append(AllocationParticipant(student_id=student_id))
    session.flush()
    audit.record(session, actor, "allocation.add_students", found, how=how, added=len(new))
    return len(new)


def add_students_by_program(session: Session, actor: User, found: AllocationRound, program_id: int | None) -> int:
    """Add every active student of a program; returns how many were new."""
    _require(found, RoundStatus.DRAFT, RoundStatus.OPEN)
    if program_id is None:
        raise ValidationError({"program": "is required"})
    ids = session.scalars(
        select(StudentProfile.id).join(User, StudentProfile.user_id == User.id)
        .where(StudentProfile.program_id == program_id, User.active.is_(True)).order_by(StudentProfile.id)
    ).all()
    return _add_students(session, actor, found, list(ids), "program")


def add_applicants(session: Session, actor: User, found: AllocationRound) -> int:
    """Add every student with a live application to one of the round's offers."""
    _require(found, RoundStatus.DRAFT, RoundStatus.OPEN)
    offer_ids = [o.offer_id for o in found.offers]
    if not offer_ids:
        return 0
    ids = session.scalars(
        select(Application.student_id).join(StudentProfile).join(User, StudentProfile.user_id == User.id)
        .where(Application.offer_id.in_(offer_ids), User.active.is_(True),
               Application.status.not_in([ApplicationStatus.WITHDRAWN, ApplicationStatus.DECLINED]))
        .order_by(Application.student_id)
    ).all()
    return _add_students(session, actor, found, list(ids), "applicants")


def remove_student(session: Session, actor: User, found: AllocationRound, student_id: int) -> None:
    """Take a student out of the round, with their rankings and those of them."""
    _require(found, RoundStatus.DRAFT, RoundStatus.OPEN, RoundStatus.ALLOCATED)
    row = next((p for p in found.participants if p.student_id == student_id), None)
    if row is None:
        raise NotFound("student")
    found.participants.remove(row)
    session.execute(delete(AllocationPreference).where(
        AllocationPreference.round_id == found.id, AllocationPreference.student_id == student_id))
    session.flush()
    audit.record(session, actor, "allocation.remove_student", found, student_id=student_id)


def open_round(session: Session, actor: User, found: AllocationRound, ranking_deadline: date | None = None, *,
               today: date | None = None) -> None:
    """Let students and employers rank until the ranking deadline; each of them is told."""
    _require(found, RoundStatus.DRAFT)
    if not found.offers or not found.participants:
        raise ValidationError({"round": "needs at least one offer and one student"})
    deadline = ranking_deadline or found.ranking_deadline
    if deadline is None:
        raise ValidationError({"ranking_deadline": "is required to open the round"})
    if deadline < (today or date.today()):
        raise ValidationError({"ranking_deadline": "must not be in the past"})
    found.ranking_deadline = deadline
    found.status = RoundStatus.OPEN
    session.flush()
    audit.record(session, actor, "allocation.open", found, ranking_deadline=deadline.isoformat())
    notify(session, _people(session, found), "round.opened", {"round": found.name, "deadline": deadline.isoformat()},
           obj=("round", found.id))


def _people(session: Session, found: AllocationRound) -> list[User]:
    """The round's students and the members of the organisations whose offers are in it."""
    profiles = participant_profiles(session, found)
    students = [profiles[p.student_id].user for p in found.participants if p.student_id in profiles]
    org_ids = sorted(set(session.scalars(select(Offer.organization_id).where(
        Offer.id.in_([o.offer_id for o in found.offers])))))
    return students + [member for org_id in org_ids for member in organization_members(session, org_id)]


def unranked(session: Session, found: AllocationRound) -> tuple[int, int]:
    """(students, offers) of the round that have made no ranking yet: the coach is warned before publishing."""
    ranked = session.execute(select(AllocationPreference.side, AllocationPreference.student_id,
                                    AllocationPreference.offer_id).where(AllocationPreference.round_id == found.id))
    students, offers = set(), set()
    for side, student_id, offer_id in ranked:
        (students.add(student_id) if side == STUDENT else offers.add(offer_id))
    return (sum(1 for p in found.participants if p.student_id not in students),
            sum(1 for o in found.offers if o.offer_id not in offers))


def run(session: Session, index: OfferIndex, actor: User, found: AllocationRound) -> dict[int, int | None]:
    """Allocate by student-proposing deferred acceptance; replaces any earlier result or manual move."""
    _require(found, RoundStatus.OPEN, RoundStatus.ALLOCATED)
    student_prefs, offer_prefs, capacities = build_inputs(session, index, found)
    result = deferred_acceptance(student_prefs, offer_prefs, capacities)
    for participant in found.participants:
        participant.allocated_offer_id = result.get(participant.student_id)
    found.status = RoundStatus.ALLOCATED
    session.flush()
    audit.record(session, actor, "allocation.run", found, placed=sum(1 for v in result.values() if v is not None),
                 students=len(result))
    return result


def move(session: Session, actor: User, found: AllocationRound, student_id: int, offer_id: int | None) -> None:
    """Move a student to another offer of the round (or to none); the offer must have a free place."""
    _require(found, RoundStatus.ALLOCATED)
    participant = next((p for p in found.participants if p.student_id == student_id), None)
    if participant is None:
        raise NotFound("student")
    if offer_id is not None:
        row = next((o for o in found.offers if o.offer_id == offer_id), None)
        if row is None:
            raise ValidationError({"offer": "is not in the round"})
        taken = sum(1 for p in found.participants if p.allocated_offer_id == offer_id and p is not participant)
        if taken >= row.places:
            raise ValidationError({"offer": "has no free place"})
    before = participant.allocated_offer_id
    participant.allocated_offer_id = offer_id
    session.flush()
    audit.record(session, actor, "allocation.move", found, student_id=student_id, before=before, after=offer_id)


@dataclass
class RoundSummary:
    """What the coach needs to judge a result."""

    placed: int = 0
    unplaced: list[int] = field(default_factory=list)  # student ids
    free_places: dict[int, int] = field(default_factory=dict)  # offer id -> places left
    blocking: list[tuple[int, int]] = field(default_factory=list)  # (student, offer) pairs, after manual moves
    student_ranks: dict[int, list[int]] = field(default_factory=dict)
    employer_ranked: dict[int, set[int]] = field(default_factory=dict)  # offer id -> students the employer ranked


def summary(session: Session, index: OfferIndex, found: AllocationRound) -> RoundSummary:
    """Unplaced students, unfilled places and whether the current allocation is still stable."""
    student_prefs, offer_prefs, capacities = build_inputs(session, index, found)
    allocation = {p.student_id: p.allocated_offer_id for p in found.participants}
    taken = Counter(v for v in allocation.values() if v is not None)
    employer_ranked: dict[int, set[int]] = {}
    for pref in session.scalars(select(AllocationPreference).where(
            AllocationPreference.round_id == found.id, AllocationPreference.side == EMPLOYER)):
        employer_ranked.setdefault(pref.offer_id, set()).add(pref.student_id)
    result = RoundSummary(
        placed=sum(taken.values()),
        unplaced=sorted(s for s, v in allocation.items() if v is None),
        free_places={o.offer_id: max(0, o.places - taken[o.offer_id]) for o in found.offers},
        student_ranks={s: list(p) for s, p in student_prefs.items()},
        employer_ranked=employer_ranked,
    )
    if found.status in (RoundStatus.ALLOCATED, RoundStatus.PUBLISHED):
        result.blocking = blocking_pairs(student_prefs, offer_prefs, capacities, allocation)
    return result


def publish(session: Session, actor: User, found: AllocationRound, today: date) -> int:
    """Make placements of the allocation and tell every student and employer contact; returns placements made."""
    _require(found, RoundStatus.ALLOCATED)
    found.status = RoundStatus.PUBLISHED
    found.published_at = utcnow()
    made = create_from_round(session, found, today, words := {})
    audit.record(session, actor, "allocation.publish", found, placements=made)
    # One message per person: the result mail is the wording of the round's notification mail (as each chose).
    told = notify(session, _people(session, found), "round.results", {"round": found.name}, obj=("round", found.id),
                  wording=lambda person: words.get(person.id))
    for person in filter(None, (session.get(User, i) for i in sorted(set(words) - {n.user_id for n in told}))):
        mail.queue_mail(session, person.email, *words[person.id])  # a contact outside the members: still told
    return made


__all__ = [
    "STUDENT", "EMPLOYER", "RoundSummary", "add_applicants", "add_offer", "add_students_by_program",
    "create_round", "get_round", "list_rounds", "move", "open_round", "publish", "remove_offer",
    "remove_student", "run", "summary", "unranked",
]
