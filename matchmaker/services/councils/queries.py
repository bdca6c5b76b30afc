"""Which programs have active councils, each council's outcome against its goals, and who reads which minutes.

A council is active when it met within the last 12 months: on or after the same date one year ago.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.core.errors import NotFound
from matchmaker.models import CouncilMeeting, MemberKind, ProgrammeCouncil, Role, StudyProgram, User
from matchmaker.services import catalogue
from matchmaker.services.accounts.organizations import require_verified

from .editing import get_council
from .meetings import get_meeting


def year_before(today: date) -> date:
    """The same date a year earlier (28 February for 29 February): the start of "the last 12 months"."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


def meetings_last_year(council: ProgrammeCouncil, today: date) -> list[CouncilMeeting]:
    """Meetings held within the last 12 months, newest first."""
    since = year_before(today)
    return [m for m in council.meetings if since <= m.held_on <= today]


def is_active(council: ProgrammeCouncil, today: date) -> bool:
    """True when the council met within the last 12 months."""
    return bool(meetings_last_year(council, today))


@dataclass
class Outcome:
    """A council's goals next to what happened: meetings in 12 months, employer representatives, and how many
    of the represented organisations are in sparsely populated municipalities."""

    meetings: int
    goal_meetings: int
    employer_members: int
    goal_employer_members: int | None
    sparse_organizations: int
    organizations: int
    active: bool
    last_meeting: date | None

    @property
    def meetings_met(self) -> bool:
        return self.meetings >= self.goal_meetings

    @property
    def employers_met(self) -> bool | None:
        return None if self.goal_employer_members is None else self.employer_members >= self.goal_employer_members


def outcome(council: ProgrammeCouncil, today: date) -> Outcome:
    """The council's outcome against its goals (current members only)."""
    employers = [m for m in council.members if m.current and m.kind == MemberKind.EMPLOYER_REPRESENTATIVE]
    orgs = {m.organization.id: m.organization for m in employers if m.organization is not None}.values()
    sparse = sum(1 for o in orgs if o.municipality is not None and o.municipality.sparsely_populated)
    held = meetings_last_year(council, today)
    return Outcome(meetings=len(held), goal_meetings=council.goal_meetings_per_year, employer_members=len(employers),
                   goal_employer_members=council.goal_employer_members, sparse_organizations=sparse,
                   organizations=len(orgs), active=bool(held),
                   last_meeting=council.meetings[0].held_on if council.meetings else None)


def all_councils(session: Session) -> list[ProgrammeCouncil]:
    """Every council, by name."""
    return list(session.scalars(select(ProgrammeCouncil).order_by(ProgrammeCouncil.name, ProgrammeCouncil.id)))


@dataclass
class ProgramRow:
    """A study program and its council (None: it has none), for the coaches' overview."""

    program: StudyProgram
    council: ProgrammeCouncil | None
    outcome: Outcome | None

    @property
    def active(self) -> bool:
        return self.outcome is not None and self.outcome.active


def overview(session: Session, today: date) -> list[ProgramRow]:
    """Every active study program with its council; programs without an active council first."""
    by_program = {c.program_id: c for c in all_councils(session)}
    rows = [ProgramRow(p, by_program.get(p.id), outcome(by_program[p.id], today) if p.id in by_program else None)
            for p in catalogue.programs(session)]
    listed = {r.program.id for r in rows}
    # A council whose program was later made inactive is still shown, so no council disappears from view.
    rows += [ProgramRow(c.program, c, outcome(c, today)) for c in by_program.values() if c.program_id not in listed]
    return sorted(rows, key=lambda r: r.active)  # stable: by name within each group


def _is_member(user: User, council: ProgrammeCouncil) -> bool:
    for m in council.members:
        if not m.current:
            continue
        if m.user_id == user.id:
            return True
        if (user.role == Role.EMPLOYER and m.kind == MemberKind.EMPLOYER_REPRESENTATIVE
                and user.organization_id is not None and m.organization_id == user.organization_id):
            return True
    return False


def councils_of(session: Session, user: User) -> list[ProgrammeCouncil]:
    """The councils whose minutes `user` may read: a current member by account, or an employer whose verified
    organisation is represented. An employer of an unverified organisation is refused (Unverified): the minutes
    name the student members."""
    if user.role == Role.EMPLOYER:
        if user.organization is None:
            return []
        require_verified(user.organization)
    elif user.role != Role.STUDENT:
        return []
    return [c for c in all_councils(session) if _is_member(user, c)]


def minutes_for(session: Session, user: User, council_id: int, meeting_id: int) -> CouncilMeeting:
    """A meeting's minutes for a member of its council; NotFound for anyone else (existence is not leaked)."""
    council = get_council(session, council_id)
    if council not in councils_of(session, user):
        raise NotFound("council")
    return get_meeting(council, meeting_id)
