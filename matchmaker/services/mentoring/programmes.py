"""Mentoring programmes: coaches create them; mentors (employer staff) register; eligible students apply."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import Forbidden, NotFound, ValidationError
from matchmaker.models import (
    LifecyclePhase,
    Mentee,
    Mentor,
    MentoringProgramme,
    ProgramLevel,
    ProgrammeStatus,
    Role,
    StudentProfile,
    StudyProgram,
    User,
)
from matchmaker.services.accounts.organizations import require_verified
from matchmaker.services.events.eligibility import count_eligible

MAX_CAPACITY = 10


@dataclass
class ProgrammeInput:
    """What a coach fills in for a programme."""

    title: str = ""
    description: str = ""
    goals: str = ""
    period_start: date | None = None
    period_end: date | None = None
    matching_deadline: date | None = None
    target_pairs: int | None = None
    target_completion: int | None = None
    program_ids: list[int] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    phase: str = "stimulate"


def create_programme(session: Session, actor: User, data: ProgrammeInput) -> MentoringProgramme:
    """Create a programme, or raise ValidationError with a reason per field (nothing written then)."""
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = "Give the programme a title."
    elif len(data.title) > 200:
        errors["title"] = "The title is too long (at most 200 characters)."
    if data.period_start is None:
        errors["period_start"] = "Give the start of the period."
    if data.period_end is None:
        errors["period_end"] = "Give the end of the period."
    elif data.period_start is not None and data.period_end <= data.period_start:
        errors["period_end"] = "The period must end after it starts."
    if data.matching_deadline is None:
        errors["matching_deadline"] = "Give the matching deadline."
    elif data.period_end is not None and data.matching_deadline >= data.period_end:
        errors["matching_deadline"] = "The matching deadline must fall before the period ends."
    if data.target_pairs is not None and data.target_pairs < 1:
        errors["target_pairs"] = "The goal for pairs must be at least 1 (leave it empty for none)."
    if data.target_completion is not None and not 1 <= data.target_completion <= 100:
        errors["target_completion"] = "The completion goal is a percentage between 1 and 100."
    if data.phase not in {p.value for p in LifecyclePhase}:
        errors["phase"] = "Choose a phase from the list."
    if set(data.levels) - {lv.value for lv in ProgramLevel}:
        errors["levels"] = "Choose levels from the list."
    programs = list(session.scalars(select(StudyProgram).where(StudyProgram.id.in_(data.program_ids))))
    if len(programs) != len(set(data.program_ids)):
        errors["programs"] = "Choose programs from the list."
    if not errors and (data.program_ids or data.levels) and count_eligible(
            session, data.program_ids, data.levels, []) == 0:
        errors["programs"] = "No student meets this eligibility: widen the programs, levels or terms."
    if errors:
        raise ValidationError(errors)
    assert data.period_start and data.period_end and data.matching_deadline
    programme = MentoringProgramme(
        title=data.title.strip(), description=data.description.strip(), goals=data.goals.strip(),
        period_start=data.period_start, period_end=data.period_end, matching_deadline=data.matching_deadline,
        target_pairs=data.target_pairs, target_completion=data.target_completion, levels=sorted(set(data.levels)),
        programs=programs, created_by_id=actor.id, phase=LifecyclePhase(data.phase),
    )
    session.add(programme)
    session.flush()
    audit.record(session, actor, "mentoring.programme_created", programme)
    return programme


def get_programme(session: Session, programme_id: int) -> MentoringProgramme:
    """A programme by id, or NotFound."""
    found = session.get(MentoringProgramme, programme_id)
    if found is None:
        raise NotFound("programme")
    return found


def all_programmes(session: Session) -> list[MentoringProgramme]:
    """Every programme, newest period first."""
    return list(session.scalars(select(MentoringProgramme).order_by(MentoringProgramme.period_start.desc(),
                                                                    MentoringProgramme.id)))


def is_open(programme: MentoringProgramme, today: date) -> bool:
    """Mentors and mentees join until the matching deadline, while the coach has not published pairs."""
    return programme.status != ProgrammeStatus.PUBLISHED and today <= programme.matching_deadline


def student_eligible(programme: MentoringProgramme, profile: StudentProfile) -> bool:
    """Program and level rules, as for events (an empty rule admits everyone)."""
    if programme.programs and profile.program_id not in {p.id for p in programme.programs}:
        return False
    return not (programme.levels and (profile.program is None or profile.program.level.value not in programme.levels))


def register_mentor(session: Session, actor: User, programme: MentoringProgramme, expertise: str,
                    preferences: str, capacity: int | None, today: date) -> Mentor:
    """Employer staff or an alumnus registers (or updates) as a mentor: expertise, preferences and capacity."""
    if actor.role == Role.ALUMNUS:
        pass  # a graduate mentors in their own name; the university knows them, no organisation is vouched for
    elif actor.role != Role.EMPLOYER or actor.organization is None:
        raise Forbidden("Mentors are staff of an employer organisation or alumni.")
    else:
        require_verified(actor.organization)
    if not is_open(programme, today):
        raise ValidationError({"registration": "Registration for this programme is closed."})
    errors: dict[str, str] = {}
    if capacity is None or not 1 <= capacity <= MAX_CAPACITY:
        errors["capacity"] = "A mentor takes between 1 and 10 mentees."
    if not expertise.strip():
        errors["expertise"] = "Describe your expertise: it is what mentees are matched on."
    if errors:
        raise ValidationError(errors)
    found = next((m for m in programme.mentors if m.user_id == actor.id), None)
    if found is None:
        found = Mentor(programme_id=programme.id, user_id=actor.id)
        programme.mentors.append(found)
    found.expertise, found.preferences, found.capacity = expertise.strip(), preferences.strip(), int(capacity or 1)
    session.flush()
    audit.record(session, actor, "mentoring.mentor_registered", programme, mentor=found.id)
    return found


def apply(session: Session, profile: StudentProfile, programme: MentoringProgramme, goals: str,
          today: date) -> Mentee:
    """An eligible student applies (or updates the application) with their goals."""
    if not student_eligible(programme, profile):
        raise NotFound("programme")
    if not is_open(programme, today):
        raise ValidationError({"registration": "Registration for this programme is closed."})
    if not goals.strip():
        raise ValidationError({"goals": "Describe your goals: they are what you are matched on."})
    found = next((m for m in programme.mentees if m.student_id == profile.id), None)
    if found is None:
        found = Mentee(programme_id=programme.id, student_id=profile.id)
        programme.mentees.append(found)
    found.goals = goals.strip()
    session.flush()
    audit.record(session, profile.user, "mentoring.applied", programme)
    return found


def open_for_student(session: Session, profile: StudentProfile, today: date) -> list[MentoringProgramme]:
    """Programmes the student may apply to now."""
    return [p for p in all_programmes(session) if is_open(p, today) and student_eligible(p, profile)]


def open_for_mentors(session: Session, today: date) -> list[MentoringProgramme]:
    """Programmes mentors may join now."""
    return [p for p in all_programmes(session) if is_open(p, today)]
