"""Who may see and register for an event: by study program, program level and graduation term."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, func, select, true
from sqlalchemy.orm import Session

from matchmaker.models import Event, StudentProfile, StudyProgram, User


def is_eligible(event: Event, profile: StudentProfile) -> bool:
    """True when the student meets every criterion the event sets (an empty criterion admits everyone)."""
    if event.programs and profile.program_id not in {p.id for p in event.programs}:
        return False
    if event.levels and (profile.program is None or profile.program.level.value not in event.levels):
        return False
    return not (event.graduation_terms and profile.graduation_term not in event.graduation_terms)


def eligible_filter(program_ids: list[int], levels: list[str], terms: list[str]) -> ColumnElement[bool]:
    """The same rule as is_eligible, as SQL over StudentProfile joined with StudyProgram (outer)."""
    parts: list[ColumnElement[bool]] = []
    if program_ids:
        parts.append(StudentProfile.program_id.in_(program_ids))
    if levels:
        parts.append(StudyProgram.level.in_(levels))
    if terms:
        parts.append(StudentProfile.graduation_term.in_(terms))
    return and_(true(), *parts)


def count_eligible(session: Session, program_ids: list[int], levels: list[str], terms: list[str]) -> int:
    """How many active students meet the criteria (a coach is told when nobody does)."""
    stmt = (select(func.count()).select_from(StudentProfile).join(User, User.id == StudentProfile.user_id)
            .outerjoin(StudyProgram, StudyProgram.id == StudentProfile.program_id)
            .where(User.active.is_(True), eligible_filter(program_ids, levels, terms)))
    return int(session.scalar(stmt) or 0)
