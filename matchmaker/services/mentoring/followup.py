"""Following pairs up: meetings, the mid-point and the final check-in with a short rating; goals against outcomes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import (
    CheckInKind,
    Mentee,
    Mentor,
    MentoringPair,
    MentoringProgramme,
    PairCheckIn,
    ProgrammeStatus,
    StudentProfile,
    User,
)


def pairs_of(session: Session, user: User) -> list[MentoringPair]:
    """The user's pairs in published programmes, as mentor or as mentee."""
    stmt = (select(MentoringPair).join(MentoringProgramme).join(Mentor, Mentor.id == MentoringPair.mentor_id)
            .join(Mentee, Mentee.id == MentoringPair.mentee_id)
            .join(StudentProfile, StudentProfile.id == Mentee.student_id)
            .where(MentoringProgramme.status == ProgrammeStatus.PUBLISHED,
                   or_(Mentor.user_id == user.id, StudentProfile.user_id == user.id))
            .order_by(MentoringProgramme.period_start.desc(), MentoringPair.id))
    return list(session.scalars(stmt))


def pair_for(session: Session, user: User, pair_id: int) -> MentoringPair:
    """One of the user's own published pairs, else NotFound."""
    pair = next((p for p in pairs_of(session, user) if p.id == pair_id), None)
    if pair is None:
        raise NotFound("pair")
    return pair


def add_check_in(session: Session, user: User, pair: MentoringPair, kind: str, happened_on: date | None,
                 rating: int | None, note: str, today: date) -> PairCheckIn:
    """Record a meeting or check-in of the pair by one of its two sides."""
    errors: dict[str, str] = {}
    if kind not in {k.value for k in CheckInKind}:
        errors["kind"] = "Choose meeting, mid-point or final check-in."
    if happened_on is None:
        errors["happened_on"] = "Give the date."
    elif happened_on > today:
        errors["happened_on"] = "The date cannot be in the future."
    if rating is not None and not 1 <= rating <= 5:
        errors["rating"] = "The rating is between 1 and 5."
    if len(note) > 2000:
        errors["note"] = "The note is too long (at most 2000 characters)."
    if errors:
        raise ValidationError(errors)
    assert happened_on is not None
    row = PairCheckIn(pair_id=pair.id, kind=CheckInKind(kind), by_user_id=user.id, happened_on=happened_on,
                      rating=rating, note=note.strip())
    pair.check_ins.append(row)
    session.flush()
    audit.record(session, user, "mentoring.check_in", pair, kind=kind)
    return row


@dataclass
class Outcomes:
    """A programme's goals next to what happened."""

    mentors: int
    mentees: int
    pairs: int
    target_pairs: int | None
    meetings: int
    midpoint_done: int
    completed: int
    completion_percent: float | None
    target_completion: int | None
    average_rating: float | None

    @property
    def pairs_met(self) -> bool | None:
        return None if self.target_pairs is None else self.pairs >= self.target_pairs

    @property
    def completion_met(self) -> bool | None:
        if self.target_completion is None or self.completion_percent is None:
            return None
        return self.completion_percent >= self.target_completion


def outcomes(programme: MentoringProgramme) -> Outcomes:
    """Pairs against the pair goal, completed pairs (a final check-in) against the completion goal, ratings."""
    check_ins = [c for p in programme.pairs for c in p.check_ins]
    completed = sum(1 for p in programme.pairs if any(c.kind == CheckInKind.FINAL for c in p.check_ins))
    ratings = [c.rating for c in check_ins if c.rating is not None]
    pairs = len(programme.pairs)
    return Outcomes(
        mentors=len(programme.mentors), mentees=len(programme.mentees), pairs=pairs,
        target_pairs=programme.target_pairs,
        meetings=sum(1 for c in check_ins if c.kind == CheckInKind.MEETING),
        midpoint_done=sum(1 for p in programme.pairs if any(c.kind == CheckInKind.MIDPOINT for c in p.check_ins)),
        completed=completed, completion_percent=round(100 * completed / pairs, 1) if pairs else None,
        target_completion=programme.target_completion,
        average_rating=round(sum(ratings) / len(ratings), 1) if ratings else None,
    )
