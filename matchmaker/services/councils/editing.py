"""Coaches create and edit programme councils and their members, with measurable goals set at creation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matchmaker.core import audit
from matchmaker.core.errors import NotFound, ValidationError
from matchmaker.models import (
    CouncilMember,
    LifecyclePhase,
    MemberKind,
    Organization,
    ProgrammeCouncil,
    Role,
    StudyProgram,
    User,
)

MAX_MEETINGS_GOAL = 52
MAX_MEMBERS_GOAL = 100


@dataclass
class CouncilInput:
    """What a coach fills in for a council."""

    program_id: int | None = None
    name: str = ""
    description: str = ""
    phase: str = LifecyclePhase.DEVELOP.value
    goal_meetings_per_year: int | None = None
    goal_employer_members: int | None = None

    @classmethod
    def of(cls, council: ProgrammeCouncil) -> CouncilInput:
        """The input that would recreate a council (to prefill the edit form)."""
        return cls(program_id=council.program_id, name=council.name, description=council.description,
                   phase=council.phase.value, goal_meetings_per_year=council.goal_meetings_per_year,
                   goal_employer_members=council.goal_employer_members)


@dataclass
class MemberInput:
    """A member as the coach adds them: kind, name, organisation (employers) and optional account e-mail."""

    kind: str = ""
    name: str = ""
    organization_id: int | None = None
    email: str = ""


def _validate(session: Session, data: CouncilInput, council: ProgrammeCouncil | None) -> StudyProgram:
    errors: dict[str, str] = {}
    program = session.get(StudyProgram, data.program_id) if data.program_id is not None else None
    if program is None:
        errors["program"] = "Choose a study program from the list."
    else:
        taken = session.scalar(select(ProgrammeCouncil.id).where(ProgrammeCouncil.program_id == program.id))
        if taken is not None and (council is None or taken != council.id):
            errors["program"] = "This program already has a council: edit that one instead."
    if not data.name.strip():
        errors["name"] = "Give the council a name."
    elif len(data.name.strip()) > 200:
        errors["name"] = "The name is too long (at most 200 characters)."
    if data.phase not in {p.value for p in LifecyclePhase}:
        errors["phase"] = "Choose a phase from the list."
    if data.goal_meetings_per_year is None:
        errors["goal_meetings_per_year"] = "Set a goal: how many times the council meets in 12 months."
    elif not 1 <= data.goal_meetings_per_year <= MAX_MEETINGS_GOAL:
        errors["goal_meetings_per_year"] = "The goal for meetings is between 1 and 52 a year."
    if data.goal_employer_members is not None and not 1 <= data.goal_employer_members <= MAX_MEMBERS_GOAL:
        errors["goal_employer_members"] = ("The goal for employer representatives is between 1 and 100 "
                                           "(leave it empty for none).")
    if errors:
        raise ValidationError(errors)
    assert program is not None
    return program


def create_council(session: Session, actor: User, data: CouncilInput) -> ProgrammeCouncil:
    """Create a council, or raise ValidationError with a reason per field (nothing written then)."""
    program = _validate(session, data, None)
    assert data.goal_meetings_per_year is not None
    council = ProgrammeCouncil(
        program=program, name=data.name.strip(), description=data.description.strip(),
        phase=LifecyclePhase(data.phase), goal_meetings_per_year=data.goal_meetings_per_year,
        goal_employer_members=data.goal_employer_members, created_by_id=actor.id)
    session.add(council)
    session.flush()
    audit.record(session, actor, "council.created", council, program=program.slug)
    return council


def update_council(session: Session, actor: User, council: ProgrammeCouncil, data: CouncilInput) -> None:
    """Change a council's program, name, description, phase or goals (validated as on creation)."""
    program = _validate(session, data, council)
    assert data.goal_meetings_per_year is not None
    council.program, council.name, council.description = program, data.name.strip(), data.description.strip()
    council.phase, council.goal_meetings_per_year = LifecyclePhase(data.phase), data.goal_meetings_per_year
    council.goal_employer_members = data.goal_employer_members
    session.flush()
    audit.record(session, actor, "council.updated", council)


def get_council(session: Session, council_id: int) -> ProgrammeCouncil:
    """A council by id, or NotFound."""
    found = session.get(ProgrammeCouncil, council_id)
    if found is None:
        raise NotFound("council")
    return found


def _account(session: Session, email: str, kind: MemberKind, errors: dict[str, str]) -> User | None:
    if not email.strip():
        return None
    if kind == MemberKind.TEACHER:
        errors["email"] = "Teachers have no account here: leave the e-mail empty."
        return None
    account = session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    wanted = Role.EMPLOYER if kind == MemberKind.EMPLOYER_REPRESENTATIVE else Role.STUDENT
    if account is None or account.role != wanted:
        errors["email"] = ("No employer account has this e-mail." if wanted == Role.EMPLOYER
                           else "No student account has this e-mail.")
        return None
    return account


def add_member(session: Session, actor: User, council: ProgrammeCouncil, data: MemberInput) -> CouncilMember:
    """Add a member; an employer representative names an organisation, a linked account must be of the kind."""
    errors: dict[str, str] = {}
    kind = next((k for k in MemberKind if k.value == data.kind), None)
    if kind is None:
        raise ValidationError({"kind": "Choose what kind of member this is."})
    if not data.name.strip():
        errors["name"] = "Give the member's name."
    elif len(data.name.strip()) > 200:
        errors["name"] = "The name is too long (at most 200 characters)."
    organization = session.get(Organization, data.organization_id) if data.organization_id is not None else None
    if kind == MemberKind.EMPLOYER_REPRESENTATIVE and organization is None:
        errors["organization"] = "Choose the organisation the representative comes from."
    elif kind != MemberKind.EMPLOYER_REPRESENTATIVE and data.organization_id is not None:
        errors["organization"] = "Only employer representatives come from an organisation."
    account = _account(session, data.email, kind, errors)
    if account is not None and organization is not None and account.organization_id != organization.id:
        errors["email"] = "This account belongs to another organisation."
    former = next((m for m in council.members if account is not None and m.user_id == account.id), None)
    if former is not None and former.current:
        errors["email"] = "This person is already a member of the council."
    if errors:
        raise ValidationError(errors)
    if former is not None:  # a former member comes back: one row per account and council
        former.left_on, former.kind, former.name, former.organization = None, kind, data.name.strip(), organization
        member = former
    else:
        member = CouncilMember(kind=kind, name=data.name.strip(), organization=organization,
                               user_id=account.id if account else None)
        council.members.append(member)
    session.flush()
    audit.record(session, actor, "council.member_added", council, member=member.id, kind=kind.value)
    return member


def remove_member(session: Session, actor: User, council: ProgrammeCouncil, member_id: int, today: date) -> None:
    """A member leaves the council today; past minutes still list them where they attended."""
    member = next((m for m in council.members if m.id == member_id and m.current), None)
    if member is None:
        raise NotFound("member")
    member.left_on = today
    session.flush()
    audit.record(session, actor, "council.member_removed", council, member=member_id)
