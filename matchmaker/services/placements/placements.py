"""Placements and their follow-up: made from allocation rounds, completed, rated by both sides.

A placement keeps program_id and term of its own, so statistics survive when the student deletes their
account (student_id then becomes NULL).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from matchmaker.core import audit, mail
from matchmaker.core import terms as terms_
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import (
    AllocationRound,
    Offer,
    OfferKind,
    Placement,
    Role,
    StudentProfile,
    User,
    utcnow,
)


def term_of(day: date) -> str:
    """The academic term of a date: VT (January-May), SO (summer, June-August), HT (September-December)."""
    return terms_.term_of(day)


def employer_contacts(session: Session, org_id: int) -> list[User]:
    """Active employer accounts of an organisation."""
    return list(session.scalars(select(User).where(
        User.organization_id == org_id, User.role == Role.EMPLOYER, User.active.is_(True)).order_by(User.id)))


_MAIL = {
    "sv": {
        "placed": ("Du har fått en plats: {offer}", "Hej {name}!\n\nI fördelningen \"{round}\" har du fått en plats "
                   "hos {org}: {offer}.\nDu ser resultatet under Mina placeringar i Matchmaker.\n"),
        "unplaced": ("Resultat av {round}", "Hej {name}!\n\nI fördelningen \"{round}\" fick du tyvärr ingen plats "
                     "den här gången. Kontakta gärna en karriärvägledare.\n"),
        "employer": ("Fördelningen {round} är klar", "Hej!\n\nFördelningen \"{round}\" är publicerad.\n{lines}\n"
                     "Du ser resultatet under Placeringar i Matchmaker.\n"),
        "line": ("{offer}: {count} student", "{offer}: {count} studenter"),
    },
    "en": {
        "placed": ("You have a place: {offer}", "Hello {name},\n\nIn the allocation round \"{round}\" you have a "
                   "place at {org}: {offer}.\nSee the result under My placements in Matchmaker.\n"),
        "unplaced": ("Result of {round}", "Hello {name},\n\nIn the allocation round \"{round}\" you did not get a "
                     "place this time. You are welcome to contact a career coach.\n"),
        "employer": ("The allocation {round} is done", "Hello,\n\nThe allocation round \"{round}\" is published.\n"
                     "{lines}\nSee the result under Placements in Matchmaker.\n"),
        "line": ("{offer}: {count} student", "{offer}: {count} students"),
    },
}


def create_from_round(session: Session, found: AllocationRound, today: date,
                      words: dict[int, tuple[str, str]] | None = None) -> int:
    """Placements for every allocated participant, and a mail to each student and employer contact.

    words: when given, the mails are collected there by user id (the wording of the round's notification mail)
    instead of being queued here.
    """
    made = 0

    def send(user: User, subject: str, body: str) -> None:
        if words is None:
            mail.queue_mail(session, user.email, subject, body)
        else:
            words[user.id] = (subject, body)

    per_offer: dict[int, int] = {}
    for participant in found.participants:
        profile = session.get(StudentProfile, participant.student_id)
        if profile is None:
            continue
        texts = _MAIL[profile.user.locale.value]
        if participant.allocated_offer_id is None:
            subject, body = texts["unplaced"]
            send(profile.user, subject.format(round=found.name), body.format(name=profile.name, round=found.name))
            continue
        offer = session.get(Offer, participant.allocated_offer_id)
        assert offer is not None
        start = offer.period_start or today
        session.add(Placement(
            student_id=profile.id, offer_id=offer.id, program_id=profile.program_id, allocation_round_id=found.id,
            period_start=start, period_end=offer.period_end if offer.period_end and offer.period_end >= start else None,
            term=term_of(start),
        ))
        made += 1
        per_offer[offer.id] = per_offer.get(offer.id, 0) + 1
        subject, body = texts["placed"]
        send(profile.user, subject.format(offer=offer.title)[:200],
             body.format(name=profile.name, round=found.name, org=offer.organization.name, offer=offer.title))
    orgs: dict[int, list[Offer]] = {}
    for row in found.offers:
        offer = session.get(Offer, row.offer_id)
        if offer is not None:
            orgs.setdefault(offer.organization_id, []).append(offer)
    for org_id, offers in sorted(orgs.items()):
        for contact in employer_contacts(session, org_id):
            texts = _MAIL[contact.locale.value]
            # Both languages say "1 student", "2 students"/"2 studenter": the plural form by the count.
            counts = [(o.title, per_offer.get(o.id, 0)) for o in offers]
            lines = "\n".join(texts["line"][n != 1].format(offer=title, count=n) for title, n in counts)
            subject, body = texts["employer"]
            send(contact, subject.format(round=found.name)[:200], body.format(round=found.name, lines=lines))
    session.flush()
    return made


# -- lists ------------------------------------------------------------------------------------------------


@dataclass
class PlacementFilter:
    """Filters of the coach's placement list."""

    term: str = ""
    kind: str = ""
    program_id: int | None = None
    organization_id: int | None = None
    completed: str = ""  # "", "yes" or "no"


def _listing() -> Select[tuple[Placement]]:
    return select(Placement).join(Offer, Placement.offer_id == Offer.id).options(
        selectinload(Placement.offer).selectinload(Offer.organization), selectinload(Placement.student)
    ).order_by(Placement.period_start.desc(), Placement.id.desc())


def list_placements(session: Session, f: PlacementFilter) -> list[Placement]:
    """Placements matching the filter, newest first."""
    query = _listing()
    if f.term:
        query = query.where(Placement.term == f.term)
    if f.kind in {k.value for k in OfferKind}:
        query = query.where(Offer.kind == f.kind)
    if f.program_id:
        query = query.where(Placement.program_id == f.program_id)
    if f.organization_id:
        query = query.where(Offer.organization_id == f.organization_id)
    if f.completed in ("yes", "no"):
        query = query.where(Placement.completed.is_(f.completed == "yes"))
    return list(session.scalars(query))


def terms(session: Session) -> list[str]:
    """Terms that have placements, newest first."""
    found = set(session.scalars(select(Placement.term).distinct()))
    return sorted((t for t in found if t), key=terms_.term_sort_key, reverse=True)


def for_student(session: Session, profile: StudentProfile) -> list[Placement]:
    """The student's own placements."""
    return list(session.scalars(_listing().where(Placement.student_id == profile.id)))


def for_organization(session: Session, org_id: int) -> list[Placement]:
    """Placements on the organisation's offers."""
    return list(session.scalars(_listing().where(Offer.organization_id == org_id)))


# -- follow-up --------------------------------------------------------------------------------------------


def get(session: Session, placement_id: int) -> Placement:
    """One placement, or NotFound."""
    found = session.get(Placement, placement_id)
    if found is None:
        raise NotFound("placement")
    return found


def set_completed(session: Session, actor: User, placement: Placement, completed: bool) -> None:
    """Mark a placement completed (or not)."""
    placement.completed = completed
    placement.completed_at = utcnow() if completed else None
    session.flush()
    audit.record(session, actor, "placement.completed", placement, completed=completed)


def set_stayed_in_region(session: Session, actor: User, placement: Placement, stayed: bool | None) -> None:
    """The coach records whether the student stayed in the region afterwards (None: unknown)."""
    placement.stayed_in_region = stayed
    session.flush()
    audit.record(session, actor, "placement.stayed_in_region", placement, stayed=stayed)


def _rating(value: int | None, key: str, errors: dict[str, str]) -> None:
    if value is None or not 1 <= value <= 5:
        errors[key] = "must be between 1 and 5"


def _check_feedback(rating: int | None, answer_field: str, answer: bool | None, text: str) -> None:
    """Both sides' feedback: a 1-5 rating, a yes/no answer, and at most 2000 characters of text."""
    errors: dict[str, str] = {}
    _rating(rating, "rating", errors)
    if answer is None:
        errors[answer_field] = "is required"
    if len(text) > 2000:
        errors["feedback"] = "is too long"
    if errors:
        raise ValidationError(errors)


def student_feedback(
    session: Session, profile: StudentProfile, placement_id: int, rating: int | None, would_recommend: bool | None,
    text: str,
) -> Placement:
    """The student's short feedback on their own placement."""
    placement = session.get(Placement, placement_id)
    if placement is None or placement.student_id != profile.id:
        raise NotFound("placement")
    _check_feedback(rating, "would_recommend", would_recommend, text)
    placement.student_rating, placement.student_would_recommend = rating, would_recommend
    placement.student_feedback = text.strip()
    session.flush()
    audit.record(session, profile.user, "placement.student_feedback", placement)
    return placement


def employer_feedback(
    session: Session, actor: User, org_id: int, placement_id: int, rating: int | None, hired: bool | None, text: str,
) -> Placement:
    """The employer's feedback: value to the organisation 1-5 and whether the student was hired or offered a job."""
    placement = session.get(Placement, placement_id)
    if placement is None or placement.offer.organization_id != org_id:
        raise NotFound("placement")
    _check_feedback(rating, "hired", hired, text)
    placement.employer_rating, placement.hired_afterwards = rating, hired
    placement.employer_feedback = text.strip()
    session.flush()
    audit.record(session, actor, "placement.employer_feedback", placement)
    return placement
