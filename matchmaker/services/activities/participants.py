"""Which participants of an activity want to work in a sparsely populated municipality (their own stated wish).

Matchmaker does not record where a student lives, so "students from sparsely populated municipalities" cannot be
counted. What the profile does say is whether the student would like to work in a sparsely populated municipality
(the tick box) or chose such a municipality among the preferred ones; that wish is what is counted here, and the
reports label it so. Participants are the students checked in at an event and the mentees with a pair in a
mentoring programme; other kinds of activity have no student participants recorded here (None).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, or_, select
from sqlalchemy.orm import Session

from matchmaker.models import EventRegistration, Mentee, MentoringPair, Municipality, StudentProfile
from matchmaker.models.student import student_municipalities

from .goals import Activity


@dataclass(frozen=True)
class SparseWish:
    """Of an activity's student participants, how many want to work in a sparsely populated municipality."""

    wishing: int
    participants: int


def _wishes_sparse() -> ColumnElement[bool]:
    chose_sparse = exists().where(
        student_municipalities.c.student_id == StudentProfile.id,
        student_municipalities.c.municipality_id == Municipality.id,
        Municipality.sparsely_populated.is_(True))
    return or_(StudentProfile.prefers_sparse.is_(True), chose_sparse)


def _count(session: Session, rows: Select[Any]) -> dict[int, SparseWish]:
    found: dict[int, tuple[set[int], set[int]]] = {}
    for activity_id, student_id, wishing in session.execute(rows):
        everyone, wishers = found.setdefault(activity_id, (set(), set()))
        everyone.add(student_id)
        if wishing:
            wishers.add(student_id)
    return {a: SparseWish(len(w), len(e)) for a, (e, w) in found.items()}


def sparse_wishes(session: Session, activities: Iterable[Activity]) -> dict[tuple[str, int], SparseWish | None]:
    """Per (kind, id): the participants wishing to work in a sparsely populated municipality; None for kinds
    without recorded student participants."""
    wanted = list(activities)
    events = [a.id for a in wanted if a.kind == "event"]
    programmes = [a.id for a in wanted if a.kind == "mentoring"]
    by_event = _count(session, select(EventRegistration.event_id, StudentProfile.id, _wishes_sparse())
                      .join(StudentProfile, EventRegistration.student_id == StudentProfile.id)
                      .where(EventRegistration.event_id.in_(events), EventRegistration.checked_in_at.is_not(None))
                      ) if events else {}
    by_programme = _count(session, select(MentoringPair.programme_id, StudentProfile.id, _wishes_sparse())
                          .join(Mentee, MentoringPair.mentee_id == Mentee.id)
                          .join(StudentProfile, Mentee.student_id == StudentProfile.id)
                          .where(MentoringPair.programme_id.in_(programmes))) if programmes else {}
    result: dict[tuple[str, int], SparseWish | None] = {}
    for a in wanted:
        if a.kind == "event":
            result[(a.kind, a.id)] = by_event.get(a.id, SparseWish(0, 0))
        elif a.kind == "mentoring":
            result[(a.kind, a.id)] = by_programme.get(a.id, SparseWish(0, 0))
        else:
            result[(a.kind, a.id)] = None
    return result
